// Real node run over a folder the test made: `main.js` in `folder`, with the folder as working
// directory and an environment without the test runner's variables (which would change what node
// prints). The oracle for engine tests whose programs read, list and stat files on disk; programs
// without files use oracle.mjs's runNode, which makes its own folder. Also the prediction's side of
// the same comparison: a model's stdout as lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `<folder>/main.js`; returns its stdout lines, its stderr and its exit code. */
export function runNodeIn(folder) {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD']) delete env[name];
  const run = spawnSync(process.execPath, [join(folder, 'main.js')], { cwd: folder, env, encoding: 'utf8', timeout: 20_000 });
  return { stdout: run.stdout.split('\n').filter((line, index, lines) => index < lines.length - 1 || line !== ''), stderr: run.stderr, exitCode: run.status };
}

/** Runs `<folder>/main.js`; asserts it wrote nothing to stderr and returns its stdout lines. */
export function runRealNodeIn(folder) {
  const { stdout, stderr } = runNodeIn(folder);
  assert.equal(stderr, '');
  return stdout;
}

/** A predicted model's stdout as lines, as `runRealNodeIn` returns real node's (one output line may hold several). */
export function predictedStdoutLines(model) {
  return model.output.filter((line) => line.stream === 'stdout').flatMap((line) => line.text.replace(/\n$/, '').split('\n'));
}

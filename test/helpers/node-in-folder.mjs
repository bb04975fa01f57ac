// Real node run over a folder the test made: `main.js` in `folder`, with the folder as working
// directory and an environment without the test runner's variables (which would change what node
// prints). The oracle for engine tests whose programs read, list and stat files on disk; programs
// without files use oracle.mjs's runNode, which makes its own folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `<folder>/main.js`; asserts it wrote nothing to stderr and returns its stdout lines. */
export function runRealNodeIn(folder) {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD']) delete env[name];
  const run = spawnSync(process.execPath, [join(folder, 'main.js')], { cwd: folder, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.stderr, '');
  return run.stdout.split('\n').filter((line, index, lines) => index < lines.length - 1 || line !== '');
}

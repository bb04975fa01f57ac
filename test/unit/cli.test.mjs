// The `looplens` command as a user runs it: a child process of the built dist/cli.js. Expected
// program output is measured by running the same file in real `node` within the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli.js');

function looplens(args, options = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, ...options });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function realNode(file) {
  const result = spawnSync(process.execPath, [file], { cwd: dirname(file), encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'looplens-cli-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

test('--version prints the manifest version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const run = looplens(['--version']);
  assert.equal(run.code, 0);
  assert.equal(run.stdout.trim(), version);
});

test('--help lists both commands', () => {
  const run = looplens(['--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /predict/);
  assert.match(run.stdout, /check/);
});

test('bad input: one clear line on stderr, exit code 2, no stack trace', async (t) => {
  const binary = join(scratch, 'binary.js');
  writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
  const latin1 = join(scratch, 'latin1.js');
  writeFileSync(latin1, Buffer.from('console.log("caf\xe9")', 'latin1'));
  // Past the engine's budgets.fileSizeKb (512 KB by default, --max-file-size here).
  const big = join(scratch, 'big.js');
  writeFileSync(big, 'console.log(1);\n'.repeat(40_000));
  const twoKb = join(scratch, 'two-kb.js');
  writeFileSync(twoKb, `console.log(1);${' '.repeat(2048)}\n`);
  const cases = [
    { name: 'missing file', args: ['predict', join(scratch, 'nope.js')], message: /no such file/ },
    { name: 'a directory', args: ['predict', scratch], message: /is a directory/ },
    { name: 'an unknown model', args: ['predict', 'examples/node-event-loop.js', '--model', 'deno'], message: /unknown model 'deno'/ },
    { name: 'a binary file', args: ['predict', binary], message: /binary/ },
    { name: 'a non-UTF-8 file', args: ['predict', latin1], message: /not valid UTF-8/ },
    { name: 'a file over the size limit', args: ['predict', big, '--max-file-size', '256'], message: /is 625 KB, over the 256 KB limit for prediction .* --max-file-size/ },
    { name: 'a file over the size limit, with --json', args: ['predict', twoKb, '--json', '--max-file-size', '1'], message: /is 3 KB, over the 1 KB limit for prediction/ },
    { name: 'an unknown command', args: ['frobnicate'], message: /unknown command/ },
    { name: 'a missing path for check', args: ['check', join(scratch, 'nope')], message: /no such file/ },
  ];
  for (const c of cases) {
    await t.test(c.name, () => {
      const run = looplens(c.args);
      assert.equal(run.code, 2, `exit code for ${c.name}: ${run.stderr}`);
      assert.match(run.stderr, c.message);
      assert.equal(run.stderr.trim().split('\n').length, 1, `one line, got:\n${run.stderr}`);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }
});

test('predict --json on the seed\'s Node example equals what real node prints', () => {
  const example = join(root, 'examples/node-event-loop.js');
  const real = realNode(example);
  const run = looplens(['predict', example, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.file, example);
  const node = result.models.node;
  assert.ok(node, 'the node model ran by default');
  assert.deepEqual(node.output.filter((line) => line.stream === 'stdout').map((line) => line.text + '\n').join(''), real.stdout);
  assert.equal(node.exitCode, real.code);
  for (const line of node.output) {
    assert.deepEqual(Object.keys(line).filter((key) => key !== 'varying').sort(), ['column', 'line', 'source', 'stream', 'text', 'why']);
    assert.ok(line.why.length > 0);
  }
  assert.equal(typeof node.deterministic, 'boolean');
  assert.ok(Array.isArray(node.alternatives));
  assert.ok(Array.isArray(node.notes));
  assert.ok('stopped' in node);
});

test('predict --json lists how each alternative order ends, and every real run ends as one of them', () => {
  // The timer throws only when it runs before the immediate that clears it: both orders print
  // nothing, and real node 20 crashes in roughly a third of the runs (measured here each time).
  const file = join(scratch, 'throwing-timer-race.js');
  writeFileSync(file, "const timer = setTimeout(() => { throw new Error('timer first'); }, 0);\nsetImmediate(() => clearTimeout(timer));\n");
  const run = looplens(['predict', file, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const node = JSON.parse(run.stdout).models.node;
  const stdoutOf = (texts) => texts.map((text) => `${text}\n`).join('');
  const endings = [{ stdout: stdoutOf(node.output.filter((line) => line.stream === 'stdout').map((line) => line.text)), exitCode: node.exitCode }];
  node.alternatives.forEach((alternative, index) => endings.push({ stdout: stdoutOf(alternative), exitCode: node.alternativeEndings?.[index]?.exitCode ?? node.exitCode }));
  for (let attempt = 0; attempt < 10; attempt++) {
    const real = realNode(file);
    assert.ok(endings.some((ending) => ending.stdout === real.stdout && ending.exitCode === real.code), `real node ended with exit code ${real.code}, which the prediction does not list: ${JSON.stringify(endings)}`);
  }
  assert.equal(node.deterministic, endings.length === 1);
});

test('predict prints numbered lines and marks lines that differ between models', () => {
  const file = join(scratch, 'differs.js');
  // At the top level of a CommonJS script nextTick callbacks run before promise jobs; in an ES
  // module the body itself runs in a promise job, so the order flips.
  writeFileSync(file, "Promise.resolve().then(() => console.log('promise'));\nprocess.nextTick(() => console.log('tick'));\n");
  const run = looplens(['predict', file, '--model', 'node,node-esm']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /== node \(/);
  assert.match(run.stdout, /== node-esm \(/);
  assert.match(run.stdout, /^\* 1 {2}tick/m);
  assert.match(run.stdout, /^\* 1 {2}promise/m);
});

test('check --json reports findings with the documented fields and exit code', () => {
  const file = join(scratch, 'tdz.js');
  writeFileSync(file, 'function show() { console.log(value); }\nshow();\nlet value = 1;\n');
  const run = looplens(['check', file, '--json']);
  const rows = JSON.parse(run.stdout);
  assert.ok(Array.isArray(rows));
  assert.ok(rows.length > 0, 'a call before the let it reads is initialised is found');
  for (const row of rows) {
    assert.deepEqual(Object.keys(row).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'kind', 'line', 'message', 'severity']);
  }
  const real = realNode(file);
  assert.notEqual(real.code, 0, 'real node throws here');
  assert.ok(rows.some((row) => row.severity === 'error' && row.kind === 'tdz'));
  assert.equal(run.code, 1);
});

test('check --sarif prints a SARIF 2.1.0 log', () => {
  const file = join(scratch, 'tdz-sarif.js');
  writeFileSync(file, 'function show() { return value; }\nshow();\nlet value = 1;\n');
  const rows = JSON.parse(looplens(['check', file, '--json']).stdout);
  const run = looplens(['check', file, '--sarif']);
  const log = JSON.parse(run.stdout);
  assert.equal(log.version, '2.1.0');
  const results = log.runs[0].results;
  assert.equal(results.length, rows.length);
  assert.ok(results.length > 0);
  const region = results[0].locations[0].physicalLocation.region;
  assert.deepEqual([results[0].ruleId, region.startLine, region.startColumn], [rows[0].code, rows[0].line, rows[0].column]);
  // The code users see is the rule's stable id, in both formats.
  assert.equal(rows[0].code, 'LL1002');
  assert.equal(log.runs[0].tool.driver.rules[results[0].ruleIndex].id, 'LL1002');
});

test('predict measures a file\'s size as the engine does: its text without the BOM, in UTF-16 units', () => {
  // A BOM and 1,024 ideographic spaces (whitespace in JavaScript, 3 bytes each in UTF-8): 3,075
  // bytes, but exactly 1 KB of text, which the 1 KB limit allows.
  const atLimit = join(scratch, 'bom-at-limit.js');
  writeFileSync(atLimit, `\uFEFF${'\u3000'.repeat(1024)}`);
  const run = looplens(['predict', atLimit, '--json', '--max-file-size', '1']);
  assert.equal(run.code, 0, run.stderr);
  const real = realNode(atLimit);
  assert.deepEqual(JSON.parse(run.stdout).models.node.output.map((line) => line.text), real.stdout.split('\n').slice(0, -1));
  assert.equal(JSON.parse(run.stdout).models.node.stopped, null);
  assert.equal(JSON.parse(run.stdout).models.node.exitCode, real.code);
  // One unit more is over it: 3,073 bytes may still be 1 KB of text, so the file is read and
  // measured in units (1,025 units are 2 KB; its bytes would say 4).
  const overLimit = join(scratch, 'over-limit.js');
  writeFileSync(overLimit, `${'\u3000'.repeat(1024)} `);
  const refused = looplens(['predict', overLimit, '--max-file-size', '1']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /: The file is 2 KB, over the 1 KB limit for prediction/);
  // A file whose bytes alone prove it too long is refused unread, and says it measured bytes.
  const huge = join(scratch, 'huge.js');
  writeFileSync(huge, ' '.repeat(3 * 1024 + 4));
  const unread = looplens(['predict', huge, '--max-file-size', '1']);
  assert.equal(unread.code, 2);
  assert.match(unread.stderr, /is 3076 bytes, so its text is over the 1 KB limit for prediction \(budgets\.fileSizeKb\) whatever it holds; it was not read/);
});

test('predict --max-file-size raises the size limit: a file over the lowered limit runs under a higher one', () => {
  const file = join(scratch, 'padded.js');
  writeFileSync(file, `console.log('ran');${' '.repeat(2048)}\n`);
  assert.equal(looplens(['predict', file, '--max-file-size', '2']).code, 2);
  const run = looplens(['predict', file, '--json', '--max-file-size', '3']);
  assert.equal(run.code, 0, run.stderr);
  const { models } = JSON.parse(run.stdout);
  assert.deepEqual(models.node.output.map((line) => line.text), realNode(file).stdout.split('\n').slice(0, -1));
  assert.equal(models.node.stopped, null);
});

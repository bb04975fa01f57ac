// The instrumentation must not change what a program does: every program here runs three times in
// real Node — as written, instrumented with no-op hooks, and instrumented with the real recorder —
// and the stdout, exit code and (for crashes) the error line must be identical. The expected
// output is whatever real Node prints for the original program at test time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { root, runNode, instrumentText } from './trace-harness.mjs';

const orderDir = join(root, 'test/fixtures/trace/order');
const programs = [
  ...readdirSync(orderDir).filter((name) => /\.m?js$/.test(name)).sort().map((name) => join(orderDir, name)),
  // The seed's own examples that run as single files.
  ...['execution-context.js', 'generators.js', 'koa-onion.js', 'node-event-loop.js', 'browser-event-loop.js', 'leaks.js', 'streams/backpressure.js']
    .map((name) => join(root, 'examples', name)),
];

/** The line of a crash report that names the error (paths and columns differ, the error must not). */
function errorLine(stderr) {
  return stderr.split('\n').find((line) => /^\w*(Error|Exception)\b/.test(line)) ?? '';
}

test('the corpus is large enough to mean something', () => {
  assert.ok(programs.length >= 40, `only ${programs.length} programs`);
});

for (const file of programs) {
  const name = basename(file);
  test(`instrumented ${name} prints what the original prints`, () => {
    const text = readFileSync(file, 'utf8');
    const instrumented = instrumentText(text, name);
    assert.deepEqual(instrumented.errors, []);
    assert.notEqual(instrumented.code, text, 'nothing was instrumented');
    assert.equal(instrumented.code.split('\n').length, text.split('\n').length, 'the line count changed');

    const original = runNode(text, name);
    assert.ok(original.stdout.length > 0, 'the original program printed nothing');
    const noop = runNode(instrumented.code, name, { mode: 'noop' });
    assert.equal(noop.stdout, original.stdout, 'stdout differs with no-op hooks');
    assert.equal(noop.exitCode, original.exitCode, 'exit code differs with no-op hooks');
    assert.equal(errorLine(noop.stderr), errorLine(original.stderr));

    // Node's util.inspect (the value formatter of this harness's recorder) itself calls the
    // Array.prototype.push a program may replace; that program is checked with the recorder
    // inside QuickJS instead (trace-quickjs.test.mjs), where the formatter does not.
    if (name.includes('patched-builtins')) return;
    const recorded = runNode(instrumented.code, name, { mode: 'record', table: instrumented.functions });
    assert.equal(recorded.stdout, original.stdout, 'stdout differs with the recorder');
    assert.equal(recorded.exitCode, original.exitCode, 'exit code differs with the recorder');
    assert.equal(errorLine(recorded.stderr), errorLine(original.stderr));
    assert.ok(recorded.trace && recorded.trace.contexts.length > 0, 'no trace was recorded');
  });
}

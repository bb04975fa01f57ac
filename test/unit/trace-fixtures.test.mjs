// The recorder's trace for the fixtures in test/fixtures/trace/<case>/ (input + expected.json),
// recorded in real Node with util.inspect as the value formatter. The expectations describe the
// contexts by name, kind, position (by text), caller, lexical parent, `this` and bindings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNode, instrumentText, checkTrace, fixtureCases } from './trace-harness.mjs';

for (const fixture of fixtureCases()) {
  test(`trace of ${fixture.name}`, () => {
    const instrumented = instrumentText(fixture.text, fixture.inputName);
    assert.deepEqual(instrumented.errors, []);
    const original = runNode(fixture.text, fixture.inputName);
    const run = runNode(instrumented.code, fixture.inputName, { mode: 'record', table: instrumented.functions });
    assert.equal(run.stdout, original.stdout, 'the instrumented program printed something else');
    assert.ok(run.trace, `no trace: ${run.stderr}`);
    assert.equal(run.trace.capped, false);
    const outputLines = run.stdout.split('\n');
    const problems = checkTrace(run.trace, fixture.expected, { sourceText: fixture.text, outputLines });
    assert.deepEqual(problems, []);
  });
}

test('the cap stops recording and says so', () => {
  const text = 'function f(n) { return n === 0 ? 0 : f(n - 1); }\nfor (let i = 0; i < 50; i++) f(3);\nconsole.log("ran");\n';
  const instrumented = instrumentText(text, 'cap.js');
  const run = runNode(instrumented.code, 'cap.js', { mode: 'record', table: instrumented.functions, cap: 25 });
  assert.equal(run.stdout, 'ran\n');
  assert.equal(run.trace.capped, true);
  assert.equal(run.trace.contexts.length, 25);
});

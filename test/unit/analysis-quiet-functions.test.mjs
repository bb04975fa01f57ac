// The execution-order walk skips a function on its own when a syntactic test proves its walk quiet
// (server/src/analysis/quietFunctions.ts). These look-alikes of quiet functions are not quiet: each
// function, never called by the file, throws (or misbehaves) when called, which real node confirms
// here, and the finding made by walking it on its own must stay. Each case loses its finding (or
// its severity) when the test wrongly calls every function quiet, and the last two also when it
// ignores code outside the function (names of non-leaf functions, private names): checked by hand
// with such builds when the cases were written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist/core.js'));
const ts = require('typescript');

/** Each case: the module, how to call it, the error node throws then, and the rule reported on the line that throws. */
const cases = [
  ['a nested function declaration called before the binding it reads', 'export function f() {\n  g();\n  const b = 1;\n  function g() { return b; }\n}\n', 'f()', 'ReferenceError', 'LL1002', 2],
  ['a closure called before the binding it reads', 'export function f() {\n  const get = () => b;\n  get();\n  const b = 1;\n}\n', 'f()', 'ReferenceError', 'LL1002', 3],
  ['a callback forEach runs before the binding it reads', 'export function f() {\n  [1].forEach(() => console.log(q));\n  const q = 1;\n}\n', 'f()', 'ReferenceError', 'LL1002', 2],
  ['a class used before its declaration', 'export function f() {\n  new A();\n  class A {}\n}\n', 'f()', 'ReferenceError', 'LL1004', 2],
  ['a default parameter reading a later parameter', 'export function f(a = b, b = 1) {\n  return a + b;\n}\n', 'f()', 'ReferenceError', 'LL1005', 1],
  ['a destructured parameter default reading a later parameter', 'export function f({ a = b }, b) {\n  return a;\n}\n', 'f({})', 'ReferenceError', 'LL1005', 1],
  ['a getter reading a later binding', 'export function f() {\n  const o = { get v() { return w; } };\n  console.log(o.v);\n  const w = 1;\n}\n', 'f()', 'ReferenceError', 'LL1001', 2],
  ['a for-of head reading its own binding', 'export function f() {\n  for (const x of x) console.log(x);\n}\n', 'f()', 'ReferenceError', 'LL1001', 2],
  ['typeof in the TDZ inside a nested arrow', 'export function f() {\n  const check = () => typeof later;\n  check();\n  let later = 1;\n}\n', 'f()', 'ReferenceError', 'LL1002', 3],
  ['a function expression var called before its assignment', 'export function f() {\n  run();\n  var run = function () {};\n}\n', 'f()', 'TypeError', 'LL1102', 2],
  // A function that runs code outside it that is not a leaf: its walk is where the callee's hazard is
  // found (the callee's own walk leaves a hazard to the file's calls of it).
  ['a call of a function outside with a parameter hazard', 'export function run() { helper(); }\nfunction helper(a = b, b) { return a; }\n', 'run()', 'ReferenceError', 'LL1005', 2],
];

for (const [name, text, call, error, ruleId, line] of cases) {
  test(`not quiet: ${name}`, () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${text}\ntry { ${call}; console.log('no error'); } catch (error) { console.log(error.constructor.name); }`], { encoding: 'utf8' });
    assert.equal(run.stdout.trim().split('\n').pop(), error, `node: ${run.stderr}`);
    const findings = core.analyzeFile(ts, text, '/virtual/quiet.mjs', { readFile: () => undefined, fileExists: () => false }, { families: ['tdz', 'hoisting'] });
    assert.deepEqual(findings.map((finding) => `${finding.ruleId}:${finding.line}`), [`${ruleId}:${line}`]);
  });
}

// A private method passed as a callback: forEach passes arguments, so node runs it without error, and
// the hazard stays a warning (walked on its own it would be an error, "nothing calls it so").
test('not quiet: a private method passed as a callback', () => {
  const text = 'export class A {\n  run() { [1].forEach(this.#m); }\n  #m(a = b, b) { return a; }\n}\n';
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${text}\nnew A().run(); console.log('done');`], { encoding: 'utf8' });
  assert.equal(run.stdout, 'done\n', `node: ${run.stderr}`);
  const findings = core.analyzeFile(ts, text, '/virtual/quiet.mjs', { readFile: () => undefined, fileExists: () => false }, { families: ['tdz', 'hoisting'] });
  assert.deepEqual(findings.map((finding) => `${finding.ruleId}:${finding.line}:${finding.severity}`), ['LL1005:3:warning']);
});

// The var case (LL1101) needs a reader: `n` is undefined in the loop test, so the loop does not run.
test('not quiet: a var read in a loop head before its assignment', () => {
  const text = 'export function f() {\n  for (var i = 0; i < n; i++) console.log(i);\n  var n = 3;\n}\n';
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `${text}\nf(); console.log('done');`], { encoding: 'utf8' });
  assert.equal(run.stdout, 'done\n', 'node runs no iteration: n is undefined there');
  const findings = core.analyzeFile(ts, text, '/virtual/quiet.mjs', { readFile: () => undefined, fileExists: () => false }, { families: ['tdz', 'hoisting'] });
  assert.deepEqual(findings.map((finding) => `${finding.ruleId}:${finding.line}`), ['LL1101:2']);
});

// The test's list searches start where the previous test's ended (`seek` in quietFunctions.ts): the
// walker tests functions in document order. Any other order must give the same answers; this drives
// fresh tests in reverse, in document order with re-tests of earlier functions in between, and one
// function at a time, over functions of which some are quiet and some are not.
test('the quiet-function test answers the same in any order of tests', () => {
  const text = [
    'function a(x) { const y = x + 1; return y; }',
    'function b() { return later; }',
    'const later = 1;',
    'function c(p = 1) { for (const k of [p]) console.log(k); }',
    'function d() { const f = () => g; const g = 2; return f(); }',
    'class E { m(v) { return v * 2; } n() { return this.m(1); } }',
    'function h(list) { let total = 0; for (const v of list) total += v; return total; }',
    'function i() { switch (1) { case 1: return 1; } }',
    'function j(o) { return [...o]; }',
  ].join('\n');
  const sourceFile = core.parseSource(ts, text, '/virtual/order.js', false);
  const context = core.createFileContext(ts, sourceFile);
  const functions = context.index.functionLikes;
  const host = { forEachTarget: () => {}, targetsOfAnyName: () => [], isLeafFunction: () => true };
  const answersIn = (order) => {
    const quiet = new core.QuietFunctionTest(ts, context.index, host);
    const answers = new Map();
    for (const index of order) {
      const answer = quiet.isQuiet(functions[index]);
      if (answers.has(index)) assert.equal(answer, answers.get(index), `function ${index} answered differently when tested again`);
      answers.set(index, answer);
    }
    return functions.map((_, index) => answers.get(index));
  };
  const documentOrder = functions.map((_, index) => index);
  const expected = answersIn(documentOrder);
  // Some functions are quiet and some are not, so a search that skipped a list's part would show.
  assert.ok(expected.includes(true) && expected.includes(false), `answers: ${expected}`);
  assert.deepEqual(answersIn([...documentOrder].reverse()), expected);
  assert.deepEqual(answersIn(documentOrder.flatMap((index) => [index, 0, Math.floor(index / 2)])), expected);
  for (const index of documentOrder) assert.equal(answersIn([index])[index], expected[index], `function ${index} tested alone`);
});

// Instrumentation keeps the user's code on its own lines: stack traces of the instrumented program
// name the same lines as the original's, and `toOriginal` maps their shifted columns back exactly.
// The expected frames are measured by running the original program in real Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNode, instrumentText } from './trace-harness.mjs';

// Every frame kind: declarations, arrows (block and concise), methods, getters, class fields,
// constructors, generators and async functions after an await, all throwing or capturing a stack.
const PROGRAM = `'use strict';
function frames(error) {
  return error.stack.split('\\n').slice(1).filter((line) => line.includes('program.js')).map((line) => line.replace(/^.*program\\.js:/, '').replace(/\\)$/, ''));
}
class Shape {
  label = (() => { return new Error('field'); })();
  constructor(kind) { this.kind = kind; this.made = new Error('ctor'); }
  get area() { const inner = () => new Error('getter'); return inner(); }
  static make(kind) { return new Shape(kind); }
}
function* walk(items) { for (const item of items) { yield item; } throw new Error('generator end'); }
const concise = (n) => n > 0 ? concise(n - 1) : new Error('concise');
async function later() {
  await null; const value = await Promise.resolve(1);
  return new Error('after await ' + value);
}
const shape = Shape.make('square');
console.log(JSON.stringify(frames(shape.label)));
console.log(JSON.stringify(frames(shape.made)));
console.log(JSON.stringify(frames(shape.area)));
console.log(JSON.stringify(frames(concise(2))));
try { [...walk([1, 2])]; } catch (error) { console.log(JSON.stringify(frames(error))); }
later().then((error) => console.log(JSON.stringify(frames(error))));
`;

/** line:column pairs of every frame, per printed line. */
function parseFrames(stdout) {
  return stdout.trim().split('\n').map((line) => JSON.parse(line).map((frame) => frame.split(':').map(Number)));
}

test('instrumented stack frames point at the original lines, and toOriginal restores the columns', () => {
  const instrumented = instrumentText(PROGRAM, 'program.js');
  assert.deepEqual(instrumented.errors, []);
  assert.equal(instrumented.code.split('\n').length, PROGRAM.split('\n').length);

  const original = parseFrames(runNode(PROGRAM, 'program.js').stdout);
  const traced = parseFrames(runNode(instrumented.code, 'program.js', { mode: 'record', table: instrumented.functions }).stdout);
  assert.equal(traced.length, original.length);
  assert.ok(original.every((frames) => frames.length > 0), 'every probe captured at least one frame');
  for (let i = 0; i < original.length; i++) {
    assert.deepEqual(traced[i].map(([line]) => line), original[i].map(([line]) => line), `lines of probe ${i + 1}`);
    const mapped = traced[i].map(([line, column]) => {
      const position = instrumented.toOriginal(line, column);
      return [position.line, position.column];
    });
    assert.deepEqual(mapped, original[i], `columns of probe ${i + 1} after toOriginal`);
  }
});

test('a file with a syntax error is returned unchanged, with the error and no table', () => {
  const broken = 'function ok() {}\nfunction broken( {\n';
  const result = instrumentText(broken, 'broken.js');
  assert.equal(result.code, broken);
  assert.equal(result.functions.length, 0);
  assert.equal(result.errors.length > 0, true);
  assert.match(result.errors[0], /^\d+:\d+ /);
});

test('directives stay directives: strict mode survives instrumentation', () => {
  const program = `"use strict"\nfunction f() {\n  'use strict'\n  return this;\n}\nconsole.log(f(), (function () { return typeof this; })());\n`;
  const instrumented = instrumentText(program, 'strict.js');
  const original = runNode(program, 'strict.js');
  const traced = runNode(instrumented.code, 'strict.js', { mode: 'noop' });
  assert.equal(traced.stdout, original.stdout);
  assert.ok(instrumented.functions.every((info) => info.strict), 'every context is recorded as strict');
});

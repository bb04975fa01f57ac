// Where Node's crash header and first stack frame place a failed destructuring: at the pattern (its
// first property's target, a computed or empty pattern's value for the caret), at the value of an
// array declaration, at the `=` of an array assignment, at the parameter list for an array
// parameter. QuickJS places all of them at the start of the function they are in, and the sandbox
// moves them (sandbox/errors.ts pinnedPositions, the rewrite's destructuringCaret). Everything
// expected is what real node prints for the same file, measured here; Node's internal frames are
// compared too.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: () => undefined };

/** [program, models] */
const PROGRAMS = [
  ['function f({ a }) {}\nf();', ['node', 'node-esm']],
  ['function f(x, { a: b }) {}\nf(1, null);', ['node']],
  ['function f(x, [y]) {}\nf(1, 5);', ['node']],
  ['function f({ ...rest }) {}\nf();', ['node']],
  ['function f({ a = 1 }) {}\nf();', ['node']],
  ['class A {\n  m({ a }) {}\n}\nnew A().m();', ['node']],
  ['function f() {\n  const { a } = undefined;\n}\nf();', ['node', 'node-esm']],
  ['function f() {\n  const [x] = 5;\n}\nf();', ['node', 'node-esm']],
  ['function f() {\n  let x;\n  [x] = 5;\n}\nf();', ['node']],
  ['function f() {\n  let a;\n  ({ a } = null);\n}\nf();', ['node']],
  ['function f() {\n  const {} = null;\n}\nf();', ['node']],
  ['function f() {\n  const { ["k"]: a } = undefined;\n}\nf();', ['node']],
  ['function f() {\n  const {\n    a,\n  } = undefined;\n}\nf();', ['node']],
  ['const [x] = 5;', ['node', 'node-esm']],
  ['setTimeout(() => {\n  const { a } = null;\n}, 0);', ['node']],
  ['function f() {\n  const { x, a: { b } } = { x: 1, a: null };\n}\nf();', ['node']],
  ['function f() {\n  const [{ b }] = [];\n}\nf();', ['node']],
  // An array parameter after other patterns fails where V8 last recorded a position in them (review rv9 #7).
  ['function f({ a }, [b]) {}\nf({ a: 1 }, 5);', ['node']],
  ['function f({ a, c: [e] }, x, [b]) {}\nf({ c: [] }, 1, 5);', ['node']],
  ['function f({ ["k"]: a = 1, ...r }, [b]) {}\nf({}, 5);', ['node']],
  ['function f([c, d], {}, [b]) {}\nf([1], {}, 5);', ['node']],
  ['function f([], [b]) {}\nf([], 5);', ['node']],
];

for (const [program, models] of PROGRAMS) {
  for (const model of models) {
    test(`${model}: ${JSON.stringify(program)}`, async () => {
      const code = `${program}\n`;
      const real = await runNode(code, { esm: model === 'node-esm' });
      const result = await predictor.predict({ fileName: real.filePath, text: code, models: [model] }, host);
      const predicted = result.models[model];
      const texts = (stream) => predicted.output.filter((line) => line.stream === stream).flatMap((line) => splitLines(line.text.endsWith('\n') ? line.text : `${line.text}\n`));
      assert.deepEqual(texts('stdout'), splitLines(real.stdout), 'stdout');
      assert.deepEqual(texts('stderr'), splitLines(real.stderr), 'stderr');
      assert.equal(predicted.exitCode, real.exitCode, 'exit code');
    });
  }
}

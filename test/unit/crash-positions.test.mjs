// Positions in what Node prints about the program's own code: stack frames of `console.trace` and
// `error.stack` on line 1 of a file (Node 20 and Node 10 compile CommonJS without shifting line 1),
// and the crash header's line and caret, which for an error that ends an ES module's evaluation
// points where the error was created (it reaches Node through the module job's promise), and for
// a thrown value that is not an error is Node's own rethrow site. The whole output, Node's
// internal frames included, is measured with real node (and real Node 10 for node-legacy) here.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, runNodeLegacy, legacyNodeSkipReason, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: () => undefined };

/** [program, models]: stack frames on line 1 are checked in every Node model. */
const PROGRAMS = [
  ["console.trace('here');", ['node', 'node-esm', 'node-legacy']],
  ["console.log('a'); console.trace('t');", ['node', 'node-esm', 'node-legacy']],
  ["function f() { console.trace('in f'); } f();", ['node', 'node-esm', 'node-legacy']],
  ["console.log(new Error('e').stack);", ['node', 'node-esm', 'node-legacy']],
  ["  console.log(new Error('e').stack.split('\\n')[1]);", ['node', 'node-esm', 'node-legacy']],
  ["throw new Error('boom');", ['node', 'node-esm']],
  ["\nthrow new Error('boom');", ['node', 'node-esm']],
  ["const e = new Error('x');\nthrow e;", ['node', 'node-esm']],
  ["function f() { throw new Error('boom'); }\nf();", ['node', 'node-esm']],
  ['\n  throw 42;', ['node', 'node-esm']],
  ["throw { code: 'E_PLAIN' };", ['node', 'node-esm']],
  ["await null;\nconst later = 1;\nthrow new Error('after await');", ['node-esm']],
  ['null.x;', ['node', 'node-esm']],
  ["setTimeout(() => { throw new Error('late'); }, 0);", ['node', 'node-esm']],
  ["const e = new Error('x');\nsetTimeout(() => { throw e; }, 0);", ['node', 'node-esm']],
];

const legacySkip = await legacyNodeSkipReason();

for (const [program, models] of PROGRAMS) {
  for (const model of models) {
    const skip = model === 'node-legacy' && legacySkip ? { skip: legacySkip } : {};
    test(`${model}: ${JSON.stringify(program)}`, skip, async () => {
      const code = `${program}\n`;
      const esm = model === 'node-esm';
      const real = model === 'node-legacy' ? await runNodeLegacy(code) : await runNode(code, { esm });
      const result = await predictor.predict({ fileName: real.filePath, text: code, models: [model] }, host);
      const predicted = result.models[model];
      const texts = (stream) => predicted.output.filter((line) => line.stream === stream).map((line) => line.text);
      // Node 10 words some messages and its own frames differently (not what this test is about):
      // there only the lines that quote the program's file are compared.
      const own = model === 'node-legacy' ? (lines) => lines.filter((line) => line.includes(real.filePath)) : (lines) => lines;
      assert.deepEqual(own(texts('stdout')), own(splitLines(real.stdout)), 'stdout');
      assert.deepEqual(own(texts('stderr')), own(splitLines(real.stderr)), 'stderr');
      assert.equal(predicted.exitCode, real.exitCode, 'exit code');
    });
  }
}

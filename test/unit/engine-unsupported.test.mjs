// Constructs a prediction cannot model are reported, never silently missing: Node 18+ has a global
// fetch, so a program that only checks for it sees a function as in real node, and a call stops
// the run as `unsupported`, naming the call and its line, with the lines real node printed before it.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());

for (const model of ['node', 'node-esm']) {
  test(`${model}: fetch exists, and calling it stops the prediction as unsupported at its line`, async () => {
    const code = [
      "console.log(typeof fetch, fetch.name, fetch.length);",
      "console.log('before the call');",
      "fetch('http://127.0.0.1:9/').then(() => console.log('fetched'), (error) => console.log('failed', error.name));",
      "console.log('after the call');",
    ].join('\n');
    const [result, real] = await Promise.all([
      predictor.predict({ fileName: `/virtual/fetch.${model === 'node' ? 'js' : 'mjs'}`, text: code, models: [model] }, { readFile: () => undefined }),
      runNode(code, { esm: model === 'node-esm', timeoutMs: 20_000 }),
    ]);
    const prediction = result.models[model];
    assert.equal(prediction.stopped, 'unsupported');
    assert.ok(prediction.notes.some((note) => note.includes('fetch()') && note.includes('line 3')), prediction.notes.join('\n'));
    const printed = prediction.output.map((line) => line.text);
    assert.deepEqual(printed, splitLines(real.stdout).slice(0, printed.length));
    // Both lines before the call, none after it.
    assert.equal(printed.length, 2);
  });
}

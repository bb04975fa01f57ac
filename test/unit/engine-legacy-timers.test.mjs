// node-legacy: Node 10 stamped each timer with the real current millisecond, so of two zero-delay
// timers made one after the other the second can be due a millisecond later: it then runs in the
// same timers phase after the first one's ticks and promise jobs, or only in the next loop
// iteration, after the immediates. Real Node 10 is forced towards those orders by a 2 ms busy wait
// between the two setTimeout calls (about half the runs show each; measured); the prediction is
// made for the program without the wait, which has the same orders, only less often. Every real
// order must be the prediction's output or one of its alternatives.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { legacyNodeSkipReason, runNodeLegacy, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const here = dirname(fileURLToPath(import.meta.url));
const programPath = join(here, '..', 'differential', 'corpus', 'timers', 'legacy-timers-straddle-millisecond.js');
const REAL_RUNS = 6;

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
const skip = await legacyNodeSkipReason();

test('every order real Node 10 prints when the second timer is stamped later is predicted', { skip: skip ?? false }, async () => {
  const code = readFileSync(programPath, 'utf8');
  const secondTimer = "setTimeout(() => {\n  console.log('timeout 2');";
  assert.ok(code.includes(secondTimer), 'the corpus program still creates its second timer as this test expects');
  const spun = code.replace(secondTimer, `{ const until = Date.now() + 2; while (Date.now() < until); }\n${secondTimer}`);
  const result = await predictor.predict({ fileName: programPath, text: code, models: ['node-legacy'] }, { readFile: () => undefined });
  const prediction = result.models['node-legacy'];
  const orders = [prediction.output.map((line) => line.text), ...prediction.alternatives].map((order) => order.join('\n'));
  for (let run = 0; run < REAL_RUNS; run++) {
    const real = await runNodeLegacy(spun, { timeoutMs: 20_000 });
    const printed = splitLines(real.stdout).join('\n');
    assert.ok(orders.includes(printed), `real Node 10 printed an order the prediction does not list:\n${printed}\n\npredicted orders:\n${orders.join('\n\n')}`);
  }
});

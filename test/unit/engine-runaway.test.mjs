// A program that never ends by itself stops at a budget with a reason a reader can act on. Here: a
// chain of setImmediate callbacks, each queuing the next, which real node runs until it is killed.
// The prediction stops at the CPU budget, says the immediates kept queuing new ones, and its lines
// are the first lines real node printed.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());

test('a chain of immediates stops at the CPU budget and says the immediates kept queuing new ones', async () => {
  const code = [
    'let iteration = 0;',
    'function again() {',
    '  iteration += 1;',
    "  if (iteration % 500 === 0) console.log('iteration', iteration);",
    '  setImmediate(again);',
    '}',
    'again();',
  ].join('\n');
  // The note needs more loop iterations than a program ending on its own is likely to use (1,000,
  // runner.ts); a loaded machine ran only 1,305-3,232 per CPU second, so the budget leaves room.
  const [result, real] = await Promise.all([
    predictor.predict({ fileName: '/virtual/immediates.js', text: code, models: ['node'], budgets: { timeMs: 3000 } }, { readFile: () => undefined }),
    runNode(code, { timeoutMs: 1500 }),
  ]);
  const prediction = result.models.node;
  assert.equal(prediction.stopped, 'time-budget');
  assert.ok(prediction.notes.some((note) => /setImmediate callbacks kept queuing new ones/.test(note)), prediction.notes.join('\n'));
  assert.ok(real.timedOut, 'real node keeps running');
  const printed = prediction.output.map((line) => line.text);
  assert.ok(printed.length > 0);
  assert.deepEqual(printed, splitLines(real.stdout).slice(0, printed.length));
});

// AbortSignal.any in the node models holds the signals it makes weakly, as Node 20 does (a SafeSet
// of WeakRefs on the source), and drops them once the source is aborted. Node's own memory use is
// not compared here: the prediction runs under a small memory budget, which a list that kept every
// result alive (30,000 signals and their EventTarget state) exceeds, and then the run is stopped
// with `memory` instead of printing both lines.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());

/** Runs the program under a 12 MB budget and in real node: the prediction must finish and match. */
async function assertWithinBudgetAndLikeNode(code) {
  const [result, real] = await Promise.all([
    predictor.predict({ fileName: '/virtual/abort-any.js', text: code, models: ['node'], budgets: { memoryBytes: 12 * 1024 * 1024 } }, { readFile: () => undefined }),
    runNode(code, { timeoutMs: 20_000 }),
  ]);
  const prediction = result.models.node;
  assert.equal(prediction.stopped, null, prediction.notes.join('\n'));
  assert.deepEqual(prediction.output.map((line) => line.text), splitLines(real.stdout));
  assert.equal(prediction.exitCode, real.exitCode);
}

test('signals made by AbortSignal.any from a long-lived signal are not kept alive by it', async () => {
  await assertWithinBudgetAndLikeNode([
    'const controller = new AbortController();',
    'for (let i = 0; i < 30000; i++) AbortSignal.any([controller.signal]);',
    "console.log('made 30000 signals');",
    'controller.abort();',
    "console.log('aborted the source');",
  ].join('\n'));
});

// A result with an abort listener is held strongly (Node's gcPersistentSignals, so the listener runs
// with no reference kept); removing its last listener must let it go again. Kept, these 30,000
// overrun the budget (measured: stopped with `memory`, nothing printed).
test('an AbortSignal.any result whose abort listener was removed is not kept alive', async () => {
  await assertWithinBudgetAndLikeNode([
    'const controller = new AbortController();',
    'const listener = () => {};',
    'for (let i = 0; i < 30000; i++) {',
    '  const signal = AbortSignal.any([controller.signal]);',
    "  signal.addEventListener('abort', listener);",
    "  signal.removeEventListener('abort', listener);",
    '}',
    "console.log('made 30000 signals');",
    'controller.abort();',
    "console.log('aborted the source');",
  ].join('\n'));
});

// The analysis worker's warm-up (analysisWorker.ts): after start it practises on built-in files
// while idle, and a real document request must not wait behind it for more than the practice step
// in progress, must be answered exactly as without a warm-up, and the warm-up goes on once the
// worker is idle again. The server is started with many practice rounds (seconds of work) so that
// the document surely arrives while the warm-up runs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer } from './lspClient.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const core = require(path.join(repoRoot, 'dist', 'core.js'));

/** A small document with findings of several families (a TDZ read, a var read before assignment, a leak). */
const TEXT = `console.log(total, ready);
var total = 1;
let ready = true;
const seen = [];
setInterval(() => seen.push(Date.now()), 1000);
`;

async function warmUpStats(server) {
  const stats = await server.connection.sendRequest('looplens/debugStats', {});
  return stats.analysis?.warmUp;
}

/** The warm-up's stats once `state` is reached, or the last ones seen after `attempts` polls 20 ms apart. */
async function warmUpStatsWhen(server, state, attempts) {
  let stats;
  for (let attempt = 0; attempt < attempts; attempt++) {
    stats = await warmUpStats(server);
    if (stats?.state === state) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return stats;
}

// The two servers run side by side: the file's wall time is that of the slower one.
describe('analysis warm-up', { concurrency: true }, () => {
  test('a document opened during the warm-up pauses it after the step in progress, gets the analysis own findings, and the warm-up then goes on', async (t) => {
    const server = await startServer({ settings: { debounceMs: 0 }, env: { LOOPLENS_ANALYSIS_WARM_UP_ROUNDS: '200' } });
    try {
      const before = await warmUpStatsWhen(server, 'running', 100);
      assert.equal(before?.state, 'running', `the warm-up should be running shortly after start: ${JSON.stringify(before)}`);
      assert.equal(before.rounds, 200);

      const file = path.join(repoRoot, 'test', 'fixtures', 'warm-up-during-open.js');
      const uri = pathToFileURL(file).href;
      server.open(uri, TEXT);
      const published = await server.waitForDiagnostics(uri);

      const after = await warmUpStats(server);
      // Not its state: one second without a request resumes it, which a loaded machine can take.
      assert.ok(after.pauses >= 1, JSON.stringify(after));
      assert.equal(after.stepsStartedAfterRequest, 0, `no practice step may start once the request is queued: ${JSON.stringify(after)}`);
      assert.equal(typeof after.longestRequestWaitMs, 'number');
      // Reported, not asserted (no timed assertions): the wait is the rest of the step in progress.
      t.diagnostic(`the request waited ${after.longestRequestWaitMs} ms in the worker; longest practice step ${after.longestStepMs} ms, ${after.steps} steps done`);

      // The answer is the analysis's own: the same rules on the same lines as analyzeFile on the text.
      const host = { readFile: () => undefined, fileExists: () => false };
      const expected = core.analyzeFile(ts, TEXT, file, host, {})
        .map((finding) => `${finding.code}@${finding.line}`)
        .sort();
      const actual = published.diagnostics.map((diagnostic) => `${diagnostic.data.code}@${diagnostic.data.line}`).sort();
      assert.ok(expected.length >= 3, `the document should have findings of several rules: ${expected}`);
      assert.deepEqual(actual, expected);

      // Left alone, the worker goes back to practising.
      const resumed = await warmUpStatsWhen(server, 'running', 250);
      assert.equal(resumed?.state, 'running', JSON.stringify(resumed));
    } finally {
      await server.stop();
    }
  });

  test('without a document, the warm-up runs to the end and reports what it cost', async () => {
    const server = await startServer({ env: { LOOPLENS_ANALYSIS_WARM_UP_ROUNDS: '1' } });
    try {
      const stats = await warmUpStatsWhen(server, 'done', 500);
      assert.equal(stats?.state, 'done', JSON.stringify(stats));
      // One round: each practice file once, then one edited file.
      assert.equal(stats.steps, 4);
      assert.ok(stats.busyMs > 0 && stats.longestStepMs > 0 && stats.longestStepMs <= stats.busyMs, JSON.stringify(stats));
      assert.equal(stats.pauses, 0);
      assert.equal(stats.longestRequestWaitMs, undefined);
    } finally {
      await server.stop();
    }
  });
  test('the dense and large rounds are one step each, and none of them fails', async () => {
    // A practice step that throws ends the warm-up at once (state done, fewer steps), so the count of
    // steps shows that every practice file of these rounds was analysed to the end.
    const env = { LOOPLENS_ANALYSIS_WARM_UP_ROUNDS: '1', LOOPLENS_ANALYSIS_WARM_UP_DENSE_ROUNDS: '3', LOOPLENS_ANALYSIS_WARM_UP_LARGE_ROUNDS: '1' };
    const server = await startServer({ env });
    try {
      const stats = await warmUpStatsWhen(server, 'done', 500);
      assert.equal(stats?.state, 'done', JSON.stringify(stats));
      assert.equal(stats.steps, 4 + 3 + 1, JSON.stringify(stats));
    } finally {
      await server.stop();
    }
  });
});

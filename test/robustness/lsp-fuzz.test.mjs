// Language-server robustness (issue 9, item 4): the built server (`dist/server.js --stdio`) is fed
// hostile and broken documents through open / change / close, and every feature is asked about
// each one (hover, inlay hints, code lens, code actions, pulled diagnostics, looplens/predict).
// What must hold: the process never dies, every request answers within a bound, and every answer
// is well formed (the right shape, ranges inside the document). Broken input is data, not an
// exception.
//
// Two parts: fixed pathological documents (5 MB, 10,000 nested brackets, a 1 MB line, binary
// bytes, lone surrogates, ...), then seeded fast-check documents: random text, and truncated or
// mutated files from examples/ and test/differential/corpus/.
//
// Size: LOOPLENS_LSP_FUZZ_RUNS documents (default 16, about a minute on two busy cores; the
// pathological documents take two to three more minutes there, mostly the multi-megabyte ones),
// seed LOOPLENS_LSP_FUZZ_SEED (default fixed, so CI is repeatable). The 100,000-document
// run: LOOPLENS_LSP_FUZZ_RUNS=100000 node --test test/robustness/lsp-fuzz.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { repoRoot, startServer } from '../protocol/lspClient.mjs';
import { PATHOLOGICAL, checks as shapeChecks, documentArbitrary, lineLengths, probePositions, seedTexts, textsOf } from './fuzz-documents.mjs';

const NUM_RUNS = Number(process.env.LOOPLENS_LSP_FUZZ_RUNS ?? 16);
const SEED = Number(process.env.LOOPLENS_LSP_FUZZ_SEED ?? 20261127);
/** Every request must answer within this (generous: two cores shared by many processes). */
const REQUEST_BOUND_MS = Number(process.env.LOOPLENS_LSP_FUZZ_BOUND_MS ?? 30000);
/**
 * Multi-megabyte documents get more: parsing and analysing 5 MB takes seconds of CPU, and on this
 * shared machine wall time runs up to ten times ahead of CPU time (measured: 23 s for the 5 MB
 * program's diagnostics under a load average of 22).
 */
const LARGE_DOCUMENT_BOUND_MS = REQUEST_BOUND_MS * 4;

// Small budgets and one model keep the engine's share of each document short; the point here is
// the server's handling of the input, not the prediction itself.
const SETTINGS = { models: ['node'], budgets: { timeMs: 300, outputLines: 200 }, debounceMs: 0 };
const PREDICT_PARAMS = { models: ['node'], budgets: { timeMs: 300, outputLines: 200 } };

// ---- The server, shared by every document so that damage would accumulate ----

let server;
const stats = { documents: 0, requests: 0, slowestMs: 0, slowestWhat: '', byMethod: {} };

before(async () => {
  server = await startServer({ settings: SETTINGS, pullDiagnostics: true });
});

after(async () => {
  const lines = Object.entries(stats.byMethod).map(([method, { count, maxMs, totalMs }]) => `  ${method.padEnd(28)} ${String(count).padStart(6)} requests, mean ${Math.round(totalMs / count)} ms, max ${Math.round(maxMs)} ms`);
  console.log(`lsp fuzz summary: seed ${SEED}, ${stats.documents} documents, ${stats.requests} requests, slowest ${Math.round(stats.slowestMs)} ms (${stats.slowestWhat})\n${lines.join('\n')}`);
  if (server) {
    const alive = server.child.exitCode === null;
    const code = await server.stop();
    if (alive) assert.equal(code, 0, 'the server shut down cleanly after the fuzzing');
  }
});

function assertAlive(context) {
  assert.equal(server.child.exitCode, null, `the server process died (${context}); stderr:\n${server.stderr.join('').slice(-2000)}`);
  assert.equal(server.child.signalCode, null, `the server process was killed (${context})`);
}

/** Sends a request and fails when it does not answer within the bound; records the time it took. */
async function requestWithin(method, params, what, boundMs = REQUEST_BOUND_MS) {
  const started = performance.now();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} did not answer within ${boundMs} ms (${what})`)), boundMs);
  });
  try {
    return await Promise.race([server.connection.sendRequest(method, params), timeout]);
  } finally {
    clearTimeout(timer);
    const elapsed = performance.now() - started;
    stats.requests++;
    const entry = (stats.byMethod[method] ??= { count: 0, maxMs: 0, totalMs: 0 });
    entry.count++;
    entry.totalMs += elapsed;
    entry.maxMs = Math.max(entry.maxMs, elapsed);
    if (elapsed > stats.slowestMs) {
      stats.slowestMs = elapsed;
      stats.slowestWhat = `${method} on ${what}`;
    }
  }
}

// The shapes of every answer (fuzz-documents.mjs), plus looplens/predict's envelope.
const checks = {
  ...shapeChecks,
  predict(answer) {
    if (answer === null) return;
    assert.ok(Number.isInteger(answer.version), 'prediction version');
    if (!answer.result) {
      assert.equal(typeof answer.error, 'string', `a prediction without a result says why: ${JSON.stringify(answer).slice(0, 200)}`);
      return;
    }
    shapeChecks.predictResult(answer.result);
  },
};

/** Asks every feature about the document as it is now (`text`, already opened or changed). */
async function exerciseFeatures(uri, text, positions, what) {
  const lines = lineLengths(text);
  const boundMs = text.length > 1024 * 1024 ? LARGE_DOCUMENT_BOUND_MS : REQUEST_BOUND_MS;
  const request = (method, params) => requestWithin(method, params, what, boundMs);
  const lastLine = lines.length - 1;
  const whole = { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine] } };
  const textDocument = { uri };
  const answers = await Promise.all([
    request('textDocument/diagnostic', { textDocument }).then((answer) => checks.diagnostic(answer, lines)),
    request('textDocument/codeLens', { textDocument }).then((answer) => checks.codeLens(answer, lines)),
    request('textDocument/inlayHint', { textDocument, range: whole }).then((answer) => checks.inlayHint(answer, lines)),
    request('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [] } }).then((answer) => checks.codeAction(answer, lines)),
    request('looplens/predict', { uri, ...PREDICT_PARAMS }).then((answer) => checks.predict(answer)),
    ...positions.map((position) => request('textDocument/hover', { textDocument, position }).then((answer) => checks.hover(answer, lines))),
  ]);
  assertAlive(what);
  return answers;
}

let documentCounter = 0;

/** Opens a document, asks everything, changes it to each later text, asks again, and closes it. */
async function lifecycle(texts, { extension = 'js', picks = [[0.5, 0.5]], what = 'document' } = {}) {
  const uri = pathToFileURL(join(repoRoot, 'test', 'robustness', `.fuzz-${documentCounter++}.${extension}`)).href;
  stats.documents++;
  const languageId = /ts$/.test(extension) ? 'typescript' : 'javascript';
  await server.open(uri, texts[0], languageId);
  try {
    for (let index = 0; index < texts.length; index++) {
      if (index > 0) await server.change(uri, texts[index]);
      await exerciseFeatures(uri, texts[index], probePositions(texts[index], picks), `${what}, version ${index + 1}`);
    }
  } finally {
    await server.close(uri);
  }
  assertAlive(`after closing ${what}`);
}

// ---- Fixed pathological documents ----

for (const [name, texts] of Object.entries(PATHOLOGICAL)) {
  test(`pathological: ${name}`, async () => {
    const picks = [[0, 0], [0.5, 0.5], [1, 1], [2, 0]];
    await lifecycle(texts, { what: name, picks, extension: name.includes('TypeScript') ? 'ts' : 'js' });
  });
}

// ---- Seeded random documents ----

test(`fuzz: ${NUM_RUNS} seeded documents (seed ${SEED}) through open, change, every feature and close`, { timeout: Math.max(600_000, NUM_RUNS * 60_000) }, async () => {
  assert.ok(seedTexts.length > 50, `seed files found: ${seedTexts.length}`);
  const started = performance.now();
  let fuzzed = 0;
  const result = await fc.check(
    fc.asyncProperty(fc.record({ entry: documentArbitrary }), async ({ entry }) => {
      const { texts, what } = textsOf(entry.document);
      await lifecycle(texts, { extension: entry.extension, picks: entry.picks, what });
      // Long runs (the 100,000 documents) show that they are moving.
      if (++fuzzed % 100 === 0) console.log(`fuzz: ${fuzzed} documents, ${stats.requests} requests, ${Math.round((performance.now() - started) / 1000)} s`);
    }),
    // Shrinking restarts documents on an already-broken server; the first failure says enough.
    { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
  );
  console.log(`fuzz: ${result.numRuns} documents in ${Math.round((performance.now() - started) / 1000)} s, ${result.failed ? 'FAILED' : 'all handled'}`);
  if (result.failed) {
    const error = result.errorInstance ?? new Error(String(result.error));
    error.message = `document ${result.numRuns} (seed ${SEED}, path ${result.counterexamplePath}) broke the server: ${error.message}\n${JSON.stringify(result.counterexample).slice(0, 2000)}`;
    throw error;
  }
});

// ---- After all that, the server still predicts a real program correctly ----

test('after the fuzzing, the same server predicts a real program exactly as real node runs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'looplens-lsp-fuzz-'));
  try {
    const file = join(dir, 'after.js');
    const text = "setTimeout(() => console.log('timeout'), 0);\nPromise.resolve().then(() => console.log('micro'));\nprocess.nextTick(() => console.log('tick'));\nconsole.log('sync');\n";
    writeFileSync(file, text);
    const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).split('\n').slice(0, -1);
    const uri = pathToFileURL(file).href;
    await server.open(uri, text);
    const answer = await requestWithin('looplens/predict', { uri, models: ['node'] }, 'the control program');
    assert.deepEqual(answer.result.models.node.output.map((line) => line.text), printed);
    await server.close(uri);
    assertAlive('the control program');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

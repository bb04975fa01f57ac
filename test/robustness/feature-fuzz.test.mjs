// Feature robustness in-process (issue 9, item 4): the same seeded documents as the LSP fuzz
// (fuzz-documents.mjs: mutated examples and corpus files, random text, binary bytes) and the fixed
// pathological ones go through every feature the server offers, called directly as the server calls
// them: the source scan, the analysis (hoisting/TDZ, cycles, leaks), the confirmation of findings
// by a prediction, diagnostics, code actions, inlay hints, hovers at probe positions and code
// lenses. Most documents get the prediction of another file, which is what the server holds while
// a new prediction is pending (a stale result for a different text);
// every PREDICT_EVERY-th document is predicted for real by the engine with small budgets.
//
// What must hold: nothing throws, every answer is well formed with ranges inside the document, and
// every feature answers within a bound. Without a process boundary this runs about a hundred times
// faster than the LSP fuzz, which is what makes the 100,000 documents possible:
//   LOOPLENS_FEATURE_FUZZ_RUNS=100000 node --test test/robustness/feature-fuzz.test.mjs
// (default 400 in `npm test`; seed LOOPLENS_FEATURE_FUZZ_SEED).

import { test, after } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ts from 'typescript';
import { PATHOLOGICAL, checks, documentArbitrary, lineLengths, probePositions, seedTexts, textsOf } from './fuzz-documents.mjs';

const { Predictor, analyzeFile } = await import('../../dist/core.js');
const features = await import('../../dist/test/features.js');

const NUM_RUNS = Number(process.env.LOOPLENS_FEATURE_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.LOOPLENS_FEATURE_FUZZ_SEED ?? 20261128);
const PREDICT_EVERY = Number(process.env.LOOPLENS_FEATURE_FUZZ_PREDICT_EVERY ?? 25);
/** Per feature call, for documents under 1 MB (generous: two cores shared by many processes). */
const FEATURE_BOUND_MS = 10_000;
const LARGE_FEATURE_BOUND_MS = 120_000;

const settings = features.normalizeSettings({ models: ['node', 'browser'] });
const MODELS = ['node', 'browser'];
const BUDGETS = { timeMs: 300, outputLines: 200 };
const DOCS_BASE = 'file:///looplens/docs/rules/';

// An empty workspace: the fuzzed file imports nothing that exists.
const emptyHost = { readFile: () => undefined, fileExists: () => false, directoryExists: () => false, getDirectories: () => [] };

const predictor = new Predictor({ ts });
after(() => predictor.dispose?.());

const stats = { documents: 0, versions: 0, predictions: 0, byFeature: {} };
after(() => {
  const rows = Object.entries(stats.byFeature).map(([name, { count, totalMs, maxMs }]) => `  ${name.padEnd(14)} ${String(count).padStart(7)} calls, mean ${(totalMs / count).toFixed(2)} ms, max ${Math.round(maxMs)} ms`);
  console.log(`feature fuzz summary: seed ${SEED}, ${stats.documents} documents, ${stats.versions} versions, ${stats.predictions} real predictions\n${rows.join('\n')}`);
});

/** Runs one feature, times it, and fails when it throws or takes longer than the bound. */
function timed(name, what, boundMs, run) {
  const started = performance.now();
  let answer;
  try {
    answer = run();
  } catch (error) {
    error.message = `${name} threw on ${what}: ${error.message}`;
    throw error;
  }
  const elapsed = performance.now() - started;
  const entry = (stats.byFeature[name] ??= { count: 0, totalMs: 0, maxMs: 0 });
  entry.count++;
  entry.totalMs += elapsed;
  entry.maxMs = Math.max(entry.maxMs, elapsed);
  assert.ok(elapsed <= boundMs, `${name} took ${Math.round(elapsed)} ms on ${what} (bound ${boundMs} ms)`);
  return answer;
}

const predictionCache = new Map();

/** The engine's prediction of `text` (node and browser where they apply), or a fallback when it has none. */
async function predictText(text, fileName) {
  stats.predictions++;
  const result = await predictor.predict({ fileName, text, models: MODELS, budgets: BUDGETS }, emptyHost);
  checks.predictResult(result);
  return result;
}

/**
 * A prediction the server could hold for the document while a new one is pending: one of the first
 * STALE_SEEDS seed files' (a few, so that the engine's time does not dominate the run). Its lines,
 * positions and causes belong to another text, which is the case the features must survive.
 */
const STALE_SEEDS = 12;
async function stalePrediction(seedIndex) {
  const seed = seedTexts[seedIndex % STALE_SEEDS];
  if (!predictionCache.has(seed.name)) predictionCache.set(seed.name, await predictText(seed.text, `/workspace/${seed.name.replace(/[\\/]/g, '_')}`));
  return predictionCache.get(seed.name);
}

let documentCounter = 0;

/** Every feature on every version of one document, as the server would call them. */
async function exercise(texts, { extension = 'js', picks = [[0.5, 0.5]], what, prediction }) {
  stats.documents++;
  const fileName = `/workspace/fuzz-${documentCounter++}.${extension}`;
  const uri = `file://${fileName}`;
  for (const [index, text] of texts.entries()) {
    stats.versions++;
    const label = `${what}, version ${index + 1}`;
    const bound = text.length > 1024 * 1024 ? LARGE_FEATURE_BOUND_MS : FEATURE_BOUND_MS;
    const lines = lineLengths(text);
    const document = features.TextDocument.create(uri, /ts$/.test(extension) ? 'typescript' : 'javascript', index + 1, text);
    const lastLine = lines.length - 1;
    const whole = { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine] } };
    const result = prediction ?? (await predictText(text, fileName));
    const scan = timed('scan', label, bound, () => features.scanSource(ts, text, fileName));
    const findings = timed('analysis', label, bound, () => analyzeFile(ts, text, fileName, emptyHost, {}));
    const confirmed = timed('confirm', label, bound, () => features.confirmFindings(ts, text, fileName, findings, result));
    checks.diagnostics(timed('diagnostics', label, bound, () => features.findingsToDiagnostics(confirmed, fileName, settings.diagnostics, DOCS_BASE)), lines);
    checks.codeAction(timed('codeActions', label, bound, () => features.findingsToCodeActions(confirmed, fileName, settings.diagnostics, DOCS_BASE, whole)), lines);
    checks.inlayHint(timed('inlayHints', label, bound, () => features.buildInlayHints(document, scan.consoleCalls, MODELS, result.models, settings.inlayHints, whole)), lines);
    for (const position of probePositions(text, picks)) {
      checks.hover(timed('hover', label, bound, () => features.buildHover(document, scan, document.offsetAt(position), MODELS, result.models)), lines);
    }
    checks.codeLens(timed('codeLens', label, bound, () => features.buildCodeLenses(uri, MODELS)), lines);
  }
}

for (const [name, texts] of Object.entries(PATHOLOGICAL)) {
  test(`pathological, in-process: ${name}`, { timeout: 600_000 }, async () => {
    // The engine is not asked about multi-megabyte documents here (the LSP fuzz and the escape suite
    // cover that); a prediction of another file stands in, as when the server's result is stale.
    const prediction = await stalePrediction(0);
    await exercise(texts, { what: name, picks: [[0, 0], [0.5, 0.5], [1, 1], [2, 0]], extension: name.includes('TypeScript') ? 'ts' : 'js', prediction });
  });
}

test(`feature fuzz: ${NUM_RUNS} seeded documents (seed ${SEED}) through every feature in-process`, { timeout: Math.max(600_000, NUM_RUNS * 2_000) }, async () => {
  const started = performance.now();
  let fuzzed = 0;
  const result = await fc.check(
    fc.asyncProperty(fc.record({ entry: documentArbitrary }), async ({ entry }) => {
      const { texts, what } = textsOf(entry.document);
      const predictNow = ++fuzzed % PREDICT_EVERY === 0;
      const prediction = predictNow ? undefined : await stalePrediction(entry.document.seedIndex ?? 0);
      try {
        await exercise(texts, { extension: entry.extension, picks: entry.picks, what, prediction });
      } catch (error) {
        // Keep the failing texts where a developer can open them (fast-check does not shrink here).
        const folder = join('test-results', 'feature-fuzz');
        mkdirSync(folder, { recursive: true });
        texts.forEach((text, index) => writeFileSync(join(folder, `failure-${fuzzed}-version-${index + 1}.${entry.extension}`), text));
        throw error;
      }
      if (fuzzed % 5000 === 0) console.log(`feature fuzz: ${fuzzed} documents, ${Math.round((performance.now() - started) / 1000)} s`);
    }),
    { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
  );
  console.log(`feature fuzz: ${result.numRuns} documents in ${Math.round((performance.now() - started) / 1000)} s, ${result.failed ? 'FAILED' : 'all handled'}`);
  if (result.failed) {
    const error = result.errorInstance ?? new Error(String(result.error));
    error.message = `document ${result.numRuns} (seed ${SEED}, path ${result.counterexamplePath}) broke a feature: ${error.message}\n${JSON.stringify(result.counterexample).slice(0, 2000)}`;
    throw error;
  }
});

// Differential fuzzing: fast-check generates random scheduling programs (fuzz-programs.mjs), each is
// run in real node as CommonJS and as an ES module and predicted by LoopLens under `node` and
// `node-esm`; the prediction must match what node printed (same rules as the corpus, see
// corpus.mjs `comparePrediction`, except that the prediction's `alternatives` are always accepted,
// since generated programs are not annotated).
//
// A real order that depends on timer jitter is not a LoopLens bug: when a prediction disagrees,
// node is run twice more, and if any real run agrees with the prediction (or one of its
// alternatives) the program counts as "timing-variant" and passes. Any other mismatch fails.
//
// How it runs: the programs of one seed are drawn up front (fc.sample gives exactly the values
// fc.check would try, in order) and checked LOOPLENS_FUZZ_CONCURRENCY at a time (default 2, one
// LoopLens worker each), since most of the cost is waiting for real node processes. A program that
// fails is then replayed with fc.check at its path, which shrinks it; the shrunk program is saved
// under corpus/fuzz-found/ so that the differential corpus keeps checking it, and the test fails.
// (A replay that agrees with node, i.e. one of three fresh real runs printed an allowed order, means
// real timing on a loaded machine, not an engine bug: it counts as timing-variant.)
//
// Generators (see fuzz-programs.mjs) join the statement kinds with LOOPLENS_FUZZ_GENERATORS=sync
// (sync generators) or =all (sync and async generators); they are an option because adding kinds
// changes every program of a seed.
//
// Size: LOOPLENS_FUZZ_RUNS programs (default 60: what `npm test` runs), seed LOOPLENS_FUZZ_SEED
// (default 20261127), overall time limit LOOPLENS_FUZZ_TIME_LIMIT_MS (none by default; programs not
// started by then are left out and the summary says how many were checked). One program costs
// about 0.35 s of CPU (two real node processes, two predictions with their alternative runs), so
// 500 do not fit in `npm test`; CI (.ci/run) runs them as a step of their own, then 100 programs
// with sync and async generators (the same seed), stopped after 55 s on a slow machine:
//   npm run test:fuzz          # LOOPLENS_FUZZ_RUNS=500
//   LOOPLENS_FUZZ_RUNS=100 LOOPLENS_FUZZ_GENERATORS=all LOOPLENS_FUZZ_TIME_LIMIT_MS=55000 node --test test/differential/fuzz.test.mjs
//   npm run test:fuzz:generators   # on demand: 100 programs, sync generators only

import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { runNode } from '../helpers/oracle.mjs';
import { CORPUS_DIR, comparePrediction, createPool, mapWithConcurrency, observedFromNode } from './corpus.mjs';
import { programArbitrary, renderProgram } from './fuzz-programs.mjs';

const NUM_RUNS = Number(process.env.LOOPLENS_FUZZ_RUNS ?? 60);
const SEED = Number(process.env.LOOPLENS_FUZZ_SEED ?? 20261127);
const CONCURRENCY = Math.max(1, Number(process.env.LOOPLENS_FUZZ_CONCURRENCY ?? 2));
const TIME_LIMIT_MS = process.env.LOOPLENS_FUZZ_TIME_LIMIT_MS !== undefined ? Number(process.env.LOOPLENS_FUZZ_TIME_LIMIT_MS) : undefined;
const GENERATORS = { sync: 'sync', all: true }[process.env.LOOPLENS_FUZZ_GENERATORS ?? ''] ?? false;
const arbitrary = programArbitrary({ generators: GENERATORS });
const PREDICT_TIMEOUT_MS = 30_000;
const REAL_TIMEOUT_MS = 20_000;
const FOUND_DIR = join(CORPUS_DIR, 'fuzz-found');
/** Failing programs shrunk and saved per run: shrinking costs dozens of checks each. */
const MAX_SHRUNK = 3;
/** Failing programs replayed per run (a replay that agrees with node is timing, not a bug). */
const MAX_REPLAYED = 8;

let Predictor = null;
let predictorUnavailable = null;
try {
  const core = await import('../../dist/core.js');
  Predictor = core.Predictor ?? core.default?.Predictor;
  if (typeof Predictor !== 'function') throw new Error('dist/core.js does not export Predictor (is the engine built? run `node esbuild.mjs`)');
} catch (error) {
  predictorUnavailable = error;
}

const stats = { programs: 0, timingVariant: 0, skipped: 0 };

async function predictOne(predictor, code, model) {
  const fileName = model === 'node-esm' ? '/looplens-fuzz/program.mjs' : '/looplens-fuzz/program.js';
  const host = { readFile: (path) => (path === fileName ? code : undefined) };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`prediction did not answer within ${PREDICT_TIMEOUT_MS} ms`)), PREDICT_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([predictor.predict({ fileName, text: code, models: [model] }, host), timeout]);
    const modelResult = result.models?.[model];
    if (!modelResult) throw new Error(`no prediction for ${model}${result.skipped?.[model] ? ` (skipped: ${result.skipped[model]})` : ''}`);
    return modelResult;
  } finally {
    clearTimeout(timer);
  }
}

/** Problems with the prediction for one flavour of a program, or [] when it agrees with node. */
async function checkFlavor(predictor, code, model, firstRun) {
  const prediction = await predictOne(predictor, code, model);
  const problemsFor = (observed) => comparePrediction({ model, nondeterministic: true, observed, prediction })
    .filter((problem) => !problem.startsWith('the real runtime is nondeterministic'));
  const problems = problemsFor(observedFromNode(firstRun));
  if (problems.length === 0) return [];
  for (let retry = 0; retry < 2; retry++) {
    const again = observedFromNode(await runNode(code, { esm: model === 'node-esm', timeoutMs: REAL_TIMEOUT_MS }));
    if (problemsFor(again).length === 0) {
      stats.timingVariant++;
      return [];
    }
  }
  return problems;
}

/**
 * Checks one program in both flavours. Returns the failures ([] when both agree with node), or
 * null when real node did not finish it (a generator bug, not a prediction to judge).
 */
async function checkProgram(predictor, program) {
  stats.programs++;
  const cjs = renderProgram(program, 'cjs');
  const esm = renderProgram(program, 'esm');
  const [cjsRun, esmRun] = await Promise.all([runNode(cjs.code, { timeoutMs: REAL_TIMEOUT_MS }), runNode(esm.code, { esm: true, timeoutMs: REAL_TIMEOUT_MS })]);
  if (cjsRun.timedOut || esmRun.timedOut) return null;
  const failures = [];
  const cjsProblems = await checkFlavor(predictor, cjs.code, 'node', cjsRun);
  if (cjsProblems.length) failures.push({ model: 'node', code: cjs.code, problems: cjsProblems });
  const esmProblems = await checkFlavor(predictor, esm.code, 'node-esm', esmRun);
  if (esmProblems.length) failures.push({ model: 'node-esm', code: esm.code, problems: esmProblems });
  return failures;
}

function saveFailure(failure, details) {
  mkdirSync(FOUND_DIR, { recursive: true });
  const extension = failure.model === 'node-esm' && failure.code.startsWith('import ') ? 'mjs' : 'js';
  const hash = createHash('sha1').update(failure.code).digest('hex').slice(0, 10);
  const path = join(FOUND_DIR, `fuzz-${hash}.${extension}`);
  if (existsSync(path)) return path;
  const models = extension === 'mjs' ? 'node-esm' : (failure.code.includes("require('events')") ? 'node' : 'node node-esm');
  const header = `// models: ${models}\n// Found by test/differential/fuzz.test.mjs (${details}). First failing model: ${failure.model}.\n`;
  writeFileSync(path, header + failure.code);
  return path;
}

/**
 * Replays the failing program at `index` of the seed with fc.check, which shrinks it. Returns the
 * smallest failure found, or null when the replay agreed with node (its three fresh real runs
 * included an order the prediction allows: real timing, not an engine bug).
 */
async function shrink(predictor, index) {
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (program) => {
      const failures = await checkProgram(predictor, program);
      fc.pre(failures !== null);
      if (failures.length > 0) {
        const error = new Error(failures.map((failure) => `${failure.model}:\n${failure.problems.join('\n')}`).join('\n'));
        error.failures = failures;
        throw error;
      }
    }),
    { seed: SEED, path: String(index), numRuns: 1 },
  );
  const failures = result.failed ? result.errorInstance?.failures : undefined;
  if (failures?.length) return { failure: failures[0], details: `seed ${SEED}, path ${result.counterexamplePath}; shrunk in ${result.numShrinks} steps` };
  return null;
}

test('fuzz: generated scheduling programs, prediction vs real node (CJS and ESM)', { timeout: 60 * 60_000 }, async () => {
  if (predictorUnavailable) throw new Error(`LoopLens engine unavailable: ${predictorUnavailable.message}`);
  const startedAt = Date.now();
  const predictors = Array.from({ length: CONCURRENCY }, () => new Predictor({ ts }));
  const pool = createPool(predictors);
  const failing = [];
  let checked = 0;
  let wrong = 0;
  try {
    const programs = fc.sample(arbitrary, { seed: SEED, numRuns: NUM_RUNS });
    await mapWithConcurrency(programs, CONCURRENCY, async (program, index) => {
      if (TIME_LIMIT_MS !== undefined && Date.now() - startedAt > TIME_LIMIT_MS) return;
      const failures = await pool.use((predictor) => checkProgram(predictor, program));
      checked++;
      if (failures === null) stats.skipped++;
      else if (failures.length > 0) failing.push({ index, failures });
    });
    // A program real node did not finish in REAL_TIMEOUT_MS is left out, not judged (the generator
    // makes no endless programs, so it means a stalled machine). Many left out would make a pass
    // mean little: more than a tenth fails the run.
    if (stats.skipped > checked / 10) throw new Error(`${stats.skipped} of ${checked} generated programs were not finished by real node within ${REAL_TIMEOUT_MS} ms: too few were checked`);
    if (failing.length === 0) return;
    failing.sort((a, b) => a.index - b.index);
    const reports = [];
    const confirmed = [];
    let replayed = 0;
    for (const { index, failures } of failing) {
      if (confirmed.length >= MAX_SHRUNK || replayed >= MAX_REPLAYED) break;
      replayed++;
      const shrunk = await shrink(predictors[0], index);
      if (!shrunk) {
        stats.timingVariant++;
        console.log(`fuzz: program ${index} disagreed with three real runs but its replay agreed (timing); first problem:\n${failures[0].problems[0]}`);
        continue;
      }
      confirmed.push(index);
      const { failure, details } = shrunk;
      const saved = saveFailure(failure, details);
      reports.push(`program ${index} (${details}), saved as ${saved}\n--- program (${failure.model}) ---\n${failure.code}--- problems ---\n${failure.problems.join('\n')}`);
    }
    const unshrunk = failing.slice(replayed).map(({ index }) => index);
    wrong = confirmed.length + unshrunk.length;
    if (wrong === 0) return;
    throw new Error([
      `${wrong} of ${checked} generated programs are predicted wrongly (seed ${SEED})`,
      ...reports,
      unshrunk.length ? `not shrunk (replay with LOOPLENS_FUZZ_SEED=${SEED} and these paths): ${unshrunk.join(', ')}` : '',
    ].filter(Boolean).join('\n'));
  } finally {
    console.log(`fuzz summary: seed ${SEED}${GENERATORS ? ` with ${GENERATORS === 'sync' ? 'sync ' : ''}generators` : ''}, ${checked} of ${NUM_RUNS} programs checked (${stats.skipped} not finished by real node) in ${((Date.now() - startedAt) / 1000).toFixed(0)} s with ${CONCURRENCY} at a time, ${stats.programs} checks incl. shrinking, ${stats.timingVariant} timing-variant, ${wrong} predicted wrongly`);
    await Promise.all(predictors.map((predictor) => predictor.dispose()));
  }
});

// Differential tests: every program of test/differential/corpus/ and every single-file example of
// examples/ is run in the real runtime of each
// model its directives name (node -> `node file.js`, node-esm -> the same code as `file.mjs`,
// node-legacy -> real Node 10, browser -> Debian Chromium through playwright-core) and predicted by
// LoopLens (`new Predictor({ ts }).predict(...)` from dist/core.js). One test per (file, model).
// The expected output is always measured here, at test time; nothing is typed by hand.
//
// Comparison rules (implemented and documented in corpus.mjs, `comparePrediction`):
//   - Node models: stdout lines equal exactly; stderr equal after normalisation on both sides
//     (stack frames, the crash header `file:line` + source line + caret, the `Node.js vX` trailer,
//     `(Use \`node --trace-...\`)` hints and blank lines are dropped; `(node:1234)` becomes
//     `(node:PID)`; the program's path becomes `<file>`), so `Error: boom`,
//     `ReferenceError: x is not defined` and warning lines must match word for word; exit codes equal.
//   - browser: the sequence of console message texts (Playwright's ConsoleMessage.text()) and
//     uncaught errors as DevTools shows them (`Uncaught Error: boom`, `Uncaught (in promise) ...`)
//     equal exactly.
//   - `// nondeterministic` programs: the prediction must say `deterministic: false`, and the real
//     order must be its output or one of its `alternatives`.
//   - When the first real run disagrees, the real runtime is measured up to twice more (machine load
//     can delay a real timer); the disagreement is printed as a diagnostic, and the test fails
//     unless a real run agrees.
//
// Pairs the engine does not get right yet are listed in known-failures.json
// ({ "<file> [<model>]": "reason" }) and run as `todo`: they still run and still report, but do not
// fail the suite. The summary line at the end counts them separately. A browser pair whose real text
// differs between Chromium versions, where the model follows the newer one, is listed as
// { "<file> [browser]": { "reason": "...", "chromiumBelow": N } }: a `todo` only under an installed
// Chromium older than N (Debian's package has been 150 on some machines and 156 on others).
//
// Environment: LOOPLENS_DIFF_FILTER=substring[,substring...] runs only matching corpus files.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { chromiumMajorVersion, chromiumSkipReason, legacyNodeSkipReason, withChromium } from '../helpers/oracle.mjs';
import {
  MODEL_ORDER,
  comparePrediction,
  createPool,
  isNondeterministic,
  loadCorpus,
  loadExamples,
  observedFromBrowser,
  observedFromNode,
  runRealNode,
} from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PREDICT_TIMEOUT_MS = 30_000;
/** How many more times a real runtime is measured when its first run disagrees with the prediction. */
const REMEASUREMENTS = 2;

const filters = (process.env.LOOPLENS_DIFF_FILTER ?? '').split(',').filter(Boolean);
const programs = [...await loadCorpus(), ...await loadExamples()].filter((program) => filters.length === 0 || filters.some((filter) => program.rel.includes(filter)));
const knownFailures = JSON.parse(readFileSync(join(here, 'known-failures.json'), 'utf8'));
const chromiumMajor = programs.some((program) => program.models.includes('browser')) ? chromiumMajorVersion() : undefined;

/** Why a pair runs as `todo`, if it does (see the header). */
function knownFailure(key, model) {
  const entry = knownFailures[key];
  if (typeof entry === 'string') return entry;
  if (entry && model === 'browser' && chromiumMajor !== undefined && chromiumMajor < entry.chromiumBelow) {
    return `${entry.reason} (Chromium ${chromiumMajor} installed; the model follows Chromium ${entry.chromiumBelow} and later here)`;
  }
  return undefined;
}
const needsLegacy = programs.some((program) => program.models.includes('node-legacy'));
const legacySkip = needsLegacy ? await legacyNodeSkipReason() : null;

// The engine under test. If dist/core.js is missing or does not export Predictor yet, every test
// fails with this reason (after measuring the real runtime), rather than passing vacuously.
// Two predictors (two engine workers), so that predictions keep pace with the two oracle runs in
// flight; each Predictor serialises its own requests.
let predictors = [];
let predictorUnavailable = null;
try {
  const core = await import('../../dist/core.js');
  const Predictor = core.Predictor ?? core.default?.Predictor;
  if (typeof Predictor !== 'function') throw new Error('dist/core.js does not export Predictor (is the engine built? run `node esbuild.mjs`)');
  predictors = [new Predictor({ ts }), new Predictor({ ts })];
} catch (error) {
  predictorUnavailable = error;
}
const predictorPool = createPool(predictors);
const host = {
  readFile(absolutePath) {
    try {
      return readFileSync(absolutePath, 'utf8');
    } catch {
      return undefined;
    }
  },
};

async function predict(program, model) {
  if (predictorUnavailable) throw new Error(`LoopLens engine unavailable: ${predictorUnavailable.message}`);
  return predictorPool.use(async (predictor) => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`prediction did not answer within ${PREDICT_TIMEOUT_MS} ms`)), PREDICT_TIMEOUT_MS);
    });
    try {
      const result = await Promise.race([
        predictor.predict({ fileName: program.path, text: program.code, models: [model] }, host),
        timeout,
      ]);
      const modelResult = result.models?.[model];
      if (!modelResult) {
        const skipped = result.skipped?.[model];
        throw new Error(`the prediction has no result for ${model}${skipped ? ` (skipped: ${skipped})` : ''}`);
      }
      return modelResult;
    } finally {
      clearTimeout(timer);
    }
  });
}

// Chromium is launched once for this file and shared by every browser test.
let runInPage = null;
let closeChromium = () => {};
let chromiumDone = Promise.resolve();
const browserNeeded = programs.some((program) => program.models.includes('browser'));

before(async () => {
  if (!browserNeeded || chromiumSkipReason) return;
  let ready;
  const started = new Promise((resolve, reject) => { ready = { resolve, reject }; });
  chromiumDone = withChromium((run) => {
    runInPage = run;
    ready.resolve();
    return new Promise((resolve) => { closeChromium = resolve; });
  }).catch((error) => ready.reject(error));
  await started;
});

const timing = { realMs: 0, predictMs: 0, predictions: 0 };
const tally = Object.fromEntries(MODEL_ORDER.map((model) => [model, { pass: 0, fail: 0, todoPass: 0, todoFail: 0, skip: 0 }]));

after(async () => {
  closeChromium();
  await chromiumDone;
  await Promise.all(predictors.map((predictor) => predictor.dispose()));
  const parts = MODEL_ORDER.filter((model) => Object.values(tally[model]).some((count) => count > 0)).map((model) => {
    const { pass, fail, todoPass, todoFail, skip } = tally[model];
    const decided = pass + fail;
    const rate = decided === 0 ? 'n/a' : `${((100 * pass) / decided).toFixed(1)}%`;
    return `${model}: ${pass}/${decided} pass (${rate}), todo ${todoFail} failing + ${todoPass} now passing, ${skip} skipped`;
  });
  console.log(`differential summary (${programs.length} programs): ${parts.join('; ')}`);
  const meanPredictMs = timing.predictions === 0 ? 0 : timing.predictMs / timing.predictions;
  console.log(`differential timing: real runtimes ${(timing.realMs / 1000).toFixed(1)} s in total, predictions ${(timing.predictMs / 1000).toFixed(1)} s in total (${meanPredictMs.toFixed(0)} ms mean over ${timing.predictions})`);
});

describe('differential corpus', { concurrency: 2 }, () => {
  for (const program of programs) {
    for (const model of program.models) {
      const key = `${program.rel} [${model}]`;
      const options = { timeout: 120_000 };
      if (model === 'node-legacy' && legacySkip) options.skip = legacySkip;
      else if (model === 'browser' && chromiumSkipReason) options.skip = chromiumSkipReason;
      else if (knownFailure(key, model)) options.todo = knownFailure(key, model);
      if (options.skip) tally[model].skip++;
      test(key, options, async (t) => {
        let passed = false;
        try {
          const measure = async () => {
            const realStartedAt = performance.now();
            let observed;
            if (model === 'browser') {
              if (!runInPage) throw new Error('Chromium did not start');
              observed = observedFromBrowser(await runInPage(program.code));
            } else {
              const run = await runRealNode(program, model);
              if (run.timedOut) throw new Error(`the real ${model} run did not finish within its time limit (a corpus bug)`);
              observed = observedFromNode(run);
            }
            timing.realMs += performance.now() - realStartedAt;
            return observed;
          };
          const observed = await measure();
          const predictStartedAt = performance.now();
          const prediction = await predict(program, model);
          timing.predictMs += performance.now() - predictStartedAt;
          timing.predictions++;
          const nondeterministic = isNondeterministic(program, model);
          let problems = comparePrediction({ model, nondeterministic, observed, prediction });
          // A loaded machine can hold a real timer callback back past one scheduled after it (the
          // corpus keeps gaps of 100 ms or more between such timers, which a load average of 20 can
          // still exceed). The real runtime is measured again, at most twice; the first
          // disagreement is reported either way, and the test fails only if no real run agrees.
          for (let again = 0; problems.length > 0 && again < REMEASUREMENTS; again++) {
            t.diagnostic(`real run ${again + 1} disagreed with the prediction; measuring again:\n${problems.join('\n')}`);
            const retried = comparePrediction({ model, nondeterministic, observed: await measure(), prediction });
            if (retried.length === 0) problems = retried;
          }
          assert.ok(problems.length === 0, `${key}: the prediction disagrees with the real runtime\n${problems.join('\n')}`);
          passed = true;
        } finally {
          const counts = tally[model];
          const bucket = options.todo ? (passed ? 'todoPass' : 'todoFail') : (passed ? 'pass' : 'fail');
          counts[bucket]++;
        }
      });
    }
  }
});

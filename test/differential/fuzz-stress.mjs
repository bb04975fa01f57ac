// The fuzz programs under forced timing: a longer, on-demand companion of fuzz.test.mjs (not part of
// `npm test` or CI). A loaded or slow machine (CI's) takes a few milliseconds longer somewhere, and
// Node's order can then change: a timer created a millisecond later is not due in the same timers
// phase, a slow check phase lets a 1 ms timer fall due, a slow start lets a top-level timer run
// before the first immediate. Waiting for such a machine finds those orders by luck; this script
// makes real node slow on purpose instead: every program of a seed is also run with a busy wait of
// 2-3 ms (a `spin` statement, which prints nothing) inserted at random places, and whatever real node
// prints then must still be the prediction for the program WITHOUT the spin, or one of its
// alternatives (stderr and exit code as the first prediction says). Any real output is a possible
// output of the unchanged program on a slow enough machine, so every mismatch is an engine gap.
//
//   node esbuild.mjs
//   node test/differential/fuzz-stress.mjs [--seed=20261127] [--runs=500] [--variants=4] [--spins=1]
//        [--from=0] [--ms=3] [--concurrency=2] [--only=12,80] [--out=/tmp/stress.jsonl] [--generators=sync|all]
//
// --variants spun copies per program and flavour, each with --spins spin statements at random
// places (seeded by the seed and the program's index, so a run can be repeated); --only checks only
// those program indexes. Each mismatch is printed (program, flavour, the spun code, the problems)
// and appended as one JSON line to --out when given. --generators=sync or --generators=all draws programs
// with generator statement kinds (as LOOPLENS_FUZZ_GENERATORS does for fuzz.test.mjs). The exit code is 1 when anything mismatched.

import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import ts from 'typescript';
import { runNode } from '../helpers/oracle.mjs';
import { seededRandom } from '../../scripts/bench/generate-workspace.mjs';
import { comparePrediction, createPool, mapWithConcurrency, observedFromNode } from './corpus.mjs';
import { programArbitrary, renderProgram } from './fuzz-programs.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const [key, value = 'true'] = arg.replace(/^--/, '').split('=');
  return [key, value];
}));
const SEED = Number(args.seed ?? 20261127);
const RUNS = Number(args.runs ?? 500);
const FROM = Number(args.from ?? 0);
const VARIANTS = Number(args.variants ?? 4);
const SPINS = Number(args.spins ?? 1);
const SPIN_MS = Number(args.ms ?? 3);
const CONCURRENCY = Math.max(1, Number(args.concurrency ?? 2));
const ONLY = args.only ? new Set(args.only.split(',').map(Number)) : null;
const OUT = args.out;
const GENERATORS = { sync: 'sync', all: true }[args.generators ?? ''] ?? false;
const REAL_TIMEOUT_MS = 20_000;

const { Predictor } = await import('../../dist/core.js');

/** Every statement list of a program tree (where a spin can go), in a stable order. */
function statementLists(program) {
  const lists = [];
  const visit = (statements) => {
    lists.push(statements);
    for (const statement of statements) {
      for (const key of ['body', 'before', 'after', 'inThen', 'onceBody', 'onBody']) {
        if (Array.isArray(statement[key])) visit(statement[key]);
      }
      if (Array.isArray(statement.links)) for (const link of statement.links) visit(link);
    }
  };
  visit(program.body);
  return lists;
}

/** A copy of the program with `count` spin statements at random places. */
function withSpins(program, next, count) {
  const copy = structuredClone(program);
  for (let spin = 0; spin < count; spin++) {
    const lists = statementLists(copy);
    const list = lists[Math.floor(next() * lists.length)];
    list.splice(Math.floor(next() * (list.length + 1)), 0, { kind: 'spin', ms: SPIN_MS });
  }
  return copy;
}

async function predictOne(predictor, code, model) {
  const fileName = model === 'node-esm' ? '/looplens-fuzz/program.mjs' : '/looplens-fuzz/program.js';
  const result = await predictor.predict({ fileName, text: code, models: [model] }, { readFile: (path) => (path === fileName ? code : undefined) });
  return result.models[model];
}

const totals = { programs: 0, realRuns: 0, mismatches: 0, mismatchedPrograms: new Set(), timedOut: 0 };

async function checkProgram(predictor, program, index) {
  totals.programs++;
  // Seeded per program, so the spin places of a program are repeatable.
  const next = seededRandom(SEED * 1000 + index);
  const variants = [program, ...Array.from({ length: VARIANTS }, () => withSpins(program, next, SPINS))];
  for (const [flavor, model] of [['cjs', 'node'], ['esm', 'node-esm']]) {
    const plain = renderProgram(program, flavor).code;
    const prediction = await predictOne(predictor, plain, model);
    for (const [variantIndex, variant] of variants.entries()) {
      const code = renderProgram(variant, flavor).code;
      const real = await runNode(code, { esm: model === 'node-esm', timeoutMs: REAL_TIMEOUT_MS });
      totals.realRuns++;
      if (real.timedOut) {
        totals.timedOut++;
        continue;
      }
      const problems = comparePrediction({ model, nondeterministic: true, observed: observedFromNode(real), prediction })
        .filter((problem) => !problem.startsWith('the real runtime is nondeterministic'));
      if (problems.length === 0) continue;
      totals.mismatches++;
      totals.mismatchedPrograms.add(index);
      console.log(`\n=== program ${index} ${model} variant ${variantIndex} ===\n${code}--- problems ---\n${problems.join('\n')}`);
      if (OUT) appendFileSync(OUT, `${JSON.stringify({ seed: SEED, index, model, variant: variantIndex, plain, code, problems })}\n`);
    }
  }
}

const startedAt = Date.now();
const programs = fc.sample(programArbitrary({ generators: GENERATORS }), { seed: SEED, numRuns: FROM + RUNS }).map((program, index) => ({ program, index })).slice(FROM)
  .filter(({ index }) => !ONLY || ONLY.has(index));
const predictors = Array.from({ length: CONCURRENCY }, () => new Predictor({ ts }));
const pool = createPool(predictors);
try {
  await mapWithConcurrency(programs, CONCURRENCY, ({ program, index }) => pool.use((predictor) => checkProgram(predictor, program, index)));
} finally {
  await Promise.all(predictors.map((predictor) => predictor.dispose()));
}
console.log(`\nfuzz-stress: seed ${SEED}, programs ${FROM}..${FROM + RUNS - 1} (${totals.programs} checked), ${VARIANTS} variant(s) with ${SPINS} spin(s) of ${SPIN_MS} ms each, ${totals.realRuns} real runs (${totals.timedOut} timed out) in ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${totals.mismatches} mismatches in ${totals.mismatchedPrograms.size} programs${totals.mismatchedPrograms.size ? ` (${[...totals.mismatchedPrograms].sort((a, b) => a - b).join(', ')})` : ''}`);
// A run where real node mostly timed out checked little: it fails rather than passing on the few (as fuzz.test.mjs does).
const mostlyUnchecked = totals.timedOut > totals.realRuns / 10;
if (mostlyUnchecked) console.log(`fuzz-stress: ${totals.timedOut} of ${totals.realRuns} real runs timed out: too few checked`);
process.exitCode = totals.mismatches > 0 || mostlyUnchecked ? 1 : 0;

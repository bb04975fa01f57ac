// `npm run bench`: LoopLens's speed and memory against real peers measured in the same run —
// real `node` running the same teaching files, madge and dpdm scanning the same generated
// 10,000-module workspace. Prints a table, or with --json one JSON object. Benchmarks report;
// they never fail on noise (the exit code is non-zero only when a measurement could not be made).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generateLargeFile, generateWorkspace } from './generate-workspace.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
/**
 * `--only=diagnostics,cycles` runs just those sections (predict, diagnostics, cycles, server, webview, e2e;
 * server-diagnostics is the first part of server alone, without the soak).
 */
const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='));
const sections = onlyArgument ? new Set(onlyArgument.slice('--only='.length).split(',')) : null;
const runs = (section) => !sections || sections.has(section);
const log = (...args) => { if (!json) console.error(...args); };

// The peers are devDependencies (madge 8, dpdm 4), pinned exactly; package.json's `overrides` lets
// them use the project's TypeScript 6 instead of pulling their own TypeScript 5.
const madge = require('madge');
const dpdm = require('dpdm');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** CPU milliseconds this process has used, every thread included (the engine worker is one of them). */
function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Wall and CPU time of `fn`: on a loaded machine wall time mostly measures the other processes. */
async function timeIt(fn) {
  const start = performance.now();
  const cpuStart = cpuMs();
  const result = await fn();
  return { ms: performance.now() - start, cpuMs: cpuMs() - cpuStart, result };
}

/** Teaching-size files (the bundled examples that are single CommonJS files). */
function teachingFiles() {
  return readdirSync(join(root, 'examples'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(root, 'examples', name));
}

/**
 * Runs one startup measurement of benchPredict in a new process (`--predict-fresh-process=KIND`),
 * with the bench's context directory: 'persisted' times a Predictor's first prediction, 'warm-up' its
 * warmUp() and the first prediction after it. Wall and CPU are the child's own (timeIt in the child).
 * The contexts the build ships (dist/prepared-contexts.bin) are used only when `shippedContexts` says so.
 */
function freshProcessPredict(kind, contextCache, { shippedContexts = false } = {}) {
  const env = { ...process.env, LOOPLENS_CONTEXT_CACHE: contextCache, LOOPLENS_SHIPPED_CONTEXTS: shippedContexts ? 'on' : 'off' };
  // Bounded, as the server rows are: a child that hangs fails the row instead of hanging the bench.
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), `--predict-fresh-process=${kind}`], { encoding: 'utf8', env, timeout: 120_000 });
  if (child.error || child.status !== 0) throw new Error(`the fresh-process ${kind} run failed: ${child.error?.message ?? child.stderr}`);
  return JSON.parse(child.stdout);
}

/**
 * The machine's own floor for the engine worker's start, next to workerColdStartMs: in a process set
 * up as that row's (TypeScript and the core loaded), the time from constructing a bare
 * worker_threads Worker, whose whole script posts one message, to that message arriving.
 */
function bareWorkerStart() {
  return new Promise((resolveStart, rejectStart) => {
    const start = performance.now();
    const cpuStart = cpuMs();
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage('started')", { eval: true });
    worker.once('error', rejectStart);
    worker.once('message', () => {
      const result = { ms: performance.now() - start, cpuMs: cpuMs() - cpuStart };
      void worker.terminate().then(() => resolveStart(result), rejectStart);
    });
  });
}

async function predictInFreshProcess(core, ts, kind) {
  if (kind === 'bare-worker') return bareWorkerStart();
  const file = teachingFiles()[0];
  const host = { readFile: (name) => { try { return readFileSync(name, 'utf8'); } catch { return undefined; } } };
  const predictor = new core.Predictor({ ts, workerPath: join(root, 'dist/engine-worker.js') });
  const firstPredict = () => predictor.predict({ fileName: file, text: readFileSync(file, 'utf8'), models: ['node'] }, host);
  try {
    if (kind === 'persisted') {
      const { ms, cpuMs: cpu } = await timeIt(firstPredict);
      return { ms, cpuMs: cpu };
    }
    const warmUp = await timeIt(() => predictor.warmUp());
    const afterWarmUp = await timeIt(firstPredict);
    return { warmUp: { ms: warmUp.ms, cpuMs: warmUp.cpuMs }, afterWarmUp: { ms: afterWarmUp.ms, cpuMs: afterWarmUp.cpuMs } };
  } finally {
    await predictor.dispose();
  }
}

async function benchPredict(core, ts) {
  const files = teachingFiles();
  const host = { readFile: (file) => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } } };
  // Prepared contexts persist on disk between processes (engine/contextCache.ts): an empty directory
  // of the bench's own makes the first start truly cold, and later starts find what it wrote.
  const contextCache = mkdtempSync(join(tmpdir(), 'looplens-bench-contexts-'));
  process.env.LOOPLENS_CONTEXT_CACHE = contextCache;
  // Nor the contexts the build ships: this first start prepares from scratch (workerColdStartNoContextMs).
  process.env.LOOPLENS_SHIPPED_CONTEXTS = 'off';
  const newPredictor = () => new core.Predictor({ ts, workerPath: join(root, 'dist/engine-worker.js') });
  const firstPredict = (predictor) => predictor.predict({ fileName: files[0], text: readFileSync(files[0], 'utf8'), models: ['node'] }, host);
  const cold = await timeIt(async () => {
    const predictor = newPredictor();
    await firstPredict(predictor);
    return predictor;
  });
  const predictor = cold.result;
  const rounds = quick ? 5 : 20;
  const predictTimes = [];
  const predictCpuTimes = [];
  const nodeTimes = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    await predictor.predict({ fileName: file, text, models: ['node'] }, host);
    // Back to back, as an editor re-predicting on every keystroke would if nothing else ran.
    for (let i = 0; i < rounds; i++) {
      const { ms, cpuMs: cpu } = await timeIt(() => predictor.predict({ fileName: file, text, models: ['node'] }, host));
      predictTimes.push(ms);
      predictCpuTimes.push(cpu);
    }
    for (let i = 0; i < Math.max(3, rounds / 2); i++) {
      const { ms } = await timeIt(() => new Promise((resolveRun) => {
        const child = spawn(process.execPath, [file], { cwd: dirname(file), stdio: 'ignore' });
        child.on('exit', resolveRun);
      }));
      nodeTimes.push(ms);
    }
  }
  await predictor.dispose();
  // A new process predicting a file it predicted before: the prepared context comes from disk. It
  // and the warm-up rows run in fresh child processes: in this process the engine keeps the QuickJS
  // wasm module it compiled (and V8's optimised code for it) for any later worker, which a new
  // language server or CLI process does not have (measured: 163 ms here vs ~330 in a new process).
  // The median of as many processes as the fresh-install row (since session 5; one process before,
  // whose figure swung 141-192 ms between two runs on the quiet machine).
  const persistedStarts = [];
  for (let round = 0; round < (quick ? 5 : 7); round++) persistedStarts.push(freshProcessPredict('persisted', contextCache));
  const persisted = { ms: median(persistedStarts.map((start) => start.ms)), cpuMs: median(persistedStarts.map((start) => start.cpuMs)) };
  // The language server starts the worker when the editor connects (warmUp); the first prediction comes later.
  const warmedRun = freshProcessPredict('warm-up', contextCache);
  const warmUp = warmedRun.warmUp;
  const afterWarmUp = warmedRun.afterWarmUp;
  rmSync(contextCache, { recursive: true, force: true });
  // What a freshly installed extension sees: a new process, no context directory yet, and the
  // contexts the build ships (dist/prepared-contexts.bin). The median of several processes, each
  // with an empty directory of its own. Each round also starts a bare worker in a process of its own
  // (nodeWorkerBareStartMs), so both rows see the machine at the same speed.
  const installedStarts = [];
  const bareWorkerStarts = [];
  for (let round = 0; round < (quick ? 5 : 7); round++) {
    const emptyCache = mkdtempSync(join(tmpdir(), 'looplens-bench-installed-'));
    try {
      installedStarts.push(freshProcessPredict('persisted', emptyCache, { shippedContexts: true }));
      bareWorkerStarts.push(freshProcessPredict('bare-worker', emptyCache));
    } finally {
      rmSync(emptyCache, { recursive: true, force: true });
    }
  }
  // The CLI is a new process for every prediction (`looplens predict FILE`, model node): first with
  // an empty context directory, then other files with the directory the first run filled (a
  // prepared context serves every file of its model). Wall time only: the CPU is the child's.
  const cliCache = mkdtempSync(join(tmpdir(), 'looplens-bench-cli-'));
  const cli = (file) => timeIt(() => new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'predict', file], { env: { ...process.env, LOOPLENS_CONTEXT_CACHE: cliCache }, stdio: 'ignore' });
    child.on('exit', resolveRun);
  }));
  const cliCold = await cli(files[0]);
  const cliPersistedTimes = [];
  for (const file of files.slice(1, quick ? 3 : 6)) cliPersistedTimes.push((await cli(file)).ms);
  rmSync(cliCache, { recursive: true, force: true });
  return {
    files: files.length,
    // Since session 5, the first start of a freshly installed extension: a new process, an empty
    // context directory, the shipped contexts; the median of 5 (quick) or 7 processes. Until session
    // 4 this row was the first Predictor of the bench process with nothing prepared anywhere, now
    // workerColdStartNoContextMs (288 ms on the quiet machine at the end of session 4).
    workerColdStartMs: round(median(installedStarts.map((start) => start.ms))),
    workerColdStartCpuMs: round(median(installedStarts.map((start) => start.cpuMs))),
    // Since session 8, the machine's floor for that row: a fresh process (set up as that row's)
    // starting a bare worker_threads Worker that posts one message, from the constructor to the
    // message (median of as many processes, alternated with them). Node's own worker start is in
    // both rows; the ratio is how many bare worker starts the engine's first answer costs.
    nodeWorkerBareStartMs: round(median(bareWorkerStarts.map((start) => start.ms))),
    nodeWorkerBareStartCpuMs: round(median(bareWorkerStarts.map((start) => start.cpuMs))),
    workerColdStartOverBareWorker: round(median(installedStarts.map((start) => start.ms)) / median(bareWorkerStarts.map((start) => start.ms)), 2),
    workerColdStartNoContextMs: round(cold.ms),
    workerColdStartNoContextCpuMs: round(cold.cpuMs),
    workerColdStartPersistedMs: round(persisted.ms),
    workerColdStartPersistedCpuMs: round(persisted.cpuMs),
    workerWarmUpMs: round(warmUp.ms),
    workerWarmUpCpuMs: round(warmUp.cpuMs),
    firstPredictAfterWarmUpMs: round(afterWarmUp.ms),
    firstPredictAfterWarmUpCpuMs: round(afterWarmUp.cpuMs),
    cliPredictColdMs: round(cliCold.ms),
    cliPredictPersistedMs: round(median(cliPersistedTimes)),
    predictP50Ms: round(median(predictTimes)),
    predictP95Ms: round(percentile(predictTimes, 95)),
    predictCpuP50Ms: round(median(predictCpuTimes)),
    nodeRunP50Ms: round(median(nodeTimes)),
    predictOverNodeRun: round(median(predictTimes) / median(nodeTimes), 2),
  };
}

/** The programs the project keeps (examples, the differential corpus, fixtures): inputs to warm the analysis on. */
function warmUpPrograms() {
  const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
  const sourceFiles = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return sourceFiles(join(dir, entry.name));
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [join(dir, entry.name)] : [];
  });
  return ['examples', 'test/differential/corpus', 'test/fixtures'].flatMap((dir) => sourceFiles(join(root, dir)))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/**
 * Diagnostics for a 5,000-line file in this process, two ways: from the text alone (parse, scopes,
 * every rule), and after a one-line edit, as the analysis worker re-checks a document being typed in
 * (it keeps the document's tree and re-parses around the edit). Wall and CPU time, medians of rounds
 * 3-11. Since session 5 these are the `...InProcess...` rows, the previous definition of the
 * 5,000-line rows, which benchDiagnosticsInAnalysisWorker now measures where the user's check runs.
 *
 * `warm` (the rows' definition in session 4): the analysis first checks the examples, the
 * differential corpus and the fixtures twice (about 600 other files), as a language server has
 * checked other files before this one, so the rows measure a warmed analysis rather than the
 * JavaScript engine compiling the parser and the rules and growing its heap. Nothing is cached by
 * text: the warm-up inputs differ from the measured file, and every round parses and analyses it
 * in full. The previous definition (a fresh process, no warm-up) is measured in a child process
 * and printed next to it as the `...ColdProcess...` rows. Measured with --trace-gc (session 4):
 * in rounds 3-11 a fresh process still grows its young generation, so a check takes ~2.1
 * scavenges, each copying and then promoting the half-built tree, plus one mark-compact; after
 * the warm-up a check takes one scavenge (in the parse) and no mark-compact.
 */
async function benchDiagnostics(core, ts, { warm = true } = {}) {
  const text = generateLargeFile({ lines: 5000 });
  const fileName = join(tmpdir(), 'looplens-bench-5k.js');
  const host = { readFile: () => undefined, fileExists: () => false };
  const options = { families: ['tdz', 'hoisting', 'leak'] };
  const rounds = quick ? 5 : 11;
  if (warm) {
    const programs = warmUpPrograms();
    for (let pass = 0; pass < (quick ? 1 : 2); pass++) for (const program of programs) core.analyzeFile(ts, program.text, program.file, host, options);
  }
  const full = [];
  for (let i = 0; i < rounds; i++) full.push(await timeIt(() => core.analyzeFile(ts, text, fileName, host, options)));
  const parser = new core.IncrementalParser(ts);
  core.analyzeFile(ts, text, fileName, host, { ...options, parser });
  const lines = text.split('\n');
  const edits = [];
  for (let i = 0; i < rounds; i++) {
    // Type one statement into a different place each time, as an editor sends a new version.
    const at = Math.floor(((i * 37) % 100) / 100 * lines.length);
    lines.splice(at, 0, `console.log(state${i}.count + ${i});`);
    const edited = lines.join('\n');
    edits.push(await timeIt(() => core.analyzeFile(ts, edited, fileName, host, { ...options, parser })));
  }
  // The first runs include compiling the analysis code itself (without a warm-up); the medians skip them.
  const settled = (times, key) => round(median(times.slice(2).map((time) => time[key])));
  const result = {
    diagnostics5kLineMs: settled(full, 'ms'),
    diagnostics5kLineCpuMs: settled(full, 'cpuMs'),
    diagnostics5kLineEditMs: settled(edits, 'ms'),
    diagnostics5kLineEditCpuMs: settled(edits, 'cpuMs'),
  };
  if (!warm) return result;
  // The previous definition, in a process of its own so that nothing here has warmed it.
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--diagnostics-cold-process', ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the cold-process diagnostics run failed: ${child.stderr}`);
  const cold = JSON.parse(child.stdout);
  return {
    diagnostics5kLineInProcessMs: result.diagnostics5kLineMs,
    diagnostics5kLineInProcessCpuMs: result.diagnostics5kLineCpuMs,
    diagnostics5kLineEditInProcessMs: result.diagnostics5kLineEditMs,
    diagnostics5kLineEditInProcessCpuMs: result.diagnostics5kLineEditCpuMs,
    diagnostics5kLineColdProcessMs: cold.diagnostics5kLineMs,
    diagnostics5kLineColdProcessCpuMs: cold.diagnostics5kLineCpuMs,
    diagnostics5kLineEditColdProcessMs: cold.diagnostics5kLineEditMs,
    diagnostics5kLineEditColdProcessCpuMs: cold.diagnostics5kLineEditCpuMs,
  };
}

/**
 * A real library file, not a generated one (realLibraryCheckMs, since session 5): acorn 8's
 * dist/acorn.js (~6,400 lines; installed as a dependency of espree, eslint's parser, a
 * devDependency, so the lock file pins it), checked from its text alone in this process, as
 * `looplens check` does: parse, scopes, every rule family. Real code asks what the generated file
 * never does: method calls only the type checker resolves, which binds the whole file and infers
 * types. When this row was added (session 5, load 3-5 on 2 cores) such a check took ~165-240 ms
 * warmed in one process, against ~40-60 ms for the 5,000-line generated file, about half of it the
 * checker binding acorn.js for its 67 questions (all `this.next()`); a one-shot `looplens check`
 * of it (a cold process) spent 300-600 ms in the execution-order pass alone. Session 6: the scope
 * resolver answers `this.next` in acorn's prototype methods itself (nothing: only members added by
 * assignment), so the file is never bound; same definition, builds alternated in the same minutes
 * (six pairs, load 8-15 on 2 cores): CPU 167-283 -> 68-107 ms, wall 278-1,095 -> 93-327 ms (the
 * load's), the execution-order pass 79-115 -> ~7 ms. Runs
 * after the 5,000-line rows (so the analysis is warmed); wall and CPU, the median of the rounds after the first.
 */
async function benchRealLibraryCheck(core, ts) {
  const fileName = join(root, 'node_modules/acorn/dist/acorn.js');
  // A dependency update could stop installing acorn there: the row is left out, not the section.
  if (!existsSync(fileName)) return { realLibraryCheckSkipped: `${fileName} is not installed` };
  const text = readFileSync(fileName, 'utf8');
  const host = fsHost();
  const rounds = quick ? 3 : 5;
  const times = [];
  for (let i = 0; i < rounds; i++) times.push(await timeIt(() => core.analyzeFile(ts, text, fileName, host)));
  return {
    realLibraryCheckLines: text.split('\n').length,
    realLibraryCheckMs: round(median(times.slice(1).map((time) => time.ms))),
    realLibraryCheckCpuMs: round(median(times.slice(1).map((time) => time.cpuMs))),
  };
}

/**
 * The 5,000-line rows (diagnostics5kLineMs, ...EditMs; definition since session 5): the check where
 * the user's check runs. The language server's own AnalysisWorkerClient (dist/test/analysis-worker.js,
 * the same module the server bundles) starts dist/server.js as the analysis worker, so the worker has
 * the server's resource limits (ANALYSIS_WORKER_RESOURCE_LIMITS) and the practice the server's worker
 * does while idle; the rounds start once that warm-up reports `done`. (Until session 11 the server's own
 * worker did not get them: the server's --max-semi-space-size=2 capped its young generation at 4 MB,
 * which this process does not have; server.ts now clears the flag once the main thread has started.) Each request is the one the
 * server sends for a document with the default settings: every diagnostic family, circular imports
 * included (the folder's module graph, an empty temporary folder here), the folder's filter, and no
 * other open document, so the previous round's file counts as closed and its tree is dropped. Every
 * round is a new file name, a document opened for the first time, so nothing is answered from the
 * tree of an earlier round. Timed from posting the request to its answer (the hop to the worker and
 * back included); CPU is the whole process's, which is the worker (and V8's helper threads) here.
 * Rows: the median of rounds 3-11 (5 rounds with --quick), the FIRST check after the warm-up on its
 * own (...FirstMs: what a user who opens one large file gets), and one-line edits of a document.
 * Since session 8 also ...Rounds7to11Ms, the median of rounds 7-11 only (not with --quick): new rows
 * beside the unchanged target row, not a replacement. After the warm-up the first ~6 checks of this
 * file still run code V8 has not optimised yet and scavenge more (session 8, CPU per check: 163, 175,
 * 166, 121, 73, 99, then 38-53 ms), so on a loaded machine rounds 3-6 decide the target row; the
 * later rounds show the settled cost, which is what the ratio to the parse peer should compare.
 * Rounds follow each other without a pause, so a young-generation collection V8 schedules right after
 * one check (its scavenge task, when the new space is 80% full) delays the next; it copies the tree the
 * worker keeps for the document's next edit (~8 MB, 6-12 ms). Since session 12 a check of this file
 * allocates ~12.2 MB (sampling heap profile; 13.4 before), under the trigger, so no such task follows
 * it (--trace-gc, 30 checks: 0 tasks, against one after every check before).
 * This host's own speed also varies by about 1.5 times over seconds (session 12: a fixed CPU loop
 * alternated between ~50 and ~75 ms per round within one process, and workers' checks between ~40 and
 * ~65 ms with the same functions costing uniformly more), so the ratio to the parse peer measured in
 * the same minutes is the steadier figure.
 * Not included: the editor's transport, the main thread's handling and the 300 ms debounce (the
 * server-diagnostics rows measure those end to end). The session 4 definition (this process, warmed
 * on ~600 other files, only the tdz, hoisting and leak families) is printed as the ...InProcess... rows.
 */
async function benchDiagnosticsInAnalysisWorker() {
  const { AnalysisWorkerClient, ANALYSIS_WORKER_RESOURCE_LIMITS } = require(join(root, 'dist/test/analysis-worker.js'));
  const { DEFAULT_SETTINGS, enabledKinds } = require(join(root, 'dist/test/features.js'));
  const text = generateLargeFile({ lines: 5000 });
  const folder = mkdtempSync(join(tmpdir(), 'looplens-bench-worker-'));
  const client = new AnalysisWorkerClient(join(root, 'dist/server.js'), (message) => log(`  analysis worker: ${message}`));
  try {
    client.warmUp();
    let warmUp;
    for (const deadline = performance.now() + 60_000; ;) {
      warmUp = (await client.stats(false))?.warmUp;
      if (warmUp?.state === 'done') break;
      if (performance.now() > deadline) throw new Error(`the analysis warm-up did not finish within 60 s: ${JSON.stringify(warmUp)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const settings = DEFAULT_SETTINGS;
    const options = { families: enabledKinds(settings.diagnostics), severity: settings.diagnostics.severity, includeStyle: settings.diagnostics.includeStyle };
    const scope = { root: folder, filter: settings.cycles, openFiles: {} };
    const check = (fileName, fileText) => timeIt(() => client.analyze(join(folder, fileName), fileText, options, scope));
    const rounds = quick ? 5 : 11;
    const full = [];
    for (let i = 0; i < rounds; i++) full.push(await check(`large-${i}.js`, text));
    await check('edited.js', text);
    const lines = text.split('\n');
    const edits = [];
    for (let i = 0; i < rounds; i++) {
      // The same edits as the in-process rows: one statement typed into a different place each time.
      const at = Math.floor(((i * 37) % 100) / 100 * lines.length);
      lines.splice(at, 0, `console.log(state${i}.count + ${i});`);
      edits.push(await check('edited.js', lines.join('\n')));
    }
    const settled = (times, key) => round(median(times.slice(2).map((time) => time[key])));
    const heap = await client.stats(false);
    return {
      diagnostics5kLineMs: settled(full, 'ms'),
      diagnostics5kLineCpuMs: settled(full, 'cpuMs'),
      diagnostics5kLineFirstMs: round(full[0].ms),
      diagnostics5kLineFirstCpuMs: round(full[0].cpuMs),
      ...(full.length > 6 ? {
        diagnostics5kLineRounds7to11Ms: round(median(full.slice(6).map((time) => time.ms))),
        diagnostics5kLineRounds7to11CpuMs: round(median(full.slice(6).map((time) => time.cpuMs))),
      } : {}),
      diagnostics5kLineEditMs: settled(edits, 'ms'),
      diagnostics5kLineEditCpuMs: settled(edits, 'cpuMs'),
      diagnostics5kLineWorkerYoungGenerationMb: ANALYSIS_WORKER_RESOURCE_LIMITS.maxYoungGenerationSizeMb,
      diagnostics5kLineWorkerHeapMb: heap?.heapTotalMb,
      // The young-generation collections the worker ran before full parses (outside no check: each is
      // inside the timed span of the check it preceded), per check of the 5,000-line file and edit.
      diagnostics5kLineCollectionsBeforeParse: heap?.collectionsBeforeParse?.count,
      diagnostics5kLineCollectionsBeforeParseMs: heap?.collectionsBeforeParse?.count ? round(heap.collectionsBeforeParse.totalMs / heap.collectionsBeforeParse.count) : undefined,
    };
  } finally {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Reference rows for the 5,000-line check, measured right after it on the same generated text, with
 * the same number of rounds and the same medians (rounds 3-11, 3-5 with --quick; wall and CPU of this
 * process, every thread included):
 * - tsParse5kLineMs: TypeScript's `createSourceFile` alone (no parent links, as the analysis parses),
 *   in a worker with the analysis worker's resource limits, timed from posting the text to the
 *   answer, as the check is: the floor no analysis of the text can beat.
 * - eslint5kLineMs: ESLint 9's `Linter` in this process with the closest peer rules to LoopLens's
 *   single-file rules (no-use-before-define, no-undef, no-redeclare, no-unused-vars), which parse with
 *   espree and walk the scopes as the analysis does.
 * Each peer first practises on the same text, untimed (the analysis worker has practised on other
 * files in its warm-up; neither peer caches anything by text), and the medians skip two more rounds,
 * as the check's do. A fresh parse-only worker settles only after ~6 rounds of this file (CPU per
 * round, session 8: 648, 158, 103, 65, 76, 46, then 24-33 ms), so it practises 6 rounds: with fewer,
 * the floor would be too high and the ratio would flatter the analysis. ESLint settles after ~3
 * rounds (1,186, 1,009, 643, then 363-636 ms) and takes ~0.5 s a round, so it practises one round:
 * its timed medians start at its fourth round, and the section stays near 25 s. The ratios
 * diagnosticsOverTsParse and diagnosticsOverEslint divide the analysis worker's settled medians by
 * the peers', wall and CPU.
 */
async function benchDiagnosticsPeers(diagnostics) {
  const { Worker } = await import('node:worker_threads');
  const { once } = await import('node:events');
  const { ANALYSIS_WORKER_RESOURCE_LIMITS } = require(join(root, 'dist/test/analysis-worker.js'));
  const { Linter } = require('eslint');
  const text = generateLargeFile({ lines: 5000 });
  const rounds = quick ? 5 : 11;
  const parseWarmUpRounds = 6;
  const eslintWarmUpRounds = 1;
  const settled = (times, key) => median(times.slice(2).map((time) => time[key]));

  const parserSource = `
    const { parentPort, workerData } = require('node:worker_threads');
    const ts = require(workerData.typescriptPath);
    parentPort.on('message', ({ fileName, text }) => {
      const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      parentPort.postMessage(sourceFile.statements.length);
    });`;
  const parser = new Worker(parserSource, { eval: true, workerData: { typescriptPath: require.resolve('typescript') }, resourceLimits: { ...ANALYSIS_WORKER_RESOURCE_LIMITS } });
  const parses = [];
  // Bounded, as the fresh-process rows are: a peer that exits or never answers fails the section
  // instead of hanging the bench.
  const exited = new Promise((_, reject) => parser.once('exit', (code) => reject(new Error(`the parse peer exited with code ${code}`))));
  exited.catch(() => {});
  try {
    const parse = async (fileName) => {
      parser.postMessage({ fileName, text });
      // `once` rejects if the worker reports an error instead, or after a minute without an answer.
      const [statements] = await Promise.race([once(parser, 'message', { signal: globalThis.AbortSignal.timeout(60_000) }), exited]);
      return statements;
    };
    for (let i = 0; i < parseWarmUpRounds; i++) await parse(`warm-${i}.js`);
    for (let i = 0; i < rounds; i++) parses.push(await timeIt(() => parse(`large-${i}.js`)));
  } finally {
    await parser.terminate();
  }

  const linter = new Linter({ configType: 'flat' });
  const config = [{
    languageOptions: { ecmaVersion: 'latest', sourceType: 'script', globals: { console: 'readonly' } },
    rules: { 'no-use-before-define': 'error', 'no-undef': 'error', 'no-redeclare': 'error', 'no-unused-vars': 'error' },
  }];
  const lint = (fileName) => linter.verify(text, config, { filename: fileName });
  for (let i = 0; i < eslintWarmUpRounds; i++) lint(`warm-${i}.js`);
  const lints = [];
  for (let i = 0; i < rounds; i++) lints.push(await timeIt(() => lint(`large-${i}.js`)));

  const parseMs = settled(parses, 'ms');
  const parseCpuMs = settled(parses, 'cpuMs');
  const eslintMs = settled(lints, 'ms');
  const eslintCpuMs = settled(lints, 'cpuMs');
  return {
    tsParse5kLineMs: round(parseMs),
    tsParse5kLineCpuMs: round(parseCpuMs),
    eslint5kLineMs: round(eslintMs),
    eslint5kLineCpuMs: round(eslintCpuMs),
    eslint5kLineMessages: lints[0].result.length,
    diagnosticsOverTsParse: round(diagnostics.diagnostics5kLineMs / parseMs, 2),
    diagnosticsOverTsParseCpu: round(diagnostics.diagnostics5kLineCpuMs / parseCpuMs, 2),
    diagnosticsOverEslint: round(diagnostics.diagnostics5kLineMs / eslintMs, 2),
    diagnosticsOverEslintCpu: round(diagnostics.diagnostics5kLineCpuMs / eslintCpuMs, 2),
    // The settled check against the settled parse: what the analysis adds, whatever the JIT's state.
    ...(diagnostics.diagnostics5kLineRounds7to11CpuMs === undefined ? {} : {
      diagnosticsRounds7to11OverTsParse: round(diagnostics.diagnostics5kLineRounds7to11Ms / parseMs, 2),
      diagnosticsRounds7to11OverTsParseCpu: round(diagnostics.diagnostics5kLineRounds7to11CpuMs / parseCpuMs, 2),
    }),
  };
}

function fsHost() {
  return {
    readFile: (file) => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } },
    fileExists: (file) => existsSync(file),
    directoryExists: (dir) => existsSync(dir),
    // As the language server's host: one folder listing answers module resolution's existence probes.
    filesInDirectory: (dir) => { try { return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name); } catch { return undefined; } },
  };
}

async function benchCycles(core, ts) {
  const workspace = mkdtempSync(join(tmpdir(), 'looplens-bench-ws-'));
  try {
    const files = generateWorkspace(workspace, { count: quick ? 2000 : 10_000 });
    log(`generated ${files.length} modules in ${workspace}`);
    const coldRuns = [];
    let graph;
    let cycleFindings = 0;
    const coldCpu = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      // Truly cold each time: the process-wide module-facts cache would otherwise answer the later runs.
      core.clearModuleFactsCache();
      const { ms, cpuMs: cpu, result } = await timeIt(() => {
        const fresh = new core.ModuleGraph(ts, fsHost());
        fresh.addReachableFrom(files);
        return { fresh, findings: fresh.cycleFindings() };
      });
      coldRuns.push(ms);
      coldCpu.push(cpu);
      graph = result.fresh;
      cycleFindings = result.findings.length;
    }
    const incremental = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      const file = files[(i * 7919) % files.length];
      const text = readFileSync(file, 'utf8') + `\nexport const edit${i} = ${i};\n`;
      const { ms } = await timeIt(() => {
        graph.setFileText(file, text);
        return graph.cycleFindings();
      });
      incremental.push(ms);
    }
    // The harder edit (issue 5): an import added at the top of a module, of the next module by
    // number, read at load time. Modules import earlier ones, so the new edge usually closes a cycle
    // through many modules, whose full facts and verdict must then be computed: a new edge makes the
    // graph find its cycles again. Median and max of the edits, wall and CPU; the export edit row
    // above (cycles10kIncrementalMs) stays as it was.
    const importEdits = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      const index = (i * 7919) % (files.length - 1);
      const file = files[index];
      const target = files[index + 1];
      const specifier = relative(dirname(file), target).replaceAll('\\', '/');
      const name = `value${index + 1}`;
      const text = `import { ${name} } from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';\n${readFileSync(file, 'utf8')}\nexport const readAtLoad${i} = ${name};\n`;
      importEdits.push(await timeIt(() => {
        graph.setFileText(file, text);
        return graph.cycleFindings();
      }));
    }

    const madgeRun = await timeIt(async () => (await madge(join(workspace, 'src'), { fileExtensions: ['js'] })).circular());
    const dpdmRun = await timeIt(async () => {
      const tree = await dpdm.parseDependencyTree(files, { context: workspace, transform: false, skipDynamicImports: false });
      return dpdm.parseCircular(tree);
    });
    const cold = median(coldRuns);
    const coldCpuMs = median(coldCpu);
    return {
      modules: files.length,
      cycleFindings,
      madgeCycles: madgeRun.result.length,
      dpdmCycles: dpdmRun.result.length,
      cycles10kColdMs: round(cold),
      cycles10kColdCpuMs: round(coldCpuMs),
      cycles10kIncrementalMs: round(median(incremental)),
      cycles10kIncrementalImportMs: round(median(importEdits.map((edit) => edit.ms))),
      cycles10kIncrementalImportMaxMs: round(Math.max(...importEdits.map((edit) => edit.ms))),
      cycles10kIncrementalImportCpuMs: round(median(importEdits.map((edit) => edit.cpuMs))),
      cycles10kIncrementalImportMaxCpuMs: round(Math.max(...importEdits.map((edit) => edit.cpuMs))),
      madge10kMs: round(madgeRun.ms),
      dpdm10kMs: round(dpdmRun.ms),
      madgeOverLooplens10k: round(madgeRun.ms / cold, 2),
      dpdmOverLooplens10k: round(dpdmRun.ms / cold, 2),
      // The same comparison in CPU time (all three run in this process), which a loaded machine distorts less.
      madge10kCpuMs: round(madgeRun.cpuMs),
      dpdm10kCpuMs: round(dpdmRun.cpuMs),
      madgeOverLooplens10kCpu: round(madgeRun.cpuMs / coldCpuMs, 2),
      dpdmOverLooplens10kCpu: round(dpdmRun.cpuMs / coldCpuMs, 2),
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

async function benchServer(core) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const started = performance.now();
  // Started with the environment and Node options the VS Code client gives it (serverProcess.ts).
  const env = { ...process.env, ...core.serverProcessEnvironment(process.env) };
  const child = spawn(process.execPath, [...core.SERVER_EXEC_ARGV, join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let diagnosticsSeen = 0;
  connection.onNotification('textDocument/publishDiagnostics', () => { diagnosticsSeen++; });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: { workspace: { configuration: true } } });
    const activationMs = performance.now() - started;
    connection.sendNotification('initialized', {});
    const file = join(root, 'examples/node-event-loop.js');
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
    const waitQuiet = async (ms) => {
      let last = -1;
      while (last !== diagnosticsSeen) {
        last = diagnosticsSeen;
        await new Promise((r) => setTimeout(r, ms));
      }
    };
    await waitQuiet(1500);
    const inlayHints = () => connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } }).catch(() => null);
    await inlayHints();
    const serverRss = rssMb(child.pid);
    // Where the memory is, per thread (committed V8 heaps; the engine's wasm memories and their
    // snapshots are its external memory). The rest of the RSS is the node binary, malloc and stacks.
    const threads = async () => {
      const stats = await connection.sendRequest('looplens/debugStats', {});
      return { main: stats.main.heapTotalMb, analysis: stats.analysis?.heapTotalMb ?? 0, engine: stats.engine?.heapTotalMb ?? 0, engineExternal: stats.engine?.externalMb ?? 0, contexts: stats.engine?.preparedContexts.length ?? 0 };
    };
    const describeThreads = (heaps) => `heaps: main ${heaps.main}, analysis ${heaps.analysis}, engine ${heaps.engine} MB; engine external ${heaps.engineExternal} MB (${heaps.contexts} prepared contexts)`;
    const serverThreads = await threads();
    log(`  after the first prediction: RSS ${round(serverRss)} MB; ${describeThreads(serverThreads)}`);
    // The soak types like an editor: every edit is a new text (a line appended), sent without waiting;
    // every BATCH edits the user pauses, so the debounce fires, the file is analysed and predicted and
    // the inlay hints asked for. Memory is measured after a warm-up phase of the same edits, because
    // the first runs allocate what stays for good (prepared engine contexts, V8 heaps grown to their
    // working size, malloc arenas): that is a one-time cost, not growth per edit.
    let version = 1;
    const editBatch = async (count) => {
      for (let i = 0; i < count; i++) {
        version++;
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: text + `\nconsole.log(${version});\n` }] });
      }
      await waitQuiet(1000);
      await inlayHints();
    };
    // Heaps after a full garbage collection (main thread and analysis worker): retained objects only.
    const retainedHeapMb = async () => {
      const stats = await connection.sendRequest('looplens/debugStats', { collectGarbage: true });
      return stats.main.heapUsedMb + (stats.analysis?.heapUsedMb ?? 0);
    };
    const BATCH = 500;
    const warmUpEdits = quick ? 1000 : 2000;
    const edits = quick ? 1000 : 10_000;
    for (let done = 0; done < warmUpEdits; done += BATCH) await editBatch(BATCH);
    const warmRss = rssMb(child.pid);
    // This forced full collection changes the soak that follows: measured (session 3), the main
    // thread's used heap then grows about 1 MB per batch with no mark-compact for 6,000+ edits
    // (retained heap +0.7 MB; the same with --expose-gc given at start, so it is the collection,
    // not the flag), where a soak without it stays flat (172 -> 171 MB over 10,000 edits). Part
    // of soakRssGrowthMb is therefore garbage V8 has not collected yet, which is why the retained
    // heap is reported next to it.
    const warmHeap = await retainedHeapMb();
    const samples = [];
    for (let done = 0; done < edits; done += BATCH) {
      await editBatch(BATCH);
      samples.push(rssMb(child.pid));
      log(`  soak: ${done + BATCH} edits, RSS ${round(samples.at(-1))} MB; ${describeThreads(await threads())}`);
    }
    const after = samples.at(-1);
    const halfway = samples[Math.floor(samples.length / 2) - 1] ?? warmRss;
    const endHeap = await retainedHeapMb();
    return {
      activationMs: round(activationMs),
      serverRssMb: round(serverRss),
      serverMainHeapMb: serverThreads.main,
      serverAnalysisHeapMb: serverThreads.analysis,
      serverEngineHeapMb: serverThreads.engine,
      serverEngineExternalMb: serverThreads.engineExternal,
      // How the soak figures were taken, printed with them.
      soakMethod: `growth after ${warmUpEdits} warm-up edits; ${BATCH}-edit batches, each predicted`,
      soakWarmRssMb: round(warmRss),
      soakRssMb: round(after),
      soakPeakRssMb: round(Math.max(...samples)),
      soakRssGrowthMb: round(after - warmRss),
      soakRssGrowthSecondHalfMb: round(after - halfway),
      soakRetainedHeapGrowthMb: round(endHeap - warmHeap),
      soakEdits: edits,
    };
  } finally {
    try { await connection.sendRequest('shutdown'); connection.sendNotification('exit'); } catch { /* it may be gone */ }
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    connection.dispose();
  }
}

/** CPU milliseconds a process has used (every thread), from /proc: clock ticks of 10 ms. */
function processCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Waits until a process has used no CPU for `quietMs` (its warm-ups and any earlier work finished). */
async function waitForIdle(pid, quietMs = 600, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  let last = processCpuMs(pid);
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = processCpuMs(pid);
    if (now === last) return;
    last = now;
  }
}

/**
 * Diagnostics for the 5,000-line file end to end, through the real language server over stdio as
 * the editor sees them: dist/server.js started as the VS Code client starts it, initialized, then
 * left alone until the analysis worker's warm-up reports `done` (looplens/debugStats) and the
 * process uses no CPU (the engine's warm-up done too). Each open is a new URI: the time from
 * sending didOpen to the publishDiagnostics for it, then a one-line didChange (an incremental
 * insertion) to the next publishDiagnostics; the document is closed and the server left to go
 * idle before the next open. The times include the JSON-RPC transport of the 162 KB text, the
 * main thread's document handling, the hop to the analysis worker and back, the module-graph
 * (circular-import) scan the product runs with default settings, turning findings into
 * diagnostics, AND the debounce (diagnostics5kLineServerDebounceMs, set explicitly to the
 * product's default of 300 ms; nothing is subtracted). Default settings otherwise, so the
 * prediction of the file starts at the same moment in the engine worker and competes for CPU.
 * The first open of a fresh server is printed on its own (...FirstMs), and the same first open in
 * a server whose warm-up is switched off (LOOPLENS_ANALYSIS_WARM_UP_ROUNDS=0) next to it, with
 * each server's RSS once idle before any document. serverAnalysisWarmUpBusyMs is the wall time
 * of the worker's practice steps (its CPU time only on an idle machine). Session 4 (load 6-13 on
 * 2 cores, so wall times are several times an idle machine's; 8 practice rounds): first open with
 * the warm-up faster in 6 of 7 same-minute pairs (median 3,130 vs 5,230 ms), medians of opens
 * 1,140-2,120 ms.
 */
async function benchServerDiagnostics(core) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const DEBOUNCE_MS = 300;
  const text = generateLargeFile({ lines: 5000 });
  const folder = mkdtempSync(join(tmpdir(), 'looplens-bench-server-'));
  const lineCount = text.split('\n').length;
  const measure = async ({ warmUpRounds, opens }) => {
    const env = { ...process.env, ...core.serverProcessEnvironment(process.env) };
    if (warmUpRounds !== undefined) env.LOOPLENS_ANALYSIS_WARM_UP_ROUNDS = String(warmUpRounds);
    const child = spawn(process.execPath, [...core.SERVER_EXEC_ARGV, join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const waiters = new Map();
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      // A late publish for an older version of the document is not the one a waiter times.
      const waiter = waiters.get(params.uri);
      if (waiter && (params.version === undefined || params.version === waiter.version)) { waiters.delete(params.uri); waiter.resolve(params); }
    });
    connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'looplens' ? { debounceMs: DEBOUNCE_MS } : null)));
    connection.onRequest(() => null);
    connection.onNotification(() => {});
    connection.listen();
    const published = (uri, version) => new Promise((resolve) => waiters.set(uri, { version, resolve }));
    try {
      const rootUri = pathToFileURL(folder).href;
      await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
      connection.sendNotification('initialized', {});
      let warmUp;
      // Bounded: a warm-up that never starts (a replaced worker) or never ends must not hang the bench.
      for (const deadline = performance.now() + 60_000; ;) {
        warmUp = (await connection.sendRequest('looplens/debugStats', {})).analysis?.warmUp;
        if (warmUp?.state === 'done') break;
        if (performance.now() > deadline) throw new Error(`the analysis warm-up did not finish within 60 s: ${JSON.stringify(warmUp)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await waitForIdle(child.pid);
      const idleRssMb = rssMb(child.pid);
      const times = [];
      for (let i = 0; i < opens; i++) {
        const uri = pathToFileURL(join(folder, `large-${i}.js`)).href;
        let started = performance.now();
        let next = published(uri, 1);
        connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
        await next;
        const openMs = performance.now() - started;
        // One statement typed into the middle of the file, sent as the editor does (an incremental change).
        const line = Math.floor(lineCount / 2);
        started = performance.now();
        next = published(uri, 2);
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `console.log(state${i}.count + ${i});\n` }] });
        await next;
        times.push({ openMs, editMs: performance.now() - started });
        connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        await waitForIdle(child.pid);
      }
      return { times, warmUp, idleRssMb };
    } finally {
      try { await connection.sendRequest('shutdown'); connection.sendNotification('exit'); } catch { /* it may be gone */ }
      setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      connection.dispose();
    }
  };
  try {
    const opens = quick ? 3 : 5;
    const warm = await measure({ opens });
    const cold = await measure({ warmUpRounds: 0, opens: 1 });
    log(`  warm-up: ${JSON.stringify(warm.warmUp)}; opens (ms): ${warm.times.map((time) => `${round(time.openMs)}/${round(time.editMs)}`).join(' ')}`);
    return {
      diagnostics5kLineServerMs: round(median(warm.times.map((time) => time.openMs))),
      diagnostics5kLineServerEditMs: round(median(warm.times.map((time) => time.editMs))),
      diagnostics5kLineServerDebounceMs: DEBOUNCE_MS,
      diagnostics5kLineServerFirstMs: round(warm.times[0].openMs),
      diagnostics5kLineServerFirstNoWarmUpMs: round(cold.times[0].openMs),
      serverAnalysisWarmUpBusyMs: warm.warmUp.busyMs,
      serverAnalysisWarmUpLongestStepMs: warm.warmUp.longestStepMs,
      // The server's RSS once started and idle, before any document: with the warm-up done, and without it.
      serverIdleRssAfterWarmUpMb: round(warm.idleRssMb),
      serverIdleRssNoWarmUpMb: round(cold.idleRssMb),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Startup cost in a real VS Code (code-server): the end-to-end suite records the extension's
 * activation and the first inlay hints after opening a file. `--e2e` runs that suite now (about
 * five minutes); otherwise the last recorded run is reported with its date.
 */
/**
 * The execution-context tree webview in real Chromium with the capped 10,000-context trace the
 * engine records for test/webview/fixtures/many-contexts.js: milliseconds from the message's
 * arrival to the first frame with the tree, measured inside the page, best of three.
 */
async function benchContextTree(core, ts) {
  const { chromiumSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } = await import(pathToFileURL(join(root, 'test/helpers/oracle.mjs')).href);
  if (chromiumSkipReason) {
    log(`context tree: skipped (${chromiumSkipReason})`);
    return {};
  }
  const harness = await import(pathToFileURL(join(root, 'test/webview/harness.mjs')).href);
  const { chromium } = await import('playwright-core');
  const predictor = new core.Predictor({ ts });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const message = await harness.treeMessage(predictor, ts, 'test/webview/fixtures/many-contexts.js');
    const page = await harness.openPage(browser, null);
    await page.evaluate((m) => { globalThis.__bigMessage = m; }, message);
    const timings = await harness.timeTreeRender(page, 3);
    return { contextTree10kContexts: message.tree.trace.contexts.length, contextTree10kOpenMs: round(Math.min(...timings)) };
  } finally {
    await browser.close();
    await predictor.dispose();
  }
}

function editorStartup() {
  const file = join(root, 'test-results/e2e-timings.json');
  if (process.argv.includes('--e2e')) {
    log('end-to-end startup in code-server (npm run test:e2e) ...');
    spawnSync('npm', ['run', '--silent', 'test:e2e'], { cwd: root, stdio: json ? 'ignore' : 'inherit' });
  }
  if (!existsSync(file)) return { e2eStartup: 'not measured: run `npm run bench -- --e2e`' };
  const timings = JSON.parse(readFileSync(file, 'utf8'));
  return {
    e2eActivationMs: timings.activationAfterOpenMs,
    e2eFirstInlayHintsMs: timings.firstInlayHintsMs,
    e2eMeasuredAt: timings.measuredAt,
  };
}

const TARGETS = {
  predictP50Ms: ['<=', 30],
  predictOverNodeRun: ['<=', 0.5],
  workerColdStartMs: ['<=', 150],
  workerColdStartPersistedMs: ['<=', 150],
  firstPredictAfterWarmUpMs: ['<=', 150],
  diagnostics5kLineMs: ['<=', 50],
  diagnostics5kLineEditMs: ['<=', 50],
  cycles10kColdMs: ['<=', 3000],
  cycles10kIncrementalMs: ['<=', 50],
  cycles10kIncrementalImportMs: ['<=', 50],
  madgeOverLooplens10k: ['>=', 5],
  dpdmOverLooplens10k: ['>=', 5],
  madgeOverLooplens10kCpu: ['>=', 5],
  dpdmOverLooplens10kCpu: ['>=', 5],
  serverRssMb: ['<=', 250],
  contextTree10kOpenMs: ['<=', 1000],
  soakRssGrowthMb: ['<=', 20],
};

/**
 * Which build dist/ holds. `npm run bench` measures the production build (`node esbuild.mjs
 * --production`), the one the .vsix ships and users run: minified, without source maps. The
 * development build's bundle is 2.7 times larger (dist/server.js 11.4 MB against 4.2 MB), and each
 * thread that loads it keeps its source and compiles more of it. Measured (session 12, `--only=server
 * --quick`, builds alternated in the same minutes): serverRssMb 249-273 (development) against 184-208
 * (production); the main thread's heap 42.7 against 24.3 MB. A development dist/ is still measured (a
 * developer's `node scripts/bench/bench.mjs` after `npm run build`), and the table says which it was.
 */
function builtFor() {
  const file = join(root, 'dist/server.js');
  const tail = Buffer.alloc(200);
  const descriptor = openSync(file, 'r');
  try {
    readSync(descriptor, tail, 0, tail.length, Math.max(0, statSync(file).size - tail.length));
  } finally {
    closeSync(descriptor);
  }
  return tail.toString('latin1').includes('sourceMappingURL=') ? 'development' : 'production';
}

async function main() {
  if (!existsSync(join(root, 'dist/core.js'))) throw new Error('run `npm run build` first');
  const ts = require('typescript');
  const core = require(join(root, 'dist/core.js'));
  const freshProcessKind = process.argv.find((argument) => argument.startsWith('--predict-fresh-process='));
  if (freshProcessKind) {
    // The child freshProcessPredict starts for one startup row.
    process.stdout.write(JSON.stringify(await predictInFreshProcess(core, ts, freshProcessKind.slice('--predict-fresh-process='.length))) + '\n');
    return;
  }
  if (process.argv.includes('--diagnostics-cold-process')) {
    // The child benchDiagnostics starts for the previous definition of its rows.
    process.stdout.write(JSON.stringify(await benchDiagnostics(core, ts, { warm: false })) + '\n');
    return;
  }
  const build = builtFor();
  if (build !== 'production') log('warning: dist/ holds a development build (unminified, with source maps), not the bundle the .vsix ships; `npm run bench` builds that one first');
  const results = { node: process.version, quick, build };
  if (runs('predict')) {
    log('predict ...');
    Object.assign(results, await benchPredict(core, ts));
  }
  if (runs('diagnostics')) {
    log('diagnostics ...');
    const inWorker = await benchDiagnosticsInAnalysisWorker();
    Object.assign(results, inWorker, await benchDiagnosticsPeers(inWorker));
    Object.assign(results, await benchDiagnostics(core, ts));
    Object.assign(results, await benchRealLibraryCheck(core, ts));
  }
  if (runs('cycles')) {
    log('cycles (LoopLens, madge, dpdm) ...');
    Object.assign(results, await benchCycles(core, ts));
  }
  if (runs('server')) {
    log('language server ...');
    Object.assign(results, await benchServerDiagnostics(core));
    Object.assign(results, await benchServer(core));
  } else if (runs('server-diagnostics')) {
    log('language server, 5,000-line diagnostics ...');
    Object.assign(results, await benchServerDiagnostics(core));
  }
  if (runs('webview')) {
    log('context tree webview ...');
    Object.assign(results, await benchContextTree(core, ts));
  }
  if (runs('e2e')) Object.assign(results, editorStartup());
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  } else {
    const rows = Object.entries(results).map(([key, value]) => {
      const target = TARGETS[key];
      const met = target ? (target[0] === '<=' ? value <= target[1] : value >= target[1]) : null;
      return [key, String(value), target ? `${target[0]} ${target[1]}` : '', met === null ? '' : met ? 'met' : 'MISSED'];
    });
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 6));
    for (const row of [['metric', 'value', 'target', ''], ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});

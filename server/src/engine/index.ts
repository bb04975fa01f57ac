// The engine's public entry: `Predictor` runs a file under the requested models in one reused
// worker_threads Worker (dist/engine-worker.js) and returns plain data (types.ts). Work that needs
// the TypeScript compiler (TS -> JS, instrumentation) happens here in the calling thread, so the
// big `typescript` module is loaded once per process and never inside the worker.

import { Worker, MessageChannel, type MessagePort } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import type { Budgets, EngineHost, ModelName, ModelResult, PredictRequest, PredictResult } from './types';
import { DEFAULT_BUDGETS } from './types';
import { englishText, msg, type LocalizableMessage } from '../syntax/message';
import type { NondeterminismPoint, RunOutcome, TimingAssumptions } from './runner';
import { preparedContextKey, SANDBOX_FILE, SHIPPED_CONTEXTS_FILE, WORKER_BUNDLE_FILE, type CompiledWasm, type EngineWorkerStats, type SerializableRunRequest, type WebAssemblyApi, type WorkerBuild, type WorkerRequest, type WorkerResponse, type HandedCodeCache } from './workerProtocol';
import { codeCacheOf, ContextCache, contextDirectory, ensureOwnDirectory, readStartupContexts, transferableBuffers, workerBundleDigest, workerCodeCacheFile, wrapWorkerBundle } from './contextCache';
import { detectModuleSyntax, parseJavaScript } from './applicable';
import { rewriteForEngine } from './rewrite';
import { instrument } from './instrument';
import { frameIndexOf, frameNameTable } from './frameNames';
import { answerFileRequest, entryCompilerOptions, mapPredictionToSource } from './modules/typescript';

export { applicableModels } from './applicable';
export { givenWorkspacePath, isInWorkspaceFolder, listWorkspaceDirectory, projectRootOf, readWorkspaceBytes, readWorkspaceFile, realWorkspacePath, statWorkspacePath } from './hostListing';
export * from './types';

type TypeScript = typeof import('typescript');

export interface PredictorOptions {
  ts: TypeScript;
  /** Path of dist/engine-worker.js; defaults to next to the running bundle. */
  workerPath?: string;
  /** Path of dist/sandbox.js; defaults to next to the worker. */
  sandboxPath?: string;
  /** Path of dist/quickjs.wasm; defaults to next to the worker. Without the file, the worker compiles the wasm its bundle carries. */
  wasmPath?: string;
}

declare const WebAssembly: WebAssemblyApi;

/** QuickJS's wasm, compiled once per process and per file: later workers (after a kill) get the same module. */
const compiledWasm = new Map<string, Promise<CompiledWasm | null>>();

/**
 * Compiles dist/quickjs.wasm with V8's asynchronous compiler, which works on background threads, so
 * the compile overlaps the worker's own start (loading its bundle) instead of following it on the
 * worker's thread. Null when the file is missing or does not compile: the worker then uses its bundle's copy.
 */
function compileQuickjsWasm(path: string): Promise<CompiledWasm | null> {
  let compiled = compiledWasm.get(path);
  if (!compiled) {
    compiled = readFile(path).then(
      (bytes) => WebAssembly.compile(bytes),
      () => null,
    ).catch(() => null);
    compiledWasm.set(path, compiled);
  }
  return compiled;
}

/**
 * Posts on `port`, for the worker just constructed (workerLoader.ts), a code cache of the worker
 * bundle at `bundlePath` (HandedCodeCache): the user's code cache file, read and its digest checked
 * here, where node:crypto is loaded already (the worker would load it for this check alone: 3.6-5.2
 * ms of a fresh worker thread, measured); or, when there is no sound file (a fresh install, or
 * contexts not kept), V8's code for the bundle's top level, compiled here while the worker boots:
 * ~6.4 ms of this thread's CPU (5.7 to compile, 0.7 to serialise), and the worker compiles the
 * bundle in 0.8 instead of 5.7 ms (medians of fresh processes). The file is named by a digest of
 * the bundle's text, hashed here (workerCodeCacheFile says why its size and time are not enough). A
 * message that comes after the worker's bootstrap ended is not waited for: the worker compiles as
 * before and names the file it writes by its own digest then.
 */
function sendBundleCodeCache(bundlePath: string, port: MessagePort): void {
  try {
    const source = readFileSync(bundlePath, 'utf8');
    const bundleDigest = workerBundleDigest(source);
    const file = workerCodeCacheFile(bundleDigest);
    let stored: Buffer | undefined;
    try {
      // Only from a directory no one else can write to, as the worker reads it.
      if (file !== null) ensureOwnDirectory(dirname(file));
      stored = file !== null && existsSync(file) ? readFileSync(file) : undefined;
    } catch {
      stored = undefined;
    }
    const checked = stored && codeCacheOf(stored);
    const handed: HandedCodeCache = checked
      ? { kind: 'file', data: checked, bundleDigest, sourceLength: source.length }
      : { kind: 'top-level', data: new Script(wrapWorkerBundle(source), { filename: bundlePath }).createCachedData(), bundleDigest, sourceLength: source.length };
    port.postMessage(handed);
  } catch {
    // The worker compiles its bundle as it would without the message.
  } finally {
    port.close();
  }
}

const PRIMARY_TIMING: TimingAssumptions = { startupElapsedMs: 0, frameAtStart: false, legacySpreadTimers: false, checkElapsedMs: 0 };

/** The other assumption to try for each kind of timing race (timer-clock splits are tried per place; machine-speed is STEADY_SPEEDS). */
const ALTERNATIVE_TIMING: Record<Exclude<NondeterminismPoint['kind'], 'timer-clock' | 'machine-speed' | 'raf-between-tasks'>, Partial<TimingAssumptions>> = {
  'startup-timers': { startupElapsedMs: 1 },
  'raf-vs-timers': { frameAtStart: true },
  'io-vs-timers': { ioLatencyMs: 1 },
  'io-slow-vs-timers': { ioLatencyMs: 2 },
  'io-fast-vs-timers': { ioLatencyMs: 0.2 },
  'legacy-timer-clock': { legacySpreadTimers: true },
  'check-timers': { checkElapsedMs: 1 },
  'page-load-vs-timers': { pageLoadFirst: true },
  'flexible-task-early': { flexibleTasksEarly: true },
  'flexible-task-aligned': { flexibleTasksAligned: true },
  'timers-drain': { drainElapsedMs: 1 },
  'module-read': { slowModuleReads: true },
};

/**
 * At most this many reruns with a millisecond split between two timers (timer-clock) per model,
 * and per timing assumption they start from: each place where a split could matter is one rerun,
 * and a program can have many such places. The splits queue in the order of their base runs
 * (primary, then each assumption run), so 6 cut off every split on top of a second assumption:
 * program 272 of seed 20261127 printed a slow start + a slow check phase + one split (1 of 30
 * loaded runs), which is the 10th split run. Only programs with that many places pay for more.
 */
const MAX_TIMER_CLOCK_RUNS = 12;
const MAX_TIMER_CLOCK_RUNS_PER_BASE = 3;

/**
 * At most this many reruns under the other timing assumptions (alone or combined) per model. Three
 * kinds are often met in one Node program (a slow start, a slow check phase, a second timers pass),
 * so their pairs need more than four runs (fuzz-found/fuzz-db2d754b4e.js needs check + drain).
 */
const MAX_ASSUMPTION_RUNS = 8;

/**
 * At most this many reruns that add a second split, or another timing assumption, to a run with a
 * split (per model), and at most this many later places each split run proposes.
 */
const MAX_CHAINED_RUNS = 8;
const MAX_CHAINED_SPLITS_PER_RUN = 2;

/**
 * At most this many reruns with one check phase slow and the others fast, when several check
 * phases race a timer (fuzz-found/fuzz-c6fb5095a6.mjs: the first slow, the second not).
 */
const MAX_SLOW_CHECK_PHASE_RUNS = 2;

/**
 * The timing reruns of one model together may take this many CPU budgets (budgets.timeMs) of wall
 * time; past it the remaining reruns are skipped and the prediction says so. Up to ~38 reruns are
 * allowed by the limits above, each with a full budget: without a shared allowance a program that
 * loops in every run could take over a minute per model.
 */
const RERUN_ALLOWANCE_BUDGETS = 3;

/**
 * Machines of steady speed tried when a Node run met interacting timing races (TimingAssumptions.work): a
 * loaded machine crosses several millisecond boundaries in one run, and its orders combine three
 * or more of the single races above, which no bounded set of their combinations reaches. Measured
 * on fuzz programs with many 0 and 1 ms timers (seed 20261127 programs 42, 272, 377): the order a
 * loaded machine printed most often (11 of 30 runs of program 272) came from most profiles of a
 * grid of 75 (0.02-0.4 ms per line, 0-3 times that per callback, 0.1-0.9 ms into the first
 * millisecond); the first four reach every grid order seen in real runs. One run each.
 */
const STEADY_SPEEDS: NonNullable<TimingAssumptions['work']>[] = [
  { msPerLine: 0.05, msPerStep: 0.05, offsetMs: 0.3 },
  { msPerLine: 0.05, msPerStep: 0.05, offsetMs: 0.9 },
  { msPerLine: 0.02, msPerStep: 0.06, offsetMs: 0.9 },
  { msPerLine: 0.2, msPerStep: 0, offsetMs: 0.9 },
  // Node sets up process.stdout on the first write: 5.6-37 ms on a loaded machine (measured), so a
  // timer created after the first console.log starts that much later than one created before it
  // (seed 20261128 program 94: 14 of 20 loaded runs printed these two orders, the loop starting
  // right away or a little later).
  { msPerLine: 0.05, msPerStep: 0.05, offsetMs: 0.3, firstLineMs: 10 },
  { msPerLine: 0.05, msPerStep: 0.05, offsetMs: 0.3, firstLineMs: 10, loopStartMs: 2 },
];

const MACHINE_SPEED_POINT: NondeterminismPoint = {
  kind: 'machine-speed',
  note: msg('On a slower or loaded machine, time passes while the callbacks run, so several of these millisecond races can go the other way in one run (measured on Node 20).'),
};

/** Wall-clock time a worker may take to start and load QuickJS before it is considered stuck. */
const WARMUP_TIMEOUT_MS = 60_000;
/** How long `workerStats` waits: past a run in progress; on timeout the worker is stopped like any stuck worker. */
const STATS_TIMEOUT_MS = 60_000;

/**
 * The name a model's runtime gives the entry file: node resolves the entry's symbolic links (an
 * editor's folder reached through a link, /home/me/project -> /data/project, without
 * --preserve-symlinks-main), so `__filename`, `import.meta.url`, module ids and stack frames name the
 * real path (EngineHost.realPath); a page keeps the URL it was opened by. Positions in the result are
 * the entry's lines and columns, whatever name it ran under.
 */
function entryName(fileName: string, model: ModelName, host: EngineHost): string {
  if (model === 'browser') return fileName;
  try {
    return host.realPath?.(fileName) ?? fileName;
  } catch {
    return fileName;
  }
}

const isTypeScriptFile = (fileName: string) => /\.(c|m)?tsx?$/.test(fileName.toLowerCase());

/** The program `warmUp` predicts (and forgets): the usual first steps of a teaching file, in any model. */
const WARM_UP_FILE = '/looplens-warm-up.js';
const WARM_UP_PROGRAM = `class Counter {
  constructor() { this.count = 0; }
  async tick(label) { await null; this.count++; return label + this.count; }
}
const counter = new Counter();
console.log('start', { list: [1, 'two', null], nested: { map: new Map([[1, true]]) } });
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('promise'));
counter.tick('tick').then((text) => console.log(text));
try { null.property; } catch (error) { console.log(error instanceof TypeError, String(error.stack).length > 0); }
console.log('end');
`;

/** Wall-clock time `dispose` waits for the worker to write its newly prepared contexts to disk. */
const FLUSH_TIMEOUT_MS = 5_000;

/** Wall-clock time a cancelled run may take to answer before the worker is stopped (see runOnce). */
const ABORT_GRACE_MS = 400;

/** Extra wall-clock time the worker gets beyond the CPU budget before it is considered stuck. */
const WATCHDOG_GRACE_MS = 1000;

/**
 * The CPU budget is enforced inside the worker; the wall-clock watchdog only catches a worker that
 * stopped answering. On a loaded machine wall time runs far ahead of CPU time, so the watchdog
 * allows several times the budget before it kills the worker.
 */
const WATCHDOG_WALL_FACTOR = 10;

interface Pending {
  /** What was asked: a warm-up still answering does not keep dispose from flushing. */
  type: WorkerRequest['type'];
  resolve(response: WorkerResponse): void;
  reject(error: Error): void;
}

export class Predictor {
  private readonly ts: TypeScript;
  private readonly workerPath: string;
  private readonly sandboxPath?: string;
  private readonly wasmPath: string;
  private worker: Worker | null = null;
  private syncPort: MessagePort | null = null;
  private signal: Int32Array | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Runs go one at a time: the worker has one QuickJS module and one sync file channel. */
  private queue: Promise<unknown> = Promise.resolve();
  private currentHost: EngineHost | null = null;
  /** The running request's budgets.fileSizeKb: a TypeScript module past it is not compiled here (answerFileRequest). */
  private currentFileSizeKb = DEFAULT_BUDGETS.fileSizeKb;
  private disposed = false;
  /**
   * The parses of JavaScript made for the prediction in progress, by file name and text: deciding
   * the module goal, V8's frame names and the engine's rewrite read the same text, for every model
   * of the request (applicable.ts parseJavaScript). Emptied when the request ends, so no syntax tree
   * outlives it.
   */
  private readonly requestParses = new Map<string, import('typescript').SourceFile>();
  /** The port for the context files of the worker just started, until sendStartupContexts uses it. */
  private startupContextsPort: MessagePort | null = null;
  /** The port for the worker bundle's code cache of the worker just started, until sendCodeCache uses it. */
  private codeCachePort: MessagePort | null = null;
  /** The frame-name table of the last code prepared (see prepare). */
  private frameNamesFor: { code: string; fileName: string; table: ReturnType<typeof frameNameTable>; index: ReturnType<typeof frameIndexOf> } | undefined;

  constructor(opts: PredictorOptions) {
    this.ts = opts.ts;
    this.workerPath = opts.workerPath ?? join(__dirname, 'engine-worker.js');
    this.sandboxPath = opts.sandboxPath;
    this.wasmPath = opts.wasmPath ?? join(dirname(this.workerPath), 'quickjs.wasm');
  }

  /**
   * Starts the worker, loads QuickJS and prepares the context of `model` (CommonJS unless
   * `isModule`) ahead of the first prediction: a prepared context serves every file of its model.
   * Not queued behind predictions (it uses no file channel), so a prediction made meanwhile
   * compiles its file while the worker prepares, and then uses the same context.
   */
  async warmUp(model: ModelName = 'node', isModule = false): Promise<void> {
    if (this.disposed) return;
    this.ensureWorker();
    const contextsFromPredictor = this.sendStartupContexts([{ model, isModule }]);
    const build = contextsFromPredictor ? this.workerBuild() : undefined;
    const warmedUp = this.send({ type: 'warmup', id: this.nextId++, prepare: [{ model, isModule }], contextsFromPredictor, build }, WARMUP_TIMEOUT_MS);
    this.sendCodeCache();
    await warmedUp;
    // A first run in a new process is slow everywhere at once: the compiler's and the engine's
    // JavaScript is not optimised yet and V8 is still tiering up QuickJS's wasm. A small program
    // predicted now, its result dropped, moves that cost off the user's first prediction.
    await this.predict({ fileName: WARM_UP_FILE, text: WARM_UP_PROGRAM, models: [model] }, { readFile: () => undefined }).catch(() => undefined);
  }

  predict(req: PredictRequest, host: EngineHost, signal?: AbortSignal): Promise<PredictResult> {
    const budgets: Budgets = { ...DEFAULT_BUDGETS, ...req.budgets };
    // A file past the size budget is answered at once, before a worker starts or the file is parsed:
    // its parse, rewrite and QuickJS compile would take seconds (the 5 MB robustness-fuzz program:
    // 5.6 s of preparation, then a compile the watchdog stopped after 6 s: 12.5-14.4 s in all).
    if (req.text.length > budgets.fileSizeKb * 1024) {
      if (signal?.aborted) return Promise.reject(abortError());
      return Promise.resolve(fileTooLarge(req, budgets.fileSizeKb));
    }
    return this.enqueue(async () => {
      // A cold worker starts, compiles QuickJS and prepares the contexts of the requested models
      // while this thread compiles the file for the engine. The worker is started first: working
      // out the file's module goal takes a parse, done while the worker boots.
      if (!this.worker && !this.disposed) {
        this.ensureWorker();
        let prepare: { model: ModelName; isModule: boolean }[] = [];
        try {
          const configured = this.entryConfiguration(req, host);
          prepare = req.models.map((model) => ({ model, isModule: this.runsAsModule(req, model, configured.isModule) }));
        } catch {
          // The run itself reports what is wrong with the file; the contexts are prepared then.
        }
        const contextsFromPredictor = this.sendStartupContexts(prepare);
        const build = contextsFromPredictor ? this.workerBuild() : undefined;
        this.send({ type: 'warmup', id: this.nextId++, prepare, contextsFromPredictor, build }, WARMUP_TIMEOUT_MS).catch(() => undefined);
        this.sendCodeCache();
      }
      const result: PredictResult = { file: req.fileName, models: {} };
      for (const model of req.models) {
        if (signal?.aborted) throw abortError();
        result.models[model] = await this.predictModel(req, model, budgets, host, signal);
      }
      return result;
    });
  }

  async dispose(): Promise<void> {
    // The worker writes a newly prepared context to disk after answering: that write is waited
    // for (briefly) so the next process finds it, as a CLI run that exits right away needs. A
    // worker still busy with a request is stopped at once instead: the flush would wait for it.
    // The first prediction's warm-up (sent ahead of its run) often answers after the run does, so
    // only a run still going counts as busy here: a CLI run disposes right after its answer.
    const busy = [...this.pending.values()].some((waiter) => waiter.type === 'run');
    if (this.worker && !this.disposed && !busy) await this.send({ type: 'flush', id: this.nextId++ }, FLUSH_TIMEOUT_MS).catch(() => undefined);
    this.disposed = true;
    await this.killWorker();
  }

  // ---- One model ----

  private async predictModel(req: PredictRequest, model: ModelName, budgets: Budgets, host: EngineHost, signal?: AbortSignal): Promise<ModelResult> {
    const prepared = this.prepare(req, model, host);
    const run: SerializableRunRequest = {
      model,
      code: prepared.code,
      isModule: prepared.isModule,
      fileName: entryName(req.fileName, model, host),
      sourceText: req.text,
      budgets,
      timing: PRIMARY_TIMING,
      columnMaps: prepared.columnMaps,
      insertions: prepared.insertions,
      traceFunctions: prepared.traceFunctions,
      frameNames: prepared.frameNames,
    };
    const primary = await this.runOnce(run, host, signal);
    const result = primary.result;
    if (prepared.sourceMap) mapPredictionToSource(result, prepared.sourceMap);
    for (const note of prepared.notes) addNote(result, note);
    // Where the real runtime leaves the order to timing, run again under the other assumption.
    const primaryStdout = stdoutTexts(result);
    // The reruns share one allowance, so a prediction costs at most a few CPU budgets however many
    // races it meets; a primary run stopped by its CPU or memory budget is not run again at all.
    const rerunAllowanceMs = RERUN_ALLOWANCE_BUDGETS * budgets.timeMs;
    let rerunSpentMs = 0;
    let rerunsCut: 'stopped' | 'allowance' | null = primary.result.stopped === 'time-budget' || primary.result.stopped === 'memory' ? 'stopped' : null;
    let rerunsCutNoted = false;
    const rerun = async (request: SerializableRunRequest): Promise<RunOutcome | null> => {
      if (!rerunsCut && rerunSpentMs >= rerunAllowanceMs) rerunsCut = 'allowance';
      if (rerunsCut) {
        // Said once, and only when a rerun was wanted: the listed orders may then be incomplete.
        if (!rerunsCutNoted) {
          addNote(result, rerunsCut === 'stopped'
            ? msg('The run was stopped by its budget, so the other timing assumptions were not tried: other orders may be possible.')
            : msg('Not every timing assumption was tried: the reruns used their allowance of {0} ms, so other orders may be possible.', rerunAllowanceMs));
          rerunsCutNoted = true;
          result.deterministic = false;
        }
        return null;
      }
      const started = performance.now();
      try {
        return await this.runOnce(request, host, signal);
      } finally {
        rerunSpentMs += performance.now() - started;
      }
    };
    // An order is another outcome when its stdout, its stderr or its exit code differs: a timer
    // that throws only when it runs before the immediate that clears it prints nothing either way,
    // and the race shows only in the crash (exit code 1 and the report on stderr).
    const sameOutcome = (stdout: string[], ending: AlternativeEnding, otherStdout: string[], otherEnding: AlternativeEnding) =>
      sameTexts(stdout, otherStdout) && ending.exitCode === otherEnding.exitCode && sameTexts(ending.stderr, otherEnding.stderr);
    const addAlternative = (other: RunOutcome | null, point: NondeterminismPoint) => {
      if (!other) return;
      const otherStdout = stdoutTexts(other.result);
      const otherEnding: AlternativeEnding = { exitCode: other.result.exitCode, stderr: stderrTexts(other.result) };
      if (sameOutcome(primaryStdout, primaryEnding, otherStdout, otherEnding)) return;
      if (result.alternatives.some((alternative, index) => sameOutcome(alternative, endings[index], otherStdout, otherEnding))) return;
      result.deterministic = false;
      result.alternatives.push(otherStdout);
      endings.push(otherEnding);
      addNote(result, point.note);
    };
    const endings: AlternativeEnding[] = [];
    const primaryStderr = stderrTexts(primary.result);
    const primaryEnding: AlternativeEnding = { exitCode: primary.result.exitCode, stderr: primaryStderr };
    // A millisecond split between two timers can fall at several places, and on top of another
    // timing assumption (a slow start, say): every run proposes its own places.
    const splitRuns: { timing: TimingAssumptions; point: NondeterminismPoint }[] = [];
    const queueSplits = (outcome: RunOutcome, timing: TimingAssumptions) => {
      const places = outcome.nondeterminism.filter((point) => point.kind === 'timer-clock' && point.at !== undefined);
      for (const point of spreadPick(places, MAX_TIMER_CLOCK_RUNS_PER_BASE)) splitRuns.push({ timing: { ...timing, timerClockSplitsAt: [...(timing.timerClockSplitsAt ?? []), point.at!] }, point });
    };
    queueSplits(primary, PRIMARY_TIMING);
    // The other assumptions, one kind at a time and then combined: a run under one assumption may
    // meet a race the primary run never reached (a slow start, then a slow check phase).
    const pending: { timing: TimingAssumptions; point: NondeterminismPoint }[] = [];
    const tried = new Set<string>([timingKey(PRIMARY_TIMING)]);
    const queueKinds = (outcome: RunOutcome, base: TimingAssumptions) => {
      for (const point of outcome.nondeterminism) {
        if (point.kind === 'timer-clock' || point.kind === 'machine-speed') continue;
        const timing: TimingAssumptions = { ...base, ...(point.kind === 'raf-between-tasks' ? { frameAfterTasks: point.at } : ALTERNATIVE_TIMING[point.kind]) };
        const key = timingKey(timing);
        if (tried.has(key)) continue;
        tried.add(key);
        pending.push({ timing, point });
      }
    };
    queueKinds(primary, PRIMARY_TIMING);
    for (let runs = 0; pending.length > 0 && runs < MAX_ASSUMPTION_RUNS; runs++) {
      const { timing, point } = pending.shift()!;
      const other = await rerun({ ...run, timing });
      if (!other) break;
      addAlternative(other, point);
      queueSplits(other, timing);
      queueKinds(other, timing);
    }
    // A run with a split can meet races of its own: a second split among the timers it deferred,
    // or a slow drain after them. Those follow, within their own limits (seed 20261127 programs 272
    // and 377 printed such orders on a loaded machine: a slow check phase and two splits; a slow
    // start, a split and a slow drain).
    const chained: { timing: TimingAssumptions; point: NondeterminismPoint }[][] = [];
    for (const { timing } of splitRuns) tried.add(timingKey(timing));
    for (const { timing, point } of splitRuns.slice(0, MAX_TIMER_CLOCK_RUNS)) {
      const other = await rerun({ ...run, timing });
      if (!other) break;
      addAlternative(other, point);
      const followers: { timing: TimingAssumptions; point: NondeterminismPoint }[] = [];
      const last = Math.max(...(timing.timerClockSplitsAt ?? [0]));
      const later = other.nondeterminism.filter((place) => place.kind === 'timer-clock' && place.at !== undefined && place.at > last);
      for (const place of spreadPick(later, MAX_CHAINED_SPLITS_PER_RUN)) {
        const next = { timing: { ...timing, timerClockSplitsAt: [...(timing.timerClockSplitsAt ?? []), place.at!] }, point: place };
        const key = timingKey(next.timing);
        if (!tried.has(key)) {
          tried.add(key);
          followers.push(next);
        }
      }
      const before = pending.length;
      queueKinds(other, timing);
      followers.push(...pending.splice(before));
      chained.push(followers);
    }
    // Taken in turns from each split run, so that the splits on top of a slow start or a slow check
    // phase (queued after the primary run's) get their share.
    for (const { timing, point } of roundRobin(chained).slice(0, MAX_CHAINED_RUNS)) {
      addAlternative(await rerun({ ...run, timing }), point);
    }
    // With several check phases racing, one slow phase among fast ones is an order of its own
    // (checkElapsedMs makes them all slow).
    const racingCheckPhases = primary.nondeterminism.filter((point) => point.kind === 'check-timers' && point.at !== undefined);
    if (racingCheckPhases.length > 1) {
      for (const point of spreadPick(racingCheckPhases, MAX_SLOW_CHECK_PHASE_RUNS)) {
        addAlternative(await rerun({ ...run, timing: { ...PRIMARY_TIMING, slowCheckPhases: [point.at!] } }), point);
      }
    }
    // Only where the races already interact (two or more other orders found): a single race has
    // its two orders listed, and a steady machine adds nothing to it.
    if ((model === 'node' || model === 'node-esm') && result.alternatives.length >= 2) {
      for (const work of STEADY_SPEEDS) addAlternative(await rerun({ ...run, timing: { ...PRIMARY_TIMING, work } }), MACHINE_SPEED_POINT);
    }
    if (endings.some((ending) => ending.exitCode !== primary.result.exitCode || !sameTexts(ending.stderr, primaryStderr))) result.alternativeEndings = endings;
    // A TypeScript entry predicted for another target than its tsconfig.json's: what the emitted
    // JavaScript would print, when that differs (let -> var, downlevel async, class fields).
    if (prepared.emittedTarget) {
      const emitted = this.prepare({ ...req, trace: false }, model, host, true);
      const outcome = await this.runOnce({ ...run, code: emitted.code, columnMaps: emitted.columnMaps, insertions: emitted.insertions, traceFunctions: null }, host, signal);
      const emittedStdout = stdoutTexts(outcome.result);
      if (!sameTexts(primaryStdout, emittedStdout)) {
        addNote(result, msg('Compiled as tsconfig.json says (target {0}), the emitted JavaScript would print instead: {1}', prepared.emittedTarget, JSON.stringify(emittedStdout)));
      }
    }
    return result;
  }

  /** A TypeScript entry is compiled with its project's tsconfig.json (modules/typescript.ts); a JavaScript one as it is. */
  private entryConfiguration(req: PredictRequest, host?: EngineHost): ReturnType<typeof entryCompilerOptions> {
    return isTypeScriptFile(req.fileName) && host ? entryCompilerOptions(this.ts, host, req.fileName) : { options: {}, isModule: undefined, notes: [] };
  }

  /** Whether `model` runs the entry as an ES module (contexts are prepared per model and module goal). */
  private runsAsModule(req: PredictRequest, model: ModelName, configuredIsModule: boolean | undefined): boolean {
    const lower = req.fileName.toLowerCase();
    if (model === 'browser') return false;
    if (model === 'node-esm' || lower.endsWith('.mjs') || lower.endsWith('.mts')) return true;
    if (lower.endsWith('.cjs') || lower.endsWith('.cts')) return false;
    if (configuredIsModule !== undefined) return configuredIsModule;
    // Every form of module syntax detectModuleSyntax looks for (import and export declarations,
    // import.meta, a top-level await) has one of these words, which a keyword cannot spell with
    // escapes: a file without them is decided without its parse. The first prediction of a worker
    // decides this before the shipped contexts are read for the worker (sendStartupContexts), which
    // then start before the parse rather than after it.
    if (!/\b(?:import|export|await)\b/.test(req.text)) return false;
    return detectModuleSyntax(this.ts, req.text, req.fileName, this.parsed(req.text, req.fileName));
  }

  private prepare(req: PredictRequest, model: ModelName, host?: EngineHost, asEmitted = false): { code: string; isModule: boolean; notes: LocalizableMessage[]; columnMaps: Record<number, number[]>; insertions: number[][]; traceFunctions: unknown[] | null; frameNames: ReturnType<typeof frameNameTable>; sourceMap?: string; emittedTarget?: string } {
    const notes: LocalizableMessage[] = [];
    const isTypeScript = isTypeScriptFile(req.fileName);
    const configured = this.entryConfiguration(req, host);
    notes.push(...configured.notes);
    const isModule = this.runsAsModule(req, model, configured.isModule);
    if (isModule && model === 'node-legacy') notes.push(msg('Node < 11 could not load ES modules without a flag; the file is run as a module anyway.'));
    let code = req.text;
    let sourceMap: string | undefined;
    if (isTypeScript) {
      const ts = this.ts;
      const output = ts.transpileModule(req.text, {
        fileName: req.fileName,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
          ...(asEmitted && configured.emitted ? configured.emitted.options : configured.options),
          module: isModule ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
          sourceMap: true,
          inlineSourceMap: false,
        },
      });
      // The map takes the prediction's positions back to the .ts text; its URL comment is dropped.
      code = output.outputText.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n');
      sourceMap = output.sourceMapText;
      notes.push(msg('TypeScript was compiled to JavaScript first; output positions point into the .ts source, while stack traces and crash reports quote the compiled code.'));
    }
    // V8's names for the frames of this code's functions (stack traces quote this code, not the trace's).
    // Every model of one prediction, and the alternative-timing reruns, run the same code: parse it once.
    if (this.frameNamesFor?.code !== code || this.frameNamesFor.fileName !== req.fileName) {
      const table = frameNameTable(this.ts, code, req.fileName, this.parsed(code, req.fileName));
      this.frameNamesFor = { code, fileName: req.fileName, table, index: frameIndexOf(table) };
    }
    const frameNames = this.frameNamesFor.table;
    const frameIndex = this.frameNamesFor.index;
    // The trace's instrumentation first (it maps its own columns back), then the engine's rewrite.
    let traceFunctions: unknown[] | null = null;
    let toOriginal: ((line: number, column: number) => { line: number; column: number }) | null = null;
    if (req.trace) {
      const instrumented = instrument(this.ts, code, req.fileName, { moduleKind: model === 'browser' ? 'script' : isModule ? 'module' : 'commonjs' });
      if (instrumented.errors.length === 0) {
        code = instrumented.code;
        traceFunctions = instrumented.functions;
        toOriginal = instrumented.toOriginal;
      } else {
        notes.push(msg('The execution-context trace is not available: the file has syntax errors.'));
      }
    }
    const rewritten = rewriteForEngine(this.ts, code, req.fileName, {
      legacyAwait: model === 'node-legacy',
      deferDynamicImport: model !== 'browser',
      frameIndex: frameIndex.byStart,
      receiverFrames: frameIndex.receiverFrames,
      // Node 10's V8 printed no async stack frames.
      asyncFrames: model !== 'node-legacy',
      tablePosition: toOriginal ?? undefined,
    }, this.parsed(code, req.fileName));
    code = rewritten.code;
    let columnMaps = rewritten.columnMaps;
    if (toOriginal) columnMaps = composeColumnMaps(code, columnMaps, toOriginal);
    return { code, isModule, notes, columnMaps, insertions: rewritten.insertions, traceFunctions, frameNames, sourceMap, emittedTarget: configured.emitted?.target };
  }

  // ---- The worker ----

  private async runOnce(run: SerializableRunRequest, host: EngineHost, signal?: AbortSignal): Promise<RunOutcome> {
    this.currentHost = host;
    this.currentFileSizeKb = run.budgets.fileSizeKb;
    const id = this.nextId++;
    // A cancelled run that answers soon is left to finish and its answer dropped: stopping the
    // worker throws away its prepared contexts, and the next prediction would start cold (hundreds
    // of ms of CPU) where a teaching file's run takes tens. A run still going after the grace
    // period (a long loop, up to the CPU budget) is stopped with the worker.
    let abortTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      abortTimer = setTimeout(() => void this.killWorker(), ABORT_GRACE_MS);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.send({ type: 'run', id, run }, run.budgets.timeMs * WATCHDOG_WALL_FACTOR + WATCHDOG_GRACE_MS + 2000);
      if (signal?.aborted) throw abortError();
      if (response.type === 'result') return response.outcome;
      if (response.type === 'error') return failedOutcome(msg('The engine failed on this file: {0}', response.message.split('\n')[0]));
      return failedOutcome(msg('The engine answered unexpectedly.'));
    } catch (error) {
      if (signal?.aborted) throw abortError();
      if (error instanceof WatchdogError) {
        const outcome = failedOutcome(msg('The engine did not answer within {0} ms plus a grace period, so it was restarted; the program may loop forever inside a single operation.', run.budgets.timeMs));
        return { ...outcome, result: { ...outcome.result, stopped: 'time-budget' } };
      }
      throw error;
    } finally {
      clearTimeout(abortTimer);
      signal?.removeEventListener('abort', onAbort);
      this.currentHost = null;
    }
  }

  private ensureWorker(): Worker {
    if (this.disposed) throw new Error('Predictor disposed');
    if (this.worker) return this.worker;
    const channel = new MessageChannel();
    const sharedSignal = new SharedArrayBuffer(4);
    this.signal = new Int32Array(sharedSignal);
    this.syncPort = channel.port1;
    channel.port1.on('message', (message: { path: string }) => {
      let text: string | undefined;
      try {
        text = answerFileRequest(this.ts, this.currentHost, message.path, this.currentFileSizeKb * 1024);
      } catch {
        text = undefined;
      }
      channel.port1.postMessage({ text });
      Atomics.store(this.signal!, 0, 1);
      Atomics.notify(this.signal!, 0);
    });
    channel.port1.unref();
    // The compiled wasm goes to the worker on a port of its own once V8 is done with it (a
    // CompiledWasm is shared between the threads of a process, not copied); the worker
    // waits for it, or for null, before it instantiates QuickJS.
    const wasmChannel = new MessageChannel();
    void compileQuickjsWasm(this.wasmPath).then((module) => {
      wasmChannel.port1.postMessage(module);
      wasmChannel.port1.close();
    });
    // The prepared contexts' files the worker will need go on a port of their own too (sendStartupContexts).
    const contextsChannel = new MessageChannel();
    this.startupContextsPort = contextsChannel.port1;
    const codeCacheChannel = new MessageChannel();
    const worker = new Worker(this.workerPath, {
      workerData: { syncPort: channel.port2, signal: sharedSignal, sandboxPath: this.sandboxPath, wasmModulePort: wasmChannel.port2, startupContextsPort: contextsChannel.port2, codeCachePort: codeCacheChannel.port2 },
      transferList: [channel.port2, wasmChannel.port2, contextsChannel.port2, codeCacheChannel.port2],
      // A generous native stack: QuickJS's own limit (256 KB) is hit long before this one. A small
      // young generation: this thread's JavaScript allocates little between runs (QuickJS's memory
      // is wasm, outside the V8 heap), and V8 otherwise grows the semispaces to 16 MB each, which
      // stay resident. Measured: no change in prediction CPU (13-14 ms p50) with 6 MB.
      resourceLimits: { stackSizeMb: 16, maxYoungGenerationSizeMb: 6 },
      // Nothing reads the worker's process.stdin. Without a stdin stream of its own, Node ends the
      // worker's stdin while it starts: 0.6-0.9 ms of the worker's CPU (medians of 30 bare workers
      // each way, read once each had answered a message; its stdout and stderr are built either way).
      stdin: true,
    });
    worker.on('message', (response: WorkerResponse) => {
      const waiter = this.pending.get(response.id);
      if (waiter) {
        this.pending.delete(response.id);
        waiter.resolve(response);
      }
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = null;
        this.failAll(new Error('The engine worker exited.'));
      }
    });
    worker.unref();
    this.worker = worker;
    this.codeCachePort = codeCacheChannel.port1;
    return worker;
  }

  /**
   * The engine worker's heap and prepared contexts (`looplens/debugStats`); null when the worker is
   * not running. A run in progress answers first, so the wait is as long as a run may take.
   */
  async workerStats(collectGarbage: boolean): Promise<EngineWorkerStats | null> {
    if (!this.worker || this.disposed) return null;
    const response = await this.send({ type: 'stats', id: this.nextId++, collectGarbage }, STATS_TIMEOUT_MS);
    return response.type === 'stats' ? response.stats : null;
  }

  private send(request: WorkerRequest, timeoutMs: number): Promise<WorkerResponse> {
    const worker = this.ensureWorker();
    return new Promise<WorkerResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(request.id);
        void this.killWorker();
        reject(new WatchdogError());
      }, timeoutMs);
      this.pending.set(request.id, {
        type: request.type,
        resolve: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage(request);
    });
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private async killWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.syncPort?.close();
    this.syncPort = null;
    this.startupContextsPort?.close();
    this.startupContextsPort = null;
    this.codeCachePort?.close();
    this.codeCachePort = null;
    this.failAll(new Error('The engine worker was stopped.'));
    if (worker) await worker.terminate();
  }

  /**
   * Starts reading and checking the prepared contexts' files of `goals` (the user's own, else the
   * shipped ones decompressed: contextCache.ts readStartupContexts), for the worker just started:
   * on this thread and libuv's pool while the worker boots, where the worker itself could start
   * only once its first request came, on its way to the first answer. Once per worker; false when
   * this worker's port was used already (the worker then reads what it needs itself).
   */
  private sendStartupContexts(goals: { model: ModelName; isModule: boolean }[]): boolean {
    const port = this.startupContextsPort;
    if (!port) return false;
    this.startupContextsPort = null;
    void readStartupContexts(join(dirname(this.workerPath), SHIPPED_CONTEXTS_FILE), goals.map(preparedContextKey))
      .catch(() => null)
      .then((contexts) => {
        port.postMessage(contexts, transferableBuffers(contexts));
        port.close();
      });
    return true;
  }

  /**
   * Hands the worker just started a code cache of its bundle's top level (sendBundleCodeCache), once;
   * called after the context files are on their way, which the worker waits for, where it only
   * uses this message if it came before its bootstrap ended.
   */
  private sendCodeCache(): void {
    const port = this.codeCachePort;
    this.codeCachePort = null;
    if (port) sendBundleCodeCache(join(dirname(this.workerPath), WORKER_BUNDLE_FILE), port);
  }

  /**
   * The sandbox's text and the build hash for a new worker's first warm-up (WorkerBuild): the
   * files the worker would read, the sandbox at the path it is given and its bundle next to its
   * entry. Undefined when they cannot be read (the worker then tries itself, and says why).
   */
  private workerBuild(): WorkerBuild | undefined {
    try {
      const sandboxText = readFileSync(this.sandboxPath ?? join(dirname(this.workerPath), SANDBOX_FILE), 'utf8');
      const buildHash = contextDirectory() === null ? null : ContextCache.buildHashOf([sandboxText, readFileSync(join(dirname(this.workerPath), WORKER_BUNDLE_FILE))]);
      return { sandboxText, buildHash };
    } catch {
      return undefined;
    }
  }

  /** This request's parse of `text` (see requestParses). */
  private parsed(text: string, fileName: string): import('typescript').SourceFile {
    const key = `${fileName}\u0000${text}`;
    let source = this.requestParses.get(key);
    if (!source) {
      source = parseJavaScript(this.ts, text, fileName);
      this.requestParses.set(key, source);
    }
    return source;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = () => task().finally(() => this.requestParses.clear());
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

class WatchdogError extends Error {}

/** Column maps for every line of `code`: the rewrite's map, then the instrumentation's. */
function composeColumnMaps(
  code: string,
  rewriteMaps: Record<number, number[]>,
  toOriginal: (line: number, column: number) => { line: number; column: number },
): Record<number, number[]> {
  const maps: Record<number, number[]> = {};
  code.split('\n').forEach((text, index) => {
    const line = index + 1;
    const map: number[] = [0];
    for (let column = 1; column <= text.length + 1; column++) {
      const instrumentedColumn = rewriteMaps[line]?.[column] ?? column;
      map.push(toOriginal(line, instrumentedColumn).column);
    }
    maps[line] = map;
  });
  return maps;
}

function abortError(): Error {
  const error = new Error('The prediction was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** Why a file past `budgets.fileSizeKb` was not run (the CLI says the same before it reads the file). */
export function fileSizeNote(textLength: number, fileSizeKb: number): LocalizableMessage {
  return msg('The file is {0} KB, over the {1} KB limit for prediction (budgets.fileSizeKb), so it was not run: preparing and compiling a file this large takes seconds before any of it runs, and the time budget cannot stop that.', Math.ceil(textLength / 1024), fileSizeKb);
}

/** Every requested model stopped with `file-size`, nothing run. */
function fileTooLarge(req: PredictRequest, fileSizeKb: number): PredictResult {
  const result: PredictResult = { file: req.fileName, models: {} };
  for (const model of req.models) {
    const outcome = failedOutcome(fileSizeNote(req.text.length, fileSizeKb));
    // Never run: no exit code (a module over the budget stops a run that has begun, and keeps its code).
    result.models[model] = { ...outcome.result, exitCode: null, stopped: 'file-size' };
  }
  return result;
}

function failedOutcome(note: LocalizableMessage): RunOutcome {
  const result: RunOutcome['result'] = { output: [], exitCode: 0, deterministic: true, alternatives: [], stopped: null, notes: [] };
  addNote(result, note);
  return { result, nondeterminism: [] };
}

/** Adds a note once, keeping its localisable form (ModelResult.noteParts) next to the English text. */
function addNote(result: ModelResult, note: string | LocalizableMessage): void {
  const english = typeof note === 'string' ? note : englishText(note);
  if (typeof note !== 'string') (result.noteParts ??= {})[english] = note;
  if (!result.notes.includes(english)) result.notes.push(english);
}

/**
 * At most `count` items, spread evenly from the first to the last: an early split defers many
 * timers, a late one few, and real runs show both.
 */
function spreadPick<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  const picked = new Set<number>();
  for (let index = 0; index < count; index++) picked.add(Math.round((index * (items.length - 1)) / (count - 1)));
  return [...picked].map((index) => items[index]);
}

/** The same key for the same assumptions, whatever order their fields were spread in. */
function timingKey(timing: TimingAssumptions): string {
  return JSON.stringify(Object.entries(timing).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The items of the lists taken in turns: the first of each, then the second of each, and so on. */
function roundRobin<T>(lists: T[][]): T[] {
  const items: T[] = [];
  for (let index = 0; lists.some((list) => index < list.length); index++) {
    for (const list of lists) if (index < list.length) items.push(list[index]);
  }
  return items;
}

type AlternativeEnding = NonNullable<ModelResult['alternativeEndings']>[number];

function stdoutTexts(result: ModelResult): string[] {
  return result.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
}

function stderrTexts(result: ModelResult): string[] {
  return result.output.filter((line) => line.stream === 'stderr').map((line) => line.text);
}

function sameTexts(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

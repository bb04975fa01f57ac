// The engine worker (dist/engine-worker.js): a worker_threads Worker that runs one model at a
// time, each in a QuickJS context that is fresh or restored to freshly prepared. It answers
// `run` messages with a RunOutcome. File reads (the virtual file system falls through to the
// workspace) must be synchronous inside QuickJS, so they go to the Predictor over a dedicated
// MessagePort while this thread waits on a SharedArrayBuffer (Atomics.wait) for the answer.

import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as V8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import { ModelRun, type RunBase, type RunRequest } from './runner';
import { captureState, MemorySnapshot, restoreState, writtenPages, type CapturedState } from './contextSnapshot';
import { forgetModuleLoaderState } from './modules/esmLoader';
import { ContextCache, type StartupContexts } from './contextCache';
import { budgetCpuMs } from './cpuClock';
import { preparedContextKey, SANDBOX_FILE, SHIPPED_CONTEXTS_FILE, type CompiledWasm, type EngineWorkerStats, type WebAssemblyApi, type WorkerBuild, type WorkerRequest, type WorkerResponse, type WorkerData } from './workerProtocol';

declare const WebAssembly: WebAssemblyApi;

const data = workerData as WorkerData;
const syncPort: MessagePort = data.syncPort;
const signal = new Int32Array(data.signal);

/**
 * QuickJS's wasm as the Predictor compiled it (on V8's background threads while this worker was
 * starting), or null: without it, the worker reads dist/quickjs.wasm next to its bundle itself
 * (the variant's own copy is left out of the bundle: engine/build/quickjs-wasm.mjs).
 */
const precompiledWasm: Promise<CompiledWasm | null> = data.wasmModulePort
  ? new Promise((resolve) => {
      const port = data.wasmModulePort!;
      port.once('message', (module: CompiledWasm | null) => {
        port.close();
        resolve(module instanceof WebAssembly.Module ? module : null);
      });
    })
  : Promise.resolve(null);
/**
 * The context files the Predictor read or decompressed for this worker (null: none), awaited only
 * when the warm-up request says they come; without a port, never.
 */
const contextsFromPredictor: Promise<StartupContexts | null> = data.startupContextsPort
  ? new Promise((resolve) => {
      const port = data.startupContextsPort!;
      port.once('message', (message: StartupContexts | null) => {
        port.close();
        resolve(message);
      });
      port.unref();
    })
  : Promise.resolve(null);
/** Whether the instances this worker made came from the Predictor's compiled module (EngineWorkerStats.wasm). */
let wasmSource: EngineWorkerStats['wasm'] = 'not loaded';

/** A new QuickJS instance: each has its own memory, and instances of one process share the compiled code. */
async function newQuickjsInstance(): Promise<QuickJSWASMModule> {
  const module = await precompiledWasm;
  if (module) {
    try {
      const instance = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule: module }));
      wasmSource = 'precompiled';
      return instance;
    } catch (error) {
      // A module that compiled but does not instantiate with this variant's imports (a stale
      // quickjs.wasm given by the Predictor): the copy next to this bundle was built with it.
      console.error(`LoopLens: the precompiled QuickJS module failed to instantiate (${(error as Error).message}); reading the worker's own copy.`);
    }
  }
  wasmSource = 'bundled';
  return newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule: new WebAssembly.Module(readFileSync(join(__dirname, 'quickjs.wasm'))) }));
}

/** The shared instance: compiles the wasm ahead of the first run, and runs a file whose context could not be prepared. */
let modulePromise: Promise<QuickJSWASMModule> | null = null;
let runsOnModule = 0;
/** A fresh wasm instance now and then bounds the memory fragmentation old runs leave behind. */
const RUNS_PER_MODULE = 200;

function quickjs(): Promise<QuickJSWASMModule> {
  if (!modulePromise || runsOnModule >= RUNS_PER_MODULE) {
    runsOnModule = 0;
    modulePromise = newQuickjsInstance();
  }
  runsOnModule += 1;
  return modulePromise;
}

// ---- Prepared contexts ----
//
// Evaluating the sandbox bundle (console, inspect, Node's library) is most of the cost of a run.
// None of it depends on the program, only on the model and the module goal (the file's name, its
// directory and argv are read per run), and an editor predicts again after every edit (and a
// timing race runs the same file twice). So a context is prepared once per model and module goal,
// in a wasm instance of its own, and its memory is copied;
// after each run the copy is put back (contextSnapshot.ts), which takes a few milliseconds where
// preparing takes a compile of the whole sandbox. The restore happens after the answer is posted.

interface PreparedContext {
  key: string;
  run: ModelRun;
  memory: MemorySnapshot;
  state: CapturedState;
  /** A run has used the context since it was last restored. */
  used: boolean;
  /** The context came from a copy on disk (which is discarded if the context turns out broken). */
  fromDisk: boolean;
  /** The lazily compiled sandbox chunks (sandbox/lazy.ts) the prepared state holds, comma-separated. */
  chunks: string;
  /** How to write the prepared state to disk again once chunks are compiled into it; null when it cannot be. */
  persistAgain: PersistContext | null;
}

/** Writes a prepared context's snapshot, with the chunks compiled into it, to disk. */
type PersistContext = (snapshot: MemorySnapshot, chunks: string) => void;

const prepared = new Map<string, PreparedContext>();
/** Contexts being prepared: a warm-up's and a run's preparation of the same context must not both happen. */
const preparing = new Map<string, Promise<PreparedContext | null>>();
/** An instance created ahead of the first run (`warmup`), so the first prepared context need not wait for one. */
let spareModule: Promise<QuickJSWASMModule> | null = null;
/** Each prepared context holds a wasm instance (its memory) and a copy of it: a few files' worth. */
const MAX_PREPARED = 4;

function warmKey(base: { model: string; isModule: boolean }): string {
  return preparedContextKey(base);
}

/** The prepared context for `base`, restored and ready, or a new one (a new wasm instance, prepared and copied). */
async function preparedContext(base: RunBase): Promise<PreparedContext | null> {
  const key = warmKey(base);
  const inFlight = preparing.get(key);
  if (inFlight) await inFlight;
  const existing = prepared.get(key);
  if (existing) {
    // Most recently used last, so the first key is the one to drop.
    prepared.delete(key);
    if (existing.used && !restore(existing)) return preparedContext(base);
    prepared.set(key, existing);
    return existing;
  }
  const preparation = newPreparedContext(base, key);
  preparing.set(key, preparation);
  try {
    return await preparation;
  } finally {
    preparing.delete(key);
  }
}

async function newPreparedContext(base: RunBase, key: string): Promise<PreparedContext | null> {
  // Every prepared context gets its own instance (the one `warmup` made ahead, the first time);
  // V8 compiles the wasm once per process and reuses the compiled code for later instances.
  // Taken before the await: two preparations started while the spare is still loading (warm-up's
  // context and a first prediction's other model) must not both get it, or each restore would
  // overwrite the other's memory.
  const spare = spareModule;
  spareModule = null;
  const module = await (spare ?? newQuickjsInstance());
  await persistedContexts()?.shippedReady;
  const run = new ModelRun(module, base);
  let preparation: Preparation;
  try {
    preparation = prepareOrRestorePersisted(run, module, key);
  } catch {
    persistedContexts()?.discard(key);
    return null;
  }
  const memory = preparation.restoredMemory ?? new MemorySnapshot(module.getWasmMemory());
  const context: PreparedContext = {
    key,
    run,
    memory,
    state: captureState(run, [run.vm, run.rt]),
    used: false,
    fromDisk: preparation.restoredMemory !== undefined,
    chunks: preparation.chunks,
    persistAgain: preparation.persistAgain,
  };
  // Written once the answer is posted (a few tens of milliseconds: a digest and a write of
  // megabytes), from the copy taken now, before the run changes the memory. A Predictor asks for
  // pending writes before it stops the worker ('flush'), so a process that ends right after
  // answering (the CLI) keeps the context too.
  const persist = preparation.persist;
  if (persist) pendingWrites.push(() => persist(context.memory, context.chunks));
  while (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  prepared.set(key, context);
  return context;
}

// ---- Prepared contexts across processes ----
//
// Preparing is compiling the sandbox (about 100 ms of CPU, more while V8 is still optimising the
// wasm), so a prepared context is also written to disk (contextCache.ts) and a new process restores
// it instead. ModelRun.prepare is installHost then evaluateSandbox; the first is repeated (it is
// cheap and creates the host functions and closures the memory refers to), the second is replaced
// by the memory copy plus the boot hooks' handles wrapped again from their recorded pointers.

/** The parts of ModelRun that restoring a persisted context reaches into. */
interface PreparationSteps {
  installHost(): void;
  evaluateSandbox(): void;
  boot: Record<string, QuickJSHandle> | null;
  ownedHandles: Set<QuickJSHandle>;
}

interface RuntimeInternals {
  rt: { value: number };
  hostRefs: { nextId: number; freelist: unknown[] };
}

interface ContextInternals {
  ctx: { value: number };
  memory: { heapValueHandle(pointer: number): QuickJSHandle };
}

let contextCache: ContextCache | null | undefined;
/** Prepared contexts still to be written to disk (see newPreparedContext). */
const pendingWrites: (() => void)[] = [];
function writePendingContexts(): void {
  for (let write = pendingWrites.shift(); write; write = pendingWrites.shift()) write();
  // Once a run has compiled the functions a run needs, they go into the bundle's code cache too.
  if (answeredRun && typeof __looplensSaveCodeCache === 'function') __looplensSaveCodeCache();
}

/** Given by workerLoader.ts, which loads this bundle: writes the bundle's V8 code cache (once per process); absent when the bundle was loaded without it. */
declare const __looplensSaveCodeCache: (() => void) | undefined;
/** A run has been answered (see writePendingContexts). */
let answeredRun = false;
let persistedThisProcess = 0;
/** One per model and module goal (six), so the build can make every context it ships in one process. */
const PERSIST_PER_PROCESS = 6;
function persistedContexts(): ContextCache | null {
  if (contextCache === undefined) openContextCache(() => ({ buildInputs: [sandboxText(), readFileSync(__filename)] }));
  return contextCache ?? null;
}

/** Opens the cache for the build `build` names (null when persistence is off or reading the build failed). */
function openContextCache(build: () => Parameters<typeof ContextCache.open>[0]): void {
  try {
    contextCache = ContextCache.open(build(), (message) => console.error(message), join(__dirname, SHIPPED_CONTEXTS_FILE));
  } catch {
    contextCache = null;
  }
}

/**
 * Takes the sandbox's text and the build hash the Predictor read and computed while this worker
 * started (WorkerBuild), unless this worker read them already. The Predictor reads the same files:
 * the sandbox at the path this worker was given, and this bundle next to the worker's entry.
 */
function adoptBuild(build: WorkerBuild): void {
  if (sandboxFile !== undefined || contextCache !== undefined) return;
  sandboxFile = build.sandboxText;
  if (build.buildHash !== null) openContextCache(() => ({ buildHash: build.buildHash! }));
}

/**
 * The host side of a run right after installHost: the pointers of its runtime, context and handles,
 * the host function ids handed out, the memory size and the run's field names. A persisted context
 * is valid only in a process where this comes out the same.
 */
function hostFingerprint(run: ModelRun, module: QuickJSWASMModule): string {
  const steps = run as unknown as PreparationSteps;
  const runtime = run.rt as unknown as RuntimeInternals;
  const context = run.vm as unknown as ContextInternals;
  return JSON.stringify([
    runtime.rt.value,
    context.ctx.value,
    runtime.hostRefs.nextId,
    runtime.hostRefs.freelist.length,
    [...steps.ownedHandles].map((handle) => handle.value),
    module.getWasmMemory().buffer.byteLength,
    Object.keys(run),
  ]);
}

/** The run's own fields, the context's and the host function ids: evaluating the sandbox may change nothing here but the boot hooks. */
function hostSideShape(run: ModelRun): unknown[] {
  const runtime = run.rt as unknown as RuntimeInternals;
  const fields = Object.entries(run).filter(([name]) => name !== 'boot' && name !== 'ownedHandles');
  return [...fields.map(([, value]) => value), ...Object.values(run.vm), runtime.hostRefs.nextId, runtime.hostRefs.freelist.length];
}

interface Preparation {
  /** The memory as read from disk, already in place; absent when the context was prepared here. */
  restoredMemory?: MemorySnapshot;
  /** Writes a context prepared from scratch to disk; null when it came from disk or cannot be persisted. */
  persist: PersistContext | null;
  /** Writes the context to disk again after chunks were compiled into it (see keepCompiledChunks); null when it cannot be persisted. */
  persistAgain: PersistContext | null;
  /** The sandbox chunks compiled in the prepared state, comma-separated. */
  chunks: string;
}

/** Prepares `run`, from the persisted copy when there is a valid one. */
function prepareOrRestorePersisted(run: ModelRun, module: QuickJSWASMModule, key: string): Preparation {
  const cache = persistedContexts();
  const steps = run as unknown as PreparationSteps;
  if (!cache || typeof steps.installHost !== 'function' || typeof steps.evaluateSandbox !== 'function') {
    run.prepare();
    return { persist: null, persistAgain: null, chunks: run.compileChunks('') ?? '' };
  }
  steps.installHost();
  const fingerprint = hostFingerprint(run, module);
  const persisted = cache.load(key);
  if (persisted && persisted.header.fingerprint === fingerprint && persisted.header.memorySize === module.getWasmMemory().buffer.byteLength) {
    const restoredMemory = new MemorySnapshot(module.getWasmMemory(), persisted.memory, persisted.header.freshPages);
    const memory = (run.vm as unknown as ContextInternals).memory;
    const boot: Record<string, QuickJSHandle> = {};
    for (const [name, pointer] of Object.entries(persisted.header.handles)) {
      boot[name] = memory.heapValueHandle(pointer);
      steps.ownedHandles.add(boot[name]);
    }
    steps.boot = boot;
    const { fingerprint: recorded, memorySize, handles, chunks = '', freshPages } = persisted.header;
    const save = savingTo(cache, key, { fingerprint: recorded, memorySize, handles, freshPages });
    // A shipped context is copied into the user's directory, where the next process reads it without decompressing.
    return { restoredMemory, persist: persisted.shipped ? save : null, persistAgain: save, chunks };
  }
  if (persisted) console.error(`LoopLens: the prepared context on disk for ${key.split('\u0000').join(' ')} was made by a different host setup; preparing from scratch.`);
  // What a fresh instance holds at this point, for the processes that will restore this context
  // (MemorySnapshot's freshPages): only when it may be persisted, as reading all the memory costs.
  const freshPages = persistedThisProcess < PERSIST_PER_PROCESS ? writtenPages(module.getWasmMemory()) : undefined;
  const before = hostSideShape(run);
  steps.evaluateSandbox();
  // The browser model's bootstrap compiles its DOM chunk, for one.
  const chunks = run.compileChunks('') ?? '';
  const after = hostSideShape(run);
  const notPersisted: Preparation = { persist: null, persistAgain: null, chunks };
  // Host-side state made while the sandbox was evaluated (other than the boot hooks) would be
  // missing in a process that restores the memory: such a context is not persisted.
  if (!steps.boot || before.length !== after.length || before.some((value, index) => value !== after[index])) return notPersisted;
  // A worker that predicts many files (a test suite, a batch of files) writes a few of them, not
  // megabytes per file.
  if (persistedThisProcess >= PERSIST_PER_PROCESS) return notPersisted;
  persistedThisProcess += 1;
  const handles = Object.fromEntries(Object.entries(steps.boot).map(([name, handle]) => [name, handle.value as number]));
  const memorySize = module.getWasmMemory().buffer.byteLength;
  const save = savingTo(cache, key, { fingerprint, memorySize, handles, freshPages });
  return { persist: save, persistAgain: save, chunks };
}

/**
 * Writes a prepared context's snapshot under `key`; only while the memory has the size a fresh
 * instance has after installHost (a restore needs exactly that size).
 */
function savingTo(cache: ContextCache, key: string, header: { fingerprint: string; memorySize: number; handles: Record<string, number>; freshPages?: number[] }): PersistContext {
  return (snapshot, chunks) => {
    if (snapshot.takenAtMemorySize === header.memorySize) cache.save(key, { ...header, chunks }, snapshot.toSparse());
  };
}

// ---- Chunks a run compiled, kept ----
//
// Parts of the sandbox most programs never use are compiled on first use (sandbox/lazy.ts), which
// makes preparing a context cheaper. But a chunk compiled during a run is compiled after the
// program's code ran: a program that replaced built-ins (Object.prototype, Array.prototype.push)
// would break the chunk's loading, where Node's own library was loaded before the program started.
// And the chunk would be gone at the next restore. So after a run that compiled a chunk, the
// worker restores the context, compiles the same chunks into it (and loads their modules), takes
// its snapshot again (and writes it to disk again), and runs the program again: the answer is the
// second run's, made as if the chunks had been part of the sandbox all along, and later runs find
// them compiled. A program pays that second run once per process (or once per context on disk).

/** The chunks the last run compiled beyond the prepared state's (asked before the restore), or null. */
function chunksToKeep(context: PreparedContext): string | null {
  const compiled = context.run.compileChunks('');
  if (compiled === null || compiled === context.chunks) return null;
  const known = new Set(context.chunks ? context.chunks.split(',') : []);
  return compiled.split(',').some((name) => name && !known.has(name)) ? compiled : null;
}

/** Compiles `names` into the restored context and makes that the prepared state (see above); false when it could not. */
function keepCompiledChunks(context: PreparedContext, names: string): boolean {
  const before = hostSideShape(context.run);
  const compiled = context.run.compileChunks(names);
  const after = hostSideShape(context.run);
  // Host-side state made while compiling would not be in the snapshot's host state: the context
  // is then put back as it was.
  restoreState(context.state);
  if (compiled === null || before.length !== after.length || before.some((value, index) => value !== after[index])) {
    context.memory.restore();
    return false;
  }
  // A compile that grew the memory is fine here: the new snapshot is taken at the new size (and
  // is not written to disk, where a restore needs the size a fresh instance has: savingTo).
  context.memory = context.memory.retake();
  context.state = captureState(context.run, [context.run.vm, context.run.rt]);
  context.chunks = compiled;
  const persistAgain = context.persistAgain;
  if (persistAgain) pendingWrites.push(() => persistAgain(context.memory, context.chunks));
  return true;
}

/** Counts for workerStats (EngineWorkerStats.chunkRuns). */
const chunkRuns = { again: 0, answeredAsRan: 0 };

/** CPU milliseconds of the request's time budget left since `start` (budgetCpuMs): the runs of one request, first and again, share its budget. */
function remainingBudget(request: RunRequest, start: number): number {
  return request.budgets.timeMs - (budgetCpuMs() - start);
}

/**
 * Each run again has at least one chunk more compiled beforehand, so there are at most as many as
 * there are chunks (a program that broke a built-in may fail at each chunk in turn); a bound all the same.
 */
const MAX_RUNS_FOR_CHUNKS = 8;

/** Puts a used context back to its prepared state; false (and forgotten) when it cannot be reused. */
function restore(context: PreparedContext): boolean {
  // A run that grew the memory drops the instance instead: wasm memory never shrinks, and the next
  // run's memory budget counts growth from its start, as on a freshly prepared instance.
  if (context.memory.memorySize !== context.memory.takenAtMemorySize) {
    prepared.delete(context.key);
    return false;
  }
  context.memory.restore();
  restoreState(context.state);
  // Host-side state that lives in closures rather than on the run: the ES module loader's
  // remembered resolution failures (a missing file may exist by the next run). The loader is
  // reset, not installed anew: requireEsm holds on to the one installed with the host primitives
  // (a new one made require() of a top-level-await graph evaluate it after the first restore).
  forgetModuleLoaderState(context.run.vm);
  // The virtual clock's wall-clock origin, as a freshly created run would have it.
  (context.run as unknown as { startEpochMs: number }).startEpochMs = Date.now();
  context.used = false;
  return true;
}

/** The sandbox bundle's file: the script, then its lazily compiled chunks' sources (see CHUNK_SOURCES_MARKER). */
let sandboxFile: string | undefined;
let sandboxSource: string | undefined;
let chunkSources: Record<string, string> | undefined;
/** Must match sandbox/build/lazy-chunks.mjs: the trailer line after the bundle. */
const CHUNK_SOURCES_MARKER = '\n//# looplens-chunks ';

function sandboxText(): string {
  sandboxFile ??= readFileSync(data.sandboxPath ?? join(__dirname, SANDBOX_FILE), 'utf8');
  return sandboxFile;
}

/** The script QuickJS evaluates: the bundle without its chunks' trailer. */
function sandbox(): string {
  if (sandboxSource === undefined) {
    const text = sandboxText();
    const trailer = text.lastIndexOf(CHUNK_SOURCES_MARKER);
    sandboxSource = trailer < 0 ? text : text.slice(0, trailer + 1);
  }
  return sandboxSource;
}

/** A lazily compiled chunk's source (none when the bundle has no trailer or it does not parse); parsed on first use. */
function chunkSource(name: string): string | undefined {
  if (chunkSources === undefined) {
    const text = sandboxText();
    const trailer = text.lastIndexOf(CHUNK_SOURCES_MARKER);
    try {
      chunkSources = trailer < 0 ? {} : (JSON.parse(text.slice(trailer + CHUNK_SOURCES_MARKER.length)) as Record<string, string>);
    } catch {
      chunkSources = {};
    }
  }
  return Object.prototype.hasOwnProperty.call(chunkSources, name) ? chunkSources[name] : undefined;
}

/** Asks the Predictor's EngineHost for a file, synchronously. */
function readFileSyncFromHost(path: string): string | undefined {
  Atomics.store(signal, 0, 0);
  syncPort.postMessage({ path });
  const waited = Atomics.wait(signal, 0, 0, 5000);
  const reply = receiveMessageOnPort(syncPort);
  if (waited === 'timed-out' && !reply) return undefined;
  const message = reply?.message as { text?: string } | undefined;
  return message?.text;
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** What this worker holds, for `looplens/debugStats`; never on a prediction's path. */
function workerStats(collectGarbage: boolean): EngineWorkerStats {
  // Required here, not at the top: loading node:v8 costs a starting worker ~0.5 ms of CPU on its
  // way to the first answer (measured in a fresh worker thread), and only these stats use it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getHeapStatistics, setFlagsFromString } = require('node:v8') as typeof V8;
  if (collectGarbage) {
    // The flag exposes V8's `gc` to contexts created afterwards, and a fresh context hands it over.
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  }
  const heap = getHeapStatistics();
  return {
    heapUsedMb: megabytes(heap.used_heap_size),
    heapTotalMb: megabytes(heap.total_heap_size),
    externalMb: megabytes(heap.external_memory),
    wasm: wasmSource,
    chunkRuns: { ...chunkRuns },
    preparedContexts: [...prepared.values()].map((context) => ({
      key: context.key.split('\u0000').join(' '),
      memoryMb: megabytes(context.memory.memorySize),
      snapshotMb: megabytes(context.memory.size),
      chunks: context.chunks ? context.chunks.split(',') : [],
    })),
  };
}

/**
 * What is left of the last run once its answer is posted (restoring its context, keeping the chunks
 * it compiled): done right after the answer, or first thing when another request comes sooner, so
 * every later request (a run, stats, a flush before the worker stops) sees it done.
 */
let afterAnswer: (() => void) | null = null;
function finishAfterAnswer(): void {
  const work = afterAnswer;
  afterAnswer = null;
  work?.();
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  finishAfterAnswer();
  if (request.type === 'stats') return { type: 'stats', id: request.id, stats: workerStats(request.collectGarbage) };
  if (request.type === 'flush') {
    writePendingContexts();
    return { type: 'ready', id: request.id };
  }
  if (request.type === 'warmup') {
    spareModule ??= newQuickjsInstance();
    if (request.build) adoptBuild(request.build);
    sandbox();
    // Hashing the build for the persisted contexts' names is done now rather than in the first run,
    // and shipped contexts the user's directory lacks are decompressed meanwhile (contextCache.ts).
    if (request.contextsFromPredictor) persistedContexts()?.adoptStartupContexts(contextsFromPredictor);
    else persistedContexts()?.prefetchShipped((request.prepare ?? []).map(warmKey));
    await spareModule;
    // A context serves every file of its model, so it can be made ready before a run asks for it.
    for (const goal of request.prepare ?? []) await preparedContext({ ...goal, sandboxSource: sandbox(), chunkSource, readFile: readFileSyncFromHost });
    return { type: 'ready', id: request.id };
  }
  const runRequest: RunRequest = request.run;
  const base: RunBase = { model: runRequest.model, isModule: runRequest.isModule, sandboxSource: sandbox(), chunkSource, readFile: readFileSyncFromHost };
  const context = await preparedContext(base);
  /** Chunks to compile into the context after answering (a run stopped by its time budget compiled them). */
  let chunksAfterAnswer: string | null = null;
  // Without a prepared context (its preparation failed), a fresh one on the shared instance reports what went wrong.
  const run = context?.run ?? new ModelRun(await quickjs(), base);
  if (context) context.used = true;
  try {
    const budgetStart = budgetCpuMs();
    let runStart = budgetStart;
    let outcome = run.run(runRequest);
    // A run that compiled sandbox chunks runs again with them compiled beforehand (see keepCompiledChunks).
    // Not one its time budget stopped: that run would take its whole budget again to say the same.
    // The runs share one time budget: a run again gets what the earlier ones left, and only when
    // that is at least what the last one took; otherwise, or when it is stopped by that rest, the
    // answer is the run as it ran (right unless the program replaced built-ins a chunk relies on).
    // Either way the chunks are kept for later runs once the answer is posted.
    for (let again = 0; context && again < MAX_RUNS_FOR_CHUNKS; again++) {
      const chunks = chunksToKeep(context);
      if (!chunks) break;
      const lastRunMs = budgetCpuMs() - runStart;
      if (outcome.result.stopped === 'time-budget' || remainingBudget(runRequest, budgetStart) < lastRunMs) {
        if (outcome.result.stopped !== 'time-budget') chunkRuns.answeredAsRan += 1;
        chunksAfterAnswer = chunks;
        break;
      }
      // The outcome holds the run's own arrays (output, notes), which the restore empties in place.
      const asRan = structuredClone(outcome);
      if (!restore(context) || !keepCompiledChunks(context, chunks)) {
        outcome = asRan;
        break;
      }
      context.used = true;
      chunkRuns.again += 1;
      runStart = budgetCpuMs();
      const rest = remainingBudget(runRequest, budgetStart);
      const rerun = run.run({ ...runRequest, budgets: { ...runRequest.budgets, timeMs: rest } });
      if (rerun.result.stopped === 'time-budget') {
        // Stopped by the rest of the budget, which the run as it first ran did not need.
        chunkRuns.answeredAsRan += 1;
        outcome = asRan;
        break;
      }
      outcome = rerun;
    }
    answeredRun = true;
    return { type: 'result', id: request.id, outcome };
  } catch (error) {
    // A broken runtime (e.g. a wasm abort) poisons its instance: start over with a fresh one next time.
    if (context) prepared.delete(warmKey(base));
    else modulePromise = null;
    if (context?.fromDisk) persistedContexts()?.discard(warmKey(base));
    return { type: 'error', id: request.id, message: error instanceof Error ? error.stack ?? error.message : String(error) };
  } finally {
    // Restoring the context (or freeing a fresh one) happens after the answer is posted.
    afterAnswer = () => {
      if (!context) {
        try {
          run.dispose();
        } catch {
          modulePromise = null;
        }
      } else if (context.used && prepared.get(warmKey(base)) === context) {
        if (restore(context) && chunksAfterAnswer) keepCompiledChunks(context, chunksAfterAnswer);
      }
    };
    setImmediate(finishAfterAnswer);
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request)
    .then(
      (response) => parentPort!.postMessage(response),
      (error) => parentPort!.postMessage({ type: 'error', id: request.id, message: String(error) } satisfies WorkerResponse),
    )
    .finally(() => setImmediate(writePendingContexts));
});

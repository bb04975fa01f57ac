// The engine worker (dist/engine-worker.js): a worker_threads Worker that runs one model at a
// time, each in a QuickJS context that is fresh or restored to freshly prepared. It answers
// `run` messages with a RunOutcome. File reads (the virtual file system falls through to the
// workspace) must be synchronous inside QuickJS, so they go to the Predictor over a dedicated
// MessagePort while this thread waits on a SharedArrayBuffer (Atomics.wait) for the answer.

import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import { ModelRun, type RunBase, type RunRequest } from './runner';
import { captureState, MemorySnapshot, restoreState, type CapturedState } from './contextSnapshot';
import { installEsModuleLoader } from './modules/esmLoader';
import type { WorkerRequest, WorkerResponse, WorkerData } from './workerProtocol';

const data = workerData as WorkerData;
const syncPort: MessagePort = data.syncPort;
const signal = new Int32Array(data.signal);

/** The shared instance: compiles the wasm ahead of the first run, and runs a file whose context could not be prepared. */
let modulePromise: Promise<QuickJSWASMModule> | null = null;
let runsOnModule = 0;
/** A fresh wasm instance now and then bounds the memory fragmentation old runs leave behind. */
const RUNS_PER_MODULE = 200;

function quickjs(): Promise<QuickJSWASMModule> {
  if (!modulePromise || runsOnModule >= RUNS_PER_MODULE) {
    runsOnModule = 0;
    modulePromise = newQuickJSWASMModuleFromVariant(variant);
  }
  runsOnModule += 1;
  return modulePromise;
}

// ---- Prepared contexts ----
//
// Evaluating the sandbox bundle (console, inspect, Node's library) is most of the cost of a run.
// None of it depends on the program, only on the model and the file name, and an editor predicts
// the same file again after every edit (and a timing race runs the same file twice). So a context
// is prepared once per model and file, in a wasm instance of its own, and its memory is copied;
// after each run the copy is put back (contextSnapshot.ts), which takes a few milliseconds where
// preparing takes a compile of the whole sandbox. The restore happens after the answer is posted.

interface PreparedContext {
  key: string;
  run: ModelRun;
  memory: MemorySnapshot;
  state: CapturedState;
  /** A run has used the context since it was last restored. */
  used: boolean;
}

const prepared = new Map<string, PreparedContext>();
/** An instance created ahead of the first run (`warmup`), so the first prepared context need not wait for one. */
let spareModule: Promise<QuickJSWASMModule> | null = null;
/** Each prepared context holds a wasm instance (its memory) and a copy of it: a few files' worth. */
const MAX_PREPARED = 4;

function warmKey(base: { model: string; fileName: string; isModule: boolean }): string {
  return `${base.model}\u0000${base.fileName}\u0000${base.isModule}`;
}

/** The prepared context for `base`, restored and ready, or a new one (a new wasm instance, prepared and copied). */
async function preparedContext(base: RunBase): Promise<PreparedContext | null> {
  const key = warmKey(base);
  const existing = prepared.get(key);
  if (existing) {
    // Most recently used last, so the first key is the one to drop.
    prepared.delete(key);
    if (existing.used && !restore(existing)) return preparedContext(base);
    prepared.set(key, existing);
    return existing;
  }
  // Every prepared context gets its own instance (the one `warmup` made ahead, the first time);
  // V8 compiles the wasm once per process and reuses the compiled code for later instances.
  const module = await (spareModule ?? newQuickJSWASMModuleFromVariant(variant));
  spareModule = null;
  const run = new ModelRun(module, base);
  try {
    run.prepare();
  } catch {
    return null;
  }
  const context: PreparedContext = { key, run, memory: new MemorySnapshot(module.getWasmMemory()), state: captureState(run, [run.vm, run.rt]), used: false };
  while (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value as string);
  prepared.set(key, context);
  return context;
}

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
  // remembered resolution failures (a missing file may exist by the next run).
  installEsModuleLoader(context.run.vm);
  // The virtual clock's wall-clock origin, as a freshly created run would have it.
  (context.run as unknown as { startEpochMs: number }).startEpochMs = Date.now();
  context.used = false;
  return true;
}

let sandboxSource: string | undefined;
function sandbox(): string {
  sandboxSource ??= readFileSync(data.sandboxPath ?? join(__dirname, 'sandbox.js'), 'utf8');
  return sandboxSource;
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

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  if (request.type === 'warmup') {
    spareModule ??= newQuickJSWASMModuleFromVariant(variant);
    await spareModule;
    sandbox();
    return { type: 'ready', id: request.id };
  }
  const runRequest: RunRequest = request.run;
  const base: RunBase = { model: runRequest.model, fileName: runRequest.fileName, isModule: runRequest.isModule, sandboxSource: sandbox(), readFile: readFileSyncFromHost };
  const context = await preparedContext(base);
  // Without a prepared context (its preparation failed), a fresh one on the shared instance reports what went wrong.
  const run = context?.run ?? new ModelRun(await quickjs(), base);
  if (context) context.used = true;
  try {
    const outcome = run.run(runRequest);
    return { type: 'result', id: request.id, outcome };
  } catch (error) {
    // A broken runtime (e.g. a wasm abort) poisons its instance: start over with a fresh one next time.
    if (context) prepared.delete(warmKey(base));
    else modulePromise = null;
    return { type: 'error', id: request.id, message: error instanceof Error ? error.stack ?? error.message : String(error) };
  } finally {
    // Restoring the context (or freeing a fresh one) happens after the answer is posted.
    setImmediate(() => {
      if (!context) {
        try {
          run.dispose();
        } catch {
          modulePromise = null;
        }
      } else if (context.used && prepared.get(warmKey(base)) === context) {
        restore(context);
      }
    });
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (response) => parentPort!.postMessage(response),
    (error) => parentPort!.postMessage({ type: 'error', id: request.id, message: String(error) } satisfies WorkerResponse),
  );
});

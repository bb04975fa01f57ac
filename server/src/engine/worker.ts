// The engine worker (dist/engine-worker.js): a worker_threads Worker that loads the QuickJS wasm
// module once and runs one model at a time, each in a fresh runtime and context. It answers
// `run` messages with a RunOutcome. File reads (the virtual file system falls through to the
// workspace) must be synchronous inside QuickJS, so they go to the Predictor over a dedicated
// MessagePort while this thread waits on a SharedArrayBuffer (Atomics.wait) for the answer.

import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import { ModelRun, type RunBase, type RunRequest } from './runner';
import type { WorkerRequest, WorkerResponse, WorkerData } from './workerProtocol';

const data = workerData as WorkerData;
const syncPort: MessagePort = data.syncPort;
const signal = new Int32Array(data.signal);

let modulePromise: Promise<QuickJSWASMModule> | null = null;
let runsOnModule = 0;
/** A fresh wasm instance now and then bounds the memory fragmentation old runs leave behind. */
const RUNS_PER_MODULE = 200;

function quickjs(): Promise<QuickJSWASMModule> {
  if (!modulePromise || runsOnModule >= RUNS_PER_MODULE) {
    runsOnModule = 0;
    disposeWarm();
    modulePromise = newQuickJSWASMModuleFromVariant(variant);
  }
  runsOnModule += 1;
  return modulePromise;
}

// ---- Warm contexts ----
//
// Evaluating the sandbox bundle (console, inspect, Node's library) is most of the cost of a run.
// None of it depends on the program, only on the model and the file name, and an editor predicts
// the same file again after every edit. So after each run the worker prepares the next context
// for the same model and file while it is idle; the next prediction only evaluates the program.

const warm = new Map<string, ModelRun>();
const MAX_WARM = 6;

function warmKey(base: { model: string; fileName: string; isModule: boolean }): string {
  return `${base.model}\u0000${base.fileName}\u0000${base.isModule}`;
}

function disposeWarm(): void {
  for (const run of warm.values()) {
    try {
      run.dispose();
    } catch {}
  }
  warm.clear();
}

function prewarm(module: QuickJSWASMModule, base: RunBase): void {
  const key = warmKey(base);
  if (warm.has(key)) return;
  const run = new ModelRun(module, base);
  try {
    run.prepare();
  } catch {
    try {
      run.dispose();
    } catch {}
    return;
  }
  if (warm.size >= MAX_WARM) {
    const oldest = warm.keys().next().value as string;
    warm.get(oldest)?.dispose();
    warm.delete(oldest);
  }
  warm.set(key, run);
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
    await quickjs();
    sandbox();
    return { type: 'ready', id: request.id };
  }
  const module = await quickjs();
  const runRequest: RunRequest = request.run;
  const base: RunBase = { model: runRequest.model, fileName: runRequest.fileName, isModule: runRequest.isModule, sandboxSource: sandbox(), readFile: readFileSyncFromHost };
  const key = warmKey(base);
  let run = warm.get(key);
  if (run && run.fits(runRequest)) warm.delete(key);
  else run = new ModelRun(module, base);
  try {
    const outcome = run.run(runRequest);
    return { type: 'result', id: request.id, outcome };
  } catch (error) {
    // A broken runtime (e.g. a wasm abort) poisons the module: start over with a fresh one next time.
    modulePromise = null;
    return { type: 'error', id: request.id, message: error instanceof Error ? error.stack ?? error.message : String(error) };
  } finally {
    // Freeing the runtime and preparing the next context happen after the answer is posted.
    const used = run;
    setImmediate(() => {
      try {
        used.dispose();
      } catch {
        modulePromise = null;
      }
      if (modulePromise) prewarm(module, base);
    });
  }
}

parentPort!.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (response) => parentPort!.postMessage(response),
    (error) => parentPort!.postMessage({ type: 'error', id: request.id, message: String(error) } satisfies WorkerResponse),
  );
});

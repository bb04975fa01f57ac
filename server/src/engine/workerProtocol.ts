// Messages between the Predictor (main thread) and the engine worker.

import type { MessagePort } from 'node:worker_threads';
import type { RunOutcome, RunRequest } from './runner';
import type { EngineWorkerStats, ModelName } from './types';

export interface WorkerData {
  /** Port for synchronous file reads: the worker posts `{ path }`, the Predictor answers `{ text }`. */
  syncPort: MessagePort;
  /** Int32 cell the Predictor sets to 1 (and notifies) once it has answered on syncPort. */
  signal: SharedArrayBuffer;
  /** Where dist/sandbox.js is; defaults to next to the worker bundle. */
  sandboxPath?: string;
  /** Port on which the Predictor posts QuickJS's compiled WebAssembly.Module once, or null when it has none. */
  wasmModulePort?: MessagePort;
  /**
   * Port on which the Predictor posts, once, the prepared contexts' files it read or decompressed
   * for this worker (contextCache.ts StartupContexts), or null when it has none for it.
   */
  startupContextsPort?: MessagePort;
  /** Port on which the Predictor may post, once, a HandedCodeCache for the worker bundle (workerLoader.ts). */
  codeCachePort?: MessagePort;
}

/**
 * A V8 code cache of the worker bundle the Predictor hands a starting worker: the user's code cache
 * file, read and its digest checked ('file'), or, when there is none (a fresh install), the one it
 * made for the bundle's top level while the worker booted ('top-level').
 */
export interface HandedCodeCache {
  kind: 'file' | 'top-level';
  data: Uint8Array;
  /** The digest of the bundle text the Predictor read (workerBundleDigest), which names the code cache file. */
  bundleDigest: string;
  /** That text's length: a worker that read another text (the bundle replaced meanwhile) uses nothing of this. */
  sourceLength: number;
}

/** A compiled WebAssembly.Module, opaque to the engine (its lib, ES2022 without DOM, declares no WebAssembly types). */
export type CompiledWasm = object;
/** The part of V8's global WebAssembly object the Predictor and the worker use. */
export interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<CompiledWasm>;
  Module: new (bytes: Uint8Array) => CompiledWasm;
}

export type SerializableRunRequest = RunRequest;

/** The worker's bundle, next to its entry (workerLoader.ts loads it), and the sandbox bundle's default place, next to both. */
export const WORKER_BUNDLE_FILE = 'engine-worker-main.js';
export const SANDBOX_FILE = 'sandbox.js';

/** The prepared contexts the build ships, next to the worker bundle (contextCache.ts; made by engine/build/prepared-contexts.mjs). */
export const SHIPPED_CONTEXTS_FILE = 'prepared-contexts.bin';

/** The key of a prepared context: one per model and module goal (worker.ts, contextCache.ts). */
export function preparedContextKey(goal: { model: string; isModule: boolean }): string {
  return `${goal.model}\u0000${goal.isModule}`;
}

export type WorkerRequest =
  /** Loads QuickJS; with `prepare`, also prepares those models' contexts (worker.ts) before a file's run asks for them. */
  | {
      type: 'warmup';
      id: number;
      prepare?: { model: ModelName; isModule: boolean }[];
      /** The Predictor posts the contexts' files it read or decompressed on WorkerData.startupContextsPort: the worker waits for them. */
      contextsFromPredictor?: boolean;
      /** With a new worker's first warm-up: its sandbox and build, as the Predictor read them (WorkerBuild). */
      build?: WorkerBuild;
    }
  | { type: 'run'; id: number; run: SerializableRunRequest }
  /** Writes the prepared contexts still waiting to go to disk (before the Predictor stops the worker). */
  | { type: 'flush'; id: number }
  /** What the worker holds (`looplens/debugStats`); with `collectGarbage`, after a full garbage collection. */
  | { type: 'stats'; id: number; collectGarbage: boolean };

/**
 * The sandbox's text and the build hash of the sandbox and the worker bundle (contextCache.ts
 * ContextCache.buildHashOf, null when contexts are not kept), read and computed by the Predictor
 * while a new worker boots: reading and hashing the 1.1 MB in the worker cost 2.4-2.8 ms of its CPU
 * on its way to the first answer, receiving the text ~0.5 ms (medians of 15 fresh worker threads each).
 */
export interface WorkerBuild {
  sandboxText: string;
  buildHash: string | null;
}

export type WorkerResponse =
  | { type: 'ready'; id: number }
  | { type: 'result'; id: number; outcome: RunOutcome }
  | { type: 'error'; id: number; message: string }
  | { type: 'stats'; id: number; stats: EngineWorkerStats };

// EngineWorkerStats is declared in types.ts (free of Node types), so the webview's type check can read protocol.ts.
export type { EngineWorkerStats } from './types';

// Messages between the Predictor (main thread) and the engine worker.

import type { MessagePort } from 'node:worker_threads';
import type { RunOutcome, RunRequest } from './runner';

export interface WorkerData {
  /** Port for synchronous file reads: the worker posts `{ path }`, the Predictor answers `{ text }`. */
  syncPort: MessagePort;
  /** Int32 cell the Predictor sets to 1 (and notifies) once it has answered on syncPort. */
  signal: SharedArrayBuffer;
  /** Where dist/sandbox.js is; defaults to next to the worker bundle. */
  sandboxPath?: string;
}

export type SerializableRunRequest = RunRequest;

export type WorkerRequest =
  | { type: 'warmup'; id: number }
  | { type: 'run'; id: number; run: SerializableRunRequest };

export type WorkerResponse =
  | { type: 'ready'; id: number }
  | { type: 'result'; id: number; outcome: RunOutcome }
  | { type: 'error'; id: number; message: string };

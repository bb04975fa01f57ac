// The custom messages LoopLens adds to LSP, declared once and shared by the server and the VS Code
// client (and by the protocol tests, which spell the same method names). Every method name starts
// with `looplens/`. The payloads are plain JSON: the engine's data shapes from `engine/types.ts`
// plus the document identity (uri and version) so that a receiver can drop results for stale text.
//
// This file imports only `vscode-jsonrpc` (the message-type classes) and engine *types*, so the
// client bundle can include it without pulling in the server.
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Budgets, EngineWorkerStats, ExecutionTrace, ModelName, PredictResult } from './engine/types';

/** A prediction tied to the exact document text it was computed from. */
export interface DocumentPrediction {
  uri: string;
  /** The document version the prediction was computed for. */
  version: number;
  /** The models shown (after `applicableModels` filtered the requested ones). */
  models: ModelName[];
  result: PredictResult;
  /** Set when the prediction could not be made at all (the engine failed); `result.models` is then empty. */
  error?: string;
}

/**
 * `looplens/predict` — sent by the CLIENT to the SERVER (the "Predict Output" command and view).
 * Runs (or reuses) a prediction for the document's current text. `models` omitted means the
 * `looplens.models` setting; `'all'` means every applicable model. Answers `null` when the
 * document is unknown; a cancelled request answers the LSP RequestCancelled error and stops the run.
 */
export interface PredictParams {
  uri: string;
  models?: ModelName[] | 'all';
  budgets?: Partial<Budgets>;
}
export const PredictRequest = new RequestType<PredictParams, DocumentPrediction | null, void>('looplens/predict');

/**
 * `looplens/predictionUpdated` — sent by the SERVER to the CLIENT after a debounced re-run
 * (the user typed or saved) finished for the document's current version. The open "Predict
 * Output" view re-renders from it; results for older versions are never sent.
 */
export const PredictionUpdatedNotification = new NotificationType<DocumentPrediction>('looplens/predictionUpdated');

/**
 * `looplens/contextTree` — sent by the CLIENT to the SERVER ("Show Execution Context Tree").
 * Runs one model with the execution-context trace switched on. `trace` is null, with `reason`,
 * when the engine does not (yet) record traces for this file.
 */
export interface ContextTreeParams {
  uri: string;
  model?: ModelName;
}
export interface ContextTreeResult {
  uri: string;
  version: number;
  model: ModelName;
  trace: ExecutionTrace | null;
  /** The prediction's output lines, so that a context's `printed` indexes can be shown as text. */
  output: PredictResult['models'][ModelName];
  reason?: string;
}
export const ContextTreeRequest = new RequestType<ContextTreeParams, ContextTreeResult | null, void>('looplens/contextTree');

/**
 * `looplens/applicableModels` — sent by the CLIENT to the SERVER ("Choose Models"): which models
 * apply to the document and why the others do not, so the picker can explain itself.
 */
export interface ApplicableModelsParams {
  uri: string;
}
export interface ApplicableModelsResult {
  models: ModelName[];
  skipped: Partial<Record<ModelName, string>>;
}
export const ApplicableModelsRequest = new RequestType<ApplicableModelsParams, ApplicableModelsResult | null, void>('looplens/applicableModels');

/**
 * `looplens/status` — sent by the SERVER to the CLIENT when the models in use for a document change
 * or a prediction starts/ends, for the status bar item.
 */
export interface StatusParams {
  uri: string;
  models: ModelName[];
  busy: boolean;
}
export const StatusNotification = new NotificationType<StatusParams>('looplens/status');

/** The options the client passes in `initialize` (`initializationOptions`). All optional. */
export interface LoopLensInitializationOptions {
  /** Base URI of the rule pages (`docs/rules/`), used for `codeDescription.href`. */
  docsBaseUri?: string;
}

/** Command ids the server puts into code lenses; the client registers them. */
export const Commands = {
  predictOutput: 'looplens.predictOutput',
  chooseModels: 'looplens.chooseModels',
  showContextTree: 'looplens.showContextTree',
  explainAtCursor: 'looplens.explainAtCursor',
  openExample: 'looplens.openExample',
} as const;

/**
 * `looplens/debugStats` — sent by the protocol tests (test/protocol/document-state.test.mjs) and by
 * the benchmark's soak (scripts/bench/bench.mjs), never by the VS Code client: how much per-document
 * state the server holds and each thread's heap, so that a leak fails a test instead of only
 * showing up as memory growth in a benchmark. It reports counts and sizes only, never document text.
 */
export interface DebugStatsParams {
  /**
   * Run a full garbage collection on the main thread and in the analysis worker first, so the heap
   * sizes count retained objects only, not garbage V8 has not collected yet (leak checks need that).
   */
  collectGarbage?: boolean;
}
export interface DebugStatsResult {
  /** Documents the client has open (the LSP text document manager's view). */
  openDocuments: number;
  /** Per-document states (debounce, prediction, scan, findings): at most one per open document. */
  documentStates: number;
  /** Cached settings: at most one per open document plus one per workspace folder. */
  settingsCacheEntries: number;
  /** The main thread's `process.memoryUsage()` in megabytes (rss covers every thread of the process). */
  main: { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number };
  /** The analysis worker's heap and state; null when it has not started or did not answer. */
  analysis: AnalysisWorkerStats | null;
  /** The engine worker's heap and prepared contexts (their wasm memories); null when it has not started or did not answer. */
  engine: EngineWorkerStats | null;
}
export interface AnalysisWorkerStats {
  heapUsedMb: number;
  heapTotalMb: number;
  /** Module graphs (one per workspace folder that had a file analysed). */
  folderGraphs: number;
  /** Open documents the graphs hold the unsaved text of, over all graphs. */
  openFilesInGraphs: number;
  /** Modules over all graphs (the open documents, what they import, and what the workspace scan added). */
  modulesInGraphs?: number;
  /** The worker's warm-up after start (practice analyses while idle), so a benchmark can wait for it to end. */
  warmUp: AnalysisWarmUpStats;
  /** The young generation's current size in MB (V8 grows it up to the worker's resourceLimits, or the process's --max-semi-space-size). */
  youngGenerationMb?: number;
  /** Young-generation collections the worker ran before full parses (see `makeRoomForFullParse`): how many, and their total wall time in ms. */
  collectionsBeforeParse?: { count: number; totalMs: number };
}
export interface AnalysisWarmUpStats {
  /** `paused`: a document request came; it goes on after a second without one. */
  state: 'not started' | 'running' | 'paused' | 'done';
  /** Practice rounds asked for. */
  rounds: number;
  /** Practice steps finished (one analysis of one practice file each). */
  steps: number;
  /** Wall milliseconds the worker spent in practice steps (its CPU time on an idle machine). */
  busyMs: number;
  /** The longest single step: the most a request arriving during the warm-up waits for it. */
  longestStepMs: number;
  /** Document requests that came while it ran (each paused it). */
  pauses: number;
  /** Of those requests, the longest wait in the worker's queue (for the step in progress), in ms. */
  longestRequestWaitMs?: number;
  /** Practice steps that started after such a request was posted, before it was answered (0 by design). */
  stepsStartedAfterRequest?: number;
}
export const DebugStatsRequest = new RequestType<DebugStatsParams, DebugStatsResult, void>('looplens/debugStats');

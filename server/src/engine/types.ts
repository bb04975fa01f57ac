// The engine's public data shapes. Everything here is plain, serialisable data: it crosses the
// worker boundary, the LSP connection and the CLI's --json output unchanged. The JSON contract of
// `looplens predict --json` (DESIGN.md, "Interfaces other tools rely on") is a projection of these
// types, so fields named there must keep their names and meanings.

import type { LocalizableMessage } from '../syntax/message';

/** The event-loop models LoopLens predicts under. */
export type ModelName = 'node' | 'node-esm' | 'node-legacy' | 'browser';

export const ALL_MODELS: readonly ModelName[] = ['node', 'node-esm', 'node-legacy', 'browser'];

/** Which queue or phase the code that printed a line was running from. */
export type OutputSource =
  | 'main'
  | 'nextTick'
  | 'microtask'
  | 'timers'
  | 'poll'
  | 'check'
  | 'close'
  | 'task'
  | 'animationFrame';

/** Why a prediction ended before the program finished on its own. */
export type StopReason = null | 'time-budget' | 'memory' | 'output-limit' | 'virtual-time' | 'unsupported' | 'file-size';

/**
 * The structured causal record behind a line's one-sentence `why`: where the callback that printed
 * it was scheduled, into which queue, and when (in engine steps) it was enqueued and run. Editor
 * features (hover, inlay hints, the context tree) read this rather than parsing `why`.
 */
export interface CausalRecord {
  /** The API that scheduled the running callback, e.g. `setTimeout`, `then`, `await`; null for the main script. */
  scheduledBy: string | null;
  /** 1-based line and column of the scheduling call in the entry file, when known. */
  scheduledAt: { line: number; column: number } | null;
  /** The queue or phase the callback waited in. */
  queue: OutputSource;
  /** Engine step counter when the callback was enqueued and when it ran. */
  enqueuedStep: number;
  runStep: number;
  /** Event-loop iteration (1-based) for Node phases and browser tasks; 0 for the main script and its drain. */
  loopIteration: number;
  /** Virtual time in ms when the callback ran. */
  virtualTimeMs: number;
  /** The causal record of the callback that scheduled this one, when it was itself scheduled (a chain). */
  parent: CausalRecord | null;
}

export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** 1-based line and column of the console call (or of the throw site for crash reports); 0 when unknown. */
  line: number;
  column: number;
  source: OutputSource;
  why: string;
  /** `why` as a localisable message (template + arguments), so the editor can show it in the user's language. */
  whyParts?: LocalizableMessage;
  cause?: CausalRecord;
  /** True when the printed value depends on the clock or randomness (Date.now, Math.random, performance.now). */
  varying?: boolean;
}

export interface ModelResult {
  output: OutputLine[];
  /**
   * The process's exit code; null when the program was never run, so it has none (a file over
   * budgets.fileSizeKb, stopped 'file-size' before any of it ran: `output` is empty).
   */
  exitCode: number | null;
  deterministic: boolean;
  /** Other possible stdout orders (texts only), when not deterministic. */
  alternatives: string[][];
  /**
   * How each alternative ends (same index as `alternatives`): present only when some alternative
   * ends otherwise than `output`, e.g. a timer that throws runs before the immediate that clears
   * it only in the other order, and then the process crashes (exit code 1, the report on stderr).
   */
  alternativeEndings?: { exitCode: number; stderr: string[] }[];
  stopped: StopReason;
  notes: string[];
  /**
   * Localisable forms of `notes` (and of the `stopped` explanation among them), keyed by the English
   * note text; notes missing here are shown in English.
   */
  noteParts?: Record<string, LocalizableMessage>;
  /** The execution-context trace, when requested. */
  trace?: ExecutionTrace;
}

export interface PredictResult {
  file: string;
  models: Partial<Record<ModelName, ModelResult>>;
  /** Models that were asked for (e.g. by `all`) but do not apply to this file, with the reason. */
  skipped?: Partial<Record<ModelName, string>>;
  /** The reasons in `skipped` as localisable messages, for the editor's language. */
  skippedParts?: Partial<Record<ModelName, LocalizableMessage>>;
}

/** Limits for one prediction; every one ends the run with a clear `stopped` reason. */
export interface Budgets {
  /** CPU time for one model run, ms (default 2000). */
  timeMs: number;
  /** QuickJS heap limit, bytes (default 64 MB). */
  memoryBytes: number;
  /** Output lines before `output-limit` (default 2000). */
  outputLines: number;
  /** Virtual clock limit, ms (default 60000). */
  virtualTimeMs: number;
  /**
   * Largest file run, in KB of text (1024 UTF-16 code units; default 512). A larger entry file is
   * not parsed or run at all: it ends with `file-size` at once (exitCode null). A module the program
   * loads is held to the same limit: the run stops with `file-size` where it is loaded. Preparing a
   * file and compiling it in QuickJS cannot be interrupted by the CPU budget, and QuickJS's compile
   * time grows faster than the size (measured compile times: 0.55 s for 512 KB of block-scoped code and 2.8-4.7 s for 1 MB; for a program of loops with timers and promises 0.5 s for 256 KB, 2.6 s for 1 MB, 38 s for 4 MB; engine/README.md).
   */
  fileSizeKb: number;
}

export const DEFAULT_BUDGETS: Budgets = {
  timeMs: 2000,
  memoryBytes: 64 * 1024 * 1024,
  outputLines: 2000,
  virtualTimeMs: 60_000,
  fileSizeKb: 512,
};

/**
 * What the engine may ask of its surroundings. The CLI implements it over the real file system,
 * the language server over open documents first and the disk second (so unsaved edits count).
 * The engine never touches the disk itself.
 */
export interface EngineHost {
  /** The text of a file, or undefined when it does not exist. Read-only. */
  readFile(absolutePath: string): string | undefined;
  /**
   * The bytes of a file, for `fs` reads of a file that is not valid UTF-8 (an image): its text
   * cannot carry them. Read-only and confined as readFile is (readWorkspaceBytes). Optional:
   * without it such a read gives the UTF-8 bytes of the file's text.
   */
  readBytes?(absolutePath: string): Uint8Array | undefined;
  /**
   * The entry names of a workspace directory (files and folders), or undefined when the path is
   * not a directory inside the workspace. Read-only and optional: without it, `fs.readdir` and
   * `fs.stat` see only the directories the program made and the files it wrote. Hosts answer
   * only inside their workspace (listWorkspaceDirectory), so a program cannot list the machine.
   */
  listDirectory?(absolutePath: string): string[] | undefined;
  /**
   * What `fs.stat` / `fs.lstat` see of a workspace path (statWorkspacePath): the kind and size in
   * bytes of what it leads to, and whether the path itself is a symbolic link (with the link's own
   * size). Undefined outside the workspace or when missing. Optional: without it a file's size is
   * that of its text.
   */
  statPath?(absolutePath: string): WorkspacePathStat | undefined;
  /**
   * The path real node names a module file by (realWorkspacePath): its symbolic links resolved, so
   * a linked package's modules have their real paths and one package reached through two links
   * loads once. Undefined when the path may not be read. Optional: without it modules keep the
   * paths they were found by.
   */
  realPath?(absolutePath: string): string | undefined;
}

export interface WorkspacePathStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Set when the path itself is a symbolic link: the link's own size (the length of its target's path). */
  symbolicLink?: { size: number };
}

export interface PredictRequest {
  /** Absolute path of the entry file. */
  fileName: string;
  /** Its text (possibly unsaved). */
  text: string;
  /** The models to run; `all` is expanded by the caller with `applicableModels`. */
  models: ModelName[];
  budgets?: Partial<Budgets>;
  /** Record the execution-context trace (costs time; the context-tree view asks for it). */
  trace?: boolean;
}

// ---- The execution-context trace (issue: context tree) ----

export type ContextKind = 'script' | 'module' | 'function' | 'arrow' | 'method' | 'generator' | 'async' | 'async-generator' | 'class-field';

export interface BindingSnapshot {
  name: string;
  kind: 'param' | 'arguments' | 'var' | 'let' | 'const' | 'class' | 'function' | 'import';
  /** A short inspect() of the value, or the marker `<uninitialized>` for a binding in its TDZ. */
  value: string;
  /**
   * 1-based position of the declaring name (creation snapshots only; absent for `arguments`). For
   * let/const/class the temporal dead zone runs from the context's start to here.
   */
  line?: number;
  column?: number;
}

export interface ContextRecord {
  id: number;
  kind: ContextKind;
  name: string;
  range: { line: number; column: number; endLine: number; endColumn: number };
  /** The context that called this one (the call stack), null for roots. */
  callerId: number | null;
  /** The context whose environment is this one's lexical parent (the scope chain). */
  lexicalParentId: number | null;
  thisValue: string;
  thisReason: string;
  args: string[];
  creation: BindingSnapshot[];
  exit: BindingSnapshot[] | null;
  outcome: { kind: 'return' | 'throw' | 'suspended' | 'running'; value: string } | null;
  /** Steps at which the context suspended (await/yield) and resumed, and who resumed it. */
  suspensions: { suspendStep: number; resumeStep: number | null; at: { line: number; column: number }; resumedBy?: Resumer }[];
  /** Which task, phase or job it ran in. */
  source: OutputSource;
  enterStep: number;
  exitStep: number | null;
  /** Indexes into the model's output lines that this context printed. */
  printed: number[];
}

/**
 * What resumed a suspended generator or async function: the context that called `next()` /
 * `throw()` / `return()` (the call stack's top), or, for an `await`, the promise job that ran the
 * continuation (no caller: `callerId` null) in the queue `source` at engine step `step`.
 */
export interface Resumer {
  callerId: number | null;
  source: OutputSource;
  step: number;
}

/** The queues a model has, named as the output's sources (`poll` = I/O completions, `check` = immediates). */
export type QueueName = Exclude<OutputSource, 'main'>;

/** One callback waiting in a queue, named by the call that scheduled it. */
export interface QueuedCallback {
  /** `setTimeout`, `process.nextTick`, `then`, `await`, `setImmediate`, `postMessage`, ... */
  api: string;
  /** 1-based position of the scheduling call (of the `await`) in the entry file; 0 when unknown. */
  line: number;
  column: number;
  /** Timers: the virtual time (ms) at which it falls due. */
  dueMs?: number;
}

/** The non-empty queues of a snapshot; each lists its first callbacks and counts the rest. */
export type QueueContents = Partial<Record<QueueName, { items: QueuedCallback[]; more: number }>>;

/** What was waiting in the model's queues when an engine step began (the step's own callback excluded). */
export interface QueueSnapshot {
  step: number;
  /** Virtual time when the step began. */
  clockMs: number;
  /**
   * The callback or job this step runs; `api` null when unknown (the main script, an engine-internal
   * job). `queuedStep`: the step during which it was queued (a promise job: when its promise settled).
   */
  running: { queue: OutputSource; api: string | null; line: number; column: number; queuedStep?: number };
  /** Left out when equal to the previous snapshot's queues. */
  queues?: QueueContents;
  /** Too many promises were pending to check them all at this step: a promise job may be listed a few steps late. */
  microtasksApproximate?: true;
}

export interface ExecutionTrace {
  contexts: ContextRecord[];
  /** True when the cap (10,000 contexts) was reached and later contexts were not recorded. */
  capped: boolean;
  steps: number;
  /** One snapshot per engine step in step order, the first (step 0) always with its queues. */
  queues?: QueueSnapshot[];
  /** True when the snapshot cap (10,000 steps) was reached and later steps have none. */
  queuesCapped?: boolean;
}

/** The engine worker's memory, in megabytes, for `looplens/debugStats` (tests and the bench's soak). */
export interface EngineWorkerStats {
  /** This isolate's V8 heap (the worker's own, not the process's). */
  heapUsedMb: number;
  heapTotalMb: number;
  /** Memory this isolate's objects hold outside the V8 heap: the wasm memories and their snapshots are most of it. */
  externalMb: number;
  /** Where the worker's QuickJS wasm came from: compiled by the Predictor from dist/quickjs.wasm, or decoded and compiled from the worker's bundle. */
  wasm: 'precompiled' | 'bundled' | 'not loaded';
  /**
   * Each prepared context: its key (model, ...), its wasm memory (which never shrinks), the snapshot
   * copy of it, and the lazily compiled sandbox chunks compiled into it (engine/worker.ts).
   */
  preparedContexts: { key: string; memoryMb: number; snapshotMb: number; chunks: string[] }[];
  /**
   * Runs made again after compiling sandbox chunks, and runs answered as they ran because the rest
   * of the time budget could not pay for another (engine/worker.ts: the reruns share one budget).
   */
  chunkRuns?: { again: number; answeredAsRan: number };
}

// The primitives the engine worker installs as `globalThis.__looplens_host` before it evaluates the
// sandbox bundle (see README.md in this folder). Everything user-visible inside the sandbox
// (console, timers, process, require, the DOM shim) is built on top of these; the bootstrap deletes
// the global before user code runs, so only sandbox code holding a reference can call them.
//
// This file holds types only, so both sides (the worker in Node, the bundle inside QuickJS) can
// import it without pulling any code across the boundary.

import type { LocalizableMessage } from '../../syntax/message';

export type SandboxModel = 'node' | 'node-esm' | 'node-legacy' | 'browser';

export type SandboxStream = 'stdout' | 'stderr';

/** Browser task sources the host queues as separate tasks (all share one task queue here). */
export type BrowserTaskKind = 'message' | 'event' | 'mutation' | 'task';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** The path itself is a symbolic link (inside the workspace): its own size; the fields above describe its target. */
  symbolicLink?: { size: number };
}

export interface HostPrimitives {
  /** The event-loop model this run predicts. */
  readonly model: SandboxModel;

  /** Push onto Node's tick queue; the host drains it as `processTicksAndRejections` does. */
  nextTick(callback: () => void): void;
  /**
   * A timer on the virtual clock (`repeat` for intervals). The host normalises the delay (Node:
   * < 1 or > 2^31-1 becomes 1 ms; browser: the nesting clamp). Returns the timer's id.
   * `scheduledBy` and `shownDelayMs` (the delay the program asked for) name another API than
   * setTimeout in the prediction's `why` (the browser's AbortSignal.timeout).
   */
  setTimer(callback: () => void, delayMs: number, repeat: boolean, scheduledBy?: string, shownDelayMs?: number): number;
  clearTimer(id: number): void;
  /** `timeout.ref()` / `unref()`: an unreferenced timer does not keep the loop alive. */
  refTimer(id: number, ref: boolean): void;
  /** Node's check queue. */
  setImmediate(callback: () => void): number;
  clearImmediate(id: number): void;
  /** `immediate.ref()` / `unref()`: an unreferenced immediate does not keep the loop alive. */
  refImmediate(id: number, ref: boolean): void;
  /** Browser: a task in the (single) task queue. */
  postTask(callback: () => void, kind: BrowserTaskKind): number;
  /** Browser: a callback for the next rendering step. */
  requestAnimationFrame(callback: (timestamp: number) => void): number;
  cancelAnimationFrame(id: number): void;
  /** Complete `callback` in the poll phase (virtual I/O such as fs); `label` names it in `why`. */
  scheduleIO(callback: () => void, label: string): number;
  /**
   * Complete `callback` in a poll phase as one disk read of an import(): the next poll phase, or,
   * under the slow-disk timing assumption, the first one with no immediate pending.
   */
  scheduleModuleRead(callback: () => void): number;
  /**
   * V8's SyntaxError for `file` (its text as on disk) compiled as the model's runtime would (a
   * classic script in the browser model, else as Node: an ES module when `isModule`): message,
   * 1-based line and column and caret length; undefined when the host cannot tell (node-legacy, a
   * TypeScript file) or V8 compiles it.
   */
  v8SyntaxError(file: string, isModule: boolean): { message: string; line: number; column: number; caretLength: number } | undefined;

  /**
   * Append to stdout/stderr; `text` is whole line(s) ending in `\n` (for the browser, one console
   * message). Returns the index of the first output line written, or -1 when nothing was kept.
   */
  write(stream: SandboxStream, text: string): number;
  /** Virtual milliseconds since the run started. */
  now(): number;
  /** The same clock without marking anything varying: for values that mark it when printed. */
  loopTime(): number;
  /** Virtual nanoseconds since the run started. */
  hrtimeNs(): number;
  /** A printed value depends on the clock or on randomness (`what` names the source). */
  markVarying(what: string): void;
  /** Add a note to the model result. */
  note(text: string): void;
  /**
   * The program used something LoopLens cannot model; the run stops with `stopped: "unsupported"`.
   * `reason`, when given, says why (a `msg()` from syntax/message.ts, so the editor can translate it).
   */
  unsupported(what: string, reason?: LocalizableMessage): void;

  /** The virtual file system: reads fall through to the workspace (read-only), writes stay in memory. */
  fsRead(path: string): string | undefined;
  fsWrite(path: string, text: string): void;
  fsList(path: string): string[] | undefined;
  fsStat(path: string): FileStat | undefined;
  /** The path real node names the module file `path` by (symbolic links resolved); `path` when the host cannot say. */
  fsRealPath(path: string): string;

  /** `process.exit(code)`: everything stops once the current callback unwinds. */
  exit(code: number): void;
  /** `process.exitCode = code`. */
  setExitCode(code: number): void;
  /**
   * An exception nobody caught (`origin` as Node names it). The host prints the crash report for
   * the model and ends the run (Node) or reports it and goes on (browser). Only the sandbox calls
   * this after `process.on('uncaughtException')` listeners had their chance.
   */
  reportUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection'): void;
  /** Position in the user's entry file of the innermost user frame on the current stack. */
  caller(): { line: number; column: number } | null;

  /** The state of a promise, which plain JavaScript cannot read synchronously (for inspect and the rejection tracker). */
  promiseState(promise: object): { state: 'pending' | 'fulfilled' | 'rejected'; value?: unknown } | undefined;
  /**
   * Records a promise reaction being registered (`then`, `catch`, `finally`, `queueMicrotask`, a
   * combinator) at the current call site; returns an id the reaction passes to `beginReaction`.
   */
  registerReaction(api: string, promise?: unknown, sides?: number): number;
  /**
   * An `await` took `value` as its operand (called only while a trace is recorded): the host lists
   * the continuation in the microtask queue once `value` settles. `promise` and `sides` (1: an
   * onFulfilled callback, 2: an onRejected one) of `registerReaction` serve the same purpose.
   */
  watchAwait(value: unknown): void;
  /** The running promise job is the reaction registered as `id`: its output is attributed to it. */
  beginReaction(id: number): void;
  /** The running promise job resumes the `await` at this position of the user's file. */
  resumeAwait(line: number, column: number): void;
  /** Runs every pending promise job now: the browser's microtask checkpoint between UA-dispatched listeners. */
  runMicrotasks(): void;
  /** The engine's step counter (one per callback or job run). */
  step(): number;
  /** The queue or phase of the callback now running (an OutputSource). */
  currentSource(): string;
  /** Node: microtasks now run inside processTicksAndRejections (ticks were queued), not V8's own checkpoint. */
  insideProcessTicks(): boolean;

  /** A locale-sensitive operation answered by the host's V8 (engine/locale.ts): JSON request in, JSON answer out. */
  localeOperation?(request: string): string;
  /** The host's long time zone name at an instant (V8's Date.prototype.toString ends with it); '' when unknown. */
  timeZoneName?(epochMs: number): string;

  /** Wall-clock epoch milliseconds when the run started: `Date.now()` is this plus the virtual clock. */
  readonly startEpochMs: number;
  /** Whether the entry runs as an ES module. */
  readonly isModule: boolean;
  /** The code exactly as QuickJS evaluates it; line:column in QuickJS stacks refer to this text. */
  readonly evaluatedCode: string;
  /** Columns the CommonJS wrapper (or an ES module's import.meta prologue) adds to line 1 of `evaluatedCode`. */
  readonly lineOneShift: number;
  /** Per-line maps from `evaluatedCode` columns back to the user's columns (engine/rewrite.ts). */
  readonly columnMaps: Record<string, number[]>;
  /** V8's frame names by function extent: [startLine, startColumn, endLine, endColumn, name] (engine/frameNames.ts). */
  readonly frameNames: [number, number, number, number, string | null][];
  /** The engine rewrite's insertions into `evaluatedCode`, as [offset, length] pairs in order. */
  readonly insertions: number[][];
  /** The static function table of the instrumented code when a trace was requested, else null. */
  readonly traceFunctions: unknown[] | null;

  /** The entry file's facts, per run like the values above: one prepared context serves every file of a model. */
  readonly cwd: string;
  readonly fileName: string;
  readonly argv: string[];
  readonly env: Record<string, string>;
}

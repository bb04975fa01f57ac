// One model run inside the engine worker: a fresh QuickJS runtime and context, the host primitives
// of sandbox/README.md, the sandbox bundle, the user's code, then the event loop of the model on a
// virtual clock. Everything the program prints comes back as OutputLine records with their cause.
//
// The event loops are implemented here, in the host, rather than inside QuickJS: the host decides
// exactly when each callback and each promise job runs (`executePendingJobs(1)` runs one job), so
// the order of `process.nextTick`, promise jobs, timers, immediates and I/O follows Node's (or
// Chromium's) algorithm step by step, and every step can be attributed and counted.

import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { Budgets, CausalRecord, ModelName, ModelResult, OutputLine, OutputSource, StopReason, WorkspacePathStat } from './types';
import { describeCauseMessage, formatMs } from './causes';
import { englishText, msg, type LocalizableMessage } from '../syntax/message';
import { budgetCpuMs } from './cpuClock';
import type { FrameNameEntry } from './frameNames';
import { NodeTimerLists, type NodeTimer } from './nodeTimers';
import { browserLoop } from './browserLoop';
import { nodeLoop, reportModuleErrorAfterLoader, stampNodeTimer } from './nodeLoop';
import { MAIN_WRAPPER_NAME } from './sandbox/stacks';
import { LIST_DIRECTORY_SUFFIX, REAL_PATH_SUFFIX, STAT_PATH_SUFFIX, TYPESCRIPT_SOURCE } from './sandbox/moduleProtocol';
import { installModulePrimitives } from './modules/hostPrimitives';
import { importMetaPrologue } from './modules/esmLoader';
import { QueueTracer } from './queueTrace';
import { v8CompileError } from './v8Syntax';
import { answerLocaleRequest } from './locale';
import { findRandomState, randomStateKnown, reseedRandom } from './randomSeed';

/**
 * What a context is prepared for before the program is known (see ModelRun.prepare). The file's
 * name, directory and argv are not part of it: the sandbox reads them when a run is configured.
 */
export interface RunBase {
  model: ModelName;
  isModule: boolean;
  /** The sandbox bundle (dist/sandbox.js). */
  sandboxSource: string;
  /** The source of one of the sandbox's lazily compiled chunks (kept out of sandboxSource: sandbox/lazy.ts). */
  chunkSource?(name: string): string | undefined;
  /** Synchronous read of a workspace file (through the Predictor's EngineHost). */
  readFile(path: string): string | undefined;
}

export interface RunRequest {
  model: ModelName;
  /** The JavaScript to evaluate (already transpiled from TypeScript and, for traces, instrumented). */
  code: string;
  /** Evaluate as an ES module (node-esm, or a file with import/export). */
  isModule: boolean;
  fileName: string;
  /** The file's text as the user wrote it: crash reports quote its lines. */
  sourceText: string;
  budgets: Budgets;
  /** Timing assumptions for the parts of the run the real runtime leaves to chance. */
  timing: TimingAssumptions;
  /** Per-line column maps from `code` back to the user's text (see rewrite.ts); lines never move. */
  columnMaps: Record<number, number[]>;
  /** The rewrite's inserted text as [offset in `code`, length] pairs (rewrite.ts). */
  insertions: number[][];
  /** The instrumentation's static function table when a trace was requested. */
  traceFunctions: unknown[] | null;
  /** V8's names for the frames of the code's functions (frameNames.ts). */
  frameNames?: FrameNameEntry[];
}

export interface TimingAssumptions {
  /**
   * Virtual milliseconds that pass between the end of the main script and the first timers
   * phase. Real Node takes 0 or more whole milliseconds here depending on machine load, which is
   * why a top-level `setTimeout(0)` may run before or after a top-level `setImmediate`.
   */
  startupElapsedMs: number;
  /**
   * Browser: a rendering opportunity right after the first task (before timers due then), instead
   * of at the first frame boundary (16.7 ms). Chromium's frame clock is not the page's: both occur.
   */
  frameAtStart: boolean;
  /**
   * Browser: the first rendering opportunity comes right after this many of the tasks that race it
   * (timers, posted messages) instead of at the frame boundary: Chromium's frame can fall between
   * two tasks (measured: setTimeout 0, rAF, postMessage printed timeout, raf, message in 14 and 13 of 40 runs).
   */
  frameAfterTasks?: number;
  /** node-legacy: timers of one list created in one callback got different start milliseconds. */
  legacySpreadTimers: boolean;
  /** Milliseconds that pass while a check phase sets 1 ms timers and more immediates (0 or 1), in every such phase. */
  checkElapsedMs: number;
  /**
   * node / node-esm: the check phases (numbered 1, 2, ... among those where a timer races the next
   * immediates, see NondeterminismPoint.at) that take 1 ms when checkElapsedMs is 0. A loaded
   * machine crosses a millisecond boundary in some check phases and not in others.
   */
  slowCheckPhases?: number[];
  /**
   * node / node-esm: a machine of steady speed instead of the instantaneous one. Real time then
   * runs on with the work done (a callback or promise job costs msPerStep, a printed line
   * msPerLine, starting offsetMs into a millisecond), and every place where Node reads the
   * clock (a timer's creation, the start of a timers phase, the check after its drain) reads that
   * time's millisecond. A slow machine crosses many millisecond boundaries in one run, together
   * (measured: such orders are what a loaded machine prints most often for programs with many
   * 0 and 1 ms timers); the single-boundary assumptions above cannot reach them.
   */
  work?: {
    msPerStep: number;
    msPerLine: number;
    offsetMs: number;
    /**
     * Extra cost of the first printed line: Node sets up process.stdout on the first write
     * (measured, Node 20 writing to a pipe on a loaded machine: 5.6-37 ms, the next line 0.1-0.9 ms).
     */
    firstLineMs?: number;
    /** Time between the end of the main script (and its ticks and promise jobs) and the loop's first timers phase. */
    loopStartMs?: number;
  };
  /**
   * node / node-esm: the creation indexes of the timers before which the clock moves on by 1 ms (a
   * millisecond boundary falling between two timers created one after the other). A slow machine
   * crosses several such boundaries in one run.
   */
  timerClockSplitsAt?: number[];
  /** browser: the page finishes parsing (DOMContentLoaded, load) before the script's 0 ms timers. */
  pageLoadFirst?: boolean;
  /**
   * browser: a flexible delayed task (AbortSignal.timeout below 32 ms) runs a millisecond before its
   * window's end (flexibleTasksEarly), or at the wake-up of another flexible task inside its window
   * (flexibleTasksAligned), instead of at the window's end (see browserLoop.ts).
   */
  flexibleTasksEarly?: boolean;
  flexibleTasksAligned?: boolean;
  /** node / node-esm: milliseconds that pass during the drain after a timers phase (0 or 1; see nodeLoop.ts). */
  drainElapsedMs?: number;
  /**
   * node / node-esm: the disk reads of an import() finish only in a poll phase with no immediate
   * pending, instead of in the next one (measured: the body of an imported module ran after 3 to
   * over 2,000 chained immediates, most often after 3 from CommonJS and 4 from an ES module).
   */
  slowModuleReads?: boolean;
  /**
   * node models: virtual milliseconds each file-system operation takes before its callback is ready
   * (0 in the primary run). Real operations go through the thread pool and take a fraction of a
   * millisecond to a few, so a 0 or 1 ms timer set in an I/O callback runs before or after the
   * next chained operation (measured, node 20.20.2: readFile then setTimeout 0 and two chained
   * reads printed all three orders in 8 runs). 1 ms lets an operation tie a 1 ms timer (the I/O
   * callback runs first, in the poll phase that waited for the timer); 2 ms lets the timer win.
   */
  ioLatencyMs?: number;
}

/** A choice the real runtime makes by timing; the Predictor reruns with the other assumption. */
export interface NondeterminismPoint {
  kind: 'startup-timers' | 'raf-vs-timers' | 'raf-between-tasks' | 'io-vs-timers' | 'io-slow-vs-timers' | 'io-fast-vs-timers' | 'legacy-timer-clock' | 'check-timers' | 'timer-clock' | 'page-load-vs-timers' | 'timers-drain' | 'module-read' | 'machine-speed' | 'flexible-task-early' | 'flexible-task-aligned';
  /**
   * timer-clock: the creation index where the millisecond split would change the order;
   * check-timers: the number of the check phase (1, 2, ... among those with the race);
   * raf-between-tasks: how many racing tasks run before the frame (TimingAssumptions.frameAfterTasks).
   */
  at?: number;
  /** Shown when the other assumption changes the output; a message so the editor can translate it. */
  note: string | LocalizableMessage;
}

export interface RunOutcome {
  /** A run, so it has an exit code (only a file never run has none: engine/index.ts fileTooLarge). */
  result: ModelResult & { exitCode: number };
  nondeterminism: NondeterminismPoint[];
}

/** A callback waiting in one of the host's queues, with the record of how it got there. */
export interface PendingCallback {
  fn: QuickJSHandle;
  cause: CausalRecord;
  /** Extra words for `why`, e.g. the normalised delay of a timer. */
  detail: string;
}

/** The sandbox's own hooks the host calls (set by the bootstrap as `__looplens_boot`). */
interface BootHooks {
  runMain: QuickJSHandle;
  handleUncaught: QuickJSHandle;
  emitProcessEvent: QuickJSHandle;
  describeError: QuickJSHandle;
  processRejections: QuickJSHandle;
  flush: QuickJSHandle;
  dumpTrace: QuickJSHandle;
  configure: QuickJSHandle;
  afterScript: QuickJSHandle;
  /** Compiles lazily compiled sandbox chunks by name and lists the compiled ones (worker.ts keeps them compiled). */
  chunks: QuickJSHandle;
  isProxy: QuickJSHandle;
}

/** The sandbox's description of an uncaught value (sandbox/index.ts). */
interface DescribedError {
  header: string;
  report: string;
  kind: 'error' | 'object' | 'primitive';
  throwPosition: { line: number; column: number } | null;
  creationPosition: { line: number; column: number } | null;
  /** Node's crash header when the error was thrown (created) in another file than the entry (sandbox/index.ts). */
  throwHeader?: { location: string; text: string; column: number; caretLength?: number; attached?: boolean } | null;
  creationHeader?: { location: string; text: string; column: number; caretLength?: number; attached?: boolean } | null;
  /** Carets under the header's position (Node underlines a syntax error's whole token). */
  caretLength?: number;
  reasonText: string;
}

const CJS_PREFIX = `(function ${MAIN_WRAPPER_NAME}(exports, require, module, __filename, __dirname) { `;

const NODE_VERSION = 'v20.20.2';

/** Thrown inside the host to unwind the loop when the run is over (exit, crash, budget). */
class RunEnded extends Error {}

/** CPU time one job must run, uninterrupted by others, before a stopped run blames it alone. */
const ONE_JOB_LOOPING_MS = 50;

/** More loop iterations than a program that ends on its own is likely to need within the CPU budget. */
const MANY_LOOP_ITERATIONS = 1000;

export class ModelRun {
  readonly vm: QuickJSContext;
  readonly rt: QuickJSRuntime;
  readonly model: ModelName;
  private readonly base: RunBase;
  private request: RunRequest | null = null;

  /** The request being run (set by `run`). */
  get req(): RunRequest {
    if (!this.request) throw new Error('ModelRun used before run()');
    return this.request;
  }

  /** Virtual clock, ms since the start. */
  clock = 0;
  /** Engine steps: one per callback or promise job run. */
  step = 0;
  /** Real time spent waiting (poll blocking until a timer), for the steady-speed clock (TimingAssumptions.work). */
  private workWaitedMs = 0;
  loopIteration = 0;
  readonly output: OutputLine[] = [];
  readonly notes: string[] = [];
  readonly nondeterminism: NondeterminismPoint[] = [];
  /** Localisable forms of the notes, keyed by their English text (ModelResult.noteParts). */
  readonly noteParts: Record<string, LocalizableMessage> = {};
  exitCode = 0;
  stopped: StopReason = null;
  /** Set when the program can run no further (exit, crash, budget); primitives become no-ops. */
  ended = false;
  private varyingPending = false;

  /** The callback now running and its record; null for the main script. */
  current: { source: OutputSource; cause: CausalRecord; detail: string } = {
    source: 'main',
    cause: mainCause('main'),
    detail: '',
  };

  readonly tickQueue: PendingCallback[] = [];
  readonly timers = new NodeTimerLists();
  readonly immediates: (PendingCallback & { id: number })[] = [];
  /** Poll-phase completions; `whenIdle` ones wait for a poll phase with no immediate pending (a slow disk). */
  /** `queuedAt`: the loop clock when the operation started; `readyAt`: when it completes (see TimingAssumptions.ioLatencyMs). */
  readonly ioQueue: (PendingCallback & { id: number; whenIdle?: boolean; queuedAt?: number; readyAt?: number })[] = [];
  readonly browserTasks: (PendingCallback & { id: number; kind: string })[] = [];
  readonly animationFrames: (PendingCallback & { id: number })[] = [];
  /** The timer whose callback is running, so clearing it from inside its own callback stops an interval. */
  runningTimerId = 0;
  runningTimerCleared = false;
  /**
   * The batch a phase took off its queue and is running (check, poll, animation frames): the rest
   * of it still waits, which the trace's queue snapshots show. Set only while a trace is recorded.
   */
  runningBatch: { queue: OutputSource; items: PendingCallback[] } | null = null;
  /** Records the queues at every step when a trace was requested; null otherwise (no cost). */
  queueTrace: QueueTracer | null = null;
  /** Immediates cleared while the check phase runs a batch that already holds them. */
  readonly cancelledImmediates = new Set<number>();
  /** Immediates made with `unref()`: they run when the check phase comes, but keep no loop alive. */
  readonly unrefedImmediates = new Set<number>();
  /** The macrotask callback whose nextTick/microtask drain is running (null: the main script). */
  drainedAfter: CausalRecord | null = null;
  private readonly startEpochMs = Date.now();
  /**
   * process.hrtime counts from an arbitrary point, in practice the machine's boot (CLOCK_MONOTONIC),
   * never from the program's start: the host's own monotonic time when the run began, in whole
   * milliseconds, so `process.hrtime.bigint() > 0n` holds as in Node (the lines stay varying).
   */
  private readonly hrtimeBaseMs = Math.floor(Number(process.hrtime.bigint() / 1_000_000n));
  private nextId = 1;
  /** Promise reactions registered and not yet run: how each was scheduled. */
  private readonly reactions = new Map<number, CausalRecord>();
  private readonly ownedHandles = new Set<QuickJSHandle>();
  private boot: BootHooks | null = null;
  private stackProbe: QuickJSHandle | null = null;
  private readonly wasmMemory: { buffer: ArrayBuffer };
  private wasmMemoryAtStart = 0;
  private memoryBudget = Infinity;
  /** CPU milliseconds the run may use, and the process CPU time when it started. */
  private deadline = Infinity;
  private cpuStart = 0;
  private sourceLines: string[] = [];
  private readonly memoryFiles = new Map<string, string>();
  /**
   * Workspace directory listings asked of the host during this run: the disk does not change under
   * a prediction, and a program that stats or lists one folder in a loop would otherwise cross to
   * the host (and list the folder) every time (the reviewer measured +1.5 s for 3,000 existsSync).
   */
  private readonly hostListings = new Map<string, string[] | undefined>();
  /** What the EngineHost saw of workspace paths on disk this run (statPath), by path. */
  private readonly hostStats = new Map<string, WorkspacePathStat | undefined>();
  /** The real paths of module files the EngineHost gave this run (realPath), by the path asked. */
  private readonly hostRealPaths = new Map<string, string>();
  /** Column shift of line 1 caused by the CommonJS wrapper prefix. */
  private firstLineShift = 0;
  /** `step` at the previous interrupt check, and the CPU time when a check first saw that step. */
  private stepAtLastInterrupt = -1;
  private stepFirstSeenCpuMs = 0;
  /**
   * CPU time QuickJS took to compile the entry, which counts against the time budget but cannot be
   * interrupted, and the CPU time (cpuMs) when that compile ended; -1 until then. A CommonJS entry
   * is compiled apart from its run. An ES module or a classic script is compiled and run in one
   * call: QuickJS checks for interrupts only while code runs, so the first check or output after
   * the call began (entryEvalStartedCpuMs, -1 outside it) ends its compile (and an ES module's link).
   */
  private entryCompileCpuMs = -1;
  private entryCompiledAtCpuMs = -1;
  private entryEvalStartedCpuMs = -1;
  /** The queue of the callback that ran last (the host's own work between callbacks counts as main). */
  private lastCallbackSource: OutputSource = 'main';

  constructor(module: QuickJSWASMModule, base: RunBase) {
    this.base = base;
    this.model = base.model;
    this.rt = module.newRuntime();
    // Small enough that runaway recursion is a catchable stack overflow inside QuickJS long
    // before the wasm host stack runs out (which would abort the whole instance).
    this.rt.setMaxStackSize(256 * 1024);
    // CPU time of the worker thread, not wall time: on a busy machine (or a shared CI runner)
    // wall time says nothing about how much work the program did (see cpuClock.ts).
    this.wasmMemory = module.getWasmMemory();
    this.rt.setInterruptHandler(() => {
      if (this.ended) return true;
      // QuickJS's own malloc limit undercounts in this build (no malloc_usable_size: growing an
      // array by realloc is not counted), so the growth of the wasm heap is checked as well.
      if (this.wasmMemory.buffer.byteLength - this.wasmMemoryAtStart > this.memoryBudget) {
        this.stop('memory', msg('Stopped: the program used more than {0} MB of memory (the memory budget).', Math.round(this.memoryBudget / 1048576)));
        return true;
      }
      // A storm runs many short jobs between two checks; one job that loops forever runs alone.
      // QuickJS checks every few thousand operations, so one ordinary job that prints (inspect
      // runs many operations) is often seen by two checks in a row: the job counts as looping only
      // once it has run for a while, or a storm would be named by where the budget happened to
      // fall (a chain of immediates printing every 500th run was called a loop in ~1 of 3 runs).
      const now = cpuMs();
      if (this.entryEvalStartedCpuMs >= 0) this.entryCompiled(this.entryEvalStartedCpuMs, now);
      if (this.step !== this.stepAtLastInterrupt) {
        this.stepAtLastInterrupt = this.step;
        this.stepFirstSeenCpuMs = now;
      }
      const oneJobAllAlong = now - this.stepFirstSeenCpuMs >= Math.min(ONE_JOB_LOOPING_MS, this.deadline / 4);
      if (now - this.cpuStart > this.deadline) {
        // Between two callbacks the host's bookkeeping runs as main; a storm is named by its callbacks.
        const source = this.current.source === 'main' ? this.lastCallbackSource : this.current.source;
        const why = this.compileUsedTimeBudget()
          ?? ((source === 'microtask' || source === 'nextTick') && !oneJobAllAlong
            ? msg('the {0} queue never emptied (each job queued another), which would starve timers and I/O in the real runtime too', source === 'nextTick' ? 'nextTick' : 'microtask')
            // A chain of immediates, each queuing the next, runs one loop iteration per callback.
            : source === 'check' && !oneJobAllAlong && this.loopIteration > MANY_LOOP_ITERATIONS
              ? msg('setImmediate callbacks kept queuing new ones for {0} loop iterations, so Node would likely keep running forever', this.loopIteration)
              : msg('the program may loop forever or do too much work to predict'));
        this.stopAtTimeBudget(why);
        return true;
      }
      return false;
    });
    // The first context of a process shows where QuickJS keeps Math.random's state (randomSeed.ts).
    const createdFromMs = randomStateKnown() ? 0 : Date.now();
    this.vm = this.rt.newContext();
    if (!randomStateKnown()) findRandomState(this.wasmMemory.buffer, this.contextPointer(), createdFromMs, Date.now());
  }

  /** The JSContext's address in the wasm memory (quickjs-emscripten keeps it as `ctx`). */
  private contextPointer(): number {
    return (this.vm as unknown as { ctx: { value: number } }).ctx.value;
  }

  /**
   * Installs the host primitives and evaluates the sandbox bundle: everything that does not depend
   * on the program. The worker does it once per model (and module goal) and then restores the context to
   * this point after every run (worker.ts, contextSnapshot.ts), so host-side state a run changes
   * must live on this object, where the restore finds it, not in closures made here.
   */
  prepare(): void {
    this.installHost();
    this.evaluateSandbox();
  }

  // ---- The public entry ----

  run(req: RunRequest): RunOutcome {
    this.request = req;
    this.sourceLines = req.sourceText.split(/\r?\n/);
    this.hostListings.clear();
    this.hostStats.clear();
    this.hostRealPaths.clear();
    try {
      if (!this.boot) this.prepare();
      // Each run draws other random numbers, as each real run does (the seed would otherwise be the
      // one frozen into the prepared context).
      reseedRandom(this.wasmMemory.buffer, this.contextPointer());
      this.rt.setMemoryLimit(req.budgets.memoryBytes);
      this.memoryBudget = req.budgets.memoryBytes;
      this.wasmMemoryAtStart = this.wasmMemory.buffer.byteLength;
      this.deadline = req.budgets.timeMs;
      this.cpuStart = cpuMs();
      this.entryCompileCpuMs = -1;
      this.entryCompiledAtCpuMs = -1;
      this.entryEvalStartedCpuMs = -1;
      if (req.traceFunctions) this.queueTrace = new QueueTracer(this);
      this.callHook('configure');
      this.runEntry();
      if (!this.ended) {
        if (this.model === 'browser') browserLoop(this);
        else nodeLoop(this);
      }
      this.callHook('flush');
    } catch (error) {
      if (!(error instanceof RunEnded)) {
        const message = error instanceof Error ? error.message : String(error);
        if (/out of memory/i.test(message)) this.stop('memory', msg('Stopped: the program ran out of its memory budget.'));
        else this.notes.push(englishText(this.recordNote(msg('Engine error: {0}', message))));
      }
    }
    if (this.stopped === 'output-limit') this.notes.push(englishText(this.recordNote(msg('Stopped after {0} output lines (the output budget).', this.req.budgets.outputLines))));
    const result: RunOutcome['result'] = {
      output: this.output,
      exitCode: this.exitCode,
      deterministic: true,
      alternatives: [],
      stopped: this.stopped,
      notes: this.notes,
    };
    if (Object.keys(this.noteParts).length > 0) result.noteParts = this.noteParts;
    if (this.req.traceFunctions) {
      const dumped = this.callHook('dumpTrace');
      if (typeof dumped === 'string' && dumped) {
        try {
          result.trace = JSON.parse(dumped);
        } catch {}
      }
      if (result.trace && this.queueTrace) Object.assign(result.trace, this.queueTrace.result());
      this.queueTrace?.dispose();
    }
    return { result, nondeterminism: this.nondeterminism };
  }

  dispose(): void {
    for (const handle of this.ownedHandles) if (handle.alive) handle.dispose();
    this.ownedHandles.clear();
    this.vm.dispose();
    this.rt.dispose();
  }

  // ---- Ending the run ----

  private stopAtTimeBudget(why: LocalizableMessage): void {
    this.stop('time-budget', msg('Stopped after {0} ms of CPU time (the time budget): {1}.', this.deadline, why));
  }

  /** The entry's compile, which began at `startedCpuMs`, ended at `endedCpuMs`. */
  private entryCompiled(startedCpuMs: number, endedCpuMs: number): void {
    this.entryCompileCpuMs = endedCpuMs - startedCpuMs;
    this.entryCompiledAtCpuMs = endedCpuMs;
    this.entryEvalStartedCpuMs = -1;
  }

  /**
   * Why the time budget ran out when it ran out before the program started: a large file can use
   * it all in QuickJS's compile. The budget's clock starts with the run (cpuStart), before the
   * sandbox is configured, so the compile's end is compared on that clock.
   */
  private compileUsedTimeBudget(): LocalizableMessage | null {
    if (this.entryCompiledAtCpuMs < 0 || this.entryCompiledAtCpuMs - this.cpuStart < this.deadline) return null;
    return msg('the budget ran out before the program started, compiling the file took {0} ms of it: a file this large needs a larger time budget', Math.round(this.entryCompileCpuMs));
  }

  /** Ends the run with a stop reason (budgets, unsupported constructs). */
  stop(reason: StopReason, note: string | LocalizableMessage): void {
    if (this.ended) return;
    this.ended = true;
    this.stopped = reason;
    if (typeof note !== 'string') this.notes.push(englishText(this.recordNote(note)));
    else if (note) this.notes.push(note);
  }

  /**
   * A module the program loads is held to the entry's size budget (budgets.fileSizeKb, its text's
   * length): past it, the run stops with `file-size` before QuickJS compiles the module, keeping what
   * was printed before the require or import, as other stops keep theirs.
   */
  private refuseLargeModule(fileName: string, textLength: number): boolean {
    const limitKb = this.req.budgets.fileSizeKb;
    if (textLength <= limitKb * 1024) return false;
    const position = this.callerPosition();
    this.stop('file-size', msg('Stopped where the program loads {0}{1}: the module is {2} KB, over the {3} KB limit for prediction (budgets.fileSizeKb), and compiling a file this large takes seconds that the time budget cannot stop.', fileName, position ? msg(' (line {0})', position.line) : '', Math.ceil(textLength / 1024), limitKb));
    return true;
  }

  /** Remembers a note's localisable form under its English text, and returns it. */
  private recordNote(note: LocalizableMessage): LocalizableMessage {
    this.noteParts[englishText(note)] = note;
    return note;
  }

  /** Throws out of the host loop when the run has ended. */
  checkEnded(): void {
    if (this.ended) throw new RunEnded();
  }

  // ---- Running code ----

  /** Keeps a handle alive past the host call that received it; freed when the run ends. */
  keep(handle: QuickJSHandle): QuickJSHandle {
    const kept = handle.dup();
    this.ownedHandles.add(kept);
    return kept;
  }

  release(handle: QuickJSHandle): void {
    if (this.ownedHandles.delete(handle) && handle.alive) handle.dispose();
  }

  /**
   * Node reads the real clock here (a timer's creation, a timers phase): under the steady-speed
   * assumption (TimingAssumptions.work) the virtual clock moves on to the millisecond the work
   * done so far has reached. Without it nothing changes.
   */
  readWorkClock(): void {
    const now = this.workNow();
    if (now !== undefined) this.clock = Math.max(this.clock, Math.floor(now));
  }

  /** The event loop starts: under the steady-speed assumption, its start-up time passes. */
  startLoopWork(): void {
    this.workWaitedMs += this.req.timing.work?.loopStartMs ?? 0;
  }

  /** The loop waits until `clock` (poll blocking for a timer): real time catches up with it. */
  waitUntil(clock: number): void {
    const now = this.workNow();
    if (now !== undefined && now < clock) this.workWaitedMs += clock - now;
    this.clock = Math.max(this.clock, clock);
  }

  /** Real time under the steady-speed assumption, in fractional ms; undefined without it. */
  private workNow(): number | undefined {
    const work = this.req.timing.work;
    return work && work.offsetMs + this.workWaitedMs + this.step * work.msPerStep + this.output.length * work.msPerLine + (this.output.length > 0 ? work.firstLineMs ?? 0 : 0);
  }

  /**
   * Runs one queued callback as the host's event loop does: with `source` and its cause current,
   * uncaught exceptions handled as the model says. Returns false when the run ended.
   */
  runCallback(pending: PendingCallback, source: OutputSource, args: QuickJSHandle[] = []): boolean {
    if (this.ended) return false;
    this.step += 1;
    const cause: CausalRecord = {
      ...pending.cause,
      queue: source,
      runStep: this.step,
      loopIteration: this.loopIteration,
      virtualTimeMs: this.clock,
    };
    const previous = this.current;
    this.current = { source, cause, detail: pending.detail };
    this.lastCallbackSource = source;
    // The drain that follows a macrotask callback belongs to it in the `why` sentences.
    if (source !== 'nextTick' && source !== 'microtask') this.drainedAfter = cause;
    this.queueTrace?.begin(pending);
    try {
      const result = this.vm.callFunction(pending.fn, this.vm.undefined, ...args);
      if (result.error) {
        this.uncaught(result.error, 'uncaughtException');
        result.error.dispose();
      } else {
        result.value.dispose();
      }
    } finally {
      this.queueTrace?.end();
      this.current = previous;
    }
    return !this.ended;
  }

  /**
   * Calls the sandbox's `chunks` hook (worker.ts keeps lazily compiled chunks compiled): compiles
   * `names` (comma-separated) and answers the names compiled so far, or null on failure. Outside any
   * budget: a run that ended or ran out of its budget refuses to run code, and the restore that
   * follows resets both.
   */
  compileChunks(names: string): string | null {
    if (!this.boot?.chunks) return null;
    this.ended = false;
    this.deadline = Infinity;
    try {
      const compiled = this.callHook('chunks', names);
      return typeof compiled === 'string' ? compiled : null;
    } catch {
      return null;
    }
  }

  /** Calls a boot hook (with one string argument, or none) outside any budget check; returns its dumped result. */
  callHook(name: 'flush' | 'dumpTrace' | 'processRejections' | 'configure' | 'afterScript' | 'chunks', argument?: string): unknown {
    const hook = this.boot?.[name];
    if (!hook) return undefined;
    const wasEnded = this.ended;
    if (name !== 'processRejections') this.ended = false;
    const handle = argument === undefined ? undefined : this.vm.newString(argument);
    try {
      const result = handle ? this.vm.callFunction(hook, this.vm.undefined, handle) : this.vm.callFunction(hook, this.vm.undefined);
      if (result.error) {
        if (name === 'processRejections') this.uncaught(result.error, 'uncaughtException');
        result.error.dispose();
        return undefined;
      }
      const value = this.vm.dump(result.value);
      result.value.dispose();
      return value;
    } finally {
      handle?.dispose();
      if (name !== 'processRejections') this.ended = wasEnded || this.ended;
    }
  }

  /** Unhandled rejections are looked for when the microtask queue has just drained, as Node and Chromium do. */
  processRejections(): void {
    if (this.ended) return;
    const previous = this.current;
    this.callHook('processRejections');
    this.current = previous;
  }

  /** Runs promise jobs one at a time until none is left (V8's microtask checkpoint). */
  runMicrotasks(): void {
    while (!this.ended && this.rt.hasPendingJob()) {
      this.step += 1;
      const previous = this.current;
      this.current = { source: 'microtask', cause: this.microtaskCause(), detail: '' };
      this.queueTrace?.begin(null);
      try {
        const result = this.rt.executePendingJobs(1);
        if (result.error) {
          this.uncaught(result.error, 'uncaughtException');
          result.error.dispose();
        }
      } finally {
        this.queueTrace?.end();
        this.current = previous;
      }
    }
    this.checkEnded();
  }

  /** The browser's checkpoint from inside a UA-dispatched event: runs jobs without ending the host loop. */
  private runMicrotasksNested(): void {
    const previous = this.current;
    while (!this.ended && this.rt.hasPendingJob()) {
      this.step += 1;
      this.current = { source: 'microtask', cause: this.microtaskCause(), detail: '' };
      this.queueTrace?.begin(null);
      const result = this.rt.executePendingJobs(1);
      if (result.error) {
        this.uncaught(result.error, 'uncaughtException');
        result.error.dispose();
      }
      this.queueTrace?.end();
    }
    this.current = previous;
  }

  private microtaskCause(): CausalRecord {
    return {
      scheduledBy: 'a promise reaction',
      scheduledAt: null,
      queue: 'microtask',
      enqueuedStep: this.step,
      runStep: this.step,
      loopIteration: this.loopIteration,
      virtualTimeMs: this.clock,
      parent: null,
    };
  }

  /** Node's processTicksAndRejections: all ticks, then all microtasks, until both are empty. */
  drainTicksAndMicrotasks(): void {
    // Node runs microtasks from V8's own checkpoint (no JavaScript frame under them) unless ticks
    // are queued: then from processTicksAndRejections, whose frame their stacks show. A write to
    // stdout or stderr queues one of Node's own ticks (see writeTickPending), which calls no user code.
    const ticksQueued = () => this.tickQueue.length > 0 || this.writeTickPending;
    this.insideProcessTicks = ticksQueued();
    do {
      this.writeTickPending = false;
      while (this.tickQueue.length > 0) {
        const tick = this.tickQueue.shift()!;
        this.runCallback(tick, 'nextTick');
        this.release(tick.fn);
        this.checkEnded();
      }
      this.runMicrotasks();
      if (this.tickQueue.length === 0) {
        this.processRejections();
        this.checkEnded();
      }
      if (ticksQueued()) this.insideProcessTicks = true;
    } while (ticksQueued() || this.rt.hasPendingJob());
    this.insideProcessTicks = false;
  }

  /** Microtasks now run inside Node's processTicksAndRejections (see drainTicksAndMicrotasks). */
  private insideProcessTicks = false;
  /**
   * A write to stdout or stderr completed synchronously, as Node's writes to a file, pipe or
   * terminal do, and Node's Writable queued its afterWriteTick with process.nextTick (measured:
   * a promise job after a console.log runs inside processTicksAndRejections).
   */
  private writeTickPending = false;

  /** An exception escaped a callback: the model's uncaught-exception path. */
  uncaught(errorHandle: QuickJSHandle, origin: 'uncaughtException' | 'unhandledRejection'): void {
    if (this.ended) {
      // An interrupt (budget, exit) unwinds as an uncatchable error: nothing to report.
      return;
    }
    if (this.isOutOfMemory(errorHandle)) {
      this.stop('memory', msg('Stopped: the program used more than {0} MB of memory (the memory budget).', Math.round(this.req.budgets.memoryBytes / 1048576)));
      return;
    }
    const boot = this.boot;
    if (boot) {
      // An error that rejected the ES module entry reaches Node's uncaughtException listeners with
      // the origin 'unhandledRejection' (the loader's promise), yet never its unhandledRejection ones.
      const originHandle = this.vm.newString(this.viaModuleJob() ? 'moduleJob' : origin);
      const handled = this.vm.callFunction(boot.handleUncaught, this.vm.undefined, errorHandle, originHandle);
      originHandle.dispose();
      if (!handled.error) {
        const value = this.vm.dump(handled.value);
        handled.value.dispose();
        if (value === true || this.ended) return;
      } else {
        handled.error.dispose();
      }
    }
    this.crash(errorHandle, origin);
  }

  private isOutOfMemory(errorHandle: QuickJSHandle): boolean {
    if (this.isPromise(errorHandle) || this.isProxy(errorHandle)) return false;
    try {
      const value = this.vm.dump(errorHandle) as { name?: string; message?: string } | null;
      return !!value && typeof value === 'object' && value.name === 'InternalError' && value.message === 'out of memory';
    } catch {
      return true;
    }
  }

  /** Whether the sandbox saw `handle` created as a proxy: dumping it would run its traps. */
  private isProxy(handle: QuickJSHandle): boolean {
    if (!this.boot || this.vm.typeof(handle) !== 'object') return false;
    const result = this.vm.callFunction(this.boot.isProxy, this.vm.undefined, handle);
    if (result.error) {
      result.error.dispose();
      return false;
    }
    const proxy = this.vm.dump(result.value) === true;
    result.value.dispose();
    return proxy;
  }

  /** The crash report an uncaught error produces, then the end of the run (Node) or the console line (browser). */
  crash(errorHandle: QuickJSHandle, origin: 'uncaughtException' | 'unhandledRejection'): void {
    const described = this.describeError(errorHandle);
    if (this.model === 'browser') {
      const prefix = origin === 'unhandledRejection' ? 'Uncaught (in promise)' : 'Uncaught';
      this.emit('stderr', `${prefix} ${described.header}`, described.throwPosition ?? described.creationPosition);
      return;
    }
    const lines: string[] = [];
    const sourceHeader = (position: { line: number; column: number } | null) => {
      if (!position) return;
      // Node names an ES module by its file URL in the crash header.
      lines.push(`${this.req.isModule ? `file://${this.req.fileName}` : this.req.fileName}:${position.line}`);
      lines.push(this.sourceLines[position.line - 1] ?? '');
      lines.push(`${' '.repeat(Math.max(0, position.column - 1))}${'^'.repeat(described.caretLength ?? 1)}`);
    };
    let position: { line: number; column: number } | null;
    if (origin === 'unhandledRejection' && described.kind !== 'error') {
      // Node wraps a non-error reason in its own error, thrown from its internals (measured, Node 20.20.2).
      position = null;
      lines.push('node:internal/process/promises:389', '      new UnhandledPromiseRejection(reason);', '      ^', '');
      lines.push(`UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${described.reasonText}".`);
      lines.push('    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)');
      lines.push('    at processPromiseRejections (node:internal/process/promises:470:17)');
      lines.push('    at process.processTicksAndRejections (node:internal/process/task_queues:96:32) {');
      lines.push("  code: 'ERR_UNHANDLED_REJECTION'", '}');
    } else if (described.kind === 'error') {
      // An error that rejected an ES module's evaluation reaches Node's crash handler through the
      // module job's promise, as a rejection does: the header points where it was created.
      const atCreation = origin === 'unhandledRejection' || this.viaModuleJob(described.report);
      position = atCreation ? described.creationPosition : described.throwPosition;
      const elsewhere = atCreation ? described.creationHeader : described.throwHeader;
      if (elsewhere) lines.push(elsewhere.location, elsewhere.text, `${' '.repeat(Math.max(0, elsewhere.column - 1))}${'^'.repeat(elsewhere.caretLength ?? 1)}`);
      else sourceHeader(position);
      // Node glues the arrow of a linking error to the stack (decorateErrorStack): no blank line.
      if ((position || elsewhere) && !elsewhere?.attached) lines.push('');
      lines.push(...described.report.split('\n'));
    } else {
      // A thrown non-error: a blank line first, no blank line before the value, and for
      // primitives Node's hint about --trace-uncaught.
      position = described.throwPosition;
      lines.push('');
      // From an ES module's evaluation, Node rethrows the value from its entry point (measured).
      if (this.viaModuleJob()) lines.push('node:internal/modules/run_main:123', '    triggerUncaughtException(', '    ^');
      else sourceHeader(position);
      lines.push(...described.report.split('\n'));
      if (described.kind === 'primitive') lines.push('(Use `node --trace-uncaught ...` to show where the exception was thrown)');
    }
    lines.push('');
    lines.push(`Node.js ${NODE_VERSION}`);
    for (const line of lines) this.emit('stderr', line, position);
    this.exitCode = 1;
    this.emitExitEvent();
    this.ended = true;
  }

  /** Set while an error that rejected the ES module entry's evaluation is reported (nodeLoop.ts). */
  moduleJobError = false;

  /**
   * Whether the error being reported rejected the ES module entry's evaluation. A file that does
   * not compile takes the same path but keeps its header at the offending token: its stack (Node's
   * compile frames, sandbox/errors.ts) says which it is.
   */
  private viaModuleJob(report = ''): boolean {
    return this.moduleJobError && this.model !== 'node-legacy' && !report.includes('at compileSourceTextModule (');
  }

  /**
   * Whether a handle is a promise. quickjs-emscripten's `dump` disposes a promise handle it is
   * given (it dumps the promise's state instead), so a thrown promise must never reach `dump`.
   */
  private isPromise(handle: QuickJSHandle): boolean {
    const state = this.vm.getPromiseState(handle);
    if (state.type === 'fulfilled') {
      if (state.notAPromise) return false;
      state.value.dispose();
    } else if (state.type === 'rejected') {
      state.error.dispose();
    }
    return true;
  }

  /** Asks the sandbox how Node would print an error, and where it was thrown. */
  private describeError(errorHandle: QuickJSHandle): DescribedError {
    if (this.boot) {
      const result = this.vm.callFunction(this.boot.describeError, this.vm.undefined, errorHandle);
      if (!result.error) {
        const described = this.vm.dump(result.value) as DescribedError;
        result.value.dispose();
        return described;
      }
      result.error.dispose();
    }
    const text = this.isPromise(errorHandle) ? 'Promise' : String(this.vm.dump(errorHandle));
    return { header: text, report: text, kind: 'primitive', throwPosition: null, creationPosition: null, reasonText: text };
  }

  emitExitEvent(): void {
    if (!this.boot || this.model === 'browser') return;
    const wasEnded = this.ended;
    // 'exit' listeners still run after a crash or process.exit(); keep the primitives usable for them.
    this.ended = false;
    const result = this.callProcessEvent('exit');
    if (result.error) result.error.dispose();
    else result.value.dispose();
    this.ended = wasEnded || this.ended;
  }

  /** `process.emit('beforeExit')`; returns true when listeners scheduled more work. */
  emitBeforeExit(): void {
    if (!this.boot) return;
    const result = this.callProcessEvent('beforeExit');
    if (result.error) {
      this.uncaught(result.error, 'uncaughtException');
      result.error.dispose();
    } else result.value.dispose();
  }

  private callProcessEvent(event: string) {
    const eventHandle = this.vm.newString(event);
    const codeHandle = this.vm.newNumber(this.exitCode);
    try {
      return this.vm.callFunction(this.boot!.emitProcessEvent, this.vm.undefined, eventHandle, codeHandle);
    } finally {
      eventHandle.dispose();
      codeHandle.dispose();
    }
  }

  // ---- Output ----

  emit(stream: 'stdout' | 'stderr', text: string, position: { line: number; column: number } | null): number {
    if (this.output.length >= this.req.budgets.outputLines) {
      this.stop('output-limit', '');
      return -1;
    }
    const { source, cause, detail } = this.current;
    const why = describeCauseMessage(cause, detail, this.drainedAfter);
    const line: OutputLine = {
      stream,
      text,
      line: position?.line ?? 0,
      column: position?.column ?? 0,
      source,
      why: englishText(why),
      whyParts: why,
      cause,
    };
    if (this.varyingPending) line.varying = true;
    this.output.push(line);
    return this.output.length - 1;
  }

  // ---- Positions ----

  /** A workspace directory's entry names, asked of the EngineHost through the file channel (undefined: not one it lists). */
  private listHostDirectory(path: string): string[] | undefined {
    if (this.hostListings.has(path)) return this.hostListings.get(path);
    const names = this.askHostDirectory(path);
    this.hostListings.set(path, names);
    return names;
  }

  /** A workspace path's stat from the EngineHost (statPath) through the file channel, once per run. */
  private statHostPath(path: string): WorkspacePathStat | undefined {
    if (this.hostStats.has(path)) return this.hostStats.get(path);
    let stat: WorkspacePathStat | undefined;
    try {
      const answer = this.base.readFile(`${path}${STAT_PATH_SUFFIX}`);
      stat = answer === undefined ? undefined : (JSON.parse(answer) as WorkspacePathStat);
    } catch {
      stat = undefined;
    }
    this.hostStats.set(path, stat);
    return stat;
  }

  /**
   * The path real node names the module file `path` by (EngineHost.realPath through the file
   * channel), once per run; `path` itself for a file the program wrote, the entry, or a path the
   * host does not resolve.
   */
  private realHostPath(path: string): string {
    if (this.memoryFiles.has(path) || path === this.req.fileName) return path;
    let real = this.hostRealPaths.get(path);
    if (real === undefined) {
      real = this.base.readFile(`${path}${REAL_PATH_SUFFIX}`) ?? path;
      this.hostRealPaths.set(path, real);
    }
    return real;
  }

  private askHostDirectory(path: string): string[] | undefined {
    const answer = this.base.readFile(`${path}${LIST_DIRECTORY_SUFFIX}`);
    if (answer === undefined) return undefined;
    try {
      const names: unknown = JSON.parse(answer);
      return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : undefined;
    } catch {
      return undefined;
    }
  }

  /** The innermost frame of the user's entry file on the current QuickJS stack. */
  callerPosition(): { line: number; column: number } | null {
    if (!this.stackProbe) return null;
    const result = this.vm.callFunction(this.stackProbe, this.vm.undefined);
    if (result.error) {
      result.error.dispose();
      return null;
    }
    const stack = this.vm.getString(result.value);
    result.value.dispose();
    return this.positionFromStack(stack);
  }

  positionFromStack(stack: string | undefined): { line: number; column: number } | null {
    if (!stack) return null;
    const file = this.req.fileName;
    for (const frame of stack.split('\n')) {
      const index = frame.lastIndexOf(`${file}:`);
      if (index < 0) continue;
      const match = /^:(\d+):(\d+)/.exec(frame.slice(index + file.length));
      if (!match) continue;
      const line = Number(match[1]);
      let column = Number(match[2]);
      if (line === 1) column = Math.max(1, column - this.firstLineShift);
      const map = this.req.columnMaps[line];
      if (map) column = map[Math.min(column, map.length - 1)] ?? column;
      return { line, column };
    }
    return null;
  }

  // ---- Scheduling helpers used by the primitives ----

  causeFor(scheduledBy: string, queue: OutputSource): CausalRecord {
    const parent = this.current.cause.scheduledBy === null ? null : this.current.cause;
    trimAncestry(parent);
    return {
      scheduledBy,
      scheduledAt: this.callerPosition(),
      queue,
      enqueuedStep: this.step,
      runStep: 0,
      loopIteration: 0,
      virtualTimeMs: this.clock,
      parent,
    };
  }

  newId(): number {
    return this.nextId++;
  }

  // ---- Setup ----

  private installHost(): void {
    const vm = this.vm;
    const host = vm.newObject();
    const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined | void) => {
      const handle = vm.newFunction(name, (...args) => {
        try {
          return impl(...args) ?? undefined;
        } catch (error) {
          if (error instanceof RunEnded) return undefined;
          throw error;
        }
      });
      vm.setProp(host, name, handle);
      handle.dispose();
    };
    // Host values become handles directly (strings, numbers, booleans, null) or, when structured,
    // their JSON text parsed by QuickJS's own JSON.parse, taken before any sandbox or program code
    // ran (a program may replace the global one). Compiling each value as a script, as this did
    // before, made QuickJS parse the whole program as a string literal on every run (evaluatedCode).
    const jsonObject = vm.getProp(vm.global, 'JSON');
    const parseJson = vm.getProp(jsonObject, 'parse');
    jsonObject.dispose();
    this.ownedHandles.add(parseJson);
    const json = (value: unknown): QuickJSHandle => {
      switch (typeof value) {
        case 'undefined':
          return vm.undefined;
        case 'string':
          return vm.newString(value);
        case 'number':
          return vm.newNumber(value);
        case 'boolean':
          return value ? vm.true : vm.false;
      }
      if (value === null) return vm.null;
      const text = vm.newString(JSON.stringify(value));
      try {
        return vm.unwrapResult(vm.callFunction(parseJson, vm.undefined, text));
      } finally {
        text.dispose();
      }
    };
    const setValue = (name: string, value: unknown) => {
      const handle = json(value);
      vm.setProp(host, name, handle);
      handle.dispose();
    };
    const model = this.model;
    const nodeDelay = (delay: number) => (!(delay >= 1 && delay <= 2 ** 31 - 1) ? 1 : Math.trunc(delay));

    const base = this.base;
    setValue('model', model);
    setValue('env', { HOME: '/home/user', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' });
    setValue('nodeVersion', NODE_VERSION);
    setValue('isModule', base.isModule && model !== 'browser');
    // Values of the program itself: read by the sandbox when it is configured for a run, which may
    // come long after this context was prepared.
    const perRun = (name: string, read: () => unknown) => {
      vm.defineProp(host, name, { get: () => json(read()), configurable: true, enumerable: true });
    };
    // The file's own facts are read per run too, so one prepared context serves every file of a
    // model (worker.ts keys prepared contexts by model and module goal only).
    perRun('fileName', () => this.req.fileName);
    perRun('cwd', () => dirname(this.req.fileName));
    perRun('argv', () => ['/usr/local/bin/node', this.req.fileName]);
    perRun('lineOneShift', () => (model === 'browser' ? 0 : this.req.isModule ? importMetaPrologue(this.req.fileName).length : CJS_PREFIX.length));
    perRun('evaluatedCode', () => this.evaluatedCode());
    perRun('traceFunctions', () => this.req.traceFunctions ?? null);
    perRun('columnMaps', () => this.req.columnMaps);
    perRun('frameNames', () => this.req.frameNames ?? []);
    perRun('insertions', () => {
      const shift = model === 'browser' ? 0 : this.req.isModule ? importMetaPrologue(this.req.fileName).length : CJS_PREFIX.length;
      return this.req.insertions.map(([offset, length]) => [offset + shift, length]);
    });
    perRun('startEpochMs', () => this.startEpochMs);

    fn('nextTick', (callback) => {
      if (this.ended) return;
      this.tickQueue.push({ fn: this.keep(callback), cause: this.causeFor('process.nextTick', 'nextTick'), detail: '' });
    });
    fn('setTimer', (callback, delayHandle, repeatHandle, scheduledByHandle, shownDelayHandle) => {
      if (this.ended) return vm.newNumber(0);
      const requested = Number(vm.dump(delayHandle));
      const repeat = vm.dump(repeatHandle) === true;
      // The browser's AbortSignal.timeout names itself and the delay the program asked for.
      const scheduledBy: unknown = scheduledByHandle ? vm.dump(scheduledByHandle) : undefined;
      const shownDelay: unknown = shownDelayHandle ? vm.dump(shownDelayHandle) : undefined;
      const api = typeof scheduledBy === 'string' ? scheduledBy : repeat ? 'setInterval' : 'setTimeout';
      const id = this.newId();
      if (model === 'browser') {
        const delay = this.browserTimerDelay(requested);
        const timer: NodeTimer = {
          id, fn: this.keep(callback), cause: this.causeFor(api, 'task'), detail: `${formatRequested(typeof shownDelay === 'number' ? shownDelay : requested)} -> ${delay} ms`,
          duration: delay, start: this.clock, repeat, ref: true, seq: id, nesting: this.browserNesting + 1,
        };
        // AbortSignal.timeout below 32 ms asks for the end of Chromium's flexible window (browserAbort.ts):
        // it may run from the delay the program gave on (browserLoop.ts wakeFlexibleTasks).
        if (api === 'AbortSignal.timeout' && typeof shownDelay === 'number' && shownDelay < requested) {
          timer.flexibleFrom = this.clock + shownDelay;
          if (this.req.timing.flexibleTasksEarly) timer.duration -= 1;
        } else if (api === 'AbortSignal.timeout' && delay >= 32) {
          // From 32 ms on it runs at its delay, but a task due a millisecond before may come after it
          // (measured in Chromium: 1 run in 20 against a timeout(39), 1 in 10 against a setTimeout(39);
          // browserLoop.ts withFlexibleTasksFirst).
          timer.flexibleFrom = this.clock + delay;
        }
        this.timers.insert(timer, this.clock);
        return vm.newNumber(id);
      }
      const duration = nodeDelay(requested);
      const clockSplit = stampNodeTimer(this);
      const timer: NodeTimer = {
        id, fn: this.keep(callback), cause: this.causeFor(api, 'timers'), detail: `${formatRequested(requested)} -> ${duration} ms`,
        duration, start: this.clock, repeat, ref: true, seq: id, nesting: 0, clockSplit,
      };
      this.timers.insert(timer, this.clock);
      return vm.newNumber(id);
    });
    fn('clearTimer', (idHandle) => {
      const id = Number(vm.dump(idHandle));
      if (id === this.runningTimerId) this.runningTimerCleared = true;
      const timer = this.timers.remove(id);
      if (timer) this.release(timer.fn);
    });
    fn('refTimer', (idHandle, refHandle) => {
      this.timers.setRef(Number(vm.dump(idHandle)), vm.dump(refHandle) !== false);
    });
    fn('setImmediate', (callback) => {
      if (this.ended) return vm.newNumber(0);
      const id = this.newId();
      this.immediates.push({ id, fn: this.keep(callback), cause: this.causeFor('setImmediate', 'check'), detail: '' });
      return vm.newNumber(id);
    });
    fn('refImmediate', (idHandle, refHandle) => {
      const id = Number(vm.dump(idHandle));
      if (vm.dump(refHandle) === false) this.unrefedImmediates.add(id);
      else this.unrefedImmediates.delete(id);
    });
    fn('clearImmediate', (idHandle) => {
      const id = Number(vm.dump(idHandle));
      const index = this.immediates.findIndex((entry) => entry.id === id);
      if (index >= 0) this.release(this.immediates.splice(index, 1)[0].fn);
      else this.cancelledImmediates.add(id);
    });
    fn('postTask', (callback, kindHandle) => {
      if (this.ended) return vm.newNumber(0);
      const id = this.newId();
      const kind = String(vm.dump(kindHandle) ?? 'task');
      const scheduledBy = kind === 'message' ? 'postMessage' : kind;
      this.browserTasks.push({ id, kind, fn: this.keep(callback), cause: this.causeFor(scheduledBy, 'task'), detail: '' });
      return vm.newNumber(id);
    });
    fn('requestAnimationFrame', (callback) => {
      if (this.ended) return vm.newNumber(0);
      const id = this.newId();
      this.animationFrames.push({ id, fn: this.keep(callback), cause: this.causeFor('requestAnimationFrame', 'animationFrame'), detail: '' });
      return vm.newNumber(id);
    });
    fn('cancelAnimationFrame', (idHandle) => {
      const id = Number(vm.dump(idHandle));
      const index = this.animationFrames.findIndex((entry) => entry.id === id);
      if (index >= 0) this.release(this.animationFrames.splice(index, 1)[0].fn);
    });
    fn('scheduleIO', (callback, labelHandle) => {
      if (this.ended) return vm.newNumber(0);
      const id = this.newId();
      const label = String(vm.dump(labelHandle) ?? 'I/O');
      this.ioQueue.push({ id, fn: this.keep(callback), cause: this.causeFor(label, 'poll'), detail: '', queuedAt: this.clock, readyAt: this.clock + (this.req.timing.ioLatencyMs ?? 0) });
      return vm.newNumber(id);
    });
    fn('scheduleModuleRead', (callback) => {
      if (this.ended) return vm.newNumber(0);
      const id = this.newId();
      // How far the event loop gets while Node reads a module from disk is up to the disk: the
      // primary run assumes the fastest read measured, the alternative a read that finishes only
      // when the loop has nothing else to do (see nodeLoop.ts).
      if (!this.nondeterminism.some((point) => point.kind === 'module-read')) {
        this.nondeterminism.push({
          kind: 'module-read',
          note: msg('import() reads its module from disk, and the event loop goes on meanwhile: with a slower disk the module body runs after more immediates and timers, as in the alternative order.'),
        });
      }
      this.ioQueue.push({ id, fn: this.keep(callback), cause: this.causeFor('import()', 'poll'), detail: '', whenIdle: this.req.timing.slowModuleReads === true });
      return vm.newNumber(id);
    });
    fn('write', (streamHandle, textHandle) => {
      // The program's first output can come before QuickJS's first interrupt check: a compile that
      // used up the budget stops the run there, before the program prints anything.
      if (this.entryEvalStartedCpuMs >= 0) {
        this.entryCompiled(this.entryEvalStartedCpuMs, cpuMs());
        const compileUsedBudget = this.compileUsedTimeBudget();
        if (compileUsedBudget) this.stopAtTimeBudget(compileUsedBudget);
      }
      if (this.ended) return vm.newNumber(-1);
      const stream = vm.getString(streamHandle) === 'stderr' ? 'stderr' : 'stdout';
      let text = vm.getString(textHandle);
      if (text.endsWith('\n')) text = text.slice(0, -1);
      const position = this.callerPosition();
      // A browser console message is one entry however many lines it spans; Node's output is lines.
      const lines = model === 'browser' ? [text] : text.split('\n');
      let first = -1;
      for (const line of lines) {
        const index = this.emit(stream, line, position);
        if (first < 0) first = index;
      }
      this.varyingPending = false;
      if (model !== 'browser') this.writeTickPending = true;
      return vm.newNumber(first);
    });
    fn('promiseState', (promiseHandle) => {
      const state = vm.getPromiseState(promiseHandle);
      if (state.type === 'fulfilled' && state.notAPromise) return vm.undefined;
      const result = vm.newObject();
      const stateName = vm.newString(state.type);
      vm.setProp(result, 'state', stateName);
      stateName.dispose();
      if (state.type === 'fulfilled') {
        vm.setProp(result, 'value', state.value);
        state.value.dispose();
      } else if (state.type === 'rejected') {
        vm.setProp(result, 'value', state.error);
        state.error.dispose();
      }
      return result;
    });
    fn('runMicrotasks', () => {
      if (!this.ended) this.runMicrotasksNested();
    });
    fn('registerReaction', (apiHandle, promiseHandle, sidesHandle) => {
      const id = this.newId();
      if (this.reactions.size > 50_000) this.reactions.clear();
      const cause = this.causeFor(vm.getString(apiHandle), 'microtask');
      this.reactions.set(id, cause);
      if (this.queueTrace) this.queueTrace.watchReaction(id, cause, promiseHandle, sidesHandle ? Number(vm.dump(sidesHandle)) : 3);
      return vm.newNumber(id);
    });
    fn('watchAwait', (valueHandle) => {
      if (this.queueTrace && valueHandle) this.queueTrace.watchAwait(valueHandle, this.callerPosition());
    });
    fn('beginReaction', (idHandle) => {
      const id = Number(vm.dump(idHandle));
      if (this.queueTrace && this.current.source === 'microtask') this.queueTrace.reactionRan(id);
      const cause = this.reactions.get(id);
      if (!cause || this.current.source !== 'microtask') return;
      this.reactions.delete(id);
      this.current = { source: 'microtask', cause: { ...cause, runStep: this.step, loopIteration: this.loopIteration, virtualTimeMs: this.clock }, detail: '' };
    });
    fn('resumeAwait', (lineHandle, columnHandle) => {
      if (this.current.source !== 'microtask') return;
      const line = Number(vm.dump(lineHandle));
      const column = Number(vm.dump(columnHandle));
      this.queueTrace?.awaitResumed(line);
      const mapped = { line, column };
      this.current = {
        source: 'microtask',
        cause: { scheduledBy: 'await', scheduledAt: mapped, queue: 'microtask', enqueuedStep: this.step, runStep: this.step, loopIteration: this.loopIteration, virtualTimeMs: this.clock, parent: null },
        detail: '',
      };
    });
    fn('step', () => vm.newNumber(this.step));
    fn('timeZoneName', (epochMsHandle) => vm.newString(timeZoneName(Number(vm.dump(epochMsHandle)))));
    fn('localeOperation', (requestHandle) => vm.newString(answerLocaleRequest(String(vm.dump(requestHandle)))));
    fn('chunkSource', (nameHandle) => vm.newString(this.base.chunkSource?.(vm.getString(nameHandle)) ?? ''));
    fn('currentSource', () => vm.newString(this.current.source));
    fn('insideProcessTicks', () => (this.insideProcessTicks ? vm.true : vm.false));
    fn('now', () => {
      this.varyingPending = true;
      return vm.newNumber(this.clock);
    });
    // The clock as the sandbox's own bookkeeping reads it (a timer's start time): nothing printed yet.
    fn('loopTime', () => vm.newNumber(this.clock));
    fn('hrtimeNs', () => {
      this.varyingPending = true;
      return vm.newNumber((this.hrtimeBaseMs + this.clock) * 1e6);
    });
    fn('markVarying', () => {
      this.varyingPending = true;
    });
    fn('note', (textHandle) => {
      const text = vm.getString(textHandle);
      if (!this.notes.includes(text)) this.notes.push(text);
    });
    fn('unsupported', (whatHandle, reasonHandle) => {
      const name = vm.getString(whatHandle);
      // The sandbox may say why in parentheses, as a message (template + arguments) so it can be translated.
      const reason: unknown = reasonHandle && vm.typeof(reasonHandle) === 'object' ? vm.dump(reasonHandle) : undefined;
      const what = isMessage(reason) ? msg('{0} ({1})', name, reason) : name;
      const position = this.callerPosition();
      this.stop('unsupported', msg('LoopLens cannot model {0}{1}; the prediction stops there.', what, position ? msg(' (line {0})', position.line) : ''));
    });
    fn('fsRead', (pathHandle) => {
      const path = vm.getString(pathHandle);
      const text = this.memoryFiles.has(path) ? this.memoryFiles.get(path) : this.base.readFile(path);
      return text === undefined ? vm.undefined : vm.newString(text);
    });
    fn('fsRealPath', (pathHandle) => {
      const path = vm.getString(pathHandle);
      return vm.newString(this.realHostPath(path));
    });
    fn('v8SyntaxError', (fileHandle, isModuleHandle) => {
      // Node < 11 had an older V8 with other wordings; TypeScript files compile to other text.
      if (model === 'node-legacy') return vm.undefined;
      const file = vm.getString(fileHandle);
      if (TYPESCRIPT_SOURCE.test(file)) return vm.undefined;
      const text = file === this.req.fileName ? this.req.sourceText : this.memoryFiles.has(file) ? this.memoryFiles.get(file) : this.base.readFile(file);
      const goal = model === 'browser' ? 'script' : vm.dump(isModuleHandle) === true ? 'module' : 'commonjs';
      const found = text === undefined ? null : v8CompileError(text, goal, file);
      return found ? json(found) : vm.undefined;
    });
    fn('fsWrite', (pathHandle, textHandle) => {
      this.memoryFiles.set(vm.getString(pathHandle), vm.getString(textHandle));
    });
    fn('fsList', (pathHandle) => {
      const path = vm.getString(pathHandle).replace(/\/+$/, '');
      // The workspace's own entries (read-only, from the host), then the files the program wrote.
      const listed = this.listHostDirectory(path || '/');
      const names = new Set<string>(listed);
      for (const file of this.memoryFiles.keys()) {
        if (file.startsWith(`${path}/`)) names.add(file.slice(path.length + 1).split('/')[0]);
      }
      return names.size > 0 || listed ? json([...names].sort()) : vm.undefined;
    });
    fn('fsStat', (pathHandle) => {
      const path = vm.getString(pathHandle);
      // A workspace path as the host sees it on disk (a binary file's bytes, a symbolic link);
      // a file the program wrote is its text.
      const onDisk = this.memoryFiles.has(path) ? undefined : this.statHostPath(path);
      if (onDisk) return json(onDisk);
      const text = this.memoryFiles.has(path) ? this.memoryFiles.get(path) : this.base.readFile(path);
      if (text !== undefined) return json({ isFile: true, isDirectory: false, size: Buffer.byteLength(text) });
      const prefix = `${path.replace(/\/+$/, '')}/`;
      for (const file of this.memoryFiles.keys()) if (file.startsWith(prefix)) return json({ isFile: false, isDirectory: true, size: 4096 });
      if (this.listHostDirectory(path.replace(/\/+$/, '') || '/')) return json({ isFile: false, isDirectory: true, size: 4096 });
      return vm.undefined;
    });
    fn('exit', (codeHandle) => {
      if (this.ended) return;
      const code = Number(vm.dump(codeHandle));
      if (Number.isFinite(code)) this.exitCode = code;
      this.emitExitEvent();
      this.ended = true;
    });
    fn('setExitCode', (codeHandle) => {
      const code = Number(vm.dump(codeHandle));
      this.exitCode = Number.isFinite(code) ? code : 0;
    });
    fn('reportUncaught', (errorHandle, originHandle) => {
      // Node exits at the first unhandled rejection of a batch: the rest are never reported.
      if (this.ended) return;
      const origin = vm.getString(originHandle) === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException';
      this.crash(errorHandle, origin);
    });
    fn('caller', () => json(this.callerPosition() ?? null));

    installModulePrimitives(vm, host, (fileName, textLength) => this.refuseLargeModule(fileName, textLength));
    vm.setProp(vm.global, '__looplens_host', host);
    host.dispose();
    this.stackProbe = vm.unwrapResult(vm.evalCode('(function () { return new Error().stack; })', '<looplens>'));
    this.ownedHandles.add(this.stackProbe);
  }

  /** Browser timer nesting level of the task now running (for the >= 5 levels clamp). */
  browserNesting = 0;

  private browserTimerDelay(requested: number): number {
    let delay = Number.isFinite(requested) && requested > 0 ? Math.trunc(requested) : 0;
    if (delay > 2 ** 31 - 1) delay = 0;
    // HTML: "If nesting level is greater than 5, and timeout is less than 4, then set timeout to 4."
    // The nesting level of a new timer is the current one plus one.
    if (this.browserNesting + 1 > 5 && delay < 4) delay = 4;
    return delay;
  }

  private evaluateSandbox(): void {
    const result = this.vm.evalCode(this.base.sandboxSource, 'looplens:sandbox.js');
    if (result.error) {
      const error = this.vm.dump(result.error);
      result.error.dispose();
      throw new Error(`sandbox bootstrap failed: ${JSON.stringify(error)}`);
    }
    result.value.dispose();
    const bootHandle = this.vm.getProp(this.vm.global, '__looplens_boot');
    if (this.vm.typeof(bootHandle) !== 'object') {
      bootHandle.dispose();
      throw new Error('sandbox bootstrap did not register its hooks');
    }
    const get = (name: string) => {
      const handle = this.vm.getProp(bootHandle, name);
      this.ownedHandles.add(handle);
      return handle;
    };
    this.boot = {
      runMain: get('runMain'),
      handleUncaught: get('handleUncaught'),
      emitProcessEvent: get('emitProcessEvent'),
      describeError: get('describeError'),
      processRejections: get('processRejections'),
      flush: get('flush'),
      dumpTrace: get('dumpTrace'),
      configure: get('configure'),
      afterScript: get('afterScript'),
      chunks: get('chunks'),
      isProxy: get('isProxy'),
    };
    bootHandle.dispose();
    const deleted = this.vm.evalCode('delete globalThis.__looplens_boot');
    if (deleted.error) deleted.error.dispose();
    else deleted.value.dispose();
  }

  private evaluatedCode(): string {
    if (this.model === 'browser') return this.req.code;
    // An ES module entry gets Node's import.meta (url, filename, dirname) on its first line.
    if (this.req.isModule) return importMetaPrologue(this.req.fileName) + this.req.code;
    return `${CJS_PREFIX}${this.req.code}\n})`;
  }

  /** Evaluates the user's file as the model loads it: a CommonJS module, an ES module, or a classic script. */
  private runEntry(): void {
    const vm = this.vm;
    const { code, fileName } = this.req;
    this.current = { source: this.model === 'browser' ? 'task' : 'main', cause: mainCause(this.model === 'browser' ? 'task' : 'main'), detail: '' };
    if (this.model === 'browser') {
      this.loopIteration = 1;
      // A classic script: an explicit type turns off quickjs-emscripten's module detection, so an
      // import or export statement is the SyntaxError Chromium reports.
      this.entryEvalStartedCpuMs = cpuMs();
      const result = vm.evalCode(code, fileName, { type: 'global' });
      if (this.entryEvalStartedCpuMs >= 0) this.entryCompiled(this.entryEvalStartedCpuMs, cpuMs());
      if (result.error) {
        this.uncaught(result.error, 'uncaughtException');
        result.error.dispose();
      } else result.value.dispose();
      if (!this.ended) {
        this.runMicrotasks();
        this.processRejections();
        this.callHook('afterScript');
      }
      return;
    }
    if (this.req.isModule) {
      this.firstLineShift = importMetaPrologue(fileName).length;
      this.entryEvalStartedCpuMs = cpuMs();
      const result = vm.evalCode(this.evaluatedCode(), fileName, { type: 'module' });
      if (this.entryEvalStartedCpuMs >= 0) this.entryCompiled(this.entryEvalStartedCpuMs, cpuMs());
      if (result.error) {
        // Node's loader lets the promise jobs already queued run before it reports the error.
        if (this.model === 'node-legacy') this.uncaught(result.error, 'uncaughtException');
        else reportModuleErrorAfterLoader(this, result.error, false);
        result.error.dispose();
        if (!this.ended) this.runMicrotasks();
        return;
      }
      // The module body ran inside a promise job in Node: the promise jobs it queued run before
      // the first nextTick callback does.
      this.watchModulePromise(result.value);
      this.runMicrotasks();
      this.drainTicksAndMicrotasks();
      return;
    }
    this.firstLineShift = CJS_PREFIX.length;
    const compileStarted = cpuMs();
    const compiled = vm.evalCode(this.evaluatedCode(), fileName);
    this.entryCompiled(compileStarted, cpuMs());
    // A budget the compile used up ends the run before the program starts, as QuickJS's next check would.
    const compileUsedBudget = this.compileUsedTimeBudget();
    if (compileUsedBudget) {
      (compiled.error ?? compiled.value).dispose();
      this.stopAtTimeBudget(compileUsedBudget);
      return;
    }
    if (compiled.error) {
      this.uncaught(compiled.error, 'uncaughtException');
      compiled.error.dispose();
      return;
    }
    const result = vm.callFunction(this.boot!.runMain, vm.undefined, compiled.value);
    compiled.value.dispose();
    if (result.error) {
      this.uncaught(result.error, 'uncaughtException');
      result.error.dispose();
    } else result.value.dispose();
    if (!this.ended) this.drainTicksAndMicrotasks();
  }

  /** A rejected top-level module promise is an uncaught error (top-level await that throws). */
  modulePromise: QuickJSHandle | null = null;

  private watchModulePromise(promise: QuickJSHandle): void {
    this.modulePromise = promise;
    this.ownedHandles.add(promise);
    if (this.model !== 'node-legacy') reportModuleErrorAfterLoader(this, promise, true);
  }

  checkModulePromise(): void {
    if (!this.modulePromise) return;
    const state = this.vm.getPromiseState(this.modulePromise);
    if (state.type === 'rejected') {
      this.release(this.modulePromise);
      this.modulePromise = null;
      this.uncaught(state.error, 'uncaughtException');
      state.error.dispose();
    } else if (state.type === 'fulfilled') {
      if (!state.notAPromise) state.value.dispose();
      this.release(this.modulePromise);
      this.modulePromise = null;
    }
  }

  addNote(text: string | LocalizableMessage): void {
    if (typeof text !== 'string') text = englishText(this.recordNote(text));
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  ms(value: number): string {
    return formatMs(value);
  }
}

/** A message as the sandbox passes it (plain data from `msg()`), checked before use. */
function isMessage(value: unknown): value is LocalizableMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { message, args } = value as { message?: unknown; args?: unknown };
  return typeof message === 'string' && Array.isArray(args) && args.every((arg) => typeof arg === 'string' || typeof arg === 'number' || isMessage(arg));
}

let timeZoneFormat: Intl.DateTimeFormat | undefined;

/**
 * The time zone's long name at an instant, as V8's Date.prototype.toString appends it ("(Coordinated
 * Universal Time)", "(Central European Summer Time)"): QuickJS has the host's offset but no Intl.
 * The host's default locale, as V8 uses it.
 */
function timeZoneName(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  try {
    timeZoneFormat ??= new Intl.DateTimeFormat(undefined, { timeZoneName: 'long' });
    return timeZoneFormat.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

function cpuMs(): number {
  return budgetCpuMs();
}

/**
 * A callback that schedules another forever (a promise, nextTick or timer storm) would chain its
 * causal records without end, keeping every one alive until the budget stops the run, and the
 * growing heap made V8's collector (whose time is charged to the run) ever slower. The chain is cut
 * this many records up, more than any view of a line's cause shows.
 */
const MAX_CAUSE_DEPTH = 64;

function trimAncestry(record: CausalRecord | null): void {
  let ancestor = record;
  for (let depth = 0; ancestor && depth < MAX_CAUSE_DEPTH; depth++) ancestor = ancestor.parent;
  if (ancestor) ancestor.parent = null;
}

function mainCause(queue: OutputSource): CausalRecord {
  return { scheduledBy: null, scheduledAt: null, queue, enqueuedStep: 0, runStep: 0, loopIteration: 0, virtualTimeMs: 0, parent: null };
}

function formatRequested(requested: number): string {
  return Number.isFinite(requested) ? `${requested} ms` : `${String(requested)}`;
}

function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

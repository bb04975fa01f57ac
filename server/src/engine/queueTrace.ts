// Queue snapshots for the execution-context trace: what waits in each of the model's queues when
// every engine step begins (nextTick, promise jobs, timers with their due times, I/O, immediates,
// browser tasks and animation frames), so the context tree can show the queues beside the call
// stack as the user steps through a run.
//
// The host's own queues are plain arrays and are read directly. Promise jobs live inside QuickJS,
// which exposes only "is any job pending"; so the sandbox tells the host about every reaction it
// registers (`then`, `catch`, `finally`, `queueMicrotask`, combinators) together with the promise
// it waits on, and about every `await` operand. A reaction is queued as a job the moment its promise
// settles (or at once when it is registered on a settled promise), so checking those promises'
// states at each step gives the jobs waiting in the microtask queue, labelled with where they were
// scheduled. Nothing here runs JavaScript inside QuickJS: reading a promise's state is an embedder
// call, so job counts, and therefore the program's output, stay exactly those of an untraced run.
//
// A ModelRun creates a QueueTracer only when a trace was requested; every call site is guarded by
// `run.queueTrace`, so an untraced run pays nothing.

import type { QuickJSHandle } from 'quickjs-emscripten-core';
import type { CausalRecord, OutputSource, QueueContents, QueuedCallback, QueueName, QueueSnapshot } from './types';
import type { ModelRun, PendingCallback } from './runner';

/** Most callbacks listed per queue in one snapshot; the rest are counted in `more`. */
export const QUEUE_ITEMS_CAP = 16;
/** Most snapshots kept for one run (one per engine step); later steps are not recorded. */
export const QUEUE_SNAPSHOTS_CAP = 10_000;
/** Most promise reactions and awaits watched at once; beyond it new ones are not listed. */
const WATCHED_JOBS_CAP = 5_000;
/** Most waiting promises whose state is read at one step (see promoteSettled). */
const PROMISE_CHECKS_PER_STEP = 128;

/** Bit flags for which callbacks a reaction registered: a side without one still runs as a job. */
export const REACTION_ON_FULFILLED = 1;
export const REACTION_ON_REJECTED = 2;

interface WatchedJob {
  /** The reaction id of `registerReaction`, or a negative id for an `await`. */
  id: number;
  api: string;
  line: number;
  column: number;
  /** The promise it waits on while it is not yet queued (kept alive by the run). */
  promise: QuickJSHandle | null;
  sides: number;
  /** Queued as a job on a side it has no callback for: it runs without announcing itself. */
  silent: boolean;
  /** Registration order. */
  order: number;
  /** The step during which it was queued: its promise settled then (as far as the host saw). */
  queuedStep: number;
}

/** A snapshot in the making: the running callback of a step is only known once its job names itself. */
interface OpenStep {
  snapshot: QueueSnapshot;
  contents: QueueContents;
}

/**
 * The API a cause names, as the tree labels it (`then`, not `.then`); null for the main script and
 * for a promise job the runner could not attribute yet (its placeholder cause).
 */
function apiOf(cause: CausalRecord): string | null {
  if (!cause.scheduledBy || cause.scheduledBy === 'a promise reaction') return null;
  return cause.scheduledBy.replace(/^\./, '');
}

export class QueueTracer {
  /** Finished snapshots with their queues' text, in the order the steps ended. */
  private readonly snapshots: { snapshot: QueueSnapshot; contents: QueueContents; key: string }[] = [];
  private capped = false;
  private readonly open: OpenStep[] = [];
  /** Reactions and awaits whose promise has not settled yet, in registration order. */
  private readonly waiting: WatchedJob[] = [];
  /** Jobs in the microtask queue, in the order they were queued (as far as the host can tell). */
  private readonly queued: WatchedJob[] = [];
  /** The watched job that announced itself as the running one during the current microtask step. */
  private runningJob: WatchedJob | null = null;
  private nextAwaitId = -1;
  private nextOrder = 0;
  /** Where the next look at waiting promises starts when there are too many to look at every step. */
  private scanCursor = 0;
  /** Callbacks of the phase batch now running (check, poll, animation frames) that already ran. */
  private readonly ran = new WeakSet<PendingCallback>();

  constructor(private readonly run: ModelRun) {
    // Step 0 is the main script (or the page's classic script): every queue starts empty.
    const mainQueue: OutputSource = run.model === 'browser' ? 'task' : 'main';
    this.snapshots.push({ snapshot: { step: 0, clockMs: 0, running: { queue: mainQueue, api: null, line: 0, column: 0 } }, contents: {}, key: '{}' });
  }

  // ---- Promise jobs, as the sandbox reports them ----

  /** A reaction was registered on `promise` (a borrowed handle, duplicated here when kept). */
  watchReaction(id: number, cause: CausalRecord, promise: QuickJSHandle | undefined, sides: number): void {
    this.watch({ id, api: apiOf(cause) ?? 'then', line: cause.scheduledAt?.line ?? 0, column: cause.scheduledAt?.column ?? 0, promise: null, sides, silent: false, order: 0, queuedStep: 0 }, promise);
  }

  /** An `await` took `value` as its operand at `position`. */
  watchAwait(value: QuickJSHandle, position: { line: number; column: number } | null): void {
    this.watch({ id: this.nextAwaitId--, api: 'await', line: position?.line ?? 0, column: position?.column ?? 0, promise: null, sides: REACTION_ON_FULFILLED | REACTION_ON_REJECTED, silent: false, order: 0, queuedStep: 0 }, value);
  }

  private watch(job: WatchedJob, promise: QuickJSHandle | undefined): void {
    job.order = this.nextOrder++;
    if (this.waiting.length + this.queued.length >= WATCHED_JOBS_CAP) return;
    const settled = promise === undefined ? 'fulfilled' : this.settledState(promise);
    if (settled) {
      job.silent = this.isSilent(job, settled);
      job.queuedStep = this.run.step;
      this.queued.push(job);
    } else {
      job.promise = this.run.keep(promise as QuickJSHandle);
      this.waiting.push(job);
    }
  }

  /** The running job is the reaction registered as `id`. */
  reactionRan(id: number): void {
    const index = this.queued.findIndex((job) => job.id === id);
    if (index >= 0) this.runningJob = this.queued.splice(index, 1)[0];
    else {
      const waitingIndex = this.waiting.findIndex((job) => job.id === id);
      if (waitingIndex >= 0) this.runningJob = this.forget(this.waiting.splice(waitingIndex, 1)[0]);
    }
  }

  /** The running job resumes an `await` on `line`: the oldest queued await there is the one. */
  awaitResumed(line: number): void {
    const index = this.queued.findIndex((job) => job.id < 0 && job.line === line);
    if (index >= 0) this.runningJob = this.queued.splice(index, 1)[0];
    else {
      const waitingIndex = this.waiting.findIndex((job) => job.id < 0 && job.line === line);
      if (waitingIndex >= 0) this.runningJob = this.forget(this.waiting.splice(waitingIndex, 1)[0]);
    }
  }

  private forget(job: WatchedJob): WatchedJob {
    if (job.promise) this.run.release(job.promise);
    job.promise = null;
    return job;
  }

  /** 'fulfilled' / 'rejected' when `promise` has settled (anything but a promise counts as fulfilled), else null. */
  private settledState(promise: QuickJSHandle): 'fulfilled' | 'rejected' | null {
    let state;
    try {
      state = this.run.vm.getPromiseState(promise);
    } catch {
      return 'fulfilled';
    }
    if (state.type === 'pending') return null;
    if (state.type === 'fulfilled') {
      if (!state.notAPromise) state.value.dispose();
      return 'fulfilled';
    }
    state.error.dispose();
    return 'rejected';
  }

  private isSilent(job: WatchedJob, settled: 'fulfilled' | 'rejected'): boolean {
    return settled === 'fulfilled' ? (job.sides & REACTION_ON_FULFILLED) === 0 : (job.sides & REACTION_ON_REJECTED) === 0;
  }

  /**
   * Moves watched jobs whose promise has settled since the last look into the queue. Each look is
   * an embedder call (about a microsecond and a half each, measured), and it happens at every step,
   * so at most PROMISE_CHECKS_PER_STEP promises are looked at per step, in turns: a program with
   * more promises waiting at once gets snapshots whose microtask queue may list a job a few steps
   * late. Returns false when that happened.
   */
  private promoteSettled(): boolean {
    const total = this.waiting.length;
    const exact = total <= PROMISE_CHECKS_PER_STEP;
    const budget = exact ? total : PROMISE_CHECKS_PER_STEP;
    if (this.scanCursor >= total) this.scanCursor = 0;
    const settledJobs: WatchedJob[] = [];
    for (let checked = 0, index = this.scanCursor; checked < budget; checked++, index = (index + 1) % total) {
      const job = this.waiting[index];
      const settled = job.promise ? this.settledState(job.promise) : 'fulfilled';
      if (!settled) continue;
      job.silent = this.isSilent(job, settled);
      settledJobs.push(job);
    }
    this.scanCursor = exact ? 0 : (this.scanCursor + budget) % total;
    if (settledJobs.length === 0) return exact;
    // Jobs are queued in the order their promises settled; within one look, registration order is the best guess.
    const settledSet = new Set(settledJobs);
    const stillWaiting = this.waiting.filter((job) => !settledSet.has(job));
    this.waiting.length = 0;
    this.waiting.push(...stillWaiting);
    // They settled while the previous step ran (steps are numbered as they begin, and this is a beginning).
    for (const job of settledJobs.sort((a, b) => a.order - b.order)) {
      job.queuedStep = this.run.step - 1;
      this.queued.push(this.forget(job));
    }
    return exact;
  }

  // ---- Steps ----

  /** A step begins: `pending` is the callback about to run (null for a promise job). */
  begin(pending: PendingCallback | null): void {
    if (pending) this.ran.add(pending);
    this.runningJob = null;
    if (this.snapshots.length + this.open.length >= QUEUE_SNAPSHOTS_CAP) {
      this.capped = true;
      this.open.push({ snapshot: null as unknown as QueueSnapshot, contents: {} });
      return;
    }
    const exact = this.promoteSettled();
    const run = this.run;
    const cause = run.current.cause;
    const snapshot: QueueSnapshot = {
      step: run.step,
      clockMs: run.clock,
      running: { queue: run.current.source, api: apiOf(cause), line: cause.scheduledAt?.line ?? 0, column: cause.scheduledAt?.column ?? 0 },
    };
    if (pending && cause.scheduledBy) snapshot.running.queuedStep = pending.cause.enqueuedStep;
    if (!exact) snapshot.microtasksApproximate = true;
    this.open.push({ snapshot, contents: this.collect() });
  }

  /** The step's callback or job returned (or threw). */
  end(): void {
    const step = this.open.pop();
    if (!step || !step.snapshot) return;
    const { snapshot, contents } = step;
    const job = this.runningJob;
    this.runningJob = null;
    if (snapshot.running.queue === 'microtask') {
      const cause = this.run.current.cause;
      const api = apiOf(cause);
      if (job) snapshot.running = { queue: 'microtask', api: job.api, line: job.line, column: job.column, queuedStep: job.queuedStep };
      else if (api !== null) {
        snapshot.running = { queue: 'microtask', api, line: cause.scheduledAt?.line ?? 0, column: cause.scheduledAt?.column ?? 0 };
      } else {
        // A job that named no reaction: a callback-less side of a `then` passing its value on (it
        // was queued first, jobs run in order), or an internal job of the engine (not listed).
        const head = this.queued[0];
        if (head && head.silent) {
          this.queued.shift();
          snapshot.running = { queue: 'microtask', api: head.api, line: head.line, column: head.column, queuedStep: head.queuedStep };
        }
      }
      // The job that ran was still in the queue when the step began: take it out of the snapshot.
      const ran = snapshot.running;
      const microtasks = contents.microtask;
      const index = microtasks && ran.api !== null ? microtasks.items.findIndex((item) => item.api === ran.api && item.line === ran.line && item.column === ran.column) : -1;
      if (microtasks && index >= 0) {
        microtasks.items.splice(index, 1);
        if (microtasks.items.length === 0 && microtasks.more === 0) delete contents.microtask;
      }
    }
    const microtaskQueue = contents.microtask;
    if (microtaskQueue && microtaskQueue.items.length > QUEUE_ITEMS_CAP) {
      microtaskQueue.more += microtaskQueue.items.length - QUEUE_ITEMS_CAP;
      microtaskQueue.items.length = QUEUE_ITEMS_CAP;
    }
    this.snapshots.push({ snapshot, contents, key: JSON.stringify(contents) });
  }

  /**
   * The snapshots in step order, for `ExecutionTrace.queues`; a snapshot whose queues equal the
   * previous one's leaves them out. (Steps end out of order when a step runs others inside it, as
   * the browser's microtask checkpoint between event listeners does, hence sorting first.)
   */
  result(): { queues: QueueSnapshot[]; queuesCapped: boolean } {
    const ordered = [...this.snapshots].sort((a, b) => a.snapshot.step - b.snapshot.step);
    let previousKey: string | null = null;
    const queues = ordered.map(({ snapshot, contents, key }) => {
      const copy: QueueSnapshot = { ...snapshot };
      if (key !== previousKey) copy.queues = contents;
      previousKey = key;
      return copy;
    });
    return { queues, queuesCapped: this.capped };
  }

  /** Releases the promise handles still watched (the run disposes them anyway; this frees them early). */
  dispose(): void {
    for (const job of this.waiting) this.forget(job);
    this.waiting.length = 0;
    this.queued.length = 0;
  }

  // ---- Reading the host's queues ----

  private collect(): QueueContents {
    const run = this.run;
    const contents: QueueContents = {};
    // Only the first few of a long queue are described: a snapshot is taken at every step.
    // The microtask queue keeps one more: the job that runs is taken out once it names itself (end()).
    const put = <T>(queue: QueueName, list: readonly T[], describeItem: (item: T) => QueuedCallback): void => {
      if (list.length === 0) return;
      const cap = queue === 'microtask' ? QUEUE_ITEMS_CAP + 1 : QUEUE_ITEMS_CAP;
      const items: QueuedCallback[] = [];
      for (let index = 0; index < list.length && index < cap; index++) items.push(describeItem(list[index]));
      contents[queue] = { items, more: Math.max(0, list.length - cap) };
    };
    const describe = (pending: PendingCallback): QueuedCallback => ({
      api: apiOf(pending.cause) ?? '?',
      line: pending.cause.scheduledAt?.line ?? 0,
      column: pending.cause.scheduledAt?.column ?? 0,
    });
    const batch = run.runningBatch;
    const batchOf = (queue: QueueName): PendingCallback[] => {
      if (!batch || batch.queue !== queue) return [];
      return batch.items.filter((pending) => !this.ran.has(pending) && !run.cancelledImmediates.has((pending as { id?: number }).id ?? -1));
    };

    if (run.model !== 'browser') put('nextTick', run.tickQueue, describe);
    put('microtask', this.queued, (job) => ({ api: job.api, line: job.line, column: job.column }));
    const timers = run.timers.all().sort((a, b) => a.start + a.duration - (b.start + b.duration) || a.seq - b.seq);
    put('timers', timers, (timer) => ({ ...describe(timer), dueMs: timer.start + timer.duration }));
    if (run.model === 'browser') {
      put('task', run.browserTasks, describe);
      put('animationFrame', [...batchOf('animationFrame'), ...run.animationFrames], describe);
    } else {
      put('poll', [...batchOf('poll'), ...run.ioQueue], describe);
      put('check', [...batchOf('check'), ...run.immediates], describe);
    }
    return contents;
  }
}

// The browser (Chromium) event loop on the virtual clock. The classic script was the first task;
// then, repeatedly: take the oldest runnable task (a due timer, a posted message or event), run it,
// perform a microtask checkpoint; when a rendering opportunity comes (every ~16.7 ms frame) and
// animation-frame callbacks are waiting, run them, each followed by a checkpoint. An uncaught error
// is reported and the loop goes on. When nothing is runnable the clock jumps to the next due timer
// or frame.

import type { ModelRun, NondeterminismPoint, PendingCallback } from './runner';
import type { NodeTimer } from './nodeTimers';
import { msg } from '../syntax/message';

const FRAME_MS = 1000 / 60;
/**
 * At most this many places between racing tasks are tried for the first frame (each is a rerun):
 * with more tasks before the frame, the first few places are the likely ones.
 */
const MAX_FRAME_PLACES_BETWEEN_TASKS = 3;

export function browserLoop(run: ModelRun): void {
  let frameIndex = run.req.timing.frameAtStart ? 0 : 1;
  let notedRafRace = false;
  let raceNote: NondeterminismPoint['note'] | undefined;
  // The tasks that ran before the first frame while it waited (they race it), and whether the
  // frame after some of them (TimingAssumptions.frameAfterTasks) has been taken.
  let racingTasks = 0;
  /** What each racing task was: a timer's due time, or a posted task (see the places offered below). */
  const racingTaskKinds: string[] = [];
  let firstFrameDone = false;
  const { frameAfterTasks, frameAtStart } = run.req.timing;
  const pageLoad = pageLoadTasks(run);
  for (;;) {
    run.checkEnded();
    const nextFrame = frameIndex * FRAME_MS;
    const hasFrameWork = run.animationFrames.length > 0;
    const frameBetweenTasks = !firstFrameDone && frameAfterTasks !== undefined && racingTasks >= frameAfterTasks;

    // Rendering opportunity reached: the frame comes first when no task is older than it.
    if (hasFrameWork && (run.clock >= nextFrame || frameBetweenTasks)) {
      // The frame could also have fallen between any two of the tasks that raced it.
      if (!firstFrameDone && raceNote && frameAfterTasks === undefined && !frameAtStart) {
        for (let place = 1; place < racingTasks && place <= MAX_FRAME_PLACES_BETWEEN_TASKS; place++) {
          // Never between two timers due at the same time: Chromium ran two setTimeout(0)s and a
          // requestAnimationFrame 0 of 40 times with the frame between them (six timers: 0 of 30;
          // review of session 7), where a timer and a message were split 13 times in 40.
          const [before, after] = [racingTaskKinds[place - 1], racingTaskKinds[place]];
          if (before === after && before.startsWith('timer@')) continue;
          run.nondeterminism.push({ kind: 'raf-between-tasks', at: place, note: raceNote });
        }
      }
      firstFrameDone = true;
      runAnimationFrames(run);
      frameIndex = Math.floor(run.clock / FRAME_MS) + 1;
      continue;
    }

    const task = withFlexibleTasksFirst(run, (pageLoad.first && takePageLoadTask(run, pageLoad.ids)) || takeRunnableTask(run));
    if (task) {
      // A message (MessageChannel, postMessage) races the frame as a timer does (measured in
      // Chromium: a requestAnimationFrame callback ran before a message posted by the same script
      // in 4 of 8 runs); the page-load events are left out, having their own race above.
      const racesFrame = task.source === 'timer' || !pageLoad.ids.has(task.pending.id);
      if (hasFrameWork && racesFrame && run.clock < nextFrame && !firstFrameDone) {
        racingTasks += 1;
        racingTaskKinds.push(task.timer ? `timer@${task.timer.start + task.timer.duration}` : 'posted');
      }
      // A run that places the frame between tasks tries no other place (the primary run listed them).
      if (hasFrameWork && !notedRafRace && racesFrame && run.clock < nextFrame && frameAfterTasks === undefined) {
        notedRafRace = true;
        raceNote = task.source === 'timer'
          ? msg('requestAnimationFrame callbacks run at the next rendering opportunity, whose timing relative to timers depends on the display\'s frame clock; Chromium may run them before or after these timer tasks.')
          : msg('requestAnimationFrame callbacks run at the next rendering opportunity, whose timing relative to posted messages depends on the display\'s frame clock; Chromium may run them before or after these message tasks.');
        run.nondeterminism.push({ kind: 'raf-vs-timers', note: raceNote });
      }
      if (task.timer) wakeFlexibleTasks(run, task.timer, task.timer.start + task.timer.duration);
      runTask(run, task);
      continue;
    }

    // Nothing runnable now: sleep until the next timer or frame.
    const nextTimer = run.timers.earliestDue();
    const wake = Math.min(nextTimer, hasFrameWork ? nextFrame : Infinity);
    if (wake === Infinity) break;
    if (wake > run.req.budgets.virtualTimeMs) {
      const intervals = run.timers.all().filter((timer) => timer.repeat);
      const what = intervals.length > 0
        ? msg('an interval (setInterval at line {0}) is still active, so the page would keep running it forever', intervals[0].cause.scheduledAt?.line ?? '?')
        : hasFrameWork ? msg('requestAnimationFrame keeps scheduling frames, so the page would keep rendering forever') : msg('the next timer is due at {0} ms', wake);
      run.stop('virtual-time', msg('Stopped at {0} ms of virtual time (the virtual-time budget): {1}.', run.req.budgets.virtualTimeMs, what));
      return;
    }
    run.clock = Math.max(run.clock, wake);
  }
}

/**
 * `waking`, due at `due`, is about to run: where it falls in the window of a flexible delayed task
 * (an AbortSignal.timeout below 32 ms, which Chromium runs up to 8 ms late), the order varies.
 * Measured in Chromium (15 runs each): timeout(5) among timers due at 6..14 ran between the 12 and
 * 13 ms timers 14 times and between 11 and 12 once; timeout(20) between 27 and 28 15 times; with a
 * timeout(1) as well, timeout(5) ran right after it 9 times (their wake-ups aligned), and after
 * the 9, 10 and 12 ms timers 3, 2 and 1 times. The primary run takes the window's end; the
 * flexibleTasksEarly assumption a millisecond earlier (runner.ts), flexibleTasksAligned the
 * wake-up of the other flexible task (here).
 */
function wakeFlexibleTasks(run: ModelRun, waking: NodeTimer, due: number): void {
  for (const pending of run.timers.all()) {
    if (pending.flexibleFrom === undefined || pending === waking) continue;
    const end = pending.start + pending.duration;
    const aligned = waking.flexibleFrom !== undefined && pending.flexibleFrom < due && due < end;
    const kind = aligned ? 'flexible-task-aligned' : end - 1 <= due && due < end ? 'flexible-task-early' : undefined;
    if (kind === undefined) continue;
    noteFlexibleTaskRace(run, kind);
    if (aligned && run.req.timing.flexibleTasksAligned) {
      // Due at this wake-up, so it runs right after the task that woke the loop.
      run.timers.remove(pending.id);
      pending.duration = due - pending.start;
      run.timers.insert(pending, pending.start);
    }
  }
}

/**
 * From 32 ms on, Chromium's timers are flexible too, and a flexible wake-up runs every flexible task
 * whose delay has passed in the order of those delays: an AbortSignal.timeout below 32 ms whose
 * window holds the due time of a timer or signal of 32 ms or more runs before it, at the delay the
 * program gave rather than at its window's end. Measured in Chromium (15 or 20 runs each, no other
 * order seen): timeout(31) before timeout(35), timeout(30) before timeout(38) and timeout(25) before
 * timeout(33) whichever was made first, timeout(30) before setTimeout(33) and setTimeout(35) (made
 * first), and timeout(25) before a timeout(33) and a setTimeout(33) made before it. So when `task`
 * is such a timer, the earliest such signal runs first and the timer goes back to wait for its turn.
 * Against a setTimeout the signal came second in 2 of 15 runs (setTimeout(35) made before a
 * timeout(30); against signals 0 of 84): that order is the flexibleTasksAligned assumption's.
 */
function withFlexibleTasksFirst(run: ModelRun, task: RunnableTask | null): RunnableTask | null {
  const waking = task?.timer;
  if (!waking) return task;
  const due = waking.start + waking.duration;
  // The flexibleTasksEarly assumption: a signal of 32 ms or more (flexibleFrom at its due time,
  // runner.ts) runs before a task due a millisecond earlier (wakeFlexibleTasks noted the race).
  const late = run.req.timing.flexibleTasksEarly
    ? run.timers.all().filter((pending) => pending !== waking && pending.flexibleFrom === pending.start + pending.duration && pending.flexibleFrom === due + 1).sort((a, b) => a.seq - b.seq)[0]
    : undefined;
  if (late) return putBackFor(run, waking, late);
  // A timer of 32 ms or more, or a signal of 32 ms or more.
  if (waking.flexibleFrom !== undefined ? hasFlexibleWindow(waking) : waking.duration < 32) return task;
  const first = run.timers.all()
    .filter((pending) => pending !== waking && hasFlexibleWindow(pending) && (pending.flexibleFrom! < due || (pending.flexibleFrom === due && pending.seq < waking.seq)))
    .sort((a, b) => a.flexibleFrom! - b.flexibleFrom! || a.seq - b.seq)[0];
  if (!first) return task;
  if (waking.flexibleFrom === undefined) {
    noteFlexibleTaskRace(run, 'flexible-task-aligned');
    if (run.req.timing.flexibleTasksAligned) return task;
  }
  return putBackFor(run, waking, first);
}

/** `waking` goes back to wait for its turn, and `first` runs now. */
function putBackFor(run: ModelRun, waking: NodeTimer, first: NodeTimer): RunnableTask {
  run.timers.insert(waking, waking.start);
  run.timers.remove(first.id);
  return { pending: first, source: 'timer', nesting: first.nesting, timer: first };
}

/** Says once per kind that a flexible task's place varies (the Predictor reruns with that kind's assumption). */
function noteFlexibleTaskRace(run: ModelRun, kind: 'flexible-task-aligned' | 'flexible-task-early'): void {
  if (run.nondeterminism.some((point) => point.kind === kind)) return;
  run.nondeterminism.push({
    kind,
    note: msg('AbortSignal.timeout below 32 ms may fire up to 8 ms late in Chromium, at the end of that window or at another timer\'s wake-up inside it; the order against those timers varies.'),
  });
}

/** A signal that may run any time in a window before its due time (AbortSignal.timeout below 32 ms). */
function hasFlexibleWindow(timer: NodeTimer): boolean {
  return timer.flexibleFrom !== undefined && timer.flexibleFrom < timer.start + timer.duration;
}

/**
 * DOMContentLoaded and load: the two tasks the sandbox posts when the script's task ends (the last
 * two queued before the loop starts). Chromium usually runs a setTimeout(0) from the script first,
 * but it may finish parsing first and fire both events before the timer (seen in a CI rehearsal on
 * an idle machine; 0 of 30 runs on a loaded one): a race when such a timer exists.
 */
function pageLoadTasks(run: ModelRun): { ids: Set<number>; first: boolean } {
  const tail = run.browserTasks.slice(-2);
  const ids = new Set(tail.length === 2 && tail.every((task) => task.kind === 'event') ? tail.map((task) => task.id) : []);
  const timerDueNow = run.timers.all().some((timer) => timer.start + timer.duration <= run.clock);
  if (ids.size > 0 && timerDueNow) {
    run.nondeterminism.push({
      kind: 'page-load-vs-timers',
      note: msg('Chromium usually runs a setTimeout(..., 0) from the script before DOMContentLoaded and load, but when it finishes parsing the page first both events come before the timer.'),
    });
  }
  return { ids, first: ids.size > 0 && timerDueNow && run.req.timing.pageLoadFirst === true };
}

/** Under the parsing-first assumption: the next page-load task once it is at the head of the posted tasks. */
function takePageLoadTask(run: ModelRun, ids: Set<number>): RunnableTask | null {
  const posted = run.browserTasks[0];
  if (!posted || !ids.has(posted.id)) return null;
  run.browserTasks.shift();
  return { pending: posted, source: 'posted', nesting: 0 };
}

interface RunnableTask {
  pending: PendingCallback & { id: number };
  source: 'timer' | 'posted';
  nesting: number;
  timer?: NodeTimer;
}

/** The oldest runnable task: posted tasks are queued as they are posted; a timer when it is due. */
function takeRunnableTask(run: ModelRun): RunnableTask | null {
  const posted = run.browserTasks[0];
  const dueTimer = run.timers.all().filter((timer) => timer.start + timer.duration <= run.clock)
    .sort((a, b) => a.start + a.duration - (b.start + b.duration) || a.seq - b.seq)[0];
  // Both kinds wait in one queue in the order they became runnable: a timer when it fell due, a
  // posted task when it was posted; ties go to whichever was scheduled first.
  const postedKey = posted ? [posted.cause.virtualTimeMs, posted.id] : null;
  const timerKey = dueTimer ? [dueTimer.start + dueTimer.duration, dueTimer.seq] : null;
  if (postedKey && (!timerKey || postedKey[0] < timerKey[0] || (postedKey[0] === timerKey[0] && postedKey[1] < timerKey[1]))) {
    run.browserTasks.shift();
    return { pending: posted, source: 'posted', nesting: 0 };
  }
  if (dueTimer) {
    run.timers.remove(dueTimer.id);
    return { pending: dueTimer, source: 'timer', nesting: dueTimer.nesting, timer: dueTimer };
  }
  return null;
}

function runTask(run: ModelRun, task: RunnableTask): void {
  run.loopIteration += 1;
  run.browserNesting = task.nesting;
  const timer = task.timer;
  if (timer) {
    run.runningTimerId = timer.id;
    run.runningTimerCleared = false;
  }
  run.runCallback(task.pending, 'task');
  run.runningTimerId = 0;
  if (timer && timer.repeat && !run.runningTimerCleared && !run.ended) {
    // An interval re-arms itself; its nesting level grows like a chain of timeouts.
    timer.nesting = Math.min(timer.nesting + 1, 100);
    if (timer.nesting > 5 && timer.duration < 4) timer.duration = 4;
    run.timers.insert(timer, run.clock);
  } else {
    run.release(task.pending.fn);
  }
  run.browserNesting = 0;
  run.checkEnded();
  run.runMicrotasks();
  run.processRejections();
}

function runAnimationFrames(run: ModelRun): void {
  run.loopIteration += 1;
  const batch = run.animationFrames.splice(0);
  if (run.queueTrace) run.runningBatch = { queue: 'animationFrame', items: batch };
  for (const frame of batch) {
    const timestamp = run.vm.newNumber(run.clock);
    run.runCallback(frame, 'animationFrame', [timestamp]);
    timestamp.dispose();
    run.release(frame.fn);
    run.checkEnded();
    run.runMicrotasks();
    run.processRejections();
  }
  run.runningBatch = null;
}

// The Node event loop on the virtual clock, for the `node`, `node-esm` and `node-legacy` models.
//
// Structure (libuv 1.45+, Node 20): timers run once before the loop, then each iteration runs
// pending callbacks, poll (waiting until the next timer is due when nothing else is ready),
// check (setImmediate), close callbacks, and timers again. Numbering iterations as the classic
// diagram does (timers -> pending -> poll -> check -> close) gives exactly the same callback
// order, so that is how iterations are counted in the `why` sentences.
//
// `node` drains nextTicks and promise jobs after every single callback (Node >= 11);
// `node-legacy` (Node < 11) drains only when a phase's batch of timers or immediates is done.

import type { QuickJSHandle } from 'quickjs-emscripten-core';
import type { ModelRun } from './runner';
import { msg } from '../syntax/message';

/** What the loop remembers between phases about the timing races it met. */
interface LoopState {
  /** The drain after a timers phase was already assumed slow once (drainElapsedMs). */
  drainRaceAssumed: boolean;
  /** Check phases so far where a timer raced the next immediates (numbers the check-timers points). */
  racingCheckPhases: number;
}

export function nodeLoop(run: ModelRun): void {
  const legacy = run.model === 'node-legacy';
  /** Drain between two callbacks of the same phase: Node >= 11 only. */
  const drainBetween = () => {
    if (!legacy) run.drainTicksAndMicrotasks();
  };
  let firstTimersPhase = true;
  const loopState: LoopState = { drainRaceAssumed: false, racingCheckPhases: 0 };

  for (;;) {
    run.checkModulePromise();
    run.checkEnded();
    if (!isAlive(run)) {
      run.emitBeforeExit();
      run.checkEnded();
      run.drainTicksAndMicrotasks();
      run.checkModulePromise();
      if (!isAlive(run)) break;
    }
    run.loopIteration += 1;

    // ---- timers ----
    if (firstTimersPhase) {
      firstTimersPhase = false;
      noteStartupRace(run);
      // Counted from the start of the main script: a millisecond split while it ran (see
      // stampNodeTimer) already moved the clock on.
      run.clock = Math.max(run.clock, run.req.timing.startupElapsedMs);
      run.startLoopWork();
    }
    // libuv updates the loop's time right before it runs the timers.
    run.readWorkClock();
    runTimersPhase(run, drainBetween, loopState);
    run.checkEnded();
    // libuv 1.46 (Node 20) runs timers at the end of an iteration and asks whether the loop is alive
    // right after, so an unreferenced immediate set by a timer callback never runs when nothing
    // else is left (Node 10's libuv ran timers first and reached the check phase).
    if (run.unrefedImmediates.size > 0 && !legacy && !isAlive(run)) continue;

    // ---- pending callbacks: nothing is deferred to this phase in the virtual machine ----

    // ---- poll ----
    const ready = readyCompletions(run);
    if (ready.length > 0) {
      runCompletions(run, ready);
    } else if (run.immediates.length === 0) {
      // Nothing ready: poll blocks until the next timer is due, or an operation in flight completes.
      const next = Math.min(run.timers.nextExpiry(), nextIoCompletion(run));
      if (next !== Infinity && next > run.clock) {
        if (next > run.req.budgets.virtualTimeMs) {
          stopAtVirtualTime(run, next);
          return;
        }
        run.waitUntil(next);
        // An operation completing while poll waits wakes it: its callback runs in this poll phase,
        // before the timer due at the same moment (that one runs in the next iteration).
        const woken = readyCompletions(run);
        if (woken.length > 0) runCompletions(run, woken);
      }
    }

    // ---- check ----
    runCheckPhase(run, drainBetween, loopState);
    run.checkEnded();

    // ---- close callbacks: none are modelled separately (stream 'close' events are nextTicks) ----
  }
  run.emitExitEvent();
}

/**
 * The I/O completions this poll phase runs, taken out of the queue. A slow disk read (`whenIdle`)
 * finishes only in a poll phase that would otherwise wait: no immediate is pending then.
 */
function readyCompletions(run: ModelRun): ModelRun['ioQueue'] {
  const idle = run.immediates.length === 0;
  const ready: ModelRun['ioQueue'] = [];
  for (let index = 0; index < run.ioQueue.length;) {
    const completion = run.ioQueue[index];
    if ((!completion.whenIdle || idle) && (completion.readyAt ?? 0) <= run.clock) ready.push(...run.ioQueue.splice(index, 1));
    else index += 1;
  }
  return ready;
}

function runCompletions(run: ModelRun, ready: ModelRun['ioQueue']): void {
  if (run.queueTrace) run.runningBatch = { queue: 'poll', items: ready };
  for (const completion of ready) {
    noteIoTimerRace(run, completion);
    run.runCallback(completion, 'poll');
    run.release(completion.fn);
    run.checkEnded();
    // Every I/O callback is its own MakeCallback: the drain follows each, in every Node version.
    run.drainTicksAndMicrotasks();
  }
  run.runningBatch = null;
}

/** The loop clock at which the next file-system operation in flight completes (Infinity when none is timed). */
function nextIoCompletion(run: ModelRun): number {
  let next = Infinity;
  for (const completion of run.ioQueue) if (!completion.whenIdle && completion.readyAt !== undefined && completion.readyAt > run.clock) next = Math.min(next, completion.readyAt);
  return next;
}

/**
 * An operation completing while a timer is due within 2 ms of the operation's start: in real Node
 * the thread pool may take that long, so the timer can run first (TimingAssumptions.ioLatencyMs).
 * Both latencies are tried; where neither changes the output nothing is said.
 */
function noteIoTimerRace(run: ModelRun, completion: ModelRun['ioQueue'][number]): void {
  if (completion.queuedAt === undefined || run.nondeterminism.some((point) => point.kind === 'io-vs-timers')) return;
  if (run.timers.nextExpiry() > completion.queuedAt + 2) return;
  const note = msg('A file-system operation runs on the thread pool and takes a fraction of a millisecond to a few, so a timer due meanwhile may run before or after its callback (measured on Node 20).');
  // A fifth of a millisecond per operation is the third case: an operation chain of a few steps
  // (fs.readFile is open, fstat, read and close) ends inside the timer's millisecond while a second
  // chain started from its callback does not (real node printed "read 2, timeout, read 3" in 11 of 40
  // runs of such a program, which neither whole-millisecond latency reaches).
  run.nondeterminism.push({ kind: 'io-vs-timers', note }, { kind: 'io-slow-vs-timers', note }, { kind: 'io-fast-vs-timers', note });
}

function isAlive(run: ModelRun): boolean {
  const refedImmediate = run.unrefedImmediates.size === 0 ? run.immediates.length > 0 : run.immediates.some((immediate) => !run.unrefedImmediates.has(immediate.id));
  return run.timers.hasRef() || refedImmediate || run.ioQueue.length > 0 || run.tickQueue.length > 0;
}

/**
 * One timers phase. Node's single libuv timer calls processTimers (the lists due now), then the
 * ticks and promise jobs run, and libuv 1.46 (Node 20) looks at its timer heap again: a timer
 * created in that drain reads, and so moves on, the loop clock, and if a millisecond has passed by
 * then the re-armed timer is already due and processTimers runs again, before the check phase
 * (measured: a 0 ms timeout set in a timer callback then runs before a setImmediate set in a
 * nextTick of that callback, when the callback's promise jobs set another timer).
 */
function runTimersPhase(run: ModelRun, drainBetween: () => void, loopState: LoopState): void {
  let now = run.clock;
  for (;;) {
    // Timers that ran exactly when due although created in the same virtual millisecond as the
    // timer before them: had real time crossed a millisecond between the two creations, they would
    // not be due yet in this phase.
    const splittable: number[] = [];
    // A split matters only when something else can run before the deferred timers: immediates or
    // I/O callbacks waiting after this phase, or a timer due by the millisecond the deferred timers
    // would fall due in (a 0 or 1 ms timer set by the timers that ran: its list can come first;
    // measured, fuzz-found/fuzz-3f4a446125.mjs: 7 of 20 real node runs printed that timer first).
    const waitingNow = () => run.immediates.length > 0 || run.ioQueue.length > 0 || run.timers.nextExpiry() <= now + 1;
    let rearmedFor: number;
    let creationsBefore: number;
    try {
      processTimerLists(run, now, drainBetween, splittable);
      rearmedFor = Math.max(run.timers.nextExpiry(), run.clock + 1);
      creationsBefore = run.timers.nextCreationIndex;
      run.drainTicksAndMicrotasks();
    } catch (error) {
      // A timer that ends the process (an uncaught throw, process.exit, a rejection nobody
      // handles) would not have run in this phase had a millisecond fallen before its creation:
      // the immediates and I/O callbacks already waiting would have run first, so the split is
      // still worth a rerun (fuzz-found in CI: seed 20261127, program 63).
      if (splittable.length > 0 && waitingNow()) noteTimerClockSplits(run, splittable);
      throw error;
    }
    const waiting = waitingNow();
    if (splittable.length > 0 && waiting) noteTimerClockSplits(run, splittable);
    const clockRead = run.timers.nextCreationIndex !== creationsBefore;
    if (!clockRead || run.model === 'node-legacy' || rearmedFor === Infinity) return;
    if (rearmedFor === now + 1 && waiting) noteDrainTimersRace(run);
    run.readWorkClock();
    let fresh = run.clock;
    if (run.req.timing.drainElapsedMs && !loopState.drainRaceAssumed && rearmedFor === now + 1) {
      loopState.drainRaceAssumed = true;
      fresh = Math.max(fresh, now + run.req.timing.drainElapsedMs);
    }
    if (fresh < rearmedFor) return;
    run.clock = fresh;
    now = fresh;
  }
}

function processTimerLists(run: ModelRun, now: number, drainBetween: () => void, splittable: number[]): void {
  const legacy = run.model === 'node-legacy';
  // Node < 11 gave every list (one per duration) its own libuv timer, so each list was a separate
  // callback into JavaScript with a full drain after it; only timers of the same list ran back to
  // back. Node >= 11 drains between all of them.
  const drainBetweenLists = legacy ? () => run.drainTicksAndMicrotasks() : drainBetween;
  // Node < 11 stamped each timer with the real current millisecond, not the loop's cached time, so
  // two timers created in one callback can fall on either side of a millisecond boundary and then
  // run in different iterations with a drain between them. The alternative timing assumes it.
  const drainWithinList = legacy && run.req.timing.legacySpreadTimers ? () => run.drainTicksAndMicrotasks() : drainBetween;
  let ranAtLeastOneList = false;
  for (;;) {
    const list = run.timers.peekList();
    if (!list || list.expiry > now) break;
    if (ranAtLeastOneList) drainBetweenLists();
    else ranAtLeastOneList = true;
    run.checkEnded();
    // listOnTimeout
    let ranAtLeastOneTimer = false;
    let rearmed = false;
    while (list.timers.length > 0) {
      const timer = list.timers[0];
      if (now - timer.start < list.duration) {
        run.timers.rearm(list, Math.max(timer.start + list.duration, now + 1));
        rearmed = true;
        break;
      }
      if (ranAtLeastOneTimer) {
        if (legacy && !run.req.timing.legacySpreadTimers && (run.tickQueue.length > 0 || run.rt.hasPendingJob())) noteLegacyTimerRace(run);
        drainWithinList();
      } else ranAtLeastOneTimer = true;
      run.checkEnded();
      if (list.timers[0] !== timer) continue; // cleared by a tick or microtask just drained
      run.timers.takeHead(list);
      if (timer.clockSplit !== undefined && now === timer.start + timer.duration) splittable.push(timer.clockSplit);
      // A repeating timer is re-armed from the loop's time, not where it was created.
      timer.clockSplit = undefined;
      run.runningTimerId = timer.id;
      run.runningTimerCleared = false;
      run.runCallback(timer, 'timers');
      run.runningTimerId = 0;
      if (timer.repeat && !run.runningTimerCleared && !run.ended) {
        run.timers.insert(timer, now);
      } else {
        run.release(timer.fn);
      }
      run.checkEnded();
    }
    if (!rearmed) run.timers.dropIfEmpty(list);
  }
}

/** Racing check phases recorded as places for a slow-phase rerun (see runCheckPhase). */
const MAX_NUMBERED_CHECK_PHASES = 16;

function runCheckPhase(run: ModelRun, drainBetween: () => void, loopState: LoopState): void {
  if (run.immediates.length === 0) return;
  // The queue as it was when the phase began: immediates added now wait for the next iteration.
  const batch = run.immediates.splice(0);
  if (run.queueTrace) run.runningBatch = { queue: 'check', items: batch };
  const stepAtStart = run.step;
  const clockAtStart = run.clock;
  run.cancelledImmediates.clear();
  let ranAtLeastOne = false;
  for (const immediate of batch) {
    if (run.cancelledImmediates.has(immediate.id)) {
      run.release(immediate.fn);
      continue;
    }
    if (ranAtLeastOne) drainBetween();
    else ranAtLeastOne = true;
    run.checkEnded();
    if (run.cancelledImmediates.has(immediate.id)) {
      run.release(immediate.fn);
      continue;
    }
    run.runCallback(immediate, 'check');
    run.release(immediate.fn);
    run.checkEnded();
  }
  run.cancelledImmediates.clear();
  run.runningBatch = null;
  run.drainTicksAndMicrotasks();
  // A timer due within the next millisecond races the next immediates: libuv runs due timers
  // right after the check phase, and whether a millisecond passed while the immediates ran is up
  // to the machine (measured: both orders occur on Node 20, for 1 ms timers set from an immediate
  // and for timers set earlier that fall due meanwhile).
  if (run.immediates.length === 0) return;
  const setDuringPhase = run.timers.all().some((timer) => timer.duration <= 1 && timer.start >= clockAtStart && timer.cause.enqueuedStep >= stepAtStart);
  const dueSoon = run.timers.nextExpiry() <= clockAtStart + 1;
  if (setDuringPhase || dueSoon) {
    // Each such phase is a race of its own: a loaded machine crosses a millisecond in some of them
    // and not in others, so the Predictor can assume any one of them slow (slowCheckPhases).
    loopState.racingCheckPhases += 1;
    const at = loopState.racingCheckPhases;
    // Every racing phase gets a number of its own; the first few are enough places to try one slow
    // phase (the Predictor picks among them), and a loop of immediates must not grow the list.
    if (at <= MAX_NUMBERED_CHECK_PHASES) {
      run.nondeterminism.push({
        kind: 'check-timers',
        at,
        note: setDuringPhase
          ? msg('A setTimeout(..., 0 or 1) set inside a setImmediate callback runs after the check phase if 1 ms has passed by then, otherwise after the next immediates: the order depends on how long the callbacks take.')
          : msg('A timer due within the next millisecond runs before the next setImmediate callbacks if 1 ms passes while the check phase runs, otherwise after them: the order depends on how long the callbacks take.'),
      });
    }
    // Counted from the start of the phase: a millisecond split between two timers set during it
    // (stampNodeTimer) may already have moved the clock on.
    const elapsed = run.req.timing.slowCheckPhases?.includes(at) ? 1 : run.req.timing.checkElapsedMs;
    run.clock = Math.max(run.clock, clockAtStart + elapsed);
  }
}

/**
 * Whether 1 ms has passed between the start of the process and the first timers phase is up to
 * the machine: a top-level `setTimeout(fn, 0 or 1)` then runs before or after a top-level
 * `setImmediate` (measured: both orders occur on Node 20). Record the race when it matters.
 */
function noteStartupRace(run: ModelRun): void {
  const raceable = run.timers.all().some((timer) => timer.start + timer.duration <= run.clock + 1);
  const competing = run.immediates.length > 0 || run.ioQueue.length > 0;
  if (raceable && competing) {
    run.nondeterminism.push({
      kind: 'startup-timers',
      note: msg('Whether 1 ms has elapsed before the first timers phase depends on how fast the process starts, so a top-level setTimeout(..., 0 or 1) may run before or after the first setImmediate/I/O callbacks (Node documents this as non-deterministic).'),
    });
  }
}

/**
 * Node >= 11 stamps every timer with a freshly read loop clock (Environment::GetNow updates libuv's
 * time), so two timers created one after the other can fall on either side of a millisecond
 * boundary. When the timing assumption asks for a split before this creation, the virtual clock
 * moves on by 1 ms first. Returns the creation index when the timer shares its millisecond with
 * the timer created before it (a place where such a split is possible), otherwise undefined.
 */
export function stampNodeTimer(run: ModelRun): number | undefined {
  if (run.model !== 'node-legacy') run.readWorkClock();
  // Node < 11 stamped each timer with the real current millisecond too (see processTimerLists), so
  // the split applies to every model.
  if (run.req.timing.timerClockSplitsAt?.includes(run.timers.nextCreationIndex)) run.clock += 1;
  return run.timers.countCreation(run.clock);
}

/**
 * An ES module entry's exception reaches Node's crash handler only after its rejection has passed
 * through the awaits of the ESM loader (ModuleJob.run, ModuleLoader.import and
 * asyncRunEntryPointWithESMLoader), one promise job each: promise jobs the module queued before it
 * run in between, nextTick callbacks do not (measured, Node 20.20.2: after a synchronous throw a
 * chain of `then`s prints three links before the crash, after a top-level await four).
 * `error` is either the thrown value or the module's evaluation promise (which may reject later).
 */
export function reportModuleErrorAfterLoader(run: ModelRun, error: QuickJSHandle, isPromise: boolean): void {
  // QuickJS rejects an async module's evaluation promise one job later than V8 hands the error to
  // the loader, so a rejecting evaluation promise needs one hop fewer (measured against Node).
  const hops = isPromise ? 2 : 3;
  const vm = run.vm;
  // An error's stack gets Node's frames for the phase running when it is translated: translate it
  // now, while the module body's phase is current, not when the report runs in a later job.
  const reason = isPromise ? vm.getPromiseState(error) : null;
  const thrown = reason ? (reason.type === 'rejected' ? reason.error : null) : error;
  const translate = vm.getProp(vm.global, '__looplens_seen');
  if (thrown && vm.typeof(translate) === 'function') {
    const translated = vm.callFunction(translate, vm.undefined, thrown);
    if (translated.error) translated.error.dispose();
    else translated.value.dispose();
  }
  translate.dispose();
  if (reason && reason.type === 'rejected') reason.error.dispose();
  else if (reason && reason.type === 'fulfilled' && !reason.notAPromise) reason.value.dispose();
  const report = vm.newFunction('reportModuleError', (reason) => {
    // Reported here, so the loop's check of the entry's promise must not report it a second time
    // (a program's uncaughtException listener would run twice).
    if (isPromise && run.modulePromise) {
      run.release(run.modulePromise);
      run.modulePromise = null;
    }
    run.moduleJobError = true;
    try {
      run.uncaught(reason, 'uncaughtException');
    } catch (unwound) {
      // The crash ends the run by unwinding; inside a promise job that only has to stop the job.
      if (!run.ended) throw unwound;
    } finally {
      run.moduleJobError = false;
    }
  });
  const chain = vm.evalCode(`(function (start, isPromise, report, hops) {
    const rethrow = (error) => { throw error; };
    let promise = isPromise ? start : Promise.reject(start);
    for (let hop = 1; hop < hops; hop++) promise = promise.then(undefined, rethrow);
    promise.then(undefined, report);
  })`);
  if (chain.error) {
    chain.error.dispose();
    report.dispose();
    run.uncaught(error, 'uncaughtException');
    return;
  }
  const called = vm.callFunction(chain.value, vm.undefined, error, isPromise ? vm.true : vm.false, report, vm.newNumber(hops));
  if (called.error) called.error.dispose();
  else called.value.dispose();
  chain.value.dispose();
  report.dispose();
}

function noteTimerClockSplits(run: ModelRun, creations: number[]): void {
  for (const at of creations) {
    if (run.nondeterminism.some((point) => point.kind === 'timer-clock' && point.at === at)) continue;
    run.nondeterminism.push({
      kind: 'timer-clock',
      at,
      note: msg('Node stamps each timer with the current millisecond: timers created one after another can straddle a millisecond boundary, and then the later ones are not yet due in the timers phase that runs the earlier ones, so setImmediate or I/O callbacks may run in between (measured on Node 20: both orders occur).'),
    });
  }
}

function noteDrainTimersRace(run: ModelRun): void {
  if (run.nondeterminism.some((point) => point.kind === 'timers-drain')) return;
  run.nondeterminism.push({
    kind: 'timers-drain',
    note: msg('A timer created by the nextTick or promise callbacks that follow a timer callback updates the loop clock: if 1 ms has passed by then, the timers due next run in the same timers phase, before setImmediate callbacks (measured on Node 20: both orders occur).'),
  });
}

function noteLegacyTimerRace(run: ModelRun): void {
  if (run.nondeterminism.some((point) => point.kind === 'legacy-timer-clock')) return;
  run.nondeterminism.push({
    kind: 'legacy-timer-clock',
    note: msg('Node < 11 stamped each timer with the current millisecond: timers created one after another can straddle a millisecond boundary, and then the later ones run in the next loop iteration, after the earlier ones\' nextTicks and promise callbacks (measured on Node 10.24.1: both orders occur).'),
  });
}

function stopAtVirtualTime(run: ModelRun, next: number): void {
  const intervals = run.timers.all().filter((timer) => timer.repeat && timer.ref);
  const what = intervals.length > 0
    ? msg('an interval (setInterval at line {0}) is still active, so Node would keep running forever', intervals[0].cause.scheduledAt?.line ?? '?')
    : msg('the next timer is due at {0} ms', next);
  run.stop('virtual-time', msg('Stopped at {0} ms of virtual time (the virtual-time budget): {1}.', run.req.budgets.virtualTimeMs, what));
}

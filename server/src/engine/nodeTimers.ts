// Node's timer bookkeeping (lib/internal/timers.js), reproduced because its order is observable:
// timers are grouped in lists by duration, each list keeps insertion order, and the lists sit in a
// priority queue ordered by expiry, ties broken by the list's id (a counter bumped whenever a list
// is created or re-armed). So two timers due at the same moment run in list order, not strictly by
// due time, exactly as Node does. The browser model uses the same store but takes timers by due
// time and creation order, as Chromium does.

import type { PendingCallback } from './runner';

export interface NodeTimer extends PendingCallback {
  id: number;
  /** Normalised delay in ms (the list key). */
  duration: number;
  /** Virtual time the timer was (re)armed: Node's `_idleStart`. */
  start: number;
  repeat: boolean;
  ref: boolean;
  /** Creation order. */
  seq: number;
  /** Browser: the timer nesting level of the task that created it (+1). */
  nesting: number;
  /**
   * Node models: this timer's creation index (1-based, over the whole run) when the timer created
   * just before it was stamped with the same virtual millisecond. Real Node stamps every timer
   * with a freshly read clock, so a millisecond boundary may fall between the two: this is the
   * place where the Predictor can try that split (TimingAssumptions.timerClockSplitsAt).
   */
  clockSplit?: number;
  /**
   * Browser: the virtual time from which this task may run, when it is a flexible delayed task
   * that may run any time between then and its due time (AbortSignal.timeout below 32 ms).
   */
  flexibleFrom?: number;
}

interface TimerList {
  duration: number;
  expiry: number;
  id: number;
  timers: NodeTimer[];
}

export class NodeTimerLists {
  private readonly lists = new Map<number, TimerList>();
  private readonly byId = new Map<number, NodeTimer>();
  private listIdCounter = 1;
  private creations = 0;
  private lastCreationClock = Number.NaN;

  get size(): number {
    return this.byId.size;
  }

  /** The 1-based index the next timer creation will get. */
  get nextCreationIndex(): number {
    return this.creations + 1;
  }

  /**
   * Counts a timer creation at virtual time `clock`. Returns its index when the previous creation
   * happened at the same virtual time (a possible millisecond split), otherwise undefined.
   */
  countCreation(clock: number): number | undefined {
    this.creations += 1;
    const sameClock = clock === this.lastCreationClock;
    this.lastCreationClock = clock;
    return sameClock ? this.creations : undefined;
  }

  /** True when a referenced timer keeps the loop alive. */
  hasRef(): boolean {
    for (const timer of this.byId.values()) if (timer.ref) return true;
    return false;
  }

  insert(timer: NodeTimer, now: number): void {
    timer.start = now;
    let list = this.lists.get(timer.duration);
    if (!list) {
      list = { duration: timer.duration, expiry: now + timer.duration, id: this.listIdCounter++, timers: [] };
      this.lists.set(timer.duration, list);
    }
    list.timers.push(timer);
    this.byId.set(timer.id, timer);
  }

  remove(id: number): NodeTimer | undefined {
    const timer = this.byId.get(id);
    if (!timer) return undefined;
    this.byId.delete(id);
    const list = this.lists.get(timer.duration);
    if (list) {
      const index = list.timers.indexOf(timer);
      if (index >= 0) list.timers.splice(index, 1);
      // Node leaves an empty list in the queue until its expiry; dropping it early does not
      // change the order of the remaining timers.
      if (list.timers.length === 0) this.lists.delete(timer.duration);
    }
    return timer;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  setRef(id: number, ref: boolean): void {
    const timer = this.byId.get(id);
    if (timer) timer.ref = ref;
  }

  /** The earliest moment any timer is due (Node: the head list's expiry), or Infinity. */
  nextExpiry(onlyRef = false): number {
    let best = Infinity;
    for (const list of this.lists.values()) {
      if (onlyRef && !list.timers.some((timer) => timer.ref)) continue;
      for (const timer of list.timers) {
        if (onlyRef && !timer.ref) continue;
        best = Math.min(best, Math.max(list.expiry, timer.start + timer.duration));
        break;
      }
    }
    return best;
  }

  /** The list Node's priority queue would peek: lowest expiry, then lowest list id. */
  peekList(): TimerList | undefined {
    let best: TimerList | undefined;
    for (const list of this.lists.values()) {
      if (!best || list.expiry < best.expiry || (list.expiry === best.expiry && list.id < best.id)) best = list;
    }
    return best;
  }

  /** Re-arms a list whose head is not yet due (listOnTimeout's early return). */
  rearm(list: TimerList, expiry: number): void {
    list.expiry = expiry;
    list.id = this.listIdCounter++;
  }

  dropIfEmpty(list: TimerList): void {
    if (list.timers.length === 0 && this.lists.get(list.duration) === list) this.lists.delete(list.duration);
  }

  /** Takes the timer off its list (it is about to run); a repeating one is re-inserted after. */
  takeHead(list: TimerList): NodeTimer | undefined {
    const timer = list.timers.shift();
    if (timer) this.byId.delete(timer.id);
    return timer;
  }

  /** Browser order: the due timer with the earliest due time, then the earliest created. */
  takeEarliestDue(now: number): NodeTimer | undefined {
    let best: NodeTimer | undefined;
    for (const timer of this.byId.values()) {
      const due = timer.start + timer.duration;
      if (due > now) continue;
      if (!best || due < best.start + best.duration || (due === best.start + best.duration && timer.seq < best.seq)) best = timer;
    }
    if (best) this.remove(best.id);
    return best;
  }

  /** Browser: the earliest due time of any timer, or Infinity. */
  earliestDue(): number {
    let best = Infinity;
    for (const timer of this.byId.values()) best = Math.min(best, timer.start + timer.duration);
    return best;
  }

  all(): NodeTimer[] {
    return [...this.byId.values()];
  }
}

// The timer globals on top of the host's virtual clock: Node's flavour returns `Timeout` and
// `Immediate` objects that look and change like Node's own (see createNodeTimers), the browser's
// returns positive integers. The host owns the queues and the order; these
// functions only validate arguments the way the real runtime does and forward extra arguments.

import type { HostPrimitives } from './host';
import { customInspectSymbol, markVaryingWhenExpanded, setVaryingReporter } from './inspect';
import { setImmediateCallbackRunning, setQueueMicrotaskCallbackRunning } from './stacks';

type Callback = (...args: unknown[]) => unknown;

export interface TimerGlobals {
  setTimeout: (callback: Callback, delay?: number, ...args: unknown[]) => unknown;
  clearTimeout: (handle: unknown) => void;
  setInterval: (callback: Callback, delay?: number, ...args: unknown[]) => unknown;
  clearInterval: (handle: unknown) => void;
  setImmediate?: (callback: Callback, ...args: unknown[]) => unknown;
  clearImmediate?: (handle: unknown) => void;
  queueMicrotask: (callback: () => void) => void;
}

export interface TimerDeps {
  host: HostPrimitives;
  /** Builds the error Node throws for a non-function callback (ERR_INVALID_ARG_TYPE). */
  invalidCallback(value: unknown): Error;
  /** Reports an exception thrown by a queueMicrotask callback (uncaught in both runtimes). */
  reportMicrotaskError(error: unknown): void;
  /** The untouched `Promise.prototype.then`, captured before user code can patch it. */
  promiseThen: typeof Promise.prototype.then;
}

export function createTimers(deps: TimerDeps): TimerGlobals {
  const { host } = deps;
  const browser = host.model === 'browser';
  const resolved = Promise.resolve();

  const queueMicrotask = (callback: () => void): void => {
    if (typeof callback !== 'function') {
      if (browser) throw new TypeError("Failed to execute 'queueMicrotask' on 'Window': parameter 1 is not of type 'Function'.");
      throw deps.invalidCallback(callback);
    }
    // One reaction on an already-resolved promise is exactly one job, as queueMicrotask's is; the
    // try/catch turns the callback's exception into an uncaught error instead of a rejection.
    const id = host.registerReaction('queueMicrotask');
    deps.promiseThen.call(resolved, () => {
      host.beginReaction(id);
      setQueueMicrotaskCallbackRunning(true);
      try {
        callback();
      } catch (error) {
        // Node reports it from inside the AsyncResource, so the crash report's frames include its.
        deps.reportMicrotaskError(error);
      } finally {
        setQueueMicrotaskCallbackRunning(false);
      }
    });
  };

  if (browser) {
    const toId = (handle: unknown) => (typeof handle === 'number' ? handle : Number(handle) || 0);
    const make = (repeat: boolean) => (callback: Callback, delay?: number, ...args: unknown[]) => {
      // Chromium compiles a string callback; LoopLens treats it as a function of that body.
      const fn = typeof callback === 'function' ? callback : new Function(String(callback));
      return host.setTimer(() => { fn(...args); }, Number(delay) || 0, repeat);
    };
    return {
      setTimeout: make(false),
      setInterval: make(true),
      clearTimeout: (handle) => host.clearTimer(toId(handle)),
      clearInterval: (handle) => host.clearTimer(toId(handle)),
      queueMicrotask,
    };
  }

  return { ...createNodeTimers(deps), queueMicrotask };
}

/** Node clamps delays outside 1 ms .. 2^31-1 ms to 1 ms (lib/internal/timers.js). */
const TIMEOUT_MAX = 2 ** 31 - 1;

/** A member of one of Node's intrusive doubly linked lists (timer lists and the immediate queue). */
interface Linked {
  _idleNext: Linked | null;
  _idlePrev: Linked | null;
}

/** Unlinks `item` from whatever list holds it, as Node's `internal/linkedlist` remove() does. */
function unlink(item: Linked): void {
  if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
  if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
  item._idleNext = null;
  item._idlePrev = null;
}

/** Inserts `item` right after the list head, where Node appends (the oldest item is `_idlePrev`). */
function appendToList(list: Linked, item: Linked): void {
  if (item._idleNext || item._idlePrev) unlink(item);
  item._idleNext = list._idleNext;
  list._idleNext!._idlePrev = item;
  item._idlePrev = list;
  list._idleNext = item;
}

type InspectFunction = (value: unknown, options: Record<string, unknown>) => string;

/**
 * Node's Timeout, TimersList and Immediate objects, built with the same own properties in the same
 * order and with the same state changes (scheduling, firing, clearing, ref/unref, refresh), so that
 * printing one (`console.log(timer)`, `this` inside a callback) reads as in real Node. The host
 * still owns the queues and the order; the linked lists here exist only to be seen. The host's
 * timer id stays in a private WeakMap, so no engine detail shows up among the printed properties.
 * The start times and async ids depend on the real clock and the runtime's own bookkeeping, so
 * printing any of these objects marks the line as varying, like Date.now() does.
 */
function createNodeTimers(deps: TimerDeps): Omit<TimerGlobals, 'queueMicrotask'> {
  const { host } = deps;
  // Node 10 (node-legacy) has `_called` and `Symbol(unrefed)` instead of `Symbol(refed)` and
  // `Symbol(kHasPrimitive)`, and neither hasRef() nor Symbol.toPrimitive.
  const legacy = host.model === 'node-legacy';
  const kRefed = Symbol('refed');
  const kUnrefed = Symbol('unrefed');
  const kHasPrimitive = Symbol('kHasPrimitive');
  const kAsyncId = Symbol('asyncId');
  const kTriggerId = Symbol('triggerId');
  const hostIds = new WeakMap<object, number>();
  /** Timeouts converted to a number (Symbol.toPrimitive), which clearTimeout then accepts. */
  const knownTimersById = new Map<string, Timeout>();
  // Measured in Node 20: the first async resource of a CommonJS entry gets id 2 with trigger id 1;
  // an ES module entry starts later (the loader's own resources) with trigger id 0.
  const esm = host.model === 'node-esm';
  let nextAsyncId = esm ? 7 : 2;
  let executionAsyncId = esm ? 0 : 1;
  let nextListId = Number.MIN_SAFE_INTEGER;
  /** libuv's loop time as timers see it: the origin performance.now() uses (see sandbox/index.ts). */
  const loopNow = () => Math.floor(25 + host.loopTime());
  const initAsyncResource = (resource: Record<symbol, unknown>) => {
    resource[kAsyncId] = nextAsyncId++;
    resource[kTriggerId] = executionAsyncId;
  };
  const varyingWhenPrinted = (value: object) => markVaryingWhenExpanded(value, 'a timer object (start time, async ids)');
  setVaryingReporter((what) => host.markVarying(what));
  const nodeInspectCustom = function (this: object, _depth: unknown, options: Record<string, unknown>, inspect: InspectFunction) {
    // Node prints these objects one level deep so that the circular lists stay short.
    return inspect(this, { ...options, depth: 0, customInspect: false });
  };

  class TimersList implements Linked {
    declare _idleNext: Linked | null;
    declare _idlePrev: Linked | null;
    declare expiry: number;
    declare id: number;
    declare msecs: number;
    declare priorityQueuePosition: number | null;
    constructor(expiry: number, msecs: number) {
      this._idleNext = this;
      this._idlePrev = this;
      this.expiry = expiry;
      this.id = nextListId++;
      this.msecs = msecs;
      // Node keeps the lists in a binary heap ordered by expiry; the position is approximated by
      // the list's place among the live lists ordered the same way.
      this.priorityQueuePosition = null;
      varyingWhenPrinted(this);
    }
  }
  Object.defineProperty(TimersList.prototype, customInspectSymbol, { value: nodeInspectCustom, writable: true, configurable: true });
  const timerLists = new Map<number, TimersList>();
  const renumberLists = () => {
    const ordered = [...timerLists.values()].sort((a, b) => a.expiry - b.expiry || a.id - b.id);
    ordered.forEach((list, index) => { list.priorityQueuePosition = index + 1; });
  };
  const insert = (timeout: Timeout, msecs: number, start: number) => {
    const key = Math.trunc(msecs);
    timeout._idleStart = start;
    let list = timerLists.get(key);
    if (list === undefined) {
      list = new TimersList(start + key, key);
      timerLists.set(key, list);
      renumberLists();
    }
    appendToList(list, timeout);
  };
  const removeFromList = (timeout: Timeout) => {
    const list = timerLists.get(Math.trunc(timeout._idleTimeout));
    unlink(timeout);
    if (list === undefined) return;
    if (list._idleNext === list) {
      timerLists.delete(list.msecs);
      list.priorityQueuePosition = null;
      renumberLists();
    } else {
      list.expiry = (list._idlePrev as Timeout)._idleStart! + list.msecs;
    }
  };

  class Timeout implements Linked {
    declare _called: boolean;
    declare _idleTimeout: number;
    declare _idlePrev: Linked | null;
    declare _idleNext: Linked | null;
    declare _idleStart: number | null;
    declare _onTimeout: Callback | null;
    declare _timerArgs: unknown[] | undefined;
    declare _repeat: number | null;
    declare _destroyed: boolean;
    declare [kRefed]: boolean;
    declare [kUnrefed]: boolean;
    declare [kHasPrimitive]: boolean;
    declare [kAsyncId]: number;
    declare [kTriggerId]: number;
    constructor(callback: Callback, after: number, args: unknown[] | undefined, repeat: boolean) {
      if (legacy) this._called = false;
      this._idleTimeout = after;
      this._idlePrev = this;
      this._idleNext = this;
      this._idleStart = null;
      this._onTimeout = callback;
      this._timerArgs = args;
      this._repeat = repeat ? after : null;
      this._destroyed = false;
      if (legacy) {
        this[kUnrefed] = false;
      } else {
        this[kRefed] = true;
        this[kHasPrimitive] = false;
      }
      initAsyncResource(this as never);
      varyingWhenPrinted(this);
    }
    refresh(): this {
      if (this._idleTimeout >= 0) {
        host.clearTimer(hostIds.get(this) ?? 0);
        if (this._destroyed) {
          // A refreshed timer that had already run is a new async resource in Node.
          this._destroyed = false;
          initAsyncResource(this as never);
        }
        schedule(this, loopNow());
      }
      return this;
    }
    unref(): this {
      setRef(this, false);
      return this;
    }
    ref(): this {
      setRef(this, true);
      return this;
    }
    hasRef(): boolean {
      return this[kRefed];
    }
    close(): this {
      clearTimeout(this);
      return this;
    }
  }
  Object.defineProperty(Timeout.prototype, customInspectSymbol, { value: nodeInspectCustom, writable: true, configurable: true });
  if (legacy) {
    delete (Timeout.prototype as Partial<Timeout>).hasRef;
  } else {
    Object.defineProperty(Timeout.prototype, Symbol.toPrimitive, {
      value: function (this: Timeout): number {
        const id = this[kAsyncId];
        if (!this[kHasPrimitive]) {
          this[kHasPrimitive] = true;
          knownTimersById.set(String(id), this);
        }
        return id;
      },
      writable: true,
      configurable: true,
    });
  }

  const isRefed = (timeout: Timeout) => (legacy ? !timeout[kUnrefed] : timeout[kRefed]);
  const setRef = (timeout: Timeout, ref: boolean) => {
    if (legacy) timeout[kUnrefed] = !ref;
    else timeout[kRefed] = ref;
    const id = hostIds.get(timeout);
    if (id !== undefined) host.refTimer(id, ref);
  };

  const schedule = (timeout: Timeout, start: number) => {
    insert(timeout, timeout._idleTimeout, start);
    const id = host.setTimer(() => fire(timeout), timeout._idleTimeout, timeout._repeat !== null);
    hostIds.set(timeout, id);
    if (!isRefed(timeout)) host.refTimer(id, false);
  };

  /** listOnTimeout() for one timer: unlink, run `_onTimeout` with the timer as `this`, then relink or retire it. */
  const fire = (timeout: Timeout) => {
    removeFromList(timeout);
    if (!timeout._onTimeout) {
      host.clearTimer(hostIds.get(timeout) ?? 0);
      timeout._destroyed = true;
      return;
    }
    const start = timeout._repeat !== null ? loopNow() : 0;
    const outerAsyncId = executionAsyncId;
    executionAsyncId = timeout[kAsyncId];
    if (legacy) timeout._called = true;
    try {
      const args = timeout._timerArgs;
      if (args === undefined) timeout._onTimeout();
      else Reflect.apply(timeout._onTimeout, timeout, args);
    } finally {
      executionAsyncId = outerAsyncId;
      if (timeout._repeat !== null && timeout._idleTimeout !== -1) {
        timeout._idleTimeout = timeout._repeat;
        insert(timeout, timeout._idleTimeout, start);
      } else if (!timeout._idleNext && !timeout._idlePrev && !timeout._destroyed) {
        timeout._destroyed = true;
        if (timeout[kHasPrimitive]) knownTimersById.delete(String(timeout[kAsyncId]));
      }
    }
  };

  const unenroll = (timeout: Timeout) => {
    host.clearTimer(hostIds.get(timeout) ?? 0);
    if (timeout._destroyed) return;
    timeout._destroyed = true;
    if (timeout[kHasPrimitive]) knownTimersById.delete(String(timeout[kAsyncId]));
    removeFromList(timeout);
    timeout._idleTimeout = -1;
  };

  function clearTimeout(handle: unknown): void {
    if (handle instanceof Timeout) {
      if (handle._onTimeout) {
        handle._onTimeout = null;
        unenroll(handle);
      }
      return;
    }
    if (typeof handle === 'number' || typeof handle === 'string') {
      const timeout = knownTimersById.get(String(handle));
      if (timeout !== undefined) {
        timeout._onTimeout = null;
        unenroll(timeout);
      }
    }
  }

  const makeTimer = (repeat: boolean) => function (callback: Callback, delay?: number, ...args: unknown[]) {
    validate(callback);
    let after = Number(delay);
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      // Node warns through the program's own process object (which the program may have patched).
      if (after > TIMEOUT_MAX) {
        const process = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process;
        process?.emitWarning?.(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
      }
      after = 1;
    }
    const timeout = new Timeout(callback, after, args.length > 0 ? args : undefined, repeat);
    schedule(timeout, loopNow());
    return timeout;
  };

  class Immediate implements Linked {
    declare _idleNext: Linked | null;
    declare _idlePrev: Linked | null;
    declare _onImmediate: Callback | null;
    declare _argv: unknown[] | undefined;
    declare _destroyed: boolean;
    declare [kRefed]: boolean | null | undefined;
    declare [kAsyncId]: number;
    declare [kTriggerId]: number;
    constructor(callback: Callback, args: unknown[] | undefined) {
      this._idleNext = null;
      this._idlePrev = null;
      this._onImmediate = callback;
      this._argv = args;
      this._destroyed = false;
      this[kRefed] = true;
      initAsyncResource(this as never);
      varyingWhenPrinted(this);
    }
    ref(): this {
      if (!this[kRefed]) {
        this[kRefed] = true;
        host.refImmediate(hostIds.get(this) ?? 0, true);
      }
      return this;
    }
    unref(): this {
      if (this[kRefed]) {
        this[kRefed] = false;
        // Measured: an ES module entry's loader keeps the loop running into its first check phase,
        // so an immediate set by the module body runs although unreferenced.
        if (!(esm && this[kTriggerId] === 0)) host.refImmediate(hostIds.get(this) ?? 0, false);
      }
      return this;
    }
    hasRef(): boolean {
      return !!this[kRefed];
    }
  }
  if (legacy) delete (Immediate.prototype as Partial<Immediate>).hasRef;
  // Node's immediate queue: a list with head and tail, unlinked only when an immediate is cleared.
  const immediateQueue: { head: Immediate | null; tail: Immediate | null } = { head: null, tail: null };
  const retiredRef = legacy ? undefined : null;
  const removeImmediate = (immediate: Immediate) => {
    if (immediate === immediateQueue.head) immediateQueue.head = immediate._idleNext as Immediate | null;
    if (immediate === immediateQueue.tail) immediateQueue.tail = immediate._idlePrev as Immediate | null;
    unlink(immediate);
  };
  const runImmediate = (immediate: Immediate) => {
    if (immediate._destroyed) return;
    // The check phase takes the whole queue at once (processImmediate): the first immediate of a
    // batch to run is the queue's head, and immediates set from now on start a new queue. Links
    // between the members of a batch stay as they were.
    if (immediateQueue.head === immediate) immediateQueue.head = immediateQueue.tail = null;
    immediate._destroyed = true;
    immediate[kRefed] = retiredRef;
    const outerAsyncId = executionAsyncId;
    executionAsyncId = immediate[kAsyncId];
    setImmediateCallbackRunning(true);
    try {
      const argv = immediate._argv;
      if (!argv) (immediate._onImmediate as Callback)();
      else (immediate._onImmediate as Callback)(...argv);
    } finally {
      setImmediateCallbackRunning(false);
      executionAsyncId = outerAsyncId;
      immediate._onImmediate = null;
    }
  };

  const validate = (callback: unknown) => {
    if (typeof callback !== 'function') throw deps.invalidCallback(callback);
  };
  return {
    setTimeout: makeTimer(false),
    setInterval: makeTimer(true),
    clearTimeout,
    // A function of its own, as in Node, so each global prints under its own name.
    clearInterval: function clearInterval(handle: unknown) {
      clearTimeout(handle);
    },
    setImmediate(callback: Callback, ...args: unknown[]) {
      validate(callback);
      const immediate = new Immediate(callback, args.length > 0 ? args : undefined);
      if (immediateQueue.tail !== null) {
        immediateQueue.tail._idleNext = immediate;
        immediate._idlePrev = immediateQueue.tail;
      } else {
        immediateQueue.head = immediate;
      }
      immediateQueue.tail = immediate;
      hostIds.set(immediate, host.setImmediate(() => runImmediate(immediate)));
      return immediate;
    },
    clearImmediate(handle: unknown) {
      if (!(handle instanceof Immediate) || handle._destroyed) return;
      handle._destroyed = true;
      handle[kRefed] = retiredRef;
      handle._onImmediate = null;
      removeImmediate(handle);
      host.clearImmediate(hostIds.get(handle) ?? 0);
    },
  };
}

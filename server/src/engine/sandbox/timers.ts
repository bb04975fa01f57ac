// The timer globals on top of the host's virtual clock: Node's flavour returns `Timeout` and
// `Immediate` objects (ref/unref/hasRef/refresh, usable as a number through Symbol.toPrimitive),
// the browser's returns positive integers. The host owns the queues and the order; these
// functions only validate arguments the way the real runtime does and forward extra arguments.

import type { HostPrimitives } from './host';

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

const kId = Symbol('looplens.timerId');

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
      try {
        callback();
      } catch (error) {
        deps.reportMicrotaskError(error);
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

  class Timeout {
    [kId]: number;
    _repeat: boolean;
    constructor(id: number, repeat: boolean) {
      this[kId] = id;
      this._repeat = repeat;
    }
    ref(): this {
      host.refTimer(this[kId], true);
      return this;
    }
    unref(): this {
      host.refTimer(this[kId], false);
      return this;
    }
    hasRef(): boolean {
      return true;
    }
    [Symbol.toPrimitive](): number {
      return this[kId];
    }
  }

  class Immediate {
    [kId]: number;
    constructor(id: number) {
      this[kId] = id;
    }
    ref(): this {
      return this;
    }
    unref(): this {
      return this;
    }
    hasRef(): boolean {
      return true;
    }
  }

  const validate = (callback: unknown) => {
    if (typeof callback !== 'function') throw deps.invalidCallback(callback);
  };
  const idOf = (handle: unknown): number => {
    if (handle && typeof handle === 'object' && kId in (handle as object)) return (handle as Timeout)[kId];
    if (typeof handle === 'number' || typeof handle === 'string') return Number(handle) || 0;
    return 0;
  };
  const makeTimer = (repeat: boolean) => function (callback: Callback, delay?: number, ...args: unknown[]) {
    validate(callback);
    const timeout = new Timeout(0, repeat);
    // The callback runs with `this` bound to the Timeout object, as in Node.
    timeout[kId] = host.setTimer(() => { callback.apply(timeout, args); }, Number(delay), repeat);
    return timeout;
  };
  return {
    setTimeout: makeTimer(false),
    setInterval: makeTimer(true),
    clearTimeout: (handle) => host.clearTimer(idOf(handle)),
    clearInterval: (handle) => host.clearTimer(idOf(handle)),
    setImmediate(callback: Callback, ...args: unknown[]) {
      validate(callback);
      const immediate = new Immediate(0);
      immediate[kId] = host.setImmediate(() => { callback.apply(immediate, args); });
      return immediate;
    },
    clearImmediate: (handle) => host.clearImmediate(idOf(handle)),
    queueMicrotask,
  };
}

// The browser model's DOMException, AbortSignal and AbortController, with Chromium's semantics and
// wording (measured in Chromium through playwright-core, see the corpus programs under
// test/differential/corpus/browser/abort-*.js):
//   - controller.abort(reason) marks the signal and every signal AbortSignal.any made from it as
//     aborted first, then fires `abort` at the signal and then at those dependants, synchronously on
//     the caller's stack (a promise job queued by a listener waits for the script's task to end);
//   - AbortSignal.timeout(ms) is a task of the timer queue, in first-in first-out order with
//     setTimeout's of the same due time; its event is dispatched by the user agent, so a microtask
//     checkpoint follows each listener;
//   - `onabort` is an event handler attribute (it runs at the place it was first set among the
//     listeners), `{ signal }` in addEventListener removes the listener when the signal aborts;
//   - a DOMException made by the script has no `stack`; one the browser makes (an abort reason)
//     has V8's stack of the script frames that led to it, which the console prints;
//   - members used on the wrong receiver throw "Illegal invocation", constructors called without
//     `new` and `new AbortSignal()` throw Blink's "Failed to construct" errors.

import type { HostPrimitives } from './host';
import { markBrowserErrorObject } from './inspect';
import { DOM_EXCEPTION_CODES, domExceptionCode } from './domExceptionCodes';

/** What browser.ts lends: its Event class, its dispatch (byUserAgent: a checkpoint after each listener) and its handler attributes. */
export interface BrowserAbortDeps<E extends { isTrusted: boolean }> {
  host: HostPrimitives;
  EventTarget: new () => object;
  Event: new (type: string) => E;
  dispatch: (target: object, event: E, byUserAgent: boolean) => boolean;
  defineHandlerAttributes: (target: object, types: string[]) => void;
}

/**
 * When AbortSignal.timeout(ms) fires, in the virtual clock's milliseconds. Chromium runs it as a
 * delayed task that may be late by up to 8 ms (a "flexible" wake-up, aligned with others), while
 * setTimeout below 32 ms is precise. Measured in Chromium (10 runs each): timeout(1) fired after
 * setTimeout 8 and before 9, timeout(20) between setTimeout 27 and 28 (before a 28 made after it),
 * timeout(5) between 9 and 13 (the 9 ms wake-up of the other signal took it early in half of the
 * runs); timeout(0) is not delayed, and from 32 ms on setTimeout is flexible too, so timeout(50)
 * runs among setTimeout(50)s in creation order (28 of 28 runs), timeout(40) between 39 and 40 in 9 of 10.
 * The latest point of the window is taken: a lone signal's measured place. Where the window's end
 * races a timer or another such signal, browserLoop.ts (wakeFlexibleTasks) lists the other orders;
 * where the window holds a timer or signal of 32 ms or more, the signal runs first
 * (withFlexibleTasksFirst).
 */
function signalTimeoutDue(delay: number): number {
  return delay > 0 && delay < 32 ? delay + 8 : delay;
}

const illegalInvocation = () => new TypeError('Illegal invocation');
const notConstructedWithNew = (name: string) => new TypeError(`Failed to construct '${name}': Please use the 'new' operator, this DOM object constructor cannot be called as a function.`);

/**
 * Defines Web IDL members on a prototype in the given order: attributes and operations are
 * enumerable and configurable there, as Chromium defines them.
 */
function defineMembers(target: object, members: object): void {
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(members))) {
    Object.defineProperty(target, name, { ...descriptor, enumerable: true, configurable: true });
  }
}

/** Gives a class the name programs print and `Object.prototype.toString` says (the bundler may rename the binding). */
function nameInterface(constructor: object, name: string): void {
  Object.defineProperty(constructor, 'name', { value: name, configurable: true });
  const prototype = (constructor as { prototype: object }).prototype;
  Object.defineProperty(prototype, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
}

export interface BrowserAbortGlobals {
  DOMException: new (message?: unknown, name?: unknown) => Error;
  AbortController: new () => object;
  AbortSignal: object;
  /** A DOMException the browser itself makes: with the stack of the script frames that led to it. */
  platformDOMException: (message: string, name: string) => Error;
  listenerSignals: ListenerSignals;
  /**
   * structuredClone of these interfaces (measured in Chromium): a DOMException is copied (name and
   * message, no stack), an AbortSignal or AbortController cannot be cloned ("AbortSignal object").
   */
  platformClone: (value: object) => { copy: unknown } | { uncloneable: string } | undefined;
}

/** What addEventListener needs to honour `{ signal }`. */
export interface ListenerSignals {
  isSignal: (value: unknown) => boolean;
  isAborted: (signal: object) => boolean;
  /** Runs `algorithm` when the signal aborts, before its `abort` event. */
  onAbort: (signal: object, algorithm: () => void) => void;
}

export function createBrowserAbort<E extends { isTrusted: boolean }>(deps: BrowserAbortDeps<E>): BrowserAbortGlobals {
  const { host } = deps;
  // Taken now, before the program could replace them.
  const captureStackTrace = (Error as unknown as { captureStackTrace?: (target: object) => void }).captureStackTrace;
  const defineProperty = Object.defineProperty;

  // ---- DOMException ----

  const exceptionStates = new WeakMap<object, { name: string; message: string }>();
  const exceptionState = (value: unknown) => {
    const state = value !== null && typeof value === 'object' ? exceptionStates.get(value) : undefined;
    if (state === undefined) throw illegalInvocation();
    return state;
  };

  // A function rather than a class: a class called without `new` would throw QuickJS's words.
  const DOMException = function DOMException(this: object, message: unknown = undefined, name: unknown = undefined) {
    if (new.target === undefined) throw notConstructedWithNew('DOMException');
    exceptionStates.set(this, { message: message === undefined ? '' : String(message), name: name === undefined ? 'Error' : String(name) });
    markBrowserErrorObject(this);
  } as unknown as BrowserAbortGlobals['DOMException'];
  defineProperty(DOMException, 'length', { value: 0 });
  Object.setPrototypeOf(DOMException.prototype, Error.prototype);
  defineMembers(DOMException.prototype, {
    get code() {
      return domExceptionCode(exceptionState(this).name);
    },
    get name() {
      return exceptionState(this).name;
    },
    get message() {
      return exceptionState(this).message;
    },
  });
  DOM_EXCEPTION_CODES.forEach(([, constant], index) => {
    for (const target of [DOMException, DOMException.prototype]) {
      defineProperty(target, constant, { value: index + 1, writable: false, enumerable: true, configurable: false });
    }
  });
  // `constructor` comes after the constants among the prototype's own names, as in Chromium.
  const constructorDescriptor = Object.getOwnPropertyDescriptor(DOMException.prototype, 'constructor')!;
  delete (DOMException.prototype as { constructor?: unknown }).constructor;
  defineProperty(DOMException.prototype, 'constructor', constructorDescriptor);
  nameInterface(DOMException, 'DOMException');

  const platformDOMException = (message: string, name: string): Error => {
    const exception = new DOMException(message, name);
    // Chromium records the script frames on the stack when it makes the exception.
    if (typeof captureStackTrace === 'function') captureStackTrace(exception);
    return exception;
  };

  // ---- AbortSignal ----

  interface SignalState {
    aborted: boolean;
    reason: unknown;
    /** Steps run before the event (the removal of listeners added with `{ signal }`). */
    algorithms: (() => void)[];
    /** Signals AbortSignal.any made from this one, aborted right after it. */
    dependants: object[];
    /** For a signal made by AbortSignal.any: the signals it follows. */
    sources?: object[];
  }
  const signalStates = new WeakMap<object, SignalState>();
  const signalState = (value: unknown) => {
    const state = value !== null && typeof value === 'object' ? signalStates.get(value) : undefined;
    if (state === undefined) throw illegalInvocation();
    return state;
  };
  let makingSignal = false;
  const BaseEventTarget = deps.EventTarget;

  class AbortSignal extends BaseEventTarget {
    constructor() {
      if (!makingSignal) throw new TypeError("Failed to construct 'AbortSignal': Illegal constructor");
      super();
      signalStates.set(this, { aborted: false, reason: undefined, algorithms: [], dependants: [] });
    }
  }
  const newSignal = (): AbortSignal => {
    makingSignal = true;
    try {
      return new AbortSignal();
    } finally {
      makingSignal = false;
    }
  };
  const abortReason = () => platformDOMException('signal is aborted without reason', 'AbortError');

  /** The DOM's "signal abort": mark this signal and its dependants, then fire the events in that order. */
  const signalAbort = (signal: object, reason: unknown, byUserAgent: boolean) => {
    const state = signalState(signal);
    if (state.aborted) return;
    state.aborted = true;
    state.reason = reason === undefined ? abortReason() : reason;
    const dependants: object[] = [];
    for (const dependant of state.dependants) {
      const dependantState = signalState(dependant);
      if (dependantState.aborted) continue;
      dependantState.aborted = true;
      dependantState.reason = state.reason;
      dependants.push(dependant);
    }
    state.dependants = [];
    for (const aborted of [signal, ...dependants]) {
      const abortedState = signalState(aborted);
      const algorithms = abortedState.algorithms;
      abortedState.algorithms = [];
      for (const algorithm of algorithms) algorithm();
      const event = new deps.Event('abort');
      event.isTrusted = true;
      deps.dispatch(aborted, event, byUserAgent);
    }
  };

  defineMembers(AbortSignal.prototype, {
    get aborted() {
      return signalState(this).aborted;
    },
    get reason() {
      return signalState(this).reason;
    },
    throwIfAborted(this: object) {
      const state = signalState(this);
      if (state.aborted) throw state.reason;
    },
  });
  // onabort: an event handler attribute, placed among the listeners where it was first set.
  deps.defineHandlerAttributes(AbortSignal.prototype, ['abort']);
  const onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'onabort')!;
  defineProperty(AbortSignal.prototype, 'onabort', {
    get(this: object) {
      signalState(this);
      return onabort.get!.call(this);
    },
    set(this: object, value: unknown) {
      signalState(this);
      onabort.set!.call(this, value);
    },
    enumerable: true,
    configurable: true,
  });
  // Chromium lists throwIfAborted after onabort.
  const throwIfAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'throwIfAborted')!;
  delete (AbortSignal.prototype as { throwIfAborted?: unknown }).throwIfAborted;
  defineProperty(AbortSignal.prototype, 'throwIfAborted', throwIfAborted);
  const signalConstructor = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'constructor')!;
  delete (AbortSignal.prototype as { constructor?: unknown }).constructor;
  defineProperty(AbortSignal.prototype, 'constructor', signalConstructor);

  const failedToExecute = (operation: string, text: string) => new TypeError(`Failed to execute '${operation}' on 'AbortSignal': ${text}`);
  defineMembers(AbortSignal, {
    abort(reason?: unknown) {
      const signal = newSignal();
      const state = signalState(signal);
      state.aborted = true;
      state.reason = reason === undefined ? abortReason() : reason;
      return signal;
    },
    any(signals: unknown) {
      if (arguments.length === 0) throw failedToExecute('any', '1 argument required, but only 0 present.');
      const iterator = signals !== null && (typeof signals === 'object' || typeof signals === 'function')
        ? (signals as { [Symbol.iterator]?: unknown })[Symbol.iterator]
        : undefined;
      if (typeof iterator !== 'function') throw failedToExecute('any', 'The provided value cannot be converted to a sequence.');
      const list = [...(signals as Iterable<unknown>)];
      for (const signal of list) {
        if (signal === null || typeof signal !== 'object' || !signalStates.has(signal)) throw failedToExecute('any', "Failed to convert value to 'AbortSignal'.");
      }
      const result = newSignal();
      const resultState = signalState(result);
      resultState.sources = [];
      for (const signal of list as object[]) {
        const state = signalState(signal);
        if (state.aborted) {
          resultState.aborted = true;
          resultState.reason = state.reason;
          return result;
        }
      }
      for (const signal of list as object[]) {
        // A signal made by `any` is followed through its own sources, so chains stay one level deep.
        for (const source of signalState(signal).sources ?? [signal]) {
          if (resultState.sources.includes(source)) continue;
          resultState.sources.push(source);
          signalState(source).dependants.push(result);
        }
      }
      return result;
    },
    timeout(milliseconds: unknown) {
      if (arguments.length === 0) throw failedToExecute('timeout', '1 argument required, but only 0 present.');
      // Web IDL's [EnforceRange] unsigned long long.
      const number = Number(milliseconds);
      if (!Number.isFinite(number)) throw failedToExecute('timeout', "Value is not of type 'unsigned long long'.");
      const delay = Math.trunc(number);
      if (delay < 0 || delay > Number.MAX_SAFE_INTEGER) throw failedToExecute('timeout', "Value is outside the 'unsigned long long' value range.");
      const signal = newSignal();
      host.setTimer(() => signalAbort(signal, platformDOMException('signal timed out', 'TimeoutError'), true), signalTimeoutDue(delay), false, 'AbortSignal.timeout', delay);
      return signal;
    },
  });
  defineProperty(AbortSignal, 'length', { value: 0 });
  nameInterface(AbortSignal, 'AbortSignal');

  /** addEventListener's `{ signal }`: the listener goes away when the signal aborts (before its event). */
  const onSignalAbort = (signal: object, algorithm: () => void) => {
    signalState(signal).algorithms.push(algorithm);
  };
  const listenerSignals: ListenerSignals = {
    isSignal: (value) => value !== null && typeof value === 'object' && signalStates.has(value),
    isAborted: (signal) => signalState(signal).aborted,
    onAbort: onSignalAbort,
  };

  // ---- AbortController ----

  const controllerSignals = new WeakMap<object, object>();
  const controllerSignal = (value: unknown) => {
    const signal = value !== null && typeof value === 'object' ? controllerSignals.get(value) : undefined;
    if (signal === undefined) throw illegalInvocation();
    return signal;
  };
  const AbortController = function AbortController(this: object) {
    if (new.target === undefined) throw notConstructedWithNew('AbortController');
    controllerSignals.set(this, newSignal());
  } as unknown as new () => object;
  defineMembers(AbortController.prototype, {
    get signal() {
      return controllerSignal(this);
    },
    abort(this: object, reason?: unknown) {
      signalAbort(controllerSignal(this), reason, false);
    },
  });
  const controllerConstructor = Object.getOwnPropertyDescriptor(AbortController.prototype, 'constructor')!;
  delete (AbortController.prototype as { constructor?: unknown }).constructor;
  defineProperty(AbortController.prototype, 'constructor', controllerConstructor);
  nameInterface(AbortController, 'AbortController');

  const platformClone = (value: object) => {
    const exception = exceptionStates.get(value);
    if (exception) return { copy: new DOMException(exception.message, exception.name) };
    if (signalStates.has(value)) return { uncloneable: 'AbortSignal object' };
    if (controllerSignals.has(value)) return { uncloneable: 'AbortController object' };
    return undefined;
  };

  return { DOMException, AbortController, AbortSignal, platformDOMException, listenerSignals, platformClone };
}

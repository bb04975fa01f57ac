// Node's `events` module. The `events` npm package is Node's EventEmitter as of Node 11; Node 20
// differs in ways programs can see, measured against node 20.20.2: the unhandled 'error' event
// (`Error [ERR_UNHANDLED_ERROR]: Unhandled error. ('boom')`), `errorMonitor`, `captureRejections`,
// the MaxListenersExceededWarning text and its delivery through `process.emitWarning`, the
// listener type error text, the `Symbol(shapeMode)`/`Symbol(kCapture)` fields that `console.log`
// shows on every emitter, and the static helpers (`on`, `once`, `getEventListeners`, ...).
// This module patches those gaps onto the package's constructor, so streams (which import the
// same package) and user code share one EventEmitter.
import EventEmitterPackage from 'events';
import { invalidArgType, nodeError, stackFrames, validateFunction } from './errors';

type Listener = (...args: unknown[]) => unknown;
type EventMap = Record<string | symbol, Listener | (Listener[] & { warned?: boolean }) | undefined>;
interface EmitterLike {
  _events?: EventMap;
  _eventsCount: number;
  _maxListeners?: number;
  [key: symbol]: unknown;
  emit(type: string | symbol, ...args: unknown[]): boolean;
  getMaxListeners(): number;
  listeners(type: string | symbol): Listener[];
  removeListener(type: string | symbol, listener: Listener): unknown;
  on(type: string | symbol, listener: Listener): unknown;
  once(type: string | symbol, listener: Listener): unknown;
  prependListener(type: string | symbol, listener: Listener): unknown;
}

export interface EventsDeps {
  inspect: (value: unknown, options?: Record<string, unknown>) => string;
  emitWarning: (warning: Error) => void;
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => void;
}

export const kCapture = Symbol('kCapture');
export const kShapeMode = Symbol('shapeMode');
export const errorMonitor = Symbol('events.errorMonitor');
/**
 * Set on an error thrown by `emit('error')` without listener: a function returning the stack Node
 * prints if the error stays uncaught (`Emitted 'error' event at:` and the emit's own frames).
 * `process`' dispatchUncaught applies it.
 */
export const kEnhanceStack = Symbol('kEnhanceStackBeforeInspector');
const captureRejectionSymbol = Symbol.for('nodejs.rejection');

/** Node's crash header for an error its `emit('error')` throws: the `throw` in node:events (measured). */
export interface EmitThrowSite {
  location: string;
  text: string;
  column: number;
}
const THROWN_EMITTED_ERROR: EmitThrowSite = { location: 'node:events:502', text: "      throw er; // Unhandled 'error' event", column: 7 };
const THROWN_UNHANDLED_ERROR: EmitThrowSite = { location: 'node:events:515', text: "    throw err; // Unhandled 'error' event", column: 5 };
const emitThrowSites = new WeakMap<object, EmitThrowSite>();

/** Where Node's emit threw `error` (an 'error' event without listener), if it did. */
export function emitThrowSite(error: unknown): EmitThrowSite | undefined {
  return error !== null && typeof error === 'object' ? emitThrowSites.get(error) : undefined;
}

/** Calls `callee` as one of Node's functions would, so that stacks show that function's frame. */
type NodeFrameCaller = (callee: (...args: any[]) => unknown, frameReceiver: unknown, thisArg: unknown, args: ArrayLike<unknown>) => unknown;

/**
 * A caller whose frame the sandbox's stacks print as Node's `defaultType.functionName (location)`
 * (sandbox/stacks.ts's `__looplens_nodeFrameCaller`; measured in node 20.20.2's lib/events.js).
 * Without that hook (this module run on its own) a plain call.
 */
export function nodeFrameCaller(defaultType: string, functionName: string, location: string): NodeFrameCaller {
  const make = (globalThis as { __looplens_nodeFrameCaller?: (...names: string[]) => NodeFrameCaller }).__looplens_nodeFrameCaller;
  if (typeof make === 'function') return make(defaultType, functionName, location);
  return (callee, _frameReceiver, thisArg, args) => Reflect.apply(callee, thisArg, args);
}

let deps: EventsDeps | undefined;
let nodeEventEmitter: any;

export function createEvents(eventDeps: EventsDeps): any {
  deps = eventDeps;
  if (!nodeEventEmitter) {
    patchEventEmitter();
    nodeEventEmitter = wrapConstructor();
  }
  return nodeEventEmitter;
}

/**
 * The package's constructor calls `init` without its options, so `new EventEmitter({
 * captureRejections: true })` would be lost. This constructor shares the package's prototype (so
 * `instanceof` holds for streams and user classes alike) and passes the options on; the package's
 * `EventEmitter` export points at it, so streams, which load later, extend it too.
 */
function wrapConstructor(): any {
  const Package = EventEmitterPackage as any;
  const EventEmitter = function EventEmitter(this: unknown, options?: object) {
    Package.init.call(this, options);
  } as any;
  // The bundler may rename the binding; the name users see must stay Node's.
  Object.defineProperty(EventEmitter, 'name', { value: 'EventEmitter', configurable: true });
  EventEmitter.prototype = Package.prototype;
  Object.defineProperty(Package.prototype, 'constructor', { value: EventEmitter, writable: true, configurable: true, enumerable: false });
  const descriptors = Object.getOwnPropertyDescriptors(Package);
  for (const key of Object.keys(descriptors)) {
    if (key === 'prototype' || key === 'length' || key === 'name') continue;
    Object.defineProperty(EventEmitter, key, descriptors[key]);
  }
  EventEmitter.EventEmitter = EventEmitter;
  Package.EventEmitter = EventEmitter;
  return EventEmitter;
}

function checkListener(listener: unknown): void {
  validateFunction(listener, 'listener');
}

function patchEventEmitter(): void {
  const EE = EventEmitterPackage as any;
  const proto = EE.prototype;
  proto[kCapture] = false;
  let captureRejections = false;

  const originalInit = EE.init;
  EE.init = function init(this: EmitterLike, options?: { captureRejections?: unknown }) {
    const fresh = this._events === undefined || this._events === (Object.getPrototypeOf(this) as EmitterLike)._events;
    originalInit.call(this);
    this[kShapeMode] = !fresh;
    if (options && options.captureRejections) {
      if (typeof options.captureRejections !== 'boolean') {
        throw invalidArgType('options.captureRejections', 'of type boolean', options.captureRejections);
      }
      this[kCapture] = true;
    } else {
      this[kCapture] = proto[kCapture];
    }
  };

  Object.defineProperty(EE, 'captureRejections', {
    get: () => captureRejections,
    set: (value: unknown) => {
      if (typeof value !== 'boolean') throw invalidArgType('EventEmitter.captureRejections', 'of type boolean', value);
      captureRejections = value;
      proto[kCapture] = value;
    },
    enumerable: true,
  });
  EE.errorMonitor = errorMonitor;
  EE.captureRejectionSymbol = captureRejectionSymbol;
  EE.usingDomains = false;

  // Node's emit calls a lone listener on one line, each of several on another, the errorMonitor
  // listeners through a nested emit, and creates ERR_UNHANDLED_ERROR on a fourth.
  const callLoneListener = nodeFrameCaller('EventEmitter', 'emit', 'node:events:524:28');
  const callEachListener = nodeFrameCaller('EventEmitter', 'emit', 'node:events:536:35');
  const emitToMonitors = nodeFrameCaller('EventEmitter', 'emit', 'node:events:477:12');
  const createUnhandledError = nodeFrameCaller('EventEmitter', 'emit', 'node:events:513:17');
  const unhandledError = (shown: string) => nodeError<Error & { context?: unknown }>(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
  proto.emit = function emit(this: EmitterLike, type: string | symbol, ...args: unknown[]): boolean {
    let doError = type === 'error';
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[errorMonitor] !== undefined) emitToMonitors(this.emit, this, this, [errorMonitor, ...args]);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const er = args.length > 0 ? args[0] : undefined;
      if (er instanceof Error) {
        try {
          const capture = new Error();
          Object.defineProperty(er, kEnhanceStack, { value: enhanceStack.bind(undefined, this, er, capture), configurable: true });
          emitThrowSites.set(er, THROWN_EMITTED_ERROR);
        } catch {}
        throw er;
      }
      let shown: string;
      try {
        shown = deps!.inspect(er);
      } catch {
        shown = String(er);
      }
      const err = createUnhandledError(unhandledError, this, undefined, [shown]) as Error & { context?: unknown };
      err.context = er;
      emitThrowSites.set(err, THROWN_UNHANDLED_ERROR);
      throw err;
    }
    const handler = events![type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = callLoneListener(handler, this, this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      // A copy, so listeners added or removed while emitting do not change this emit.
      const listeners = handler.slice();
      for (const listener of listeners) {
        const result = callEachListener(listener, this, this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  };

  function addListener(target: EmitterLike, type: string | symbol, listener: Listener, prepend: boolean): EmitterLike {
    checkListener(listener);
    let events = target._events;
    let existing: EventMap[string] | undefined;
    if (events === undefined) {
      events = target._events = Object.create(null) as EventMap;
      target._eventsCount = 0;
    } else {
      // 'newListener' fires before the listener is added, as in Node.
      if (events.newListener !== undefined) {
        target.emit('newListener', type, (listener as { listener?: Listener }).listener ?? listener);
        events = target._events!;
      }
      existing = events[type];
    }
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
      return target;
    }
    let list: Listener[] & { warned?: boolean };
    if (typeof existing === 'function') {
      list = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else {
      list = existing;
      if (prepend) list.unshift(listener);
      else list.push(listener);
    }
    const max = target.getMaxListeners();
    if (max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      const name = (target as { constructor?: { name?: string } }).constructor?.name || 'Object';
      const warning = new Error(
        `Possible EventEmitter memory leak detected. ${list.length} ${String(type)} listeners added to [${name}]. ` +
          `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`,
      ) as Error & { emitter?: unknown; type?: unknown; count?: number };
      warning.name = 'MaxListenersExceededWarning';
      warning.emitter = target;
      warning.type = type;
      warning.count = list.length;
      deps!.emitWarning(warning);
    }
    return target;
  }

  proto.addListener = function on(this: EmitterLike, type: string | symbol, listener: Listener) {
    return addListener(this, type, listener, false);
  };
  proto.on = proto.addListener;
  proto.prependListener = function prependListener(this: EmitterLike, type: string | symbol, listener: Listener) {
    return addListener(this, type, listener, true);
  };
  // Node's own once wrapper (the package's is the same but for its frames: Node's calls the
  // listener on one line without arguments and on the next with them).
  const callOnceListener = nodeFrameCaller('Object', 'onceWrapper', 'node:events:638:28');
  const callOnceListenerWithArguments = nodeFrameCaller('Object', 'onceWrapper', 'node:events:639:26');
  interface OnceState { fired: boolean; wrapFn: Listener | undefined; target: EmitterLike; type: string | symbol; listener: Listener }
  function onceWrapper(this: OnceState, ...args: unknown[]): unknown {
    if (this.fired) return undefined;
    this.target.removeListener(this.type, this.wrapFn!);
    this.fired = true;
    return (args.length === 0 ? callOnceListener : callOnceListenerWithArguments)(this.listener, this, this.target, args);
  }
  function onceWrap(target: EmitterLike, type: string | symbol, listener: Listener): Listener {
    const state: OnceState = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state) as Listener & { listener?: Listener };
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }
  proto.once = function once(this: EmitterLike, type: string | symbol, listener: Listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };
  proto.prependOnceListener = function prependOnceListener(this: EmitterLike, type: string | symbol, listener: Listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };
  const originalRemoveListener = proto.removeListener;
  proto.removeListener = function removeListener(this: EmitterLike, type: string | symbol, listener: Listener) {
    checkListener(listener);
    return originalRemoveListener.call(this, type, listener);
  };
  proto.off = proto.removeListener;
  proto.setMaxListeners = function setMaxListeners(this: EmitterLike, n: unknown) {
    validateMaxListeners(n);
    this._maxListeners = n as number;
    return this;
  };

  EE.getEventListeners = function getEventListeners(emitter: EmitterLike, name: string | symbol) {
    return emitter.listeners(name);
  };
  EE.getMaxListeners = function getMaxListeners(emitter: EmitterLike) {
    return emitter.getMaxListeners();
  };
  EE.setMaxListeners = function setMaxListeners(n = EE.defaultMaxListeners, ...targets: EmitterLike[]) {
    validateMaxListeners(n);
    if (targets.length === 0) EE.defaultMaxListeners = n;
    for (const target of targets) (target as any).setMaxListeners(n);
  };
  EE.addAbortListener = function addAbortListener(signal: any, listener: Listener) {
    checkListener(listener);
    if (signal.aborted) {
      deps!.nextTick(() => listener());
    } else {
      signal.addEventListener('abort', listener, { once: true });
    }
    return { [(Symbol as any).dispose ?? Symbol('Symbol.dispose')]: () => signal.removeEventListener('abort', listener) };
  };
  EE.once = onceStatic;
  EE.on = onStatic;
}

/** Node's `enhanceStackTrace`: the error's stack, then where the 'error' event was emitted. */
function enhanceStack(emitter: EmitterLike, error: Error, capture: Error): string {
  let ctorInfo = '';
  try {
    const name = (emitter as { constructor?: { name?: string } }).constructor?.name;
    if (name !== 'EventEmitter') ctorInfo = ` on ${name} instance`;
  } catch {}
  const errorStack = stackFrames(error.stack).split('\n');
  const ownStack = stackFrames(capture.stack).split('\n');
  const { length, offset } = identicalSequenceRange(ownStack, errorStack);
  if (length > 0) ownStack.splice(offset + 1, length - 2, '    [... lines matching original stack trace ...]');
  return `${error.stack}\nEmitted 'error' event${ctorInfo} at:\n${ownStack.join('\n')}`;
}

/** The longest run (more than 3 lines) of `a` that also appears in `b`, as Node looks for it. */
function identicalSequenceRange(a: string[], b: string[]): { length: number; offset: number } {
  for (let i = 0; i < a.length - 3; i++) {
    const position = b.indexOf(a[i]);
    if (position !== -1) {
      const rest = b.length - position;
      if (rest > 3) {
        let length = 1;
        const maxLength = Math.min(a.length - i, rest);
        while (maxLength > length && a[i + length] === b[position + length]) length++;
        if (length > 3) return { length, offset: i };
      }
    }
  }
  return { length: 0, offset: 0 };
}

function validateMaxListeners(n: unknown): void {
  if (typeof n !== 'number') throw invalidArgType('setMaxListeners', 'of type number', n);
  if (n < 0 || Number.isNaN(n)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "setMaxListeners" is out of range. It must be >= 0. Received ${deps!.inspect(n)}`);
  }
}

function addCatch(emitter: EmitterLike, result: unknown, type: string | symbol, args: unknown[]): void {
  if (!emitter[kCapture]) return;
  const then = (result as { then?: unknown }).then;
  if (typeof then !== 'function') return;
  try {
    then.call(result, undefined, (error: unknown) => {
      // Node moves the rejection out of the promise chain with nextTick, then routes it to
      // Symbol.for('nodejs.rejection') or to the 'error' event.
      deps!.nextTick(() => {
        const handler = (emitter as any)[captureRejectionSymbol];
        if (typeof handler === 'function') {
          handler.call(emitter, error, type, ...args);
        } else {
          const previous = emitter[kCapture];
          try {
            emitter[kCapture] = false;
            emitter.emit('error', error);
          } finally {
            emitter[kCapture] = previous;
          }
        }
      });
    });
  } catch (error) {
    emitter.emit('error', error);
  }
}

function abortError(signal?: { reason?: unknown }): Error {
  const error = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) error.cause = signal.reason;
  return error;
}

/** `events.once(emitter, name)`: a promise of the next event's arguments (rejects on 'error'). */
function onceStatic(emitter: EmitterLike, name: string | symbol, options: { signal?: any } = {}): Promise<unknown[]> {
  const signal = options.signal;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const errorListener = (error: unknown) => {
      emitter.removeListener(name, resolver);
      if (signal) signal.removeEventListener('abort', abortListener);
      reject(error);
    };
    const resolver = (...args: unknown[]) => {
      if (name !== 'error') emitter.removeListener('error', errorListener);
      if (signal) signal.removeEventListener('abort', abortListener);
      resolve(args);
    };
    const abortListener = () => {
      emitter.removeListener(name, resolver);
      emitter.removeListener('error', errorListener);
      reject(abortError(signal));
    };
    emitter.once(name, resolver);
    if (name !== 'error') emitter.once('error', errorListener);
    if (signal) signal.addEventListener('abort', abortListener, { once: true });
  });
}

/** `events.on(emitter, name)`: an async iterator over the event's arguments. */
function onStatic(emitter: EmitterLike, name: string | symbol, options: { signal?: any } = {}): AsyncIterableIterator<unknown[]> {
  const signal = options.signal;
  if (signal && signal.aborted) throw abortError(signal);
  const unconsumedEvents: unknown[][] = [];
  const unconsumedPromises: { resolve: (r: IteratorResult<unknown[]>) => void; reject: (e: unknown) => void }[] = [];
  let error: unknown = null;
  let finished = false;
  const eventHandler = (...args: unknown[]) => {
    const pending = unconsumedPromises.shift();
    if (pending) pending.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  };
  const errorHandler = (err: unknown) => {
    finished = true;
    const pending = unconsumedPromises.shift();
    if (pending) pending.reject(err);
    else error = err;
    void iterator.return!();
  };
  const abortListener = () => errorHandler(abortError(signal));
  const iterator: AsyncIterableIterator<unknown[]> = {
    next() {
      const value = unconsumedEvents.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined as any, done: true });
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() {
      emitter.removeListener(name, eventHandler);
      emitter.removeListener('error', errorHandler);
      if (signal) signal.removeEventListener('abort', abortListener);
      finished = true;
      for (const pending of unconsumedPromises) pending.resolve({ value: undefined as any, done: true });
      unconsumedPromises.length = 0;
      return Promise.resolve({ value: undefined as any, done: true });
    },
    throw(err: unknown) {
      error = err;
      emitter.removeListener(name, eventHandler);
      emitter.removeListener('error', errorHandler);
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  emitter.on(name, eventHandler);
  if (name !== 'error') emitter.on('error', errorHandler);
  if (signal) signal.addEventListener('abort', abortListener, { once: true });
  return iterator;
}

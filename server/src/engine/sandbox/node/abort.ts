// Node 20's EventTarget, Event and CustomEvent (globals since Node 15/19) and AbortController and
// AbortSignal on top of them (streams, timers/promises and events.once take a `signal`), as
// lib/internal/event_target.js and lib/internal/abort_controller.js behave in node 20.20.2
// (measured): listeners in a linked list walked with the next one taken before each call (so a
// listener added during a dispatch runs unless it was added by the last one), `once`, `signal`,
// duplicates ignored, an error thrown by a listener rethrown in a process.nextTick, an object
// listener called through an async wrapper (so its error surfaces a microtask later), and the event
// marked as no longer being dispatched after the first listener returns (a Node quirk: the next
// listeners see eventPhase 0 and currentTarget null, and may dispatch it again).
// A lazily compiled chunk (../build/lazy-chunks.mjs): its globals are made on first use.

import { invalidArgType, nodeError } from './errors';
import { DOM_EXCEPTION_CODES, domExceptionCode } from '../domExceptionCodes';

type Listener = ((event: Event) => unknown) | { handleEvent?: (event: Event) => unknown };

/** What the runtime hands over: Node's tick queue and warnings, and the loop clock. */
export interface EventTargetDeps {
  nextTick: (fn: () => void) => void;
  emitWarning: (warning: Error) => void;
  /** Milliseconds since Node's time origin (performance.now()), without marking anything varying. */
  now: () => number;
  markVarying: (what: string) => void;
  /** The engine's setTimeout as it was before the program ran (AbortSignal.timeout's timer). */
  setTimeout: (callback: () => void, delay: number) => unknown;
}

let deps: EventTargetDeps = {
  nextTick: (fn) => void Promise.resolve().then(fn),
  emitWarning: () => undefined,
  now: () => 0,
  markVarying: () => undefined,
  setTimeout: (callback, delay) => setTimeout(callback, delay),
};

/** The runtime (./index.ts) connects the chunk to `process` when it first loads it. */
export function configureEventTargets(installed: EventTargetDeps): void {
  deps = installed;
}

const customInspect = Symbol.for('nodejs.util.inspect.custom');
type InspectFn = (value: unknown, options?: Record<string, unknown>) => string;

/** Node's `${constructor.name} ${inspect(fields)}` for its event classes, one level deeper. */
function inspectAs(self: object, fields: object, depth: number, options: Record<string, unknown>, inspect: InspectFn): string {
  const name = (self as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
  if (depth < 0) return name;
  const optionDepth = options.depth;
  const nested = { ...options, depth: typeof optionDepth === 'number' && Number.isInteger(optionDepth) ? optionDepth - 1 : optionDepth };
  return `${name} ${inspect(fields, nested)}`;
}

function missingArgs(...names: string[]): TypeError {
  const list = names.map((name) => `"${name}"`);
  const text = list.length === 1 ? `The ${list[0]} argument` : `The ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]} arguments`;
  return nodeError<TypeError>(TypeError, 'ERR_MISSING_ARGS', `${text} must be specified`);
}

/** Node's validateObject(..., kValidateObjectAllowObjects): arrays and functions pass, null does not. */
function validateOptionsObject(options: unknown): void {
  if (options === null || (typeof options !== 'object' && typeof options !== 'function')) {
    throw invalidArgType('options', 'of type object', options);
  }
}

/** An event's state, kept outside it (Node keeps it in symbol-keyed slots that printing does not show). */
interface EventState {
  type: string;
  cancelable: boolean;
  bubbles: boolean;
  composed: boolean;
  prevented: boolean;
  timeStamp: number;
  target: EventTarget | null;
  /** Between dispatchEvent and the return of the first listener (see the file's comment). */
  dispatching: boolean;
  /** stopImmediatePropagation was called: no later listener runs. */
  stopped: boolean;
  propagationStopped: boolean;
}

const eventStates = new WeakMap<object, EventState>();

function stateOf(event: unknown): EventState {
  const state = event !== null && typeof event === 'object' ? eventStates.get(event) : undefined;
  if (state === undefined) throw nodeError<TypeError>(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type Event');
  return state;
}

export class Event {
  constructor(type: unknown, options: unknown = {}) {
    if (arguments.length === 0) throw missingArgs('type');
    validateOptionsObject(options);
    const { cancelable, bubbles, composed } = options as Record<string, unknown>;
    eventStates.set(this, {
      type: '',
      cancelable: Boolean(cancelable),
      bubbles: Boolean(bubbles),
      composed: Boolean(composed),
      prevented: false,
      timeStamp: deps.now(),
      target: null,
      dispatching: false,
      stopped: false,
      propagationStopped: false,
    });
    stateOf(this).type = `${type as string}`;
  }

  [customInspect](depth: number, options: Record<string, unknown>, inspect: InspectFn): string {
    const state = stateOf(this);
    deps.markVarying('an event time stamp');
    return inspectAs(this, { type: state.type, defaultPrevented: state.cancelable && state.prevented, cancelable: state.cancelable, timeStamp: state.timeStamp }, depth, options, inspect);
  }
}

/**
 * Defines methods and accessors on a prototype in the given order (Node's, as
 * Object.getOwnPropertyNames shows it), non-enumerable as built-in class members are.
 */
function defineMembers(prototype: object, members: object): void {
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(members))) {
    Object.defineProperty(prototype, name, { ...descriptor, enumerable: false });
  }
}

defineMembers(Event.prototype, {
  initEvent() {
    // Node keeps initEvent for old code and ignores it once the event is made.
  },
  stopImmediatePropagation(this: Event) {
    stateOf(this).stopped = true;
  },
  preventDefault(this: Event) {
    stateOf(this).prevented = true;
  },
  get target() {
    return stateOf(this).target;
  },
  get currentTarget() {
    const state = stateOf(this);
    return state.dispatching ? state.target : null;
  },
  get srcElement() {
    return stateOf(this).target;
  },
  get type() {
    return stateOf(this).type;
  },
  get cancelable() {
    return stateOf(this).cancelable;
  },
  get defaultPrevented() {
    const state = stateOf(this);
    return state.cancelable && state.prevented;
  },
  get timeStamp() {
    const state = stateOf(this);
    deps.markVarying('an event time stamp');
    return state.timeStamp;
  },
  composedPath(this: Event) {
    const state = stateOf(this);
    return state.dispatching ? [state.target] : [];
  },
  get returnValue() {
    const state = stateOf(this);
    return !(state.cancelable && state.prevented);
  },
  get bubbles() {
    return stateOf(this).bubbles;
  },
  get composed() {
    return stateOf(this).composed;
  },
  get eventPhase() {
    return stateOf(this).dispatching ? 2 : 0;
  },
  get cancelBubble() {
    return stateOf(this).propagationStopped;
  },
  set cancelBubble(value: unknown) {
    if (value) stateOf(this).propagationStopped = true;
  },
  stopPropagation(this: Event) {
    stateOf(this).propagationStopped = true;
  },
  get isTrusted() {
    return false;
  },
});
for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]] as const) {
  Object.defineProperty(Event, name, { value, enumerable: true });
}

const details = new WeakMap<object, unknown>();

export class CustomEvent extends Event {
  constructor(type: unknown, options: unknown = {}) {
    if (arguments.length === 0) throw missingArgs('type');
    super(type, options);
    details.set(this, (options as { detail?: unknown } | null)?.detail ?? null);
  }
}
defineMembers(CustomEvent.prototype, {
  get detail() {
    return details.get(this as object) ?? null;
  },
});

/** One registered listener: a node of the type's linked list. */
interface ListenerEntry {
  listener: Listener;
  callback: (this: unknown, event: Event) => unknown;
  capture: boolean;
  once: boolean;
  removed: boolean;
  next: ListenerEntry | undefined;
  previous: ListenerEntry | undefined;
}

/** The list of a type: `next` is the first listener. */
interface ListenerRoot {
  next: ListenerEntry | undefined;
}

const listenerLists = new WeakMap<object, Map<string, ListenerRoot>>();

function listsOf(target: unknown): Map<string, ListenerRoot> {
  const lists = target !== null && typeof target === 'object' ? listenerLists.get(target) : undefined;
  if (lists === undefined) throw nodeError<TypeError>(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type EventTarget');
  return lists;
}

/** validateEventListener: functions and objects pass (handleEvent is looked up when called), null and undefined are ignored. */
function isUsableListener(listener: unknown): boolean {
  if (typeof listener === 'function') return true;
  if (listener === null || listener === undefined) return false;
  if (typeof listener === 'object') return true;
  throw invalidArgType('listener', 'an instance of EventListener', listener);
}

function unlink(entry: ListenerEntry): void {
  entry.removed = true;
  if (entry.previous !== undefined) entry.previous.next = entry.next;
  if (entry.next !== undefined) entry.next.previous = entry.previous;
}

/** Node's emitUncaughtException: the error is thrown again in a tick of its own. */
function rethrowInTick(error: unknown): void {
  deps.nextTick(() => {
    throw error;
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class EventTarget {
  constructor() {
    listenerLists.set(this, new Map());
  }

  [customInspect](depth: number, options: Record<string, unknown>, inspect: InspectFn): string {
    return inspectAs(this, {}, depth, options, inspect);
  }
}

// The members are defined below, in Node's order; this declaration merges their types into the class.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface EventTarget {
  addEventListener(type: unknown, listener: unknown, options?: unknown): void;
  removeEventListener(type: unknown, listener: unknown, options?: unknown): void;
  dispatchEvent(event: unknown): boolean;
}

defineMembers(EventTarget.prototype, {
  addEventListener(this: EventTarget, type: unknown, listener: unknown, options: unknown = {}) {
    const lists = listsOf(this);
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    let once = false;
    let capture = false;
    let signal: unknown;
    if (typeof options === 'boolean') {
      capture = options;
    } else if (options !== null) {
      validateOptionsObject(options);
      // Read in Node's order (validateEventListenerOptions); passive has no effect here.
      const record = options as Record<string, unknown>;
      once = Boolean(record.once);
      capture = Boolean(record.capture);
      void record.passive;
      signal = record.signal;
    }
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    if (!isUsableListener(listener)) {
      const warning = new Error(`addEventListener called with ${String(listener)} which has no effect.`) as Error & { target?: unknown; type?: unknown };
      warning.name = 'AddEventListenerArgumentTypeWarning';
      warning.target = this;
      warning.type = type;
      deps.emitWarning(warning);
      return;
    }
    const name = `${type as string}`;
    if (signal !== undefined) {
      if ((signal as AbortSignal).aborted) return;
      const removeOnAbort = () => this.removeEventListener(name, listener, options);
      // Node adds this listener weakly (kWeakHandler): it does not keep an `any` result alive.
      weakAbortListeners.add(removeOnAbort);
      (signal as AbortSignal).addEventListener('abort', removeOnAbort, { once: true });
    }
    let root = lists.get(name);
    if (root === undefined) {
      root = { next: undefined };
      lists.set(name, root);
    }
    let last: ListenerEntry | undefined;
    for (let entry = root.next; entry !== undefined; entry = entry.next) {
      if (entry.listener === listener && entry.capture === capture) return;
      last = entry;
    }
    const usable = listener as Listener;
    const callback = typeof usable === 'function'
      ? usable
      : async (event: Event) => {
        // Node calls an object's handleEvent through an async wrapper, looked up at each call.
        const handleEvent = usable.handleEvent;
        if (typeof handleEvent === 'function') await Reflect.apply(handleEvent, usable, [event]);
      };
    const entry: ListenerEntry = { listener: usable, callback, capture, once, removed: false, next: undefined, previous: last };
    if (last === undefined) root.next = entry;
    else last.next = entry;
    if (name === 'abort') updatePersistence(this);
  },
  removeEventListener(this: EventTarget, type: unknown, listener: unknown, options?: unknown) {
    const lists = listsOf(this);
    if (arguments.length < 2) throw missingArgs('type', 'listener');
    if (!isUsableListener(listener)) return;
    // Node reads `options.capture` even of a boolean, so `true` removes the non-capturing listener.
    const capture = (options as { capture?: unknown } | null | undefined)?.capture === true;
    const name = `${type as string}`;
    const root = lists.get(name);
    for (let entry = root?.next; entry !== undefined; entry = entry.next) {
      if (entry.listener !== listener || entry.capture !== capture) continue;
      if (root!.next === entry) root!.next = entry.next;
      unlink(entry);
      if (name === 'abort') updatePersistence(this);
      return;
    }
  },
  dispatchEvent(this: EventTarget, event: unknown) {
    const lists = listsOf(this);
    if (arguments.length < 1) throw missingArgs('event');
    if (!(event instanceof Event)) throw invalidArgType('event', 'an instance of Event', event);
    const state = stateOf(event);
    if (state.dispatching) throw nodeError<Error>(Error, 'ERR_EVENT_RECURSION', `The event "${state.type}" is already being dispatched`);
    state.target = this;
    state.dispatching = true;
    const root = lists.get(state.type);
    let entry = root?.next;
    while (entry !== undefined && !state.stopped) {
      // The next listener is taken before this one runs, as Node's loop does.
      const next: ListenerEntry | undefined = entry.next;
      if (!entry.removed) {
        if (entry.once) {
          if (root!.next === entry) root!.next = entry.next;
          unlink(entry);
        }
        try {
          const result = Reflect.apply(entry.callback, this, [event]);
          state.dispatching = false;
          if (result !== undefined && result !== null) {
            const then = (result as { then?: unknown }).then;
            if (typeof then === 'function') Reflect.apply(then, result, [undefined, rethrowInTick]);
          }
        } catch (error) {
          rethrowInTick(error);
        }
      }
      entry = next;
    }
    state.dispatching = false;
    return !(state.cancelable && state.prevented);
  },
});

// ---- DOMException, as lib/internal/per_context/domexception.js in node 20.20.2 (measured) ----
// Its prototype is Error.prototype's child, name, message and code are prototype getters, the
// legacy code constants sit on the constructor and the prototype, the stack is captured first
// (so `stack` is its first own property) and its first frame is Node's constructor.

const DOM_EXCEPTION_FRAME = '    at new DOMException (node:internal/per_context/domexception:53:5)';
/** Node's frames between the DOMException and the program for the exceptions Node itself makes (measured). */
const NODE_FRAMES = {
  controllerAbort: '    at AbortController.abort (node:internal/abort_controller:391:18)',
  signalAbort: '    at AbortSignal.abort (node:internal/abort_controller:177:14)',
  timeout: '    at Timeout._onTimeout (node:internal/abort_controller:129:9)',
};

const domExceptionStates = new WeakMap<object, { name: string; message: string }>();
/** The Node frames the next DOMException made by this file gets below its constructor's. */
let nextInternalFrames: string[] = [];
// Taken when the chunk loads: the sandbox's V8-shaped captureStackTrace (errors.ts). Without it
// (the library loaded on its own, as test/unit/nodelib-harness.mjs does) the stack is the header.
const captureStackTrace = (Error as unknown as { captureStackTrace?: (target: object) => void }).captureStackTrace;

function domExceptionState(value: unknown): { name: string; message: string } {
  const state = value !== null && typeof value === 'object' ? domExceptionStates.get(value) : undefined;
  if (state === undefined) throw nodeError<TypeError>(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of DOMException');
  return state;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class DOMException {
  constructor(message: unknown = '', options: unknown = 'Error') {
    const internalFrames = nextInternalFrames;
    nextInternalFrames = [];
    // Node captures the stack before anything else, so it is the first own property.
    Object.defineProperty(this, 'stack', { value: '', writable: true, configurable: true, enumerable: false });
    if (options !== null && typeof options === 'object') {
      domExceptionStates.set(this, { message: `${message}`, name: `${(options as { name?: unknown }).name}` });
      if ('cause' in options) Object.defineProperty(this, 'cause', { value: (options as { cause?: unknown }).cause, writable: true, configurable: true, enumerable: false });
    } else {
      domExceptionStates.set(this, { message: `${message}`, name: `${options}` });
    }
    if (typeof captureStackTrace === 'function') captureStackTrace(this);
    else (this as { stack?: unknown }).stack = `${domExceptionState(this).name}: ${domExceptionState(this).message}`;
    const lines = String((this as { stack?: unknown }).stack).split('\n');
    const firstFrame = lines.findIndex((line) => line.startsWith('    at '));
    const headerEnd = firstFrame < 0 ? lines.length : firstFrame;
    (this as { stack?: unknown }).stack = [...lines.slice(0, headerEnd), DOM_EXCEPTION_FRAME, ...internalFrames, ...lines.slice(headerEnd)].join('\n');
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface DOMException {
  readonly name: string;
  readonly message: string;
  readonly code: number;
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
Object.defineProperty(DOMException, 'length', { value: 0 });
for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors({
  get name() {
    return domExceptionState(this).name;
  },
  get message() {
    return domExceptionState(this).message;
  },
  get code() {
    return domExceptionCode(domExceptionState(this).name);
  },
}))) {
  Object.defineProperty(DOMException.prototype, name, { ...descriptor, enumerable: true });
}
DOM_EXCEPTION_CODES.forEach(([, constant], index) => {
  for (const target of [DOMException, DOMException.prototype]) {
    Object.defineProperty(target, constant, { value: index + 1, writable: false, enumerable: true, configurable: false });
  }
});

/** A DOMException Node itself makes, with Node's own frames between its constructor and the program. */
export function domException(message: string, name: string, internalFrames: string[] = []): DOMException {
  nextInternalFrames = internalFrames;
  return new DOMException(message, name);
}

const abortReason = (frame: string) => domException('This operation was aborted', 'AbortError', [frame]);

/** A signal's state, kept outside it: Node's `aborted` and `reason` are prototype getters, so Object.keys(signal) is []. */
interface SignalState {
  aborted: boolean;
  reason: unknown;
  onabort: ((event: Event) => unknown) | null;
  onabortRegistered: boolean;
  /** The listener the onabort attribute registered, which counts as a listener only while onabort is set. */
  onabortListener?: (event: Event) => unknown;
  /**
   * Signals made by AbortSignal.any from this one, aborted after this one's listeners ran. Held
   * weakly, as Node holds them, so a long-lived signal does not keep every `any` result alive;
   * emptied once this signal is aborted, since it can never abort them again.
   */
  dependants: Set<WeakRef<AbortSignal>>;
  /** For a signal made by AbortSignal.any: the plain signals it follows (Node's kSourceSignals). */
  sources?: Set<WeakRef<AbortSignal>>;
}

const signalStates = new WeakMap<object, SignalState>();
/** Only the sandbox makes signals: `new AbortSignal()` is Node's "Illegal constructor". */
let makingSignal = false;

function signalState(signal: unknown): SignalState {
  const state = signal !== null && typeof signal === 'object' ? signalStates.get(signal) : undefined;
  if (state === undefined) throw nodeError<TypeError>(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortSignal');
  return state;
}

function newSignal(): AbortSignal {
  makingSignal = true;
  try {
    return new AbortSignal();
  } finally {
    makingSignal = false;
  }
}

/** Marks a signal aborted and dispatches its `abort` event, as Node's abortSignal(). */
function abortSignal(signal: AbortSignal, reason: unknown): void {
  const state = signalState(signal);
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason;
  signal.dispatchEvent(new Event('abort'));
  persistentSignals.delete(signal);
  const dependants = [...state.dependants];
  state.dependants.clear();
  for (const reference of dependants) {
    const dependant = reference.deref();
    if (dependant) abortSignal(dependant, reason);
  }
}

/**
 * Signals made by AbortSignal.any that have abort listeners and have not aborted, held strongly
 * (Node's gcPersistentSignals): nothing else may reference such a signal, yet its listeners must
 * still run when a source aborts (measured: they do in node 20.20.2, even after gc()). Without
 * listeners the result is held only weakly, as its sources hold it.
 */
const persistentSignals = new Set<AbortSignal>();
/** Listeners the sandbox adds for `{ signal }` options; Node adds them weakly, so they keep nothing alive. */
const weakAbortListeners = new WeakSet<object>();

/** Holds an `any` result strongly exactly while it is unaborted and has an abort listener that counts. */
function updatePersistence(target: object): void {
  const state = signalStates.get(target);
  const signal = target as AbortSignal;
  if (!state?.sources) return;
  let listened = false;
  if (!state.aborted && state.sources.size > 0) {
    listened = state.onabort !== null;
    for (let entry = listsOf(signal).get('abort')?.next; !listened && entry !== undefined; entry = entry.next) {
      listened = !entry.removed && entry.callback !== state.onabortListener && !weakAbortListeners.has(entry.listener);
    }
  }
  if (listened) persistentSignals.add(signal);
  else persistentSignals.delete(signal);
}

/** A weak reference per signal, so that the same signal is one member of a Set of references. */
const weakReferences = new WeakMap<AbortSignal, WeakRef<AbortSignal>>();
function weakReferenceTo(signal: AbortSignal): WeakRef<AbortSignal> {
  let reference = weakReferences.get(signal);
  if (!reference) {
    reference = new WeakRef(signal);
    weakReferences.set(signal, reference);
  }
  return reference;
}

/**
 * Node's validateAbortSignalArray: an array whose elements are objects with an `aborted` property
 * (duck-typed: `{ aborted: true, reason }` passes), else ERR_INVALID_ARG_TYPE naming the element
 * (measured on node 20.20.2: `The "signals[1]" argument must be an instance of AbortSignal.
 * Received type number (5)`), every element checked before any is read.
 */
function validateSignalArray(signals: unknown): asserts signals is AbortSignal[] {
  if (!Array.isArray(signals)) throw invalidArgType('signals', 'an instance of Array', signals);
  for (let index = 0; index < signals.length; index++) {
    const signal: unknown = signals[index];
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw invalidArgType(`signals[${index}]`, 'an instance of AbortSignal', signal);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AbortSignal extends EventTarget {
  constructor() {
    if (!makingSignal) throw nodeError<TypeError>(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
    signalStates.set(this, { aborted: false, reason: undefined, onabort: null, onabortRegistered: false, dependants: new Set() });
  }

  static abort(reason?: unknown): AbortSignal {
    const signal = newSignal();
    const state = signalState(signal);
    state.aborted = true;
    state.reason = reason === undefined ? abortReason(NODE_FRAMES.signalAbort) : reason;
    return signal;
  }

  static timeout(delay: unknown): AbortSignal {
    if (typeof delay !== 'number') throw invalidArgType('delay', 'of type number', delay);
    const signal = newSignal();
    // Node's timer does not keep the process alive (it is unref'd).
    const timer = deps.setTimeout(() => abortSignal(signal, domException('The operation was aborted due to timeout', 'TimeoutError', [NODE_FRAMES.timeout])), delay) as unknown as { unref?: () => void };
    timer.unref?.();
    return signal;
  }

  /** Node 20.20.2's AbortSignal.any (its source, read with --expose-internals). */
  static any(signals: unknown): AbortSignal {
    validateSignalArray(signals);
    const result = newSignal();
    const resultState = signalState(result);
    resultState.sources = new Set();
    const resultReference = weakReferenceTo(result);
    for (const signal of signals) {
      if (signal.aborted) {
        resultState.aborted = true;
        resultState.reason = signal.reason;
        return result;
      }
      const state = signalStates.get(signal);
      // An object that only looks like a signal can never abort the result.
      if (!state) continue;
      // A signal made by `any` is followed through its own sources, so chains stay one level deep.
      const followed = state.sources ? [...state.sources].map((reference) => reference.deref()).filter((source) => source !== undefined) : [signal];
      for (const source of followed) {
        const sourceReference = weakReferenceTo(source);
        if (resultState.sources.has(sourceReference)) continue;
        resultState.sources.add(sourceReference);
        signalState(source).dependants.add(resultReference);
      }
    }
    return result;
  }

  override [customInspect](depth: number, options: Record<string, unknown>, inspect: InspectFn): string {
    return inspectAs(this, { aborted: signalState(this).aborted }, depth, options, inspect);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  onabort: ((event: Event) => unknown) | null;
  throwIfAborted(): void;
}

defineMembers(AbortSignal.prototype, {
  get aborted() {
    return signalState(this).aborted;
  },
  get reason() {
    return signalState(this).reason;
  },
  throwIfAborted(this: AbortSignal) {
    const state = signalState(this);
    if (state.aborted) throw state.reason;
  },
  get onabort() {
    return signalState(this).onabort;
  },
  /** Node's event handler attribute: one listener, registered where the handler was first set. */
  set onabort(handler: unknown) {
    const signal = this as unknown as AbortSignal;
    const state = signalState(signal);
    state.onabort = typeof handler === 'function' ? (handler as (event: Event) => unknown) : null;
    if (state.onabortRegistered) {
      updatePersistence(signal);
      return;
    }
    state.onabortRegistered = true;
    state.onabortListener = (event: Event) => state.onabort?.call(signal, event);
    signal.addEventListener('abort', state.onabortListener);
  },
});

const controllerSignals = new WeakMap<object, AbortSignal>();

function controllerSignal(controller: unknown): AbortSignal {
  const signal = controller !== null && typeof controller === 'object' ? controllerSignals.get(controller) : undefined;
  if (signal === undefined) throw nodeError<TypeError>(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type AbortController');
  return signal;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class AbortController {
  constructor() {
    controllerSignals.set(this, newSignal());
  }

  [customInspect](depth: number, options: Record<string, unknown>, inspect: InspectFn): string {
    return inspectAs(this, { signal: controllerSignal(this) }, depth, options, inspect);
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}

defineMembers(AbortController.prototype, {
  get signal() {
    return controllerSignal(this);
  },
  abort(this: AbortController, reason?: unknown) {
    abortSignal(controllerSignal(this), reason === undefined ? abortReason(NODE_FRAMES.controllerAbort) : reason);
  },
});

// The bundler may rename these bindings; the names programs print are the DOM's, and
// Object.prototype.toString says them too (`[object EventTarget]`).
for (const [constructor, name] of [
  [Event, 'Event'],
  [CustomEvent, 'CustomEvent'],
  [EventTarget, 'EventTarget'],
  [AbortSignal, 'AbortSignal'],
  [AbortController, 'AbortController'],
  [DOMException, 'DOMException'],
] as const) {
  Object.defineProperty(constructor, 'name', { value: name, configurable: true });
  Object.defineProperty(constructor.prototype, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
}

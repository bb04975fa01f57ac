// QuickJS stack traces rewritten in V8's shape. QuickJS keeps only the frames in `error.stack`
// ("    at f (/x.js:1:31)"), V8 starts with the error's header ("TypeError: msg"), names anonymous,
// native and top-level frames differently, points call frames at the callee's name rather than
// at `(`, and Node adds its own internal frames under the user's (Module._compile for the main
// script, listOnTimeout for timers, ...). Frames of the sandbox's own wrappers are dropped, and
// positions are mapped back to the user's text (the engine's rewrite and the CommonJS wrapper
// move columns on some lines; see engine/rewrite.ts).

/** The name QuickJS shows for the CommonJS wrapper function around the user's module body. */
export const MAIN_WRAPPER_NAME = '__looplens_main';

import { moduleSourceOf, splitLocation, type ModuleSource } from './moduleSources';

const SANDBOX_FILES = ['looplens:sandbox.js', '<looplens>'];

/** V8's default Error.stackTraceLimit. */
const STACK_TRACE_LIMIT = 10;

/** Node 20.20.2's own frames under a crash in the main script (measured). */
const NODE_MAIN_FRAMES = [
  '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
  '    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)',
  '    at Module.load (node:internal/modules/cjs/loader:1266:32)',
  '    at Module._load (node:internal/modules/cjs/loader:1091:12)',
  '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
  '    at node:internal/main/run_main_module:28:49',
];
/** Node 20.20.2's frames between a required module's body and the require() call (measured). */
const NODE_REQUIRE_FRAMES = [
  ...NODE_MAIN_FRAMES.slice(0, 4),
  '    at Module.require (node:internal/modules/cjs/loader:1289:19)',
  '    at require (node:internal/modules/helpers:182:18)',
];
/** Node 20.20.2's frames under the synchronous part of an ES module's body (measured). */
const NODE_ESM_FRAMES = [
  '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
  '    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)',
  '    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
];
const NODE_SOURCE_FRAMES: Record<string, string[]> = {
  timers: ['    at listOnTimeout (node:internal/timers:581:17)', '    at process.processTimers (node:internal/timers:519:7)'],
  check: ['    at process.processImmediate (node:internal/timers:483:21)'],
  nextTick: ['    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)'],
};

/**
 * Node's frame under a promise job: none when V8's own microtask checkpoint runs it (nothing was on
 * the tick queue), processTicksAndRejections's when that function drains the microtasks.
 */
function microtaskCallerFrames(): string[] {
  if (context.currentSource() !== 'microtask') return [];
  const frames = queueMicrotaskCallbackRunning ? QUEUE_MICROTASK_FRAMES : [];
  if (!context.insideProcessTicks?.()) return frames;
  return [...frames, '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'];
}

/** Node 20.20.2 runs a queueMicrotask callback through an AsyncResource (measured). */
const QUEUE_MICROTASK_FRAMES = [
  '    at node:internal/process/task_queues:140:7',
  '    at AsyncResource.runInAsyncScope (node:async_hooks:206:9)',
  '    at AsyncResource.runMicrotask (node:internal/process/task_queues:137:8)',
];
let queueMicrotaskCallbackRunning = false;

/** Called by the timers (sandbox/timers.ts) around each queueMicrotask callback. */
export function setQueueMicrotaskCallbackRunning(running: boolean): void {
  queueMicrotaskCallbackRunning = running;
}

/** The entry (engine/frameNames.ts) of the innermost function of the entry file containing `position`, or -1. */
function innermostEntry(position: { line: number; column: number }): number {
  let best = -1;
  const entries = context.frameNames ?? [];
  for (let index = 0; index < entries.length; index++) {
    const [startLine, startColumn, endLine, endColumn] = entries[index];
    const startsBefore = startLine < position.line || (startLine === position.line && startColumn <= position.column);
    const endsAfter = endLine > position.line || (endLine === position.line && endColumn >= position.column);
    // Entries come in source order (by start), outer before inner: none after this one starts before
    // the position, and a later containing entry is more inner.
    if (!startsBefore) break;
    if (!endsAfter) continue;
    best = index;
  }
  return best;
}

/**
 * The name V8 prints for a frame of the entry's function `entry`, where the function's definition
 * (or, for receiver-dependent functions, the receiver recorded by the rewrite's
 * `__looplens_this`) says more than QuickJS's name. `quickjsName` fills in `{name}` (computed
 * keys, accessors' "get x"). Undefined: V8 prints QuickJS's name; null: no name at all.
 */
function definedFrameName(quickjsName: string, entry: number, receiver: { value: unknown; constructing?: boolean } | undefined = receiverOf(entry)): string | null | undefined {
  const table = context.frameNames ?? [];
  if (entry < 0 || entry >= table.length) return undefined;
  if (table[entry][5] === 1 && receiver && !receiver.constructing) {
    const name = receiverFrameName(receiver.value, quickjsName);
    if (name !== null) return name;
    return quickjsName === '<anonymous>' ? null : quickjsName;
  }
  const template = table[entry][4];
  if (!template || (quickjsName === '<anonymous>' && template.includes('{name}'))) return undefined;
  const property = quickjsName.replace(/^[gs]et /, '');
  return template.split('{name}').join(quickjsName).split('{property}').join(property);
}

// ---- Receivers (the rewrite's `__looplens_this`) ----

/**
 * The receiver of the latest call of each receiver-dependent function, by entry, and whether that
 * call constructed (parallel arrays: the hook runs on every call of these functions, so it allocates nothing).
 */
let receivers: unknown[] = [];
let constructing: boolean[] = [];

function receiverOf(entry: number): { value: unknown; constructing?: boolean } | undefined {
  return entry >= 0 && entry in receivers ? { value: receivers[entry], constructing: constructing[entry] } : undefined;
}

const originalFunctionToString = Function.prototype.toString;

/**
 * The type V8 puts before a method frame's name (CallSite's type name), or null for a call
 * without a receiver (undefined, null or the global object: a "top-level" call). Read without
 * running the program's code: data properties only, no getters, no proxy traps on the receiver.
 */
function receiverTypeName(receiver: unknown): string | null {
  if (receiver === undefined || receiver === null || receiver === globalThis) return null;
  switch (typeof receiver) {
    case 'number': return 'Number';
    case 'string': return 'String';
    case 'boolean': return 'Boolean';
    case 'symbol': return 'Symbol';
    case 'bigint': return 'BigInt';
    default: break;
  }
  try {
    // A class is named by itself (static methods print `Derived.create`); other functions by their kind.
    if (typeof receiver === 'function' && /^class\b/.test(originalFunctionToString.call(receiver))) {
      const name = Object.getOwnPropertyDescriptor(receiver, 'name')?.value;
      if (typeof name === 'string' && name) return name;
    }
    for (let holder = Object.getPrototypeOf(receiver); holder; holder = Object.getPrototypeOf(holder)) {
      const constructor = Object.getOwnPropertyDescriptor(holder, 'constructor')?.value;
      if (typeof constructor !== 'function') continue;
      const name = Object.getOwnPropertyDescriptor(constructor, 'name')?.value;
      if (typeof name !== 'string' || !name) continue;
      // Namespace objects (Math, JSON) are plain objects with a tag.
      const tag = name === 'Object' ? Object.getOwnPropertyDescriptor(receiver, Symbol.toStringTag)?.value : undefined;
      return typeof tag === 'string' ? tag : name;
    }
  } catch {
    // A revoked proxy: V8 names it Object too.
  }
  return 'Object';
}

/**
 * The property of the receiver (or its prototypes) under which a function named `functionName`
 * was found: V8 appends it as "[as key]" when it differs from the function's name.
 */
function receiverMethodName(receiver: unknown, functionName: string): string | null {
  if (!functionName || (typeof receiver !== 'object' && typeof receiver !== 'function')) return null;
  let other: string | null = null;
  try {
    for (let holder: object | null = receiver as object; holder && holder !== Object.prototype; holder = Object.getPrototypeOf(holder)) {
      for (const key of Object.getOwnPropertyNames(holder)) {
        const value = Object.getOwnPropertyDescriptor(holder, key)?.value;
        if (typeof value !== 'function' || Object.getOwnPropertyDescriptor(value, 'name')?.value !== functionName) continue;
        if (key === functionName) return key;
        other ??= key;
      }
    }
  } catch {
    return null;
  }
  return other;
}

/** V8's method-call frame name (`Type.fn [as key]`, `Type.<anonymous>`), or null for a top-level call. */
function receiverFrameName(receiver: unknown, quickjsName: string): string | null {
  const type = receiverTypeName(receiver);
  if (type === null) return null;
  const functionName = quickjsName === '<anonymous>' ? '' : quickjsName;
  const method = receiverMethodName(receiver, functionName);
  if (!functionName) return `${type}.${method ?? '<anonymous>'}`;
  const prefix = functionName.startsWith(`${type}.`) ? '' : `${type}.`;
  return `${prefix}${functionName}${method && method !== functionName ? ` [as ${method}]` : ''}`;
}

// ---- Node's own functions played by the sandbox (events' emit and onceWrapper) ----

/**
 * Node's `events` module is sandbox code here, so its frames would be dropped with the sandbox's
 * own; Node prints them (`at Bus.emit (node:events:524:28)`). Each place where Node's function
 * calls out (a listener) or creates an error goes through a caller made by the hook below: its
 * QuickJS frame carries this mark and Node's location in its name (QuickJS reads a frame's name
 * from the function's `name` property), and the receiver V8 would name the frame after is pushed
 * here while it runs. A stack read while the callers run holds as many marked frames as there
 * are receivers, innermost first.
 */
const NODE_FRAME_MARK = '\u2060looplens-node-frame\u2060';
const nodeFrameReceivers: unknown[] = [];
/** The `this` each caller passed on (the listener's receiver, which V8 names the listener's frame after). */
const nodeFrameThisArgs: unknown[] = [];

/**
 * `__looplens_nodeFrameCaller(defaultType, functionName, location)`: a function that calls
 * `callee` with `thisArg` and `args` as Node's `functionName` at `location` would, its frame named
 * after `frameReceiver` (or `defaultType` when the stack is read after the call ended). An error
 * escaping the callee is translated on its way out, while the receivers are still known.
 */
defineHook('__looplens_nodeFrameCaller', (defaultType: string, functionName: string, location: string) => {
  const caller = function (callee: (...args: unknown[]) => unknown, frameReceiver: unknown, thisArg: unknown, args: ArrayLike<unknown>): unknown {
    nodeFrameReceivers.push(frameReceiver);
    nodeFrameThisArgs.push(thisArg);
    try {
      return Reflect.apply(callee, thisArg, args);
    } catch (error) {
      (globalThis as { __looplens_seen?: (value: unknown) => unknown }).__looplens_seen?.(error);
      throw error;
    } finally {
      nodeFrameReceivers.pop();
      nodeFrameThisArgs.pop();
    }
  };
  Object.defineProperty(caller, 'name', { value: `${NODE_FRAME_MARK}${defaultType}|${functionName}|${location}` });
  return caller;
});

/** The marked frames of a parsed stack: Node's frame text for each, and the receiver of the user frame each called. */
function nodeFrames(parsed: ParsedFrame[]): { texts: Map<number, string>; callees: Map<number, unknown> } {
  const texts = new Map<number, string>();
  const callees = new Map<number, unknown>();
  const marked: number[] = [];
  parsed.forEach((frame, index) => {
    if (frame.sandbox && frame.name.startsWith(NODE_FRAME_MARK)) marked.push(index);
  });
  if (marked.length === 0) return { texts, callees };
  // Read after the calls ended (an error translated later), the receivers are unknown: V8's usual names then.
  const live = marked.length === nodeFrameReceivers.length;
  marked.forEach((index, order) => {
    const [defaultType, functionName, location] = parsed[index].name.slice(NODE_FRAME_MARK.length).split('|');
    const depth = nodeFrameReceivers.length - 1 - order;
    const type = live ? receiverTypeName(nodeFrameReceivers[depth]) ?? defaultType : defaultType;
    texts.set(index, `    at ${type}.${functionName} (${location})`);
    // A call without receiver (a tick's callback) keeps the callee's own name.
    if (!live || nodeFrameThisArgs[depth] === undefined || nodeFrameThisArgs[depth] === null) return;
    // The frame it called: the next one up, past the natives of Reflect.apply.
    let callee = index - 1;
    while (callee >= 0 && parsed[callee].native && (parsed[callee].name === 'apply' || parsed[callee].name === 'call')) callee -= 1;
    if (callee >= 0 && !parsed[callee].sandbox && !parsed[callee].native) callees.set(callee, nodeFrameThisArgs[depth]);
  });
  return { texts, callees };
}

// ---- Async activations (the rewrite's item 9): V8's `at async f` frames ----

/**
 * One call of an async function. A tuple, not an object: every async call makes one, and QuickJS
 * builds a 12-element array several times faster than an object literal with as many properties
 * (measured: 200,000 of each, 0.4-0.7 s against 1.5-3 s).
 */
type Activation = [
  entry: number,
  name: string,
  receiver: unknown,
  /** Where it waits now (the frame table's coordinates), and on what. */
  line: number,
  column: number,
  awaited: unknown,
  /** Still running its first, synchronous part (called, not yet suspended or finished). */
  firstRun: boolean,
  /** How deep in first runs it was called: calls from one function share a depth (unread after the call). */
  depth: number,
  /** The combinator element (Promise.all([...]) index) whose evaluation started it, or -1. */
  element: number,
  /** The activation that awaits this one's promise, through `combinator`'s element `index` or directly. */
  awaitedBy: Activation | null,
  combinator: string | null,
  index: number,
];
const ENTRY = 0;
const NAME = 1;
const RECEIVER = 2;
const LINE = 3;
const COLUMN = 4;
const AWAITED = 5;
const FIRST_RUN = 6;
const ELEMENT = 8;
const AWAITED_BY = 9;
const COMBINATOR = 10;
const INDEX = 11;

// Every async call and await goes through these hooks, so they allocate as little as they can:
// one object per activation, and the collectors (the async functions an awaited call starts, see
// the rewrite's `__looplens_mark`) are parallel arrays indexed by the mark the rewrite passes back.
const liveActivations = new Set<Activation>();
const firstRuns: Activation[] = [];
const collectorDepths: number[] = [];
const collectorElements: number[] = [];
/** The last activation started at the collector's depth (what a plain awaited call awaits). */
const collectorLast: (Activation | null)[] = [];
/** Every activation started at its depth, for combinators only. */
const collectorAll: (Activation[] | null)[] = [];

function defineHook(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, enumerable: false, configurable: true, writable: false });
}

defineHook('__looplens_this', (entry: number, receiver: unknown, newTarget: unknown) => {
  receivers[entry] = receiver;
  constructing[entry] = newTarget !== undefined;
});
defineHook('__looplens_asyncEnter', (entry: number, name: string, receiver: unknown): Activation => {
  const depth = firstRuns.length;
  const activation: Activation = [entry, name, receiver, 0, 0, undefined, true, depth, -1, null, null, 0];
  if (entry >= 0) {
    receivers[entry] = receiver;
    constructing[entry] = false;
  }
  for (let mark = collectorDepths.length - 1; mark >= 0; mark--) {
    if (collectorDepths[mark] !== depth) continue;
    activation[ELEMENT] = collectorElements[mark];
    collectorLast[mark] = activation;
    collectorAll[mark]?.push(activation);
    break;
  }
  liveActivations.add(activation);
  firstRuns.push(activation);
  return activation;
});
defineHook('__looplens_asyncLeave', (activation: Activation) => {
  liveActivations.delete(activation);
  if (activation[FIRST_RUN]) endFirstRun(activation);
});
defineHook('__looplens_mark', (combinator?: boolean): number => {
  const mark = collectorDepths.length;
  collectorDepths.push(firstRuns.length);
  collectorElements.push(-1);
  collectorLast.push(null);
  collectorAll.push(combinator ? [] : null);
  return mark;
});
defineHook('__looplens_element', (index: number) => {
  if (collectorElements.length > 0) collectorElements[collectorElements.length - 1] = index;
});
defineHook('__looplens_suspend', (activation: Activation, line: number, column: number, mark: number | null, combinator: string | null, value: unknown) => {
  if (mark !== null && mark < collectorDepths.length) {
    const last = collectorLast[mark];
    const all = collectorAll[mark];
    // Marks above this one belong to operands an exception left before their await.
    collectorDepths.length = collectorElements.length = collectorLast.length = collectorAll.length = mark;
    // A combinator waits on every function its operand started; a plain call on the one it made
    // last (the callee runs after its arguments, which may start functions of their own).
    if (combinator && all) all.forEach((started, position) => link(started, activation, combinator, started[ELEMENT] >= 0 ? started[ELEMENT] : position));
    else if (last) link(last, activation, null, 0);
  } else if (value !== null && typeof value === 'object') {
    // `await p` of a promise an earlier call made (remembered by __looplens_promiseOf).
    const started = promiseActivations.get(value);
    if (started) link(started, activation, null, 0);
  }
  activation[LINE] = line;
  activation[COLUMN] = column;
  activation[AWAITED] = value;
  if (activation[FIRST_RUN]) endFirstRun(activation);
  return value;
});

/** The activation each remembered promise came from (the rewrite's `__looplens_promiseOf`). */
let promiseActivations = new WeakMap<object, Activation>();

/** A call not awaited where it is made: its promise, unchanged, remembered as its activation's. */
defineHook('__looplens_promiseOf', (mark: number, value: unknown): unknown => {
  if (mark < collectorDepths.length) {
    const started = collectorLast[mark];
    collectorDepths.length = collectorElements.length = collectorLast.length = collectorAll.length = mark;
    if (started && value !== null && typeof value === 'object') promiseActivations.set(value, started);
  }
  return value;
});
/** A combinator's non-literal array: its remembered promises join the await's collector with their index. */
defineHook('__looplens_elements', (list: unknown): unknown => {
  const all = collectorAll[collectorAll.length - 1];
  if (all && Array.isArray(list)) {
    for (let index = 0; index < list.length; index++) {
      const element: unknown = list[index];
      const started = element !== null && typeof element === 'object' ? promiseActivations.get(element) : undefined;
      if (!started) continue;
      started[ELEMENT] = index;
      all.push(started);
    }
  }
  return list;
});

function link(started: Activation, by: Activation, combinator: string | null, index: number): void {
  started[AWAITED_BY] = by;
  started[COMBINATOR] = combinator;
  started[INDEX] = index;
}

function endFirstRun(activation: Activation): void {
  activation[FIRST_RUN] = false;
  // Nearly always the innermost first run; an exception can leave others above it.
  if (firstRuns[firstRuns.length - 1] === activation) firstRuns.pop();
  else {
    const at = firstRuns.lastIndexOf(activation);
    if (at >= 0) firstRuns.splice(at, 1);
  }
}

/**
 * The activation of `entry` that a promise job resumed, if the job resumed one: not one in its
 * first run (called synchronously, its callers are on the stack), and among several suspended
 * ones, one whose awaited promise has settled.
 */
function resumedActivation(entry: number): Activation | null {
  if (entry < 0 || firstRuns.some((activation) => activation[ENTRY] === entry)) return null;
  let fallback: Activation | null = null;
  for (const activation of liveActivations) {
    if (activation[ENTRY] !== entry || activation[FIRST_RUN]) continue;
    const awaited = activation[AWAITED];
    const pending = awaited !== null && typeof awaited === 'object' && context.promiseState?.(awaited)?.state === 'pending';
    if (!pending) return activation;
    fallback ??= activation;
  }
  return fallback;
}

/** V8's async frames under a resumed async function: the functions waiting on it, outermost last. */
function asyncFrames(resumed: Activation, room: number): string[] {
  const frames: string[] = [];
  const seen = new Set<Activation>();
  for (let current = resumed; current[AWAITED_BY] && frames.length < room; ) {
    const by: Activation = current[AWAITED_BY];
    if (!liveActivations.has(by) || seen.has(by)) break;
    seen.add(by);
    if (current[COMBINATOR]) frames.push(`    at async ${current[COMBINATOR]} (index ${current[INDEX]})`);
    const location = decorateLocation(`${context.fileName}:${by[LINE]}:${by[COLUMN]}`, context.isModule);
    const name = definedFrameName(by[NAME], by[ENTRY], { value: by[RECEIVER] }) ?? (by[NAME] === '<anonymous>' ? null : by[NAME]);
    frames.push(name ? `    at async ${name} (${location})` : `    at async ${location}`);
    current = by;
  }
  return frames;
}

/**
 * V8 names a frame called with `new` "new F" (QuickJS: "F"). Whether it was is read from the call
 * site, the frame below: its position (V8's convention) is at the `new` keyword of the expression.
 */
function calledWithNew(caller: ParsedFrame | undefined): boolean {
  if (!caller || caller.sandbox || caller.native) return false;
  const location = parseLocation(caller.location);
  if (!location) return false;
  const position = userPosition(location.line, location.column);
  const lineText = context.evaluatedLines[location.line - 1] ?? '';
  const evaluatedColumn = v8Column(lineText, location.column);
  return /^new\b/.test(lineText.slice(evaluatedColumn - 1)) && position.line === location.line;
}

/** Natives V8 prints with their holder ("Array.forEach"); QuickJS prints the bare name. */
const NATIVE_HOLDERS: Record<string, string> = {
  forEach: 'Array.forEach', map: 'Array.map', filter: 'Array.filter', reduce: 'Array.reduce', reduceRight: 'Array.reduceRight',
  some: 'Array.some', every: 'Array.every', find: 'Array.find', findIndex: 'Array.findIndex', findLast: 'Array.findLast',
  flatMap: 'Array.flatMap', sort: 'Array.sort', from: 'Function.from', parse: 'JSON.parse', stringify: 'JSON.stringify',
  replace: 'String.replace', replaceAll: 'String.replaceAll',
  // Measured on a frozen array: `at Array.push (<anonymous>)`.
  push: 'Array.push', pop: 'Array.pop', shift: 'Array.shift', unshift: 'Array.unshift', splice: 'Array.splice',
  reverse: 'Array.reverse', fill: 'Array.fill', copyWithin: 'Array.copyWithin',
};

export interface FrameContext {
  model: string;
  isModule: boolean;
  fileName: string;
  /** The evaluated code's lines (positions in QuickJS stacks refer to them). */
  evaluatedLines: string[];
  /** Columns the CommonJS wrapper adds to line 1. */
  lineOneShift: number;
  /** Per-line maps from evaluated columns to the user's columns. */
  columnMaps: Record<string, number[]>;
  /**
   * V8's names for the frames of the entry's functions, by extent in the user's text
   * ([startLine, startColumn, endLine, endColumn, name]; engine/frameNames.ts).
   */
  frameNames?: [number, number, number, number, string | null, 1?][];
  /** The queue or phase now running (for Node's internal frames under the user's). */
  currentSource(): string;
  /** Node: whether microtasks now run inside processTicksAndRejections (ticks were queued). */
  insideProcessTicks?(): boolean;
  /** The state of a promise (host.promiseState), to tell which of several activations of a function resumed. */
  promiseState?(promise: object): { state: string } | undefined;
}

let context: FrameContext = {
  model: 'node',
  isModule: false,
  fileName: '',
  evaluatedLines: [],
  lineOneShift: 0,
  columnMaps: {},
  currentSource: () => 'main',
};

/**
 * Whether an immediate's callback is running now. Node sets `immediate._onImmediate = null` as soon
 * as the callback returns or throws, and V8 finds a frame's "[as _onImmediate]" name by looking the
 * function up on the receiver when the stack is formatted: a stack read inside the callback has
 * it, while an uncaught error's crash report, formatted afterwards, prints "Immediate.im" (or
 * "Immediate.<anonymous>"). Timeouts keep `_onTimeout`, so theirs never changes.
 */
let immediateCallbackRunning = false;

/** Called by the timers (sandbox/timers.ts) around each immediate's callback. */
export function setImmediateCallbackRunning(running: boolean): void {
  immediateCallbackRunning = running;
}

export function configureFrames(next: FrameContext): void {
  context = next;
  receivers = [];
  constructing = [];
  liveActivations.clear();
  nodeFrameReceivers.length = nodeFrameThisArgs.length = 0;
  promiseActivations = new WeakMap();
  firstRuns.length = 0;
  collectorDepths.length = collectorElements.length = collectorLast.length = collectorAll.length = 0;
}

/** `Name: message` as V8's Error.prototype.toString prints it in stack headers. */
export function errorHeader(error: { name?: unknown; message?: unknown }): string {
  let name: string;
  let message: string;
  try {
    name = error.name === undefined ? 'Error' : String(error.name);
    message = error.message === undefined ? '' : String(error.message);
  } catch {
    return 'Error';
  }
  if (!name) return message;
  if (!message) return name;
  return `${name}: ${message}`;
}

/**
 * V8 points a call frame at the callee's name (`o.|missing()`, `|g()`), a `new` at the keyword,
 * a failed property read at the property name; QuickJS at the `(` or the `.`.
 */
function v8Column(lineText: string, column: number): number {
  const index = column - 1;
  const char = lineText[index];
  if (char === '(') {
    let start = index;
    while (start > 0 && /\s/.test(lineText[start - 1])) start -= 1;
    let end = start;
    while (start > 0 && /[\w$#]/.test(lineText[start - 1])) start -= 1;
    if (start === end) return column;
    const before = lineText.slice(0, start);
    const newMatch = /\bnew\s+$/.exec(before);
    if (newMatch) return newMatch.index + 1;
    end = start;
    return end + 1;
  }
  // A failed property read points at the name, except on a call's result (`f().x`), where V8
  // keeps the dot (measured).
  if (char === '.' && /[\w$#]/.test(lineText[index + 1] ?? '')) return isCallResult(lineText.slice(0, index)) ? column : column + 1;
  if (char === '?' && lineText[index + 1] === '.') return column + 2;
  return column;
}

/**
 * Whether the member chain that `before` ends with contains a call (`f().x`, `o.m().a.b`): V8 then
 * points a failed read at the dot. A parenthesised head (`(f()).x`) and `new F()` are not calls.
 */
function isCallResult(before: string): boolean {
  let end = before.length;
  let calls = 0;
  while (end > 0) {
    const text = before.slice(0, end).trimEnd();
    const last = text[text.length - 1];
    if (last === ')' || last === ']') {
      let depth = 0;
      let open = text.length - 1;
      for (; open >= 0; open--) {
        const char = text[open];
        if (char === ')' || char === ']') depth += 1;
        else if ((char === '(' || char === '[') && --depth === 0) break;
      }
      if (open < 0) return false;
      const previous = text.slice(0, open).trimEnd();
      // A group that follows no callee is the chain's head (a parenthesised expression).
      if (last === ')' && (!/[\w$)\]]$/.test(previous) || /\b(?:if|while|for|switch|return|typeof|void|await|in|of|new|case|throw)$/.test(previous))) return calls > 0;
      if (last === ')') calls += 1;
      end = previous.length;
      continue;
    }
    const name = /[\w$#]+$/.exec(text);
    if (!name) return calls > 0;
    const start = text.length - name[0].length;
    const previous = text.slice(0, start);
    if (/\??\.$/.test(previous)) {
      end = previous.replace(/\??\.$/, '').length;
      continue;
    }
    // The chain's head: `new Head(...)` constructs, so its first argument list is no call.
    if (/\bnew\s+$/.test(previous) && calls > 0) calls -= 1;
    return calls > 0;
  }
  return calls > 0;
}

/**
 * Maps an evaluated-code position to the user's text, in V8's column convention; `exact` keeps the
 * column as it is (a position already worked out the way V8 places it, not a QuickJS frame's).
 */
export function userPosition(line: number, column: number, exact = false): { line: number; column: number } {
  const lineText = context.evaluatedLines[line - 1] ?? '';
  let mapped = exact ? column : v8Column(lineText, column);
  if (line === 1) mapped = Math.max(1, mapped - context.lineOneShift);
  const map = context.columnMaps[String(line)];
  if (map) mapped = map[Math.min(mapped, map.length - 1)] ?? mapped;
  return { line, column: mapped };
}

/** Maps a position in an imported module's evaluated code to its file's text, in V8's column convention. */
function modulePosition(source: ModuleSource, line: number, column: number): { line: number; column: number } {
  let mapped = v8Column(source.lines[line - 1] ?? '', column);
  if (line === 1) mapped = Math.max(1, mapped - source.lineOneShift);
  return { line, column: mapped };
}

/** Where an error happened, in whichever file of the module graph: what Node's crash header quotes. */
export interface SourceSite {
  file: string;
  line: number;
  column: number;
  /** The file is the entry (whose positions the host maps itself). */
  isEntry: boolean;
  isModule: boolean;
  /** The file's text of that line (the wrapper or prologue removed). */
  lineText: string;
}

/** The first frame in a file of the user's program (the entry or an imported module). */
export function firstUserSite(quickjsStack: string): SourceSite | null {
  for (const raw of quickjsStack.split('\n')) {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(raw);
    // A syntax error's only frame is a bare location ("at /x.js:3:2").
    const location = match ? splitLocation(match[2] || match[1]) : null;
    if (!location) continue;
    if (location.file === context.fileName) {
      const position = userPosition(location.line, location.column);
      return { ...position, file: location.file, isEntry: true, isModule: context.isModule, lineText: '' };
    }
    const source = moduleSourceOf(location.file);
    if (!source) continue;
    const position = modulePosition(source, location.line, location.column);
    let lineText = source.lines[position.line - 1] ?? '';
    if (position.line === 1) lineText = lineText.slice(source.lineOneShift);
    return { ...position, file: location.file, isEntry: false, isModule: source.isModule, lineText };
  }
  return null;
}

/** The first frame of the user's file in a QuickJS stack, as a V8-style position in the user's text. */
export function firstUserPosition(quickjsStack: string): { line: number; column: number } | null {
  for (const raw of quickjsStack.split('\n')) {
    const location = parseLocation(raw);
    if (location) return userPosition(location.line, location.column);
  }
  return null;
}

function parseLocation(frame: string): { line: number; column: number } | null {
  const file = context.fileName;
  const index = frame.lastIndexOf(`${file}:`);
  if (index < 0 || !file) return null;
  const match = /^:(\d+):(\d+)/.exec(frame.slice(index + file.length));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

interface ParsedFrame {
  name: string;
  location: string;
  sandbox: boolean;
  native: boolean;
}

/**
 * Rewrites QuickJS frame lines into V8's wording; drops sandbox frames; adds Node's own.
 * `pinned`: where V8 places the top frame when it is in the program's file and QuickJS places it
 * elsewhere (a failed destructuring, which QuickJS places at its function's start), in the user's text.
 */
export function v8Frames(quickjsStack: string, isModule = context.isModule, pinned: { line: number; column: number } | null = null): string[] {
  const parsed: ParsedFrame[] = [];
  for (const raw of quickjsStack.split('\n')) {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(raw);
    if (!match) continue;
    const name = match[1];
    const location = match[2] ?? '';
    parsed.push({ name, location, sandbox: SANDBOX_FILES.some((file) => location.startsWith(file)), native: location === 'native' });
  }
  const frames: string[] = [];
  let reachedMain = false;
  // Node calls timer and immediate callbacks as methods of their Timeout/Immediate objects, so
  // V8 names the bottom user frame after them ("Timeout.f [as _onTimeout]").
  const source = context.model === 'browser' ? '' : context.currentSource();
  let callbackFrame = -1;
  if (source === 'timers' || source === 'check') {
    for (let index = parsed.length - 1; index >= 0; index--) {
      if (!parsed[index].sandbox && !parsed[index].native) {
        callbackFrame = index;
        break;
      }
    }
  }
  // Async frames follow the sync frames when a promise job resumed the async function at the bottom.
  let bottomUserFrame = -1;
  let bottomActivation: Activation | null = null;
  if (context.model !== 'node-legacy' && context.currentSource() === 'microtask') {
    for (let index = parsed.length - 1; index >= 0; index--) {
      if (parsed[index].sandbox || parsed[index].native) continue;
      if (parseLocation(parsed[index].location)) bottomUserFrame = index;
      break;
    }
  }
  const node = context.model === 'browser' ? null : nodeFrames(parsed);
  parsed.forEach((frame, index) => {
    if (frame.sandbox) {
      const text = node?.texts.get(index);
      if (text) frames.push(text);
      return;
    }
    // A native called by the sandbox's own wrappers (Reflect.construct, Function.prototype.call).
    if (frame.native && (parsed[index - 1]?.sandbox || parsed[index + 1]?.sandbox)) return;
    // V8 shows no frame for Function.prototype.call and apply: the called function sits right on its caller.
    if (frame.native && (frame.name === 'call' || frame.name === 'apply')) return;
    if (frame.native) {
      frames.push(`    at ${NATIVE_HOLDERS[frame.name] ?? frame.name} (<anonymous>)`);
      return;
    }
    const where = pinned && index === 0 && parseLocation(frame.location)
      ? decorateLocation(`${context.fileName}:${pinned.line}:${pinned.column}`, isModule)
      : formatLocation(parsed[index - 1]?.name.startsWith('set ') ? atAssignment(frame.location) : frame.location, isModule);
    if (index === callbackFrame && frame.name !== MAIN_WRAPPER_NAME && frame.name !== '<eval>') {
      const anonymous = frame.name === '<anonymous>';
      const name = source === 'timers'
        ? (anonymous ? 'Timeout._onTimeout' : `Timeout.${frame.name} [as _onTimeout]`)
        : immediateCallbackRunning
          ? (anonymous ? 'Immediate._onImmediate' : `Immediate.${frame.name} [as _onImmediate]`)
          : `Immediate.${anonymous ? '<anonymous>' : frame.name}`;
      frames.push(`    at ${name} (${where})`);
    } else if (frame.name === MAIN_WRAPPER_NAME) {
      frames.push(`    at Object.<anonymous> (${where})`);
      // A module body below which user code still runs was loaded by that code's require().
      if (parsed.slice(index + 1).some((below) => !below.sandbox && !below.native)) frames.push(...NODE_REQUIRE_FRAMES);
      reachedMain = true;
    } else if (frame.name === '<eval>') {
      frames.push(`    at ${where}`);
      reachedMain = true;
    } else {
      const location = parseLocation(frame.location);
      const entry = location ? innermostEntry(userPosition(location.line, location.column)) : -1;
      // The bottom frame of a resumed async function: the receiver its activation was called with.
      const resumed = index === bottomUserFrame ? resumedActivation(entry) : null;
      if (resumed) bottomActivation = resumed;
      // A listener is named after the emitter that called it, whatever kind of function it is.
      const defined = node?.callees.has(index)
        ? receiverFrameName(node.callees.get(index), frame.name)
        : definedFrameName(frame.name, entry, resumed ? { value: resumed[RECEIVER] } : undefined);
      if (defined) frames.push(`    at ${defined} (${where})`);
      else if (defined === null || frame.name === '<anonymous>') frames.push(`    at ${where}`);
      else if (calledWithNew(parsed[index + 1])) frames.push(`    at new ${frame.name} (${where})`);
      else frames.push(`    at ${frame.name} (${where})`);
    }
  });
  if (context.model !== 'browser') {
    if (reachedMain && !isModule) frames.push(...NODE_MAIN_FRAMES);
    // An ES module graph's bodies run inside ModuleJob.run until their first await.
    // (QuickJS names a module body's frame like any anonymous function: the bottom user frame is it.)
    else if (isModule && context.currentSource() === 'main' && frames.length > 0) frames.push(...NODE_ESM_FRAMES);
    // (A tick's callback called with arguments already shows processTicksAndRejections's own line.)
    else if (!reachedMain && !(context.currentSource() === 'nextTick' && node && [...node.texts.values()].some((text) => text.includes('.processTicksAndRejections (')))) {
      frames.push(...(NODE_SOURCE_FRAMES[context.currentSource()] ?? microtaskCallerFrames()));
    }
  }
  if (bottomActivation && frames.length < STACK_TRACE_LIMIT) frames.push(...asyncFrames(bottomActivation, STACK_TRACE_LIMIT - frames.length));
  return frames.slice(0, STACK_TRACE_LIMIT);
}

/**
 * A setter runs from an assignment, where V8 points the caller's frame at the `=` (QuickJS: at the
 * property). Returns the location moved there, or unchanged when the text is not `.name =`.
 */
function atAssignment(location: string): string {
  const match = /^(.*):(\d+):(\d+)$/.exec(location);
  if (!match || match[1] !== context.fileName) return location;
  const lineText = context.evaluatedLines[Number(match[2]) - 1] ?? '';
  const from = Number(match[3]) - 1;
  const assignment = /^\.?[\w$]+\s*=(?!=)/.exec(lineText.slice(from));
  if (!assignment) return location;
  return `${match[1]}:${match[2]}:${from + assignment[0].length}`;
}

function formatLocation(location: string, isModule: boolean): string {
  const file = context.fileName;
  let text = location;
  const index = file ? location.lastIndexOf(`${file}:`) : -1;
  if (index >= 0) {
    const match = /^:(\d+):(\d+)/.exec(location.slice(index + file.length));
    if (match) {
      const position = userPosition(Number(match[1]), Number(match[2]));
      text = `${file}:${position.line}:${position.column}`;
    }
  } else {
    // Another file of the module graph: its own wrapper or prologue, and its own kind (a CommonJS
    // file under an ES module entry is named by its path, an ES module by its URL).
    const split = splitLocation(location);
    const source = split ? moduleSourceOf(split.file) : undefined;
    if (split && source) {
      const position = modulePosition(source, split.line, split.column);
      text = `${split.file}:${position.line}:${position.column}`;
      if (context.model !== 'browser') return source.isModule && text.startsWith('/') ? `file://${text}` : text;
    }
  }
  return decorateLocation(text, isModule);
}

/** A location in V8's form: ES modules by URL, the browser's page by its server's URL. */
function decorateLocation(text: string, isModule: boolean): string {
  if (isModule && text.startsWith('/')) return `file://${text}`;
  if (context.model === 'browser' && text.startsWith('/')) return `http://127.0.0.1${text}`;
  return text;
}

/** The whole V8-style stack: header, then frames. */
export function v8Stack(error: { name?: unknown; message?: unknown }, quickjsStack: string, isModule = context.isModule): string {
  return [errorHeader(error), ...v8Frames(quickjsStack, isModule)].join('\n');
}

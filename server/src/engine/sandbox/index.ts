// The sandbox bootstrap: the first code evaluated in every fresh QuickJS context. It takes the host
// primitives from `__looplens_host` (and deletes that global so user code cannot reach them),
// installs the globals of the model (console, timers, queueMicrotask, and for Node: process,
// require of built-ins, Buffer, global; for the browser: window, document, MessageChannel, ...),
// and registers the hooks the worker calls (`__looplens_boot`, deleted by the worker right after).

import type { HostPrimitives } from './host';
import { msg } from '../../syntax/message';
import { createTimers } from './timers';
import { configureFrames, errorHeader, firstUserPosition, firstUserSite, v8Frames, type SourceSite } from './stacks';
import { createUntrackedProxy, inspect, format, formatWithOptions, installCollectionIteratorTracking, installProxyTracking, isTrackedProxy, setPromiseInspector, v8ReceiverText } from './inspect';
import { createConsole } from './console';
import { createNodeRuntime, type NodeRuntime } from './node/index';
import { emitThrowSite } from './node/events';
import { installLocaleMethods } from './locale';
import type * as UrlModule from './node/url';
import type * as BrowserModule from './browser';
import type * as IntlModule from './intl';
import { installV8Errors, pinnedPositionOf, rawStackOf, rememberLoopStep, setEvaluatedCode, syntaxCaretLength, throwSiteOf } from './errors';
import { installRejectionTracking, type RejectionTracker } from './rejections';
import { hideNewerBuiltins } from './builtins';
import type * as TraceModule from './trace';
import type { TraceRecorder } from './trace';
import { createModuleSystem, loaderErrorSite, type InternalSite, type ModuleSystem } from './modules';
import { compileChunks, setChunkCompiler } from './lazy';
import { v8JsonErrorMessage } from './modulesJson';
import { arrangeGlobalNames, nameAccessor } from './globalNames';

const global = globalThis as any;
const host: HostPrimitives = global.__looplens_host;
delete global.__looplens_host;

// Lazily compiled parts of the sandbox (lazy.ts) are compiled by the host under the sandbox's file name.
const { compileCommonJs, chunkSource } = host as {
  compileCommonJs?: (code: string, fileName: string) => (...args: unknown[]) => unknown;
  chunkSource?: (name: string) => string;
};
if (compileCommonJs && chunkSource) setChunkCompiler(compileCommonJs.bind(host), chunkSource.bind(host));

const model = host.model;
const isNode = model !== 'browser';
/**
 * The browser model's DOM and event dispatch (browser.ts), a lazily compiled chunk
 * (build/lazy-chunks.mjs): the node models never compile it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const browserModule = (): typeof BrowserModule => require('./browser') as typeof BrowserModule;
const isModule = host.isModule;
const promiseThen = Promise.prototype.then;

// ---- The language as the target runtime has it ----

/** Per-run facts (the program's code, its column maps): set by `boot.configure` before it runs. */
function configureForRun(): void {
  const evaluatedCode = host.evaluatedCode;
  // The entry file is per run as well: one prepared context serves every file of a model.
  const fileName = host.fileName;
  configureFrames({
    model,
    isModule,
    fileName,
    evaluatedLines: evaluatedCode.split('\n'),
    lineOneShift: host.lineOneShift,
    columnMaps: host.columnMaps,
    frameNames: host.frameNames,
    currentSource: () => host.currentSource(),
    insideProcessTicks: () => host.insideProcessTicks(),
    promiseState: (promise) => host.promiseState(promise),
  });
  setEvaluatedCode(evaluatedCode, fileName);
  nodeRuntime?.hooks.configure();
  sourceForToString = { code: evaluatedCode, insertions: host.insertions };
  createTrace();
}

/**
 * Function.prototype.toString returns the source text QuickJS compiled, which includes the engine's
 * rewrite (engine/rewrite.ts); the inserted pieces are cut out again so programs that print a
 * function see what they wrote.
 */
let sourceForToString: { code: string; insertions: number[][] } = { code: '', insertions: [] };
/** Built-ins the sandbox replaces with its own functions, which must still print as native code. */
const nativeLooking = new WeakMap<object, string>();
{
  const originalToString = Function.prototype.toString;
  const toString = function toString(this: unknown) {
    const nativeName = typeof this === 'function' ? nativeLooking.get(this) : undefined;
    if (nativeName !== undefined) return `function ${nativeName}() { [native code] }`;
    const text = originalToString.call(this as never);
    // V8 prints a built-in on one line: `function push() { [native code] }`.
    const native = /^((?:async )?function\*? ?[^(]*\([^)]*\)) \{\n\s*\[native code\]\n\}$/.exec(text);
    // A bound function (QuickJS: `function bound f() {...}`) has no name in V8's text (measured).
    if (native) return /^function bound /.test(native[1]) ? 'function () { [native code] }' : `${native[1]} { [native code] }`;
    if (!text.includes('__looplens_')) return text;
    const { code, insertions } = sourceForToString;
    const start = code.indexOf(text);
    if (start < 0) return text;
    const end = start + text.length;
    let result = '';
    let cursor = start;
    for (const [offset, length] of insertions) {
      if (offset + length <= start || offset >= end) continue;
      result += code.slice(cursor, Math.max(cursor, offset));
      cursor = Math.max(cursor, offset + length);
    }
    return result + code.slice(cursor, end);
  };
  // The replacement is itself a function a program can print (`String(Function.prototype.toString)`)
  // or name: it must look like V8's built-in, not show the sandbox's source or the bundler's name.
  Object.defineProperty(toString, 'name', { value: 'toString', configurable: true });
  nativeLooking.set(toString, 'toString');
  Object.defineProperty(Function.prototype, 'toString', { value: toString, writable: true, configurable: true, enumerable: false });
}

// Builtins newer than Node 20 / current Chromium behave as missing, so feature checks agree.
hideNewerBuiltins(model);

/**
 * JSON.parse with V8's error messages. QuickJS words a JSON syntax error its own way and without a
 * position ("expecting property name"); programs print `e.message`, so the failing text is re-read
 * by modulesJson.ts's re-run of V8's parser, and the message and the stack's header line are
 * replaced. The text is converted to a string once, as JSON.parse does, so a custom toString runs
 * once. Node 10's older V8 words these errors differently again; node-legacy keeps QuickJS's words.
 */
{
  const originalParse = JSON.parse;
  const parse = function parse(text: unknown, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown {
    const source = typeof text === 'string' ? text : `${text as string}`;
    try {
      return originalParse(source, reviver);
    } catch (error) {
      let message = error instanceof SyntaxError && model !== 'node-legacy' ? v8JsonErrorMessage(source) : null;
      // Chromium's newer V8 adds the line and column to a position (measured); Node 20's does not.
      const position = model === 'browser' && message !== null ? /at position (\d+)$/.exec(message) : null;
      if (position) {
        const offset = Number(position[1]);
        const before = source.slice(0, offset);
        message += ` (line ${before.split('\n').length} column ${offset - before.lastIndexOf('\n')})`;
      }
      if (message !== null && error instanceof SyntaxError) {
        const oldHeader = `${error.name}: ${error.message}`;
        Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true, enumerable: false });
        // Into V8's shape (header + frames) as every engine-made error is; QuickJS's frame inside
        // its JSON parser (`<input>:1:2`) has no V8 counterpart.
        translate(error);
        const lines = String(error.stack ?? '').split('\n').filter((line) => !/^\s+at <input>:/.test(line));
        if (lines[0] === oldHeader) lines[0] = `${error.name}: ${message}`;
        // The frame V8 shows for the built-in itself (here the sandbox's wrapper, whose frames are dropped).
        if (lines.length > 1 && !/^\s+at JSON\.parse /.test(lines[1])) lines.splice(1, 0, '    at JSON.parse (<anonymous>)');
        Object.defineProperty(error, 'stack', { value: lines.join('\n'), writable: true, configurable: true, enumerable: false });
      }
      throw error;
    }
  };
  nativeLooking.set(parse, 'parse');
  // The bundler may rename the function; V8's is called parse.
  Object.defineProperty(parse, 'name', { value: 'parse', configurable: true });
  Object.defineProperty(JSON, 'parse', { value: parse, writable: true, configurable: true, enumerable: false });
}
// Error messages and stacks in V8's words (see errors.ts for why translation happens at creation).
// The code and the entry file's name arrive per run (configureForRun).
const { translate } = installV8Errors({ isModule, evaluatedCode: '', fileName: '', callbacksByType: model === 'browser', chromium: model === 'browser', legacy: model === 'node-legacy' });

setPromiseInspector((promise) => host.promiseState(promise));
// Node and Chromium print a proxy without running its traps (Chromium as `Proxy(Object)`).
installProxyTracking(globalThis, (fn, name) => nativeLooking.set(fn, name));
// Node and Chromium print what a Map or Set iterator still holds (`[Map Iterator] { 1 }`).
installCollectionIteratorTracking((fn, name) => nativeLooking.set(fn, name));
// QuickJS has no Intl: localeCompare and the toLocale*String methods are answered by the host's V8.
if (typeof host.localeOperation === 'function') {
  installLocaleMethods({
    ask: (request) => host.localeOperation!(request),
    markNative: (fn, name) => nativeLooking.set(fn, name),
    browser: !isNode,
    englishOnly: model === 'node-legacy',
    isProxy: isTrackedProxy,
    markVarying: (what) => host.markVarying(what),
    unsupported: (what) => host.unsupported(what),
  });
}
installVaryingSources();

/**
 * The clock and randomness: values differ on every real run, so the lines that print them are
 * marked `varying` (host.markVarying) and the clock is the virtual one (time passes only when the
 * loop waits for a timer).
 */
function installVaryingSources(): void {
  const OriginalDate = Date;
  const nowMs = () => host.startEpochMs + Math.floor(host.now());
  const originalRandom = Math.random;
  Object.defineProperty(Math, 'random', {
    value: function random() {
      host.markVarying('Math.random()');
      return originalRandom();
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  const VirtualDate = function Date(this: unknown, ...args: unknown[]) {
    if (!new.target) {
      host.markVarying('Date()');
      return new OriginalDate(nowMs()).toString();
    }
    if (args.length === 0) {
      host.markVarying('new Date()');
      return Reflect.construct(OriginalDate, [nowMs()], new.target === VirtualDate ? OriginalDate : new.target);
    }
    return Reflect.construct(OriginalDate, args, new.target === VirtualDate ? OriginalDate : new.target);
  } as unknown as DateConstructor;
  Object.defineProperty(VirtualDate, 'prototype', { value: OriginalDate.prototype, writable: false });
  Object.defineProperty(OriginalDate.prototype, 'constructor', { value: VirtualDate, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(VirtualDate, 'length', { value: 7 });
  Object.defineProperty(VirtualDate, 'now', {
    value: function now() {
      host.markVarying('Date.now()');
      return nowMs();
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(VirtualDate, 'parse', { value: OriginalDate.parse, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(VirtualDate, 'UTC', { value: OriginalDate.UTC, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(global, 'Date', { value: VirtualDate, writable: true, configurable: true, enumerable: false });
  // V8 ends a date's toString and toTimeString with the time zone's name, which QuickJS (no Intl)
  // leaves out: "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)".
  for (const method of ['toString', 'toTimeString'] as const) {
    const original = OriginalDate.prototype[method];
    const withZone = {
      [method](this: Date) {
        let text: string;
        try {
          text = original.call(this);
        } catch {
          throw new TypeError(`Method Date.prototype.${method} called on incompatible receiver ${v8ReceiverText(this)}`);
        }
        const zone = host.timeZoneName?.(OriginalDate.prototype.getTime.call(this)) ?? '';
        return zone ? `${text} (${zone})` : text;
      },
    }[method];
    nativeLooking.set(withZone, method);
    Object.defineProperty(OriginalDate.prototype, method, { value: withZone, writable: true, configurable: true, enumerable: false });
  }
  if (model !== 'browser') {
    // Node's global `performance` (perf_hooks): now() counts from process start (~25 ms before the script).
    Object.defineProperty(global, 'performance', {
      value: {
        now() {
          host.markVarying('performance.now()');
          return 25 + host.now();
        },
        get timeOrigin() {
          return host.startEpochMs - 25;
        },
        mark() {},
        measure() {},
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

// ---- Unhandled rejections ----

// The engine's own promise and then, before the tracking below patches them (`for await` closes a
// sync iterator through them, a step V8 takes without any user-visible call).
const IntrinsicPromise: PromiseConstructor = global.Promise;
const intrinsicThen = IntrinsicPromise.prototype.then;
const rejections: RejectionTracker = installRejectionTracking({
  host,
  onUnhandled: (reason, promise) => reportUncaught(reason, 'unhandledRejection', promise),
  translate,
  wrapReactions: (onFulfilled, onRejected, api, promise) => {
    // Only real callbacks are jobs of their own; a missing one just passes the value along.
    if (typeof onFulfilled !== 'function' && typeof onRejected !== 'function') return [onFulfilled, onRejected];
    // A traced run also tells the host which promise the reaction waits on (its queue snapshots).
    const sides = (typeof onFulfilled === 'function' ? 1 : 0) | (typeof onRejected === 'function' ? 2 : 0);
    const id = traceRecorder ? host.registerReaction(api, promise, sides) : host.registerReaction(api);
    const wrap = (callback: unknown) => {
      if (typeof callback !== 'function') return callback;
      const user = callback as (value: unknown) => unknown;
      return (value: unknown) => {
        host.beginReaction(id);
        return user(value);
      };
    };
    return [wrap(onFulfilled), wrap(onRejected)];
  },
  // Only a traced run lists awaits in its queue snapshots; an untraced one makes no host call here.
  onAwait: (value) => {
    if (traceRecorder) host.watchAwait(value);
  },
  deferReport: model === 'browser' ? (report) => { host.postTask(report, 'event'); } : undefined,
  legacyWarning: model === 'node-legacy' ? (reason, promise) => legacyUnhandledRejection(reason, promise) : undefined,
  onRejectionHandled: isNode ? (promise, rejectionId) => rejectionHandledLate(promise, rejectionId) : undefined,
});


// ---- Errors as the runtime prints them when nobody catches them ----

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as Error).stack === 'string' && 'message' in value);
}

/**
 * Whether an uncaught value is reported as an error (its stack, `Name: message`). Chromium gives only
 * native errors the "error" subtype; an object that merely has a stack and a message is previewed
 * like any other object (measured). Node reports such look-alikes as errors.
 */
function isReportedAsError(value: unknown): value is Error {
  return model === 'browser' ? value instanceof Error : isErrorLike(value);
}

/** What the host needs to print an uncaught value the way Node (or Chromium) does. */
interface DescribedError {
  /** `Name: message` (errors) or the value's text: the part after "Uncaught " in Chromium. */
  header: string;
  /** Node's text for the value: inspect(error) (stack plus extra properties) or inspect(value). */
  report: string;
  kind: 'error' | 'object' | 'primitive';
  /** Where Node points its crash header: the throw statement, else the error's first frame. */
  throwPosition: { line: number; column: number } | null;
  /** Where the error was created (Node's header for unhandled rejections). */
  creationPosition: { line: number; column: number } | null;
  /** Node's wording of a non-error rejection reason ("42", "#<Object>"). */
  reasonText: string;
  /** Node's crash header when the throw happened in another file than the entry (a module, Node's internals). */
  throwHeader?: InternalSite | null;
  /** The same for the creation point (the header of an unhandled rejection). */
  creationHeader?: InternalSite | null;
  caretLength?: number;
}

/** Node's crash header for a position in an imported module; a `throw` statement's site is its keyword. */
function moduleHeader(site: SourceSite | null, atThrow: boolean, caretLength?: number): InternalSite | null {
  if (!site || site.isEntry) return null;
  let column = site.column;
  if (atThrow) {
    const thrown = /\bthrow\s+$/.exec(site.lineText.slice(0, column - 1));
    if (thrown) column = thrown.index + 1;
  }
  return { location: `${site.isModule ? 'file://' : ''}${site.file}:${site.line}`, text: site.lineText, column, caretLength };
}

function describeError(error: unknown): DescribedError {
  translate(error);
  const throwSite = throwSiteOf(error);
  if (isReportedAsError(error)) {
    const rawStack = String(rawStackOf(error) ?? '');
    const creation = pinnedPositionOf(error) ?? firstUserPosition(rawStack);
    let report: string;
    try {
      report = inspect(error);
    } catch {
      report = [errorHeader(error), ...v8Frames(rawStack, isModule)].join('\n');
    }
    // An error thrown in another file of the graph, or by Node's module loader, is quoted from there.
    // (An error Node's emit threw is quoted from node:events, unless the program threw it itself.)
    const internal = loaderErrorSite(error) ?? (throwSite ? undefined : emitThrowSite(error));
    const site = internal ? null : firstUserSite(rawStack);
    const caretLength = syntaxCaretLength(error);
    const throwHeader = internal ?? (throwSite ? null : moduleHeader(site, true, caretLength));
    const creationHeader = internal ?? moduleHeader(site, false, caretLength);
    return { header: errorHeader(error), report, kind: 'error', throwPosition: throwSite ?? creation, creationPosition: creation, reasonText: '', throwHeader, creationHeader, caretLength };
  }
  let text: string;
  try {
    text = typeof error === 'string' ? error : inspect(error);
  } catch {
    // A value without a usable toString (a null-prototype object) must not make describing it throw.
    try {
      text = String(error);
    } catch {
      text = Object.prototype.toString.call(error);
    }
  }
  const isObject = error !== null && (typeof error === 'object' || typeof error === 'function');
  let reasonText: string;
  if (isObject && isTrackedProxy(error)) {
    reasonText = '#<Object>';
  } else if (isObject) {
    const name = (error as { constructor?: { name?: string } }).constructor?.name;
    reasonText = typeof error === 'function' ? String(error) : `#<${name || 'Object'}>`;
  } else {
    reasonText = String(error);
  }
  return {
    header: model === 'browser' ? browserModule().browserUncaughtText(error) : text,
    report: text,
    kind: isObject ? 'object' : 'primitive',
    throwPosition: throwSite,
    creationPosition: null,
    reasonText,
  };
}

// ---- console ----

function stackFrames(): string {
  // QuickJS's own frames: the error's `stack` is already in V8's words (errors.ts translates errors
  // at creation), and translating it again would shift line 1 twice and add Node's frames twice.
  const error = new Error();
  return v8Frames(String(rawStackOf(error) ?? error.stack ?? ''), isModule).join('\n');
}

let nodeRuntime: NodeRuntime | undefined;

const consoleObject = createConsole({
  flavor: isNode ? 'node' : 'browser',
  write: (stream, text) => {
    traceOutput(host.write(stream, text), text);
  },
  now: () => host.now(),
  stack: stackFrames,
  emitWarning: isNode ? (message: string) => nodeRuntime?.process.emitWarning(message) : undefined,
});

// ---- timers and microtasks ----

const timers = createTimers({
  host,
  invalidCallback(value) {
    const error = new TypeError(`The "callback" argument must be of type function. Received ${receivedText(value)}`);
    (error as any).code = 'ERR_INVALID_ARG_TYPE';
    return error;
  },
  reportMicrotaskError: (error) => reportUncaught(error, 'uncaughtException'),
  promiseThen,
});

function receivedText(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'function') return `function ${(value as { name?: string }).name || '(anonymous)'}`;
  if (typeof value === 'object') return `an instance of ${(value as object).constructor?.name ?? 'Object'}`;
  let shown = inspect(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function defineGlobal(name: string, value: unknown, enumerable = false): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable });
}

/** Globals whose value lives in a lazily compiled chunk (lazy.ts) and is not loaded yet: name -> load. */
const lazyGlobals = new Map<string, () => unknown>();
/** Node 20 defines these globals as accessors (get/set) for good; its other globals are plain properties (measured). */
const NODE_ACCESSOR_GLOBALS = new Set(['Buffer', 'TextEncoder', 'TextDecoder']);
/** The chunk (build/lazy-chunks.mjs) each lazily made global comes from. */
const LAZY_GLOBAL_CHUNKS: Record<string, string> = { Buffer: 'buffer', TextEncoder: 'buffer', TextDecoder: 'buffer', URL: 'url', URLSearchParams: 'url', Intl: 'intl',
  AbortController: 'abort', AbortSignal: 'abort', EventTarget: 'abort', Event: 'abort', CustomEvent: 'abort', DOMException: 'abort',
};

/**
 * A global whose value is made on first use (Buffer, URL, ...: their code is a lazily compiled
 * chunk). Node's accessor globals stay accessors, as in Node; the others turn into the plain
 * property Node has when first read or assigned. The worker loads them when it compiles the
 * chunks a run needed into the prepared context (boot.chunks).
 */
function defineLazyGlobal(name: string, load: () => unknown): void {
  if (NODE_ACCESSOR_GLOBALS.has(name)) {
    let value: unknown;
    let loaded = false;
    const read = (): unknown => {
      if (!loaded) {
        value = load();
        loaded = true;
        lazyGlobals.delete(name);
      }
      return value;
    };
    lazyGlobals.set(name, read);
    const descriptor: PropertyDescriptor = {
      get: { get: () => read() }.get,
      set: {
        set(replacement: unknown) {
          value = replacement;
          loaded = true;
          lazyGlobals.delete(name);
        },
      }.set,
      configurable: true,
      enumerable: false,
    };
    // Node 20's TextEncoder accessors are named `get TextEncoder`, its Buffer's `get` (measured).
    Object.defineProperty(global, name, name === 'Buffer' ? descriptor : nameAccessor(descriptor, name));
    return;
  }
  const read = (): unknown => {
    const value = load();
    lazyGlobals.delete(name);
    defineGlobal(name, value);
    return value;
  };
  lazyGlobals.set(name, read);
  Object.defineProperty(global, name, {
    get: read,
    set(value: unknown) {
      lazyGlobals.delete(name);
      defineGlobal(name, value);
    },
    configurable: true,
    enumerable: false,
  });
}

defineGlobal('console', consoleObject);
// QuickJS has no Intl: the host's V8 answers (intl.ts, a lazily compiled chunk, on top of locale.ts).
if (typeof host.localeOperation === 'function' && global.Intl === undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  defineLazyGlobal('Intl', () => (require('./intl') as typeof IntlModule).createIntl());
}

/**
 * A namespace object the real runtimes have and QuickJS lacks (WebAssembly, Atomics). Leaving it
 * undefined would predict `typeof WebAssembly` wrongly; a stand-in is an object, as in V8, and the
 * first real use of it (a member read, or listing its keys, which printing does) stops the run as
 * unsupported, naming what was used.
 */
function unsupportedNamespace(name: string): object {
  return createUntrackedProxy(Object.create(null) as object, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then') return undefined;
      host.unsupported(`${name}.${String(property)}`);
      return undefined;
    },
    has: () => false,
    ownKeys() {
      host.unsupported(name);
      return [];
    },
  });
}
for (const name of ['WebAssembly', 'Atomics']) if (global[name] === undefined) defineGlobal(name, unsupportedNamespace(name));
// Chromium offers SharedArrayBuffer only to cross-origin-isolated pages, which a plain page is not
// (measured: `typeof SharedArrayBuffer` is 'undefined' there); Node always has it.
if (model === 'browser') delete global.SharedArrayBuffer;
for (const [name, value] of Object.entries(timers)) {
  // queueMicrotask arrived in Node 11: the legacy model's programs see it missing, as on Node 10.
  if (name === 'queueMicrotask' && model === 'node-legacy') continue;
  if (value) defineGlobal(name, value, model === 'browser');
}

// The rewrite's `for await (x of __looplens_forAwait(iterable, loop?))`: an iterable that hands out
// the iterable's own iterator behind a thin wrapper, which puts right the places where QuickJS's
// `for await` differs from V8 (next() and throw() are the iterator's own: same promises, same ticks,
// and the loop itself reads each result's `done` and `value` once, as V8 does):
//  - QuickJS calls return() also when the loop ends because next() gave done: true, and when the
//    awaited result (or, for a sync iterable, its value) rejected (measured with a return() that
//    logs, for async iterators and for sync iterables alike); V8 closes only an iterator the loop
//    leaves early: from its body, or because binding the value threw. For an async generator that
//    was worse than a stray call: the loop awaited that return() (see `loop.closing`), so
//    `for await` finished two ticks late.
//  - A loop left early calls return() but does not await it (V8 does): the promise return() gives
//    goes to `loop.closing`, and the rewrite awaits it after the loop.
// `loop` is the rewrite's per-loop state (every loop has one): its body sets `entered` when it
// starts, and every next() clears it, so a return() call with `entered` set is a loop left from
// its body. Without that mark, return() closes the iterator only when the last
// result is known, without running user code, to have given the loop a value (a data property
// `done` that is false, and for a sync iterable a value that did not reject): then binding the
// value threw. Anything else (done: true, a rejection, a thenable, a `done` getter whose answer
// only the loop saw) is the loop's own end, where V8 does not close.
interface ForAwaitLoopState {
  entered: boolean;
  closing: unknown;
}
/** `key` of `target` looked up along its prototype chain without running getters or proxy traps. */
function dataProperty(target: unknown, key: string): { found: boolean; value?: unknown; unknown?: boolean } {
  let holder: unknown = target;
  while (holder !== null && (typeof holder === 'object' || typeof holder === 'function')) {
    if (isTrackedProxy(holder)) return { found: false, unknown: true };
    const descriptor = Reflect.getOwnPropertyDescriptor(holder as object, key);
    if (descriptor) return 'value' in descriptor ? { found: true, value: descriptor.value } : { found: false, unknown: true };
    holder = Reflect.getPrototypeOf(holder as object);
  }
  return { found: false };
}
Object.defineProperty(global, '__looplens_forAwait', {
  // `site`: the facts of a pattern in the loop's head (rewrite.ts forOfSite), for V8's message when
  // a value cannot be destructured ("Cannot destructure property 'a' of '.for' as it is null.").
  value: (iterable: any, loop?: ForAwaitLoopState, site?: string) => {
    if (iterable == null) return iterable;
    const asyncMethod = iterable[Symbol.asyncIterator];
    // Spec GetIterator(async): a sync iterable is used when @@asyncIterator is undefined or null.
    const isAsync = asyncMethod != null;
    const method = isAsync ? asyncMethod : iterable[Symbol.iterator];
    if (typeof method !== 'function') return iterable;
    const wrap = () => {
      const iterator = method.call(iterable);
      if (iterator === null || (typeof iterator !== 'object' && typeof iterator !== 'function')) return iterator;
      // What the last next() returned: a promise (async iterators) or the result object (sync).
      let last: unknown;
      const wrapper: Record<string, unknown> = {
        next: (...args: unknown[]) => {
          if (loop) loop.entered = false;
          last = iterator.next(...args);
          if (site !== undefined) {
            const step = last;
            rememberLoopStep(() => awaitedStepValue(step, isAsync), site);
          }
          // The loop awaits this promise, which handles a rejection (as `__looplens_awaited` does for `await`).
          if (isAsync) rejections.markHandled(last);
          // A sync iterable's value is awaited by the loop as soon as next() returns (V8's
          // AsyncFromSyncIterator takes it with PromiseResolve and then): a rejected promise among
          // an array's items is handled once the loop reaches it, not before. A `value` getter is
          // left to the loop, which reads it once.
          else {
            const value = dataProperty(last, 'value').value;
            rejections.markHandled(value);
            if (model === 'browser') closeOnRejection(iterator, last, value);
          }
          return last;
        },
      };
      if (isAsync && typeof iterator.return === 'function') {
        wrapper.return = (...args: unknown[]) => {
          // QuickJS only checks that the close gave an object (it awaits nothing): any object will do.
          if (!(loop?.entered || gaveValue(last, isAsync))) return { value: undefined, done: true };
          const result = iterator.return(...args);
          if (loop) loop.closing = result;
          return result;
        };
      } else if (!isAsync) {
        // V8 closes a sync iterator through its AsyncFromSyncIterator, whose return() gives a promise
        // the loop awaits: already fulfilled when the iterator has no return() (one tick), else
        // fulfilled one tick after the result's value (two ticks); it reads the result's done and
        // value once. The wrapper does those steps itself and hands QuickJS a plain result, which
        // QuickJS's own AsyncFromSyncIterator then reads without running user code.
        wrapper.return = (...args: unknown[]) => {
          if (!(loop?.entered || gaveValue(last, isAsync))) return { value: undefined, done: true };
          if (typeof iterator.return !== 'function') {
            if (loop) loop.closing = IntrinsicPromise.resolve(undefined);
            return { value: undefined, done: true };
          }
          const result = iterator.return(...args);
          // Not an object: QuickJS's own close reports it (V8 rejects with a TypeError too).
          if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
            if (loop) loop.closing = result;
            return result;
          }
          const done = !!result.done;
          const value = result.value;
          if (loop) loop.closing = intrinsicThen.call(IntrinsicPromise.resolve(value), (settled: unknown) => ({ value: settled, done }));
          return { value, done };
        };
      }
      if (typeof iterator.throw === 'function') wrapper.throw = (...args: unknown[]) => iterator.throw(...args);
      return wrapper;
    };
    return isAsync ? { [Symbol.asyncIterator]: wrap } : { [Symbol.iterator]: wrap };
  },
  enumerable: false,
  configurable: true,
  writable: false,
});
/**
 * Chromium (measured: 156) closes a sync iterator whose value rejected, the later spec change that
 * Node 20's V8 lacks: its AsyncFromSyncIterator's rejection handler calls return() and then rejects
 * the loop's promise. A reaction registered here, before QuickJS's own on the same promise, runs in
 * the same job turn just before it: the close comes at the tick V8 makes it. An error from return()
 * is dropped, as IteratorClose drops it under a throw.
 */
function closeOnRejection(iterator: any, result: unknown, value: unknown): void {
  const done = dataProperty(result, 'done');
  if (!(value instanceof IntrinsicPromise) || done.unknown || done.value) return;
  intrinsicThen.call(value, undefined, () => {
    try {
      if (typeof iterator.return === 'function') iterator.return();
    } catch {
      // The loop throws the rejection, not the close's error.
    }
  });
}
/**
 * The value a `for await` step gives the loop's head, when known without running user code: the
 * result's data `value` (for an async iterator, of the result its promise fulfilled with; for a
 * sync iterable, what a native promise value fulfilled with). Null otherwise.
 */
function awaitedStepValue(last: unknown, isAsync: boolean): { value: unknown } | null {
  let result: unknown = last;
  if (isAsync) {
    const settled = last !== null && typeof last === 'object' ? host.promiseState(last as object) : undefined;
    if (!settled || settled.state !== 'fulfilled') return null;
    result = settled.value;
  }
  const value = dataProperty(result, 'value');
  if (value.unknown) return null;
  if (isAsync || value.value === null || typeof value.value !== 'object') return { value: value.value };
  if (!(value.value instanceof IntrinsicPromise)) return dataProperty(value.value, 'then').found ? null : { value: value.value };
  const settled = host.promiseState(value.value as object);
  return settled?.state === 'fulfilled' ? { value: settled.value } : null;
}

/**
 * Whether `last` (a next() result, or for an async iterator a promise of one) is known, without
 * running user code, to have handed the loop a value: a result whose `done` is a data property
 * that is false, fulfilled (async) or with a value that did not reject (sync).
 */
function gaveValue(last: unknown, isAsync: boolean): boolean {
  let result: unknown = last;
  if (isAsync) {
    // A thenable that is not a native promise: its answer went to the loop only.
    const settled = last !== null && typeof last === 'object' ? host.promiseState(last as object) : undefined;
    if (!settled || settled.state !== 'fulfilled') return false;
    result = settled.value;
  }
  const done = dataProperty(result, 'done');
  if (!done.found || done.value) return false;
  if (isAsync) return true;
  const value = dataProperty(result, 'value');
  const valueState = value.found && value.value !== null && typeof value.value === 'object' ? host.promiseState(value.value as object) : undefined;
  return valueState?.state !== 'rejected';
}

// The rewrite's `__looplens_resumed(await x, line, column)`: the continuation names its await.
Object.defineProperty(global, '__looplens_resumed', {
  value: (value: unknown, line: number, column: number) => {
    host.resumeAwait(line, column);
    return value;
  },
  enumerable: false,
  configurable: true,
  writable: false,
});

// Node < 11's three-tick `await` (see engine/legacyAwait.ts, which wraps every await operand).
if (model === 'node-legacy') {
  const OriginalPromise = Promise;
  defineGlobal('__looplens_legacyAwait', (value: unknown) => new OriginalPromise((resolve) => resolve(value)));
}

// ---- Uncaught errors: the program's own handlers first, then the host's report ----

function reportUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection', promise?: unknown): void {
  if (handleUncaught(error, origin, promise)) return;
  host.reportUncaught(error, origin);
}

function handleUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection', promise?: unknown, fromPromise = false): boolean {
  translate(error);
  traceRecorder?.onUncaught(error);
  if (isNode) return nodeRuntime ? nodeRuntime.hooks.dispatchUncaught(error, origin, promise, fromPromise) : false;
  return browserHooks?.dispatchError(error, origin, promise) ?? false;
}

// ---- Node: process, require, module, Buffer ----

let nodeRequire: ((name: string) => unknown) | undefined;

if (isNode) {
  nodeRuntime = createNodeRuntime(host, { inspect, format, formatWithOptions, createConsole } as never);
  const runtime = nodeRuntime;
  defineGlobal('process', runtime.process);
  defineGlobal('global', global);
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(runtime.globals))) {
    if (global[name] !== undefined) continue;
    if (descriptor.get) defineLazyGlobal(name, descriptor.get);
    else defineGlobal(name, descriptor.value);
  }
  defineGlobal('structuredClone', structuredCloneShim);
  // Node 18+ has a global fetch (undici); a prediction cannot reach the network, so calling it stops
  // the run as unsupported, naming the call, as the browser model's fetch does.
  if (model !== 'node-legacy') {
    defineGlobal('fetch', {
      fetch(_input: unknown): Promise<never> {
        host.unsupported('fetch()', msg('network access'));
        return new Promise<never>(() => undefined);
      },
    }.fetch);
  }
  nodeRequire = function require(name: string): unknown {
    if (typeof name !== 'string') {
      const error = new TypeError(`The "id" argument must be of type string. Received ${receivedText(name)}`);
      (error as any).code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    const load = runtime.builtins[name];
    if (load) return load();
    if (name.startsWith('./') || name.startsWith('../') || name.startsWith('/')) {
      host.unsupported(`require('${name}')`, msg('other files of the workspace are not loaded yet'));
    } else {
      host.unsupported(`require('${name}')`, msg('a package LoopLens does not model'));
    }
    const error = new Error(`Cannot find module '${name}'`);
    (error as any).code = 'MODULE_NOT_FOUND';
    throw error;
  };
  // Node 20.16+: built-ins without `require` (also from ES modules). It goes through the same
  // loaders, so the modules LoopLens cannot model stop the run here too instead of being missing.
  runtime.process.getBuiltinModule = function getBuiltinModule(id: unknown): unknown {
    if (typeof id !== 'string') {
      const error = new TypeError(`The "id" argument must be of type string. Received ${receivedText(id)}`);
      (error as any).code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    const load = runtime.builtins[id];
    return load ? load() : undefined;
  };
}

// The files of the workspace: Node's CommonJS loader (modules.ts) on top of the built-ins above.
const moduleSystem: ModuleSystem | undefined = nodeRuntime && nodeRequire
  ? createModuleSystem({ host, builtins: nodeRuntime.builtins, emitWarning: (message) => nodeRuntime!.process.emitWarning(message), unknownBuiltin: nodeRequire })
  : undefined;

/**
 * Node 17+ and Chromium have structuredClone; QuickJS does not. The HTML algorithm as V8's
 * serializer does it (measured on node 20.20.2 and Chromium): primitive wrappers, Date, RegExp,
 * Map, Set, arrays with their holes and extra keys, ArrayBuffer with the typed arrays and DataViews
 * over it (one buffer stays one buffer), errors as their built-in type by `name` (a subclass
 * becomes Error) with message, stack and cause, plain objects by their own enumerable keys (getters
 * read); functions, symbols, promises and weak collections are a DataCloneError. Chromium words
 * its errors after the method (`Failed to execute 'structuredClone' on 'Window': ...`).
 */
function structuredCloneShim(...args: unknown[]): unknown {
  const prefix = model === 'browser' ? "Failed to execute 'structuredClone' on 'Window': " : '';
  if (args.length === 0) {
    if (model === 'browser') throw new TypeError(`${prefix}1 argument required, but only 0 present.`);
    const error = new TypeError('The value argument must be specified');
    (error as any).code = 'ERR_MISSING_ARGS';
    throw error;
  }
  const seen = new Map<unknown, unknown>();
  const notCloneable = (text: string) => domException(`${prefix}${text} could not be cloned.`);
  const keep = <T>(input: unknown, output: T): T => {
    seen.set(input, output);
    return output;
  };
  const copyKeys = (input: object, output: Record<string, unknown>, skip?: (key: string) => boolean) => {
    for (const key of Object.keys(input)) if (!skip?.(key)) output[key] = clone((input as Record<string, unknown>)[key]);
  };
  const clone = (input: unknown): unknown => {
    if (typeof input === 'function') throw notCloneable(String(input));
    if (typeof input === 'symbol') throw notCloneable(String(input));
    if (typeof input !== 'object' || input === null) return input;
    if (seen.has(input)) return seen.get(input);
    if (input instanceof Boolean || input instanceof Number || input instanceof String || input instanceof BigInt) return keep(input, Object(input.valueOf()));
    if (input instanceof Date) return keep(input, new Date(input.getTime()));
    if (input instanceof RegExp) return keep(input, new RegExp(input.source, input.flags));
    if (input instanceof ArrayBuffer) return keep(input, input.slice(0));
    if (ArrayBuffer.isView(input)) {
      const buffer = clone(input.buffer) as ArrayBuffer;
      const View = input.constructor as new (buffer: ArrayBuffer, offset: number, length?: number) => unknown;
      const length = input instanceof DataView ? input.byteLength : (input as unknown as { length: number }).length;
      return keep(input, new View(buffer, input.byteOffset, length));
    }
    if (input instanceof Map) {
      const out = keep(input, new Map());
      for (const [key, entry] of input) out.set(clone(key), clone(entry));
      return out;
    }
    if (input instanceof Set) {
      const out = keep(input, new Set());
      for (const entry of input) out.add(clone(entry));
      return out;
    }
    if (Array.isArray(input)) {
      const out = keep(input, new Array(input.length) as unknown[]);
      copyKeys(input, out as unknown as Record<string, unknown>);
      return out;
    }
    // The browser's DOMException, AbortSignal and AbortController (browserAbort.ts).
    const platform = browserHooks?.platformClone(input);
    if (platform && 'uncloneable' in platform) throw notCloneable(platform.uncloneable);
    if (platform) return keep(input, platform.copy);
    if (input instanceof Error) {
      const name = (input as { name?: unknown }).name;
      const Type = typeof name === 'string' && ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'].includes(name) ? global[name] as ErrorConstructor : Error;
      const out = keep(input, Object.prototype.hasOwnProperty.call(input, 'message') ? new Type(String(input.message)) : new Type());
      Object.defineProperty(out, 'stack', { value: input.stack, writable: true, enumerable: false, configurable: true });
      if (Object.prototype.hasOwnProperty.call(input, 'cause')) {
        Object.defineProperty(out, 'cause', { value: clone((input as { cause?: unknown }).cause), writable: true, enumerable: false, configurable: true });
      }
      return out;
    }
    for (const Uncloneable of [Promise, WeakMap, WeakSet, WeakRef, FinalizationRegistry]) {
      if (typeof Uncloneable === 'function' && input instanceof Uncloneable) throw notCloneable(`#<${Uncloneable.name}>`);
    }
    const out = keep(input, {} as Record<string, unknown>);
    copyKeys(input, out);
    return out;
  };
  return clone(args[0]);
}
Object.defineProperty(structuredCloneShim, 'length', { value: 1 });

/** DataCloneError is a DOMException: Node's (node/abort.ts), Chromium's (browserAbort.ts); node-legacy's an Error of that name and code. */
function domException(message: string): Error {
  const made = nodeRuntime?.domException?.(message, 'DataCloneError') ?? browserHooks?.domException(message, 'DataCloneError');
  if (made) return made;
  const error = new Error(message) as Error & { code: number };
  error.name = 'DataCloneError';
  error.code = 25;
  return error;
}

// ---- Browser: window, document, MessageChannel, requestAnimationFrame, ... ----

const browserHooks = model === 'browser'
  ? browserModule().installBrowserGlobals({ host, reportUncaught: (error) => reportUncaught(error, 'uncaughtException'), checkpoint: () => host.runMicrotasks() })
  : undefined;
if (model === 'browser') {
  defineGlobal('structuredClone', structuredCloneShim);
  // The WHATWG URL of Node's library (node/url.ts) is the same standard Chromium implements.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const url = (require('./node/url') as typeof UrlModule).createUrl({ host, cwd: () => '/' });
  defineGlobal('URL', url.URL);
  defineGlobal('URLSearchParams', url.URLSearchParams);
}

// ---- Replaced globals look like the runtime's own ----
// The sandbox puts its own functions in place of some globals, and the bundler renames some of
// them (`Date2`, `Promise2`) or they are anonymous: V8 shows each under its global's name
// (`[Function: Date]`), and prints the source of an engine or Web built-in as `[native code]`
// (Node's timers are JavaScript, whose source no program can expect to match anyway).
{
  const engineNatives = ['Date', 'Promise', 'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'structuredClone'];
  const webNatives = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame'];
  const named = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', ...engineNatives];
  const keysOf = new Map<unknown, string[]>();
  for (const key of named) {
    const value = global[key];
    if (typeof value === 'function') keysOf.set(value, [...(keysOf.get(value) ?? []), key]);
  }
  for (const [value, keys] of keysOf) {
    // One function serving two globals (clearTimeout and clearInterval) keeps its own name.
    if (keys.length !== 1) continue;
    const key = keys[0];
    const fn = value as object;
    if (Object.getOwnPropertyDescriptor(fn, 'name')?.value !== key) Object.defineProperty(fn, 'name', { value: key, configurable: true });
    if (engineNatives.includes(key) || (model === 'browser' && webNatives.includes(key))) nativeLooking.set(fn, key);
  }
}

// ---- The global object's own names, as a program lists them (globalNames.ts) ----
const hideGlobalName = arrangeGlobalNames({ model, unsupportedNamespace, markNative: (fn, name) => nativeLooking.set(fn, name) });

/** Node < 15 only warned about an unhandled rejection and went on (exit code 0). */
let legacyWarningCount = 0;
/**
 * Node < 15 on an unhandled rejection: the program's `unhandledRejection` listeners when it has
 * some (then no warning, measured on Node 10.24.1), else the warning below.
 */
function legacyUnhandledRejection(reason: unknown, promise: unknown): void {
  const proc = nodeRuntime?.process;
  if (proc && proc.listenerCount('unhandledRejection') > 0) {
    translate(reason);
    proc.emit('unhandledRejection', reason, promise);
    return;
  }
  legacyRejectionWarning(reason);
}

/**
 * Node's module job, when a ReferenceError for a CommonJS name escapes an ES module, adds where the
 * name is missing before anyone sees the error (measured on node 20.20.2: `require is not defined
 * in ES module scope, you can use import instead`, `module is not defined in ES module scope`; a
 * ReferenceError caught inside the module keeps V8's words). The stack's first line says it too.
 */
function explainCommonJsNameInModule(error: unknown): void {
  if (!(error instanceof ReferenceError)) return;
  const match = /^(require|module|exports|__filename|__dirname) is not defined$/.exec(String(error.message));
  if (!match) return;
  const message = `${match[0]} in ES module scope${match[1] === 'require' ? ', you can use import instead' : ''}`;
  const stack = error.stack;
  try {
    error.message = message;
    if (typeof stack === 'string' && stack.startsWith(`ReferenceError: ${match[0]}`)) {
      error.stack = `ReferenceError: ${message}${stack.slice(`ReferenceError: ${match[0]}`.length)}`;
    }
  } catch {}
}

/**
 * A rejection reported as unhandled got its handler later: Node emits `rejectionHandled` with the
 * promise, or, when nobody listens, warns (measured on node 20.20.2 and Node 10.24.1:
 * `PromiseRejectionHandledWarning: Promise rejection was handled asynchronously (rejection id: 1)`).
 */
function rejectionHandledLate(promise: unknown, rejectionId: number): void {
  const proc = nodeRuntime?.process;
  if (!proc || proc.emit('rejectionHandled', promise)) return;
  const warning = new Error(`Promise rejection was handled asynchronously (rejection id: ${rejectionId})`);
  warning.name = 'PromiseRejectionHandledWarning';
  proc.emitWarning(warning);
}

function legacyRejectionWarning(reason: unknown): void {
  legacyWarningCount += 1;
  const text = isErrorLike(reason) ? inspect(reason) : inspect(reason);
  const pid = 4242;
  let message = `(node:${pid}) UnhandledPromiseRejectionWarning: ${text}\n(node:${pid}) UnhandledPromiseRejectionWarning: Unhandled promise rejection. This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). (rejection id: ${legacyWarningCount})\n`;
  if (legacyWarningCount === 1) {
    message += `(node:${pid}) [DEP0018] DeprecationWarning: Unhandled promise rejections are deprecated. In the future, promise rejections that are not handled will terminate the Node.js process with a non-zero exit code.\n`;
  }
  host.write('stderr', message);
}

// ---- The execution-context trace (when requested) ----

let traceRecorder: TraceRecorder | undefined;
function createTrace(): void {
  const functions = host.traceFunctions;
  if (!functions) return;
  // A lazily compiled chunk (build/lazy-chunks.mjs): only runs that draw the context tree need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTraceRecorder, withPristineBuiltins } = require('./trace') as typeof TraceModule;
  traceRecorder = createTraceRecorder({
    functions: functions as never,
    now: () => host.now(),
    step: () => host.step(),
    currentSource: () => host.currentSource(),
    job: () => host.step(),
    // The trace's values are formatted without running the program's code (see trace.ts), nor
    // the program's replacements of built-in methods (withPristineBuiltins).
    inspect: (value: unknown) => withPristineBuiltins(() => inspect(value, { depth: 0, breakLength: Infinity, customInspect: false, getters: false })),
  } as never);
  Object.defineProperty(global, '__ll_trace', { value: traceRecorder.hooks, enumerable: false, configurable: true, writable: false });
  hideGlobalName('__ll_trace');
}

function traceOutput(firstIndex: number, text: string): void {
  if (!traceRecorder || firstIndex < 0) return;
  const lines = model === 'browser' ? 1 : Math.max(1, text.replace(/\n$/, '').split('\n').length);
  for (let index = 0; index < lines; index++) traceRecorder.onOutput(firstIndex + index);
}

// ---- Hooks for the worker ----

const boot = {
  /** Calls the CommonJS wrapper of the user's file as Node's Module._compile does. */
  runMain(mainFunction: (...args: unknown[]) => unknown) {
    if (moduleSystem) return moduleSystem.runMain(mainFunction, host.fileName);
    const module = { id: '.', path: host.cwd, exports: {}, filename: host.fileName, loaded: false, children: [], paths: [] as string[] };
    const dirname = host.fileName.slice(0, host.fileName.lastIndexOf('/')) || '/';
    const require = nodeRequire ?? (() => undefined);
    (require as any).main = module;
    (require as any).cache = {};
    (require as any).resolve = (name: string) => name;
    mainFunction.call(module.exports, module.exports, require, module, host.fileName, dirname);
    module.loaded = true;
  },
  /** The program's own handlers (process 'uncaughtException', window 'error'); true when handled. */
  handleUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection' | 'moduleJob'): boolean {
    if (origin !== 'moduleJob') return handleUncaught(error, origin);
    explainCommonJsNameInModule(error);
    return handleUncaught(error, 'uncaughtException', undefined, true);
  },
  emitProcessEvent(event: string): void {
    if (!nodeRuntime) return;
    if (event === 'beforeExit') nodeRuntime.hooks.emitBeforeExit();
    else if (event === 'exit') nodeRuntime.hooks.emitExit();
  },
  /** Called by the host after each drain: promises rejected with no handler are reported now. */
  processRejections(): void {
    rejections.process();
  },
  flush(): void {
    nodeRuntime?.hooks.flush();
  },
  describeError,
  /** Whether an uncaught value is a proxy, which the host must not read (its traps would run). */
  isProxy: isTrackedProxy,
  configure(): void {
    configureForRun();
  },
  /** The first task (the classic script) is over: the browser model's page finishes loading. */
  afterScript(): void {
    browserHooks?.pageLoaded();
  },
  dumpTrace(): string {
    return traceRecorder ? JSON.stringify(traceRecorder.dump()) : '';
  },
  /**
   * The lazily compiled chunks (lazy.ts) this context has compiled, comma-separated, after
   * compiling the ones `names` lists: the worker asks after a run and compiles what the run
   * needed into the prepared context.
   */
  chunks(names: string): string {
    const compiled = compileChunks(names);
    // In the prepared context: the globals whose chunks are now compiled are loaded (and become
    // plain properties, where Node has those).
    if (names) {
      const chunks = new Set(compiled.split(','));
      for (const [name, read] of [...lazyGlobals]) if (chunks.has(LAZY_GLOBAL_CHUNKS[name])) read();
    }
    return compiled;
  },
};

Object.defineProperty(global, '__looplens_boot', { value: boot, configurable: true, enumerable: false });

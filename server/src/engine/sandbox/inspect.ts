// Node's `util.inspect` / `util.format` and Chromium's console text, written for the sandbox.
//
// This file runs inside QuickJS (ES2020, no Node built-ins), so every type check below is a
// side-effect-free brand check built from standard intrinsics (calling a getter that throws on the
// wrong receiver) instead of V8's internal type predicates. The layout algorithm follows the
// behaviour of Node 20's `lib/internal/util/inspect.js` (same line-breaking budget, the same
// `groupArrayElements` column heuristic, the same quoting rules) because the goal is byte-identical
// output; the tests compare every case with the real `util.inspect` of the Node that runs them.
//
// What the sandbox bootstrap should wire (once, before user code runs):
// - setPromiseInspector(p => state): QuickJS reveals promise states only to the host; without it
//   every promise prints as `Promise { <pending> }`.
// - installProxyTracking(): proxies then print as their target without running traps.
// - installCollectionIteratorTracking(): `map.keys()` and friends then show their entries.
// - node-legacy model: inspectNode10 / formatNode10 / formatWithOptionsNode10 (Node 10.24's text)
//   and createConsole({ legacy: true, ... }) in console.ts.
// - browser model: browserFormat(args) is Chromium's console text (console.ts uses it).

// @ts-expect-error -- an ESM-only package: esbuild bundles it, but tsc's Node16 check assumes a CommonJS require.
import { eastAsianWidth, eastAsianWidthType } from 'get-east-asian-width';

/** Options accepted by `inspect`, the subset of Node's options that a console user can reach. */
export interface InspectOptions {
  depth?: number | null;
  colors?: boolean;
  showHidden?: boolean;
  compact?: number | boolean;
  breakLength?: number;
  sorted?: boolean | ((a: string, b: string) => number);
  maxArrayLength?: number | null;
  maxStringLength?: number | null;
  customInspect?: boolean;
  showProxy?: boolean;
  getters?: boolean | 'get' | 'set';
  numericSeparator?: boolean;
  [key: string]: unknown;
}

/** What the host knows about a promise: QuickJS exposes the state to the embedder only. */
export interface PromiseDetails {
  state: 'pending' | 'fulfilled' | 'rejected';
  value?: unknown;
}

type PromiseInspector = (promise: object) => PromiseDetails | undefined;
/** A proxy's target and handler; both null once the proxy is revoked. */
export interface ProxyDetails {
  target: object | null;
  handler?: object | null;
}

type ProxyInspector = (value: object) => ProxyDetails | undefined;

let promiseInspector: PromiseInspector | undefined;
let proxyInspector: ProxyInspector | undefined;

/**
 * Installs the host hook that reveals a promise's state. Without it a promise prints as
 * `Promise { <pending> }`, because plain JavaScript cannot read the state synchronously.
 * The hook returns `undefined` for values that are not promises.
 */
export function setPromiseInspector(inspector: PromiseInspector | undefined): void {
  promiseInspector = inspector;
}

/**
 * Installs the hook that maps a Proxy to its target (the sandbox can record targets when it wraps
 * the `Proxy` constructor). Node prints a proxy as its target without running any trap.
 */
export function setProxyInspector(inspector: ProxyInspector | undefined): void {
  proxyInspector = inspector;
}

/**
 * The Proxy constructor as it was before installProxyTracking() replaced it. A proxy made with it
 * is not tracked, so printing it runs its traps: the engine's stand-ins for what it cannot model
 * (unsupported modules, WebAssembly, Atomics) rely on that to stop the run when a program prints
 * them, instead of printing their empty target as if it were the real thing.
 */
const UntrackedProxy = Proxy;

/** A proxy that util.inspect and the console treat as an ordinary object (see UntrackedProxy). */
export function createUntrackedProxy<T extends object>(target: T, handler: ProxyHandler<T>): T {
  return new UntrackedProxy(target, handler);
}

let proxyHandlerAdapter: ((target: unknown, handler: unknown) => unknown) | undefined;

/**
 * Installs what a program's `new Proxy(target, handler)` and `Proxy.revocable` use as the handler
 * in place of the one given (globalNames.ts: a proxy of the global object lists no sandbox name).
 * The proxy is still recorded with the program's own handler.
 */
export function setProxyHandlerAdapter(adapter: (target: unknown, handler: unknown) => unknown): void {
  proxyHandlerAdapter = adapter;
}

/**
 * Replaces `globalThis.Proxy` with a look-alike that records every proxy's target and handler, and
 * installs the matching proxy inspector, so that printing a proxy shows its target without running
 * any trap (as Node and Chromium do). Call it once, before user code runs. The replacement is
 * itself a proxy of the original constructor, so `Proxy.name`, `length`, the missing `prototype`
 * and `new`-only construction behave as before. `markNative` registers the functions it adds
 * (`Proxy.revocable`, each `revoke`) so that their source prints as native code.
 */
export function installProxyTracking(global: { Proxy: ProxyConstructor } = globalThis, markNative?: (fn: object, name: string) => void): void {
  const OriginalProxy = global.Proxy;
  const details = new WeakMap<object, ProxyDetails>();
  const adapted = (target: unknown, handler: unknown): unknown => (proxyHandlerAdapter ? proxyHandlerAdapter(target, handler) : handler);
  const revocable = (target: object, handler: ProxyHandler<object>): { proxy: object; revoke: () => void } => {
    const result = OriginalProxy.revocable(target, adapted(target, handler) as ProxyHandler<object>);
    const record: ProxyDetails = { target, handler };
    details.set(result.proxy, record);
    const revokeOriginal = result.revoke;
    // An anonymous function, like the original `revoke`.
    result.revoke = [() => {
      record.target = null;
      record.handler = null;
      revokeOriginal();
    }][0];
    markNative?.(result.revoke, '');
    return result;
  };
  global.Proxy = new OriginalProxy(OriginalProxy, {
    construct(target, args, newTarget) {
      const proxy = Reflect.construct(target, args.length < 2 ? args : [args[0], adapted(args[0], args[1]), ...args.slice(2)], newTarget) as object;
      details.set(proxy, { target: args[0] as object, handler: args[1] as object });
      return proxy;
    },
    get(target, key, receiver) {
      if (key === 'revocable') return revocable;
      return Reflect.get(target, key, receiver);
    },
  });
  Object.defineProperty(revocable, 'name', { value: 'revocable' });
  markNative?.(revocable, 'revocable');
  setProxyInspector((value) => details.get(value));
}

/**
 * Objects whose printed properties depend on the real clock or the runtime's bookkeeping (Node's
 * timer objects: start times, async ids). Expanding one reports it, so the printed line is marked
 * varying the way Date.now() marks it; a collapsed `[Timeout]` shows nothing that varies.
 */
const varyingWhenExpanded = new WeakMap<object, string>();
let varyingReporter: ((what: string) => void) | undefined;

/** Registers `value` as printing something that varies from run to run (`what` names it). */
export function markVaryingWhenExpanded(value: object, what: string): void {
  varyingWhenExpanded.set(value, what);
}

/** Installs the sandbox's reporter for {@link markVaryingWhenExpanded} objects (host.markVarying). */
export function setVaryingReporter(reporter: ((what: string) => void) | undefined): void {
  varyingReporter = reporter;
}

export const customInspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

const defaultOptions = {
  showHidden: false,
  depth: 2 as number | null,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100 as number | null,
  maxStringLength: 10000 as number | null,
  breakLength: 80,
  compact: 3 as number | boolean,
  sorted: false as InspectOptions['sorted'],
  getters: false as InspectOptions['getters'],
  numericSeparator: false,
};

type Stylize = (text: string, styleType: string) => string;

interface Context {
  budget: Record<number, number>;
  indentationLvl: number;
  seen: unknown[];
  currentDepth: number;
  stylize: Stylize;
  showHidden: boolean;
  depth: number;
  colors: boolean;
  customInspect: boolean;
  showProxy: boolean;
  maxArrayLength: number;
  maxStringLength: number;
  breakLength: number;
  compact: number | boolean;
  sorted: InspectOptions['sorted'];
  getters: InspectOptions['getters'];
  numericSeparator: boolean;
  circular?: Map<unknown, number>;
  userOptions?: InspectOptions;
  /** Print as Node 10.24 did (the node-legacy model): see inspectNode10. */
  legacy: boolean;
}

// Kinds of entries a formatter produces: plain object properties, array elements (printed without
// their key) and the extra (non-index) keys of arrays, which are printed with their key.
const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;

// Minimum length of a string before it may be split over several lines.
const kMinLineWidth = 16;

const stylizeNoColor: Stylize = (text) => text;

// ANSI colors, used only when a caller explicitly asks for `colors: true`.
const colorCodes: Record<string, [number, number]> = {
  bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27],
  white: [37, 39], grey: [90, 39], black: [30, 39], blue: [34, 39], cyan: [36, 39],
  green: [32, 39], magenta: [35, 39], red: [31, 39], yellow: [33, 39],
};
const colorStyles: Record<string, string> = {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey',
  null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
};
const stylizeWithColor: Stylize = (text, styleType) => {
  const style = colorStyles[styleType];
  if (style !== undefined) {
    const color = colorCodes[style];
    if (color !== undefined) return `\u001b[${color[0]}m${text}\u001b[${color[1]}m`;
  }
  return text;
};

// ---------------------------------------------------------------------------------------------
// Brand checks. Each calls an intrinsic accessor that throws for the wrong receiver; none of them
// runs user code (getters on the value itself are never touched).

const objectToString = Object.prototype.toString;
const hasOwn = (value: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(value, key);
const isEnumerable = (value: object, key: PropertyKey): boolean => Object.prototype.propertyIsEnumerable.call(value, key);

function getterOf(proto: object | undefined, key: PropertyKey): ((this: unknown) => unknown) | undefined {
  if (proto === undefined) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(proto, key);
  return descriptor?.get as ((this: unknown) => unknown) | undefined;
}

function brand(check: (() => unknown) | undefined): boolean {
  if (check === undefined) return false;
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

const mapSizeGetter = getterOf(Map.prototype, 'size');
const setSizeGetter = getterOf(Set.prototype, 'size');
const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTagGetter = getterOf(typedArrayPrototype, Symbol.toStringTag);
// Read through the intrinsic getter: a typed array whose prototype was replaced has no `length`.
const typedArrayLengthGetter = getterOf(typedArrayPrototype, 'length');
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function' ? getterOf(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const dataViewByteLength = getterOf(DataView.prototype, 'byteLength');
const regExpSourceGetter = getterOf(RegExp.prototype, 'source');
const mapIteratorPrototype = Object.getPrototypeOf(new Map().entries()) as object;
const setIteratorPrototype = Object.getPrototypeOf(new Set().entries()) as object;
const generatorFunctionPrototype = Object.getPrototypeOf(function* () { /* sample */ }) as object;
const asyncFunctionPrototype = Object.getPrototypeOf(async function () { /* sample */ }) as object;
const asyncGeneratorFunctionPrototype = Object.getPrototypeOf(async function* () { /* sample */ }) as object;

// A failed brand check throws, and throwing is slow in QuickJS (tens of microseconds, with a stack
// trace). So a check only runs when the value could carry the brand: when the built-in's prototype
// is on its chain, or when the chain is unusual (it does not reach Object.prototype, e.g. a
// null-prototype value), where only the brand can tell.
function couldBe(value: object, builtinPrototype: object | undefined): boolean {
  if (builtinPrototype === undefined) return false;
  return !(value instanceof Object) || Object.prototype.isPrototypeOf.call(builtinPrototype, value);
}

const isMap = (value: object): boolean => couldBe(value, Map.prototype) && brand(() => mapSizeGetter!.call(value));
const isSet = (value: object): boolean => couldBe(value, Set.prototype) && brand(() => setSizeGetter!.call(value));
const isWeakMap = (value: object): boolean => couldBe(value, WeakMap.prototype) && brand(() => WeakMap.prototype.has.call(value, {}));
const isWeakSet = (value: object): boolean => couldBe(value, WeakSet.prototype) && brand(() => WeakSet.prototype.has.call(value, {}));
const isDate = (value: object): boolean => couldBe(value, Date.prototype) && brand(() => Date.prototype.getTime.call(value));
const isRegExp = (value: object): boolean => couldBe(value, RegExp.prototype) && brand(() => regExpSourceGetter!.call(value));
const typedArrayName = (value: object): string | undefined => {
  if (!couldBe(value, typedArrayPrototype)) return undefined;
  try {
    return typedArrayTagGetter!.call(value) as string | undefined;
  } catch {
    return undefined;
  }
};
const isArrayBuffer = (value: object): boolean => couldBe(value, ArrayBuffer.prototype) && brand(() => arrayBufferByteLength!.call(value));
const isSharedArrayBuffer = (value: object): boolean =>
  sharedArrayBufferByteLength !== undefined && couldBe(value, SharedArrayBuffer.prototype) && brand(() => sharedArrayBufferByteLength.call(value));
const isDataView = (value: object): boolean => couldBe(value, DataView.prototype) && brand(() => dataViewByteLength!.call(value));
const isNumberObject = (value: object): boolean => couldBe(value, Number.prototype) && brand(() => Number.prototype.valueOf.call(value));
const isStringObject = (value: object): boolean => couldBe(value, String.prototype) && brand(() => String.prototype.valueOf.call(value));
const isBooleanObject = (value: object): boolean => couldBe(value, Boolean.prototype) && brand(() => Boolean.prototype.valueOf.call(value));
const isSymbolObject = (value: object): boolean => couldBe(value, Symbol.prototype) && brand(() => Symbol.prototype.valueOf.call(value));
const isBigIntObject = (value: object): boolean =>
  typeof BigInt === 'function' && couldBe(value, BigInt.prototype) && brand(() => BigInt.prototype.valueOf.call(value));
const isBoxedPrimitive = (value: object): boolean =>
  isNumberObject(value) || isStringObject(value) || isBooleanObject(value) || isBigIntObject(value) || isSymbolObject(value);

function isError(value: object): boolean {
  if (value instanceof Error) return true;
  // Errors from another realm still carry the [[ErrorData]] brand, which only toString reveals.
  const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return tag === undefined && objectToString.call(value) === '[object Error]';
}

function isArguments(value: object): boolean {
  // Every arguments object has an own `callee`; checking it first keeps Object.prototype.toString
  // (an observable Symbol.toStringTag read, e.g. Node's circular-require warning proxy) off plain objects.
  return hasOwn(value, 'callee') && objectToString.call(value) === '[object Arguments]' && !hasOwn(value, Symbol.toStringTag);
}

function isPromise(value: object): boolean {
  if (promiseInspector !== undefined) {
    try {
      return promiseInspector(value) !== undefined;
    } catch {
      return false;
    }
  }
  return value instanceof Promise;
}

function isModuleNamespace(value: object): boolean {
  return Object.getPrototypeOf(value) === null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module' &&
    Object.isSealed(value) && !Object.isExtensible(value);
}

/** Whether `value` is a proxy the tracking (installProxyTracking) saw created: reading it would run traps. */
export function isTrackedProxy(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && proxyTarget(value) !== undefined;
}

/** A tracked proxy's target (null once revoked), or undefined for anything else. */
export function trackedProxyTarget(value: unknown): object | null | undefined {
  return value !== null && (typeof value === 'object' || typeof value === 'function') ? proxyTarget(value)?.target : undefined;
}

function proxyTarget(value: object): ProxyDetails | undefined {
  if (proxyInspector === undefined) return undefined;
  try {
    return proxyInspector(value);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Strings.

/* eslint-disable no-control-regex -- these patterns exist to find control characters. */
const strEscapeSequencesRegExp = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const strEscapeSequencesReplacer = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const strEscapeSequencesRegExpSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const strEscapeSequencesReplacerSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */
const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const numberRegExp = /^(0|[1-9][0-9]*)$/;

/** Escape text for each character code below 160 that Node escapes (control characters, quote, backslash). */
const meta: string[] = (() => {
  const table: string[] = [];
  for (let code = 0; code < 160; code++) {
    if (code < 32 || (code > 126 && code < 160)) {
      table.push(`\\x${code.toString(16).toUpperCase().padStart(2, '0')}`);
    } else {
      table.push('');
    }
  }
  table[8] = '\\b';
  table[9] = '\\t';
  table[10] = '\\n';
  table[12] = '\\f';
  table[13] = '\\r';
  table[39] = "\\'";
  table[92] = '\\\\';
  return table;
})();

function escapeFn(text: string): string {
  const code = text.charCodeAt(0);
  return code < meta.length ? meta[code] : `\\u${code.toString(16)}`;
}

// Node picks the quote that needs no escaping: single, then double, then backtick.
const kSingleQuote = 39;
const kUseDoubleQuote = -1;
const kUseBacktick = -2;

function addQuotes(text: string, quotes: number): string {
  if (quotes === kUseDoubleQuote) return `"${text}"`;
  if (quotes === kUseBacktick) return `\`${text}\``;
  return `'${text}'`;
}

// Node 10 always used single quotes and escaped only C0 controls, the quote and the backslash.
const legacyMeta: string[] = meta.slice(0, 128).map((escape, code) => {
  if (code < 32 && escape.startsWith('\\x')) return `\\u${code.toString(16).padStart(4, '0')}`;
  return code >= 127 ? '' : escape;
});

function strEscapeLegacy(text: string): string {
  let result = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 39 || code === 92) {
      result += text.slice(last, i) + legacyMeta[code];
      last = i + 1;
    }
  }
  return `'${last === 0 ? text : result + text.slice(last)}'`;
}

function strEscape(text: string): string {
  let escapeTest = strEscapeSequencesRegExp;
  let escapeReplace = strEscapeSequencesReplacer;
  let singleQuote = kSingleQuote;
  if (text.includes("'")) {
    if (!text.includes('"')) {
      singleQuote = kUseDoubleQuote;
    } else if (!text.includes('`') && !text.includes('${')) {
      singleQuote = kUseBacktick;
    }
    if (singleQuote !== kSingleQuote) {
      escapeTest = strEscapeSequencesRegExpSingle;
      escapeReplace = strEscapeSequencesReplacerSingle;
    }
  }
  if (text.length < 5000 && !escapeTest.test(text)) return addQuotes(text, singleQuote);
  if (text.length > 100) return addQuotes(text.replace(escapeReplace, escapeFn), singleQuote);
  let result = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const point = text.charCodeAt(i);
    if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
      result += text.slice(last, i) + meta[point];
      last = i + 1;
    } else if (point >= 0xd800 && point <= 0xdfff) {
      if (point <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      }
      result += `${text.slice(last, i)}\\u${point.toString(16)}`;
      last = i + 1;
    }
  }
  if (last !== text.length) result += text.slice(last);
  return addQuotes(result, singleQuote);
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with control characters.
const ansiPattern = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

function removeColors(text: string): string {
  // Most text has no escape sequence; skipping the regular expression then is much cheaper.
  if (!text.includes('\u001b') && !text.includes('\u009b')) return text;
  return text.replace(ansiPattern, '');
}

// Node (built with ICU) measures columns per code point: East Asian Wide and Fullwidth count two,
// as do neutral characters with the emoji presentation; controls, format characters, enclosing and
// non-spacing marks and emoji modifiers count zero. (Node 20 counts every emoji of a zero-width-joiner
// sequence, as measured, so sequences are not collapsed here either.)
const zeroWidthPattern = /^[\p{Cc}\p{Cf}\p{Me}\p{Mn}\p{Emoji_Modifier}]$/u;
const emojiPresentationPattern = /^\p{Emoji_Presentation}$/u;

// Characters that get-east-asian-width (Unicode 17) lists as wide but Node 20's ICU data, being
// older, measures as one column; found by comparing every code point with Node's own measurement.
const narrowInNode20: ReadonlyArray<readonly [number, number]> = [
  [0x18cd6, 0x18cda], [0x18d1f, 0x18d20], [0x18e00, 0x19191], [0x191a0, 0x191d2], [0x1b123, 0x1b128],
  [0x1b168, 0x1b168], [0x1f1ae, 0x1f1ae], [0x1f6d9, 0x1f6d9], [0x1f7da, 0x1f7da], [0x1fa8b, 0x1fa8d],
  [0x1facc, 0x1facc], [0x1fadd, 0x1fadd], [0x1faeb, 0x1faeb], [0x1faf9, 0x1fafa],
];

function columnWidth(character: string, codePoint: number): number {
  if (codePoint >= 0x18cd6 && narrowInNode20.some(([first, last]) => codePoint >= first && codePoint <= last)) return 1;
  if (eastAsianWidth(codePoint) === 2) return 2;
  const type = eastAsianWidthType(codePoint);
  if ((type === 'neutral' || type === 'ambiguous') && emojiPresentationPattern.test(character)) return 2;
  if (codePoint !== 0xad && zeroWidthPattern.test(character)) return 0;
  return 1;
}

/** The number of terminal columns `text` occupies, as Node measures it for line breaking. */
export function getStringWidth(text: string, removeControlChars = true): number {
  let width = 0;
  if (removeControlChars) text = removeColors(text);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 127) {
      for (const character of text.slice(i).normalize('NFC')) width += columnWidth(character, character.codePointAt(0)!);
      break;
    }
    width += code >= 32 ? 1 : 0;
  }
  return width;
}

// ---------------------------------------------------------------------------------------------
// Primitives.

function addNumericSeparator(integerString: string): string {
  let result = '';
  let i = integerString.length;
  const start = integerString.startsWith('-') ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${integerString.slice(i - 3, i)}${result}`;
  return i === integerString.length ? integerString : `${integerString.slice(0, i)}${result}`;
}

function addNumericSeparatorEnd(integerString: string): string {
  let result = '';
  let i = 0;
  for (; i < integerString.length - 3; i += 3) result += `${integerString.slice(i, i + 3)}_`;
  return i === 0 ? integerString : `${result}${integerString.slice(i)}`;
}

function formatNumber(fn: Stylize, number: number, numericSeparator: boolean): string {
  if (!numericSeparator) {
    if (Object.is(number, -0)) return fn('-0', 'number');
    return fn(`${number}`, 'number');
  }
  const integer = Math.trunc(number);
  const string = String(integer);
  if (integer === number) {
    if (!Number.isFinite(number) || string.includes('e')) return fn(string, 'number');
    return fn(`${addNumericSeparator(string)}`, 'number');
  }
  if (Number.isNaN(number)) return fn(string, 'number');
  return fn(`${addNumericSeparator(string)}.${addNumericSeparatorEnd(String(number).slice(string.length + 1))}`, 'number');
}

function formatBigInt(fn: Stylize, bigint: bigint, numericSeparator: boolean): string {
  const string = String(bigint);
  if (!numericSeparator) return fn(`${string}n`, 'bigint');
  return fn(`${addNumericSeparator(string)}n`, 'bigint');
}

function symbolToString(symbol: symbol): string {
  return Symbol.prototype.toString.call(symbol);
}

function formatPrimitive(fn: Stylize, value: unknown, ctx: Context): string {
  if (typeof value === 'string' && ctx.legacy) return fn(strEscapeLegacy(value), 'string');
  if (typeof value === 'string') {
    let trailer = '';
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, ctx.maxStringLength);
      trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
    }
    const text = value as string;
    if (ctx.compact !== true && text.length > kMinLineWidth && text.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return text.split(/(?<=\n)/).map((line) => fn(strEscape(line), 'string'))
        .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(text), 'string') + trailer;
  }
  if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
  if (typeof value === 'undefined') return fn('undefined', 'undefined');
  return fn(symbolToString(value as symbol), 'symbol');
}

// ---------------------------------------------------------------------------------------------
// Names, prefixes and keys.

// Constructors whose prototypes are "built in": their own prototype properties are never listed.
const builtInObjects = new Set(
  Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name)),
);

function isInstanceof(object: object, constructor: (...args: unknown[]) => unknown): boolean {
  try {
    return object instanceof constructor;
  } catch {
    return false;
  }
}

function getConstructorName(obj: object, ctx: Context, recurseTimes: number, protoProps: unknown[] | undefined): string | null {
  let firstProto: object | null | undefined;
  const original = obj;
  let current: object | null = obj;
  while (current) {
    const descriptor = Object.getOwnPropertyDescriptor(current, 'constructor');
    // Node 10 did not check that the value is an instance (a prototype object took its constructor's name).
    if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' &&
      (ctx.legacy || isInstanceof(original, descriptor.value))) {
      if (protoProps !== undefined && (firstProto !== current || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, original, firstProto || original, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    current = Object.getPrototypeOf(current) as object | null;
    if (firstProto === undefined) firstProto = current;
  }
  if (firstProto === null) return null;
  if (ctx.legacy) return 'Object';
  // V8 would report the class name it recorded at construction; without it, say Object.
  const internalName = 'Object';
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${internalName} <Complex prototype>`;
  const protoConstructor = getConstructorName(firstProto!, ctx, recurseTimes + 1, protoProps);
  if (protoConstructor === null) {
    return `${internalName} <${inspect(firstProto, { ...contextToOptions(ctx), customInspect: false, depth: -1 })}>`;
  }
  return `${internalName} <${protoConstructor}>`;
}

function contextToOptions(ctx: Context): InspectOptions {
  return {
    showHidden: ctx.showHidden, depth: ctx.depth, colors: ctx.colors, customInspect: ctx.customInspect,
    showProxy: ctx.showProxy, maxArrayLength: ctx.maxArrayLength, maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength, compact: ctx.compact, sorted: ctx.sorted, getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
  };
}

// Lists the prototype's own properties of class instances when `showHidden` is set.
function addPrototypeProperties(ctx: Context, main: object, obj: object, recurseTimes: number, output: unknown[]): void {
  let depth = 0;
  let keys: PropertyKey[] | undefined;
  let keySet: Set<PropertyKey> | undefined;
  let current: object | null = obj;
  do {
    if (depth !== 0 || main === current) {
      current = Object.getPrototypeOf(current) as object | null;
      if (current === null) return;
      const descriptor = Object.getOwnPropertyDescriptor(current, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name)) return;
    }
    if (depth === 0) {
      keySet = new Set();
    } else {
      for (const key of keys!) keySet!.add(key);
    }
    keys = Reflect.ownKeys(current!);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && keySet!.has(key))) continue;
      const descriptor = Object.getOwnPropertyDescriptor(current!, key);
      if (descriptor === undefined || typeof descriptor.value === 'function') continue;
      const value = formatProperty(ctx, current!, recurseTimes, key, kObjectType, descriptor, main);
      if (ctx.colors) output.push(`\u001b[2m${value}\u001b[22m`);
      else output.push(value);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

// Node 10 did not show the size of arrays, Maps, Sets and typed arrays.
function sizeText(ctx: Context, size: number): string {
  return ctx.legacy ? '' : `(${size})`;
}

function getPrefix(constructor: string | null, tag: string, fallback: string, size = ''): string {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getKeys(value: object, showHidden: boolean): PropertyKey[] {
  const symbols = Object.getOwnPropertySymbols(value);
  let keys: PropertyKey[];
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = Object.keys(value);
    } catch {
      keys = Object.getOwnPropertyNames(value);
    }
    if (symbols.length !== 0) keys.push(...symbols.filter((key) => isEnumerable(value, key)));
  }
  return keys;
}

function isArrayIndex(key: string): boolean {
  return numberRegExp.test(key) && Number(key) < 2 ** 32 - 1;
}

function getOwnNonIndexProperties(value: object, showHidden: boolean): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && isArrayIndex(key)) continue;
    if (!showHidden && !isEnumerable(value, key)) continue;
    keys.push(key);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// The formatter.

function formatValue(ctx: Context, value: unknown, recurseTimes: number, typedArray?: boolean): string {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx.stylize, value, ctx);
  if (value === null) return ctx.stylize('null', 'null');

  const context = value;
  let object = value as object;
  const proxy = proxyTarget(object);
  if (proxy !== undefined) {
    if (proxy.target === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    object = proxy.target;
  }

  if (ctx.customInspect) {
    let maybeCustom: unknown;
    try {
      maybeCustom = (object as Record<symbol, unknown>)[customInspectSymbol];
    } catch {
      maybeCustom = undefined;
    }
    const constructor = (object as { constructor?: { prototype?: unknown } }).constructor;
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect && maybeCustom !== inspectNode10 &&
      !(constructor && constructor.prototype === object)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const options: InspectOptions = { stylize: ctx.stylize, ...contextToOptions(ctx), ...ctx.userOptions };
      const result = maybeCustom.call(context, depth, options, ctx.legacy ? inspectNode10 : inspect) as unknown;
      if (result !== context) {
        if (typeof result !== 'string') return formatValue(ctx, result, recurseTimes);
        if (ctx.legacy) return result;
        return result.split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }

  if (ctx.seen.includes(object)) {
    if (ctx.legacy) return ctx.stylize('[Circular]', 'special');
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(object, index);
    } else {
      const known = ctx.circular.get(object);
      if (known === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(object, index);
      } else {
        index = known;
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, object, recurseTimes, typedArray);
}

// `%o` (showProxy) prints a proxy as `Proxy [ target, handler ]`.
function formatProxy(ctx: Context, proxy: ProxyDetails, recurseTimes: number): string {
  if (recurseTimes > ctx.depth && ctx.depth !== null) return ctx.stylize('Proxy [Array]', 'special');
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const entries = [formatValue(ctx, proxy.target, recurseTimes), formatValue(ctx, proxy.handler, recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, entries, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes, undefined);
}

// ---------------------------------------------------------------------------------------------
// Map and Set iterators. V8 lets Node preview the entries an iterator has not yet produced; plain
// JavaScript cannot look inside an iterator without advancing it. installCollectionIteratorTracking()
// records, for each iterator, its collection, its kind and how many entries it has produced, from
// which the remaining entries are recomputed (exact unless the collection changes meanwhile).

interface CollectionIteratorRecord {
  source: Map<unknown, unknown> | Set<unknown>;
  kind: 'entries' | 'keys' | 'values';
  position: number;
}

const collectionIterators = new WeakMap<object, CollectionIteratorRecord>();
const originalMapEntries = Map.prototype.entries;
const originalSetValues = Set.prototype.values;

/**
 * Wraps the Map and Set iterator factories and the iterators' `next` so that printing an iterator
 * shows the entries it still holds, as Node does (`[Map Entries] { [ 'a', 1 ] }`). Call it once,
 * before user code runs. The wrappers keep the built-ins' names, lengths and identities
 * (`Map.prototype[Symbol.iterator] === Map.prototype.entries`, `Set.prototype.keys === values`).
 */
export function installCollectionIteratorTracking(markNative?: (fn: object, name: string) => void): void {
  const define = (target: object, key: PropertyKey, value: unknown): void => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });
    // Their source text is V8's `function entries() { [native code] }`, as the built-ins they wrap.
    if (typeof value === 'function') markNative?.(value, value.name);
  };
  const factory = (name: 'entries' | 'keys' | 'values', original: () => object): (() => object) => {
    // A method (not a function expression): like a built-in it has no `prototype` and cannot be `new`ed.
    const methods = {
      [name](this: Map<unknown, unknown> | Set<unknown>): object {
        const iterator = original.call(this);
        collectionIterators.set(iterator, { source: this, kind: name, position: 0 });
        return iterator;
      },
    };
    return methods[name];
  };
  const countingNext = (originalNext: () => IteratorResult<unknown>): (() => IteratorResult<unknown>) => ({
    next(this: object): IteratorResult<unknown> {
      const result = originalNext.call(this);
      const record = collectionIterators.get(this);
      if (record !== undefined && !result.done) record.position++;
      return result;
    },
  }).next;

  const mapEntries = factory('entries', Map.prototype.entries);
  define(Map.prototype, 'entries', mapEntries);
  define(Map.prototype, Symbol.iterator, mapEntries);
  define(Map.prototype, 'keys', factory('keys', Map.prototype.keys));
  define(Map.prototype, 'values', factory('values', Map.prototype.values));
  const setValues = factory('values', Set.prototype.values);
  define(Set.prototype, 'values', setValues);
  define(Set.prototype, 'keys', setValues);
  define(Set.prototype, Symbol.iterator, setValues);
  define(Set.prototype, 'entries', factory('entries', Set.prototype.entries));
  define(mapIteratorPrototype, 'next', countingNext((mapIteratorPrototype as Iterator<unknown>).next));
  define(setIteratorPrototype, 'next', countingNext((setIteratorPrototype as Iterator<unknown>).next));
}

/** The entries an iterator has not produced yet, flattened `[key, value, ...]` for key-value kinds. */
function previewCollectionIterator(iterator: object): { entries: unknown[]; isKeyValue: boolean } {
  const record = collectionIterators.get(iterator);
  if (record === undefined) return { entries: [], isKeyValue: false };
  const isMap = record.source instanceof Map || Object.getPrototypeOf(iterator) === mapIteratorPrototype;
  const all: unknown[][] = [];
  if (isMap) {
    for (const [key, value] of originalMapEntries.call(record.source as Map<unknown, unknown>)) all.push([key, value]);
  } else {
    for (const value of originalSetValues.call(record.source as Set<unknown>)) all.push([value, value]);
  }
  const remaining = all.slice(record.position);
  if (record.kind === 'entries') return { entries: remaining.flat(), isKeyValue: true };
  return { entries: remaining.map((pair) => (record.kind === 'keys' ? pair[0] : pair[1])), isKeyValue: false };
}

function getIteratorBraces(type: string, tag: string): [string, string] {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

function formatSetIteratorEntries(ctx: Context, recurseTimes: number, entries: unknown[]): string[] {
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output: string[] = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
  ctx.indentationLvl -= 2;
  const remaining = entries.length - maxLength;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatMapIteratorEntries(ctx: Context, recurseTimes: number, entries: unknown[]): string[] {
  const length = entries.length / 2;
  const remaining = length - Math.max(ctx.maxArrayLength, 0);
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), length);
  const output: string[] = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) {
    const pair = [formatValue(ctx, entries[i * 2], recurseTimes), formatValue(ctx, entries[i * 2 + 1], recurseTimes)];
    output.push(reduceToSingleString(ctx, pair, '', ['[', ']'], kArrayExtrasType, recurseTimes, undefined));
  }
  ctx.indentationLvl -= 2;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

type Formatter = (ctx: Context, value: any, recurseTimes: number) => string[];

const getEmptyFormatArray: Formatter = () => [];

function formatRaw(ctx: Context, value: object, recurseTimes: number, typedArray?: boolean): string {
  let keys: PropertyKey[] = [];
  let protoProps: unknown[] | undefined;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];

  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  let tag: unknown;
  try {
    tag = (value as Record<symbol, unknown>)[Symbol.toStringTag];
  } catch {
    tag = undefined;
  }
  // Only show the tag when it is inherited or hidden; an own enumerable tag is printed as a key.
  if (typeof tag !== 'string' || (!ctx.legacy && tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) {
    tag = '';
  }
  const tagText = tag as string;
  let base = '';
  let formatter: Formatter = getEmptyFormatArray;
  let braces: [string, string] = ['{', '}'];
  let noIterator = true;
  let extrasType = kObjectType;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    const typedName = typedArrayName(value);
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tagText !== '') ? getPrefix(constructor, tagText, 'Array', sizeText(ctx, value.length)) : '';
      keys = getOwnNonIndexProperties(value, ctx.showHidden);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (isSet(value)) {
      const size = setSizeGetter!.call(value) as number;
      const prefix = getPrefix(constructor, tagText, 'Set', sizeText(ctx, size));
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatSet(c, v, r);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isMap(value)) {
      const size = mapSizeGetter!.call(value) as number;
      const prefix = getPrefix(constructor, tagText, 'Map', sizeText(ctx, size));
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatMap(c, v, r);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (typedName !== undefined) {
      keys = getOwnNonIndexProperties(value, ctx.showHidden);
      const fallback = constructor === null ? typedName : '';
      const size = typedArrayLengthGetter!.call(value) as number;
      const prefix = getPrefix(constructor, tagText, fallback, sizeText(ctx, size));
      braces = [`${prefix}[`, ']'];
      if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = (c, v, r) => formatTypedArray(c, v, size, r);
      extrasType = kArrayExtrasType;
    } else if (Object.getPrototypeOf(value) === mapIteratorPrototype || Object.getPrototypeOf(value) === setIteratorPrototype) {
      const type = Object.getPrototypeOf(value) === mapIteratorPrototype ? 'Map' : 'Set';
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces(type, tagText);
      const preview = previewCollectionIterator(value);
      if (preview.isKeyValue) braces[0] = braces[0].replace(/ Iterator] \{$/, ' Entries] {');
      formatter = preview.isKeyValue
        ? (c, _v, r) => formatMapIteratorEntries(c, r, preview.entries)
        : (c, _v, r) => formatSetIteratorEntries(c, r, preview.entries);
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = ctx.legacy ? getLegacyFunctionBase(value as (...args: unknown[]) => unknown)
        : getFunctionBase(value as (...args: unknown[]) => unknown, constructor, tagText);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
    } else if (constructor === 'Object') {
      if (isArguments(value)) {
        braces[0] = '[Arguments] {';
      } else if (tagText !== '') {
        braces[0] = `${getPrefix(constructor, tagText, 'Object')}{`;
      }
      if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value as RegExp));
      const prefix = getPrefix(constructor, tagText, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (isDate(value)) {
      const time = Date.prototype.getTime.call(value);
      base = Number.isNaN(time) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      const prefix = getPrefix(constructor, tagText, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = ctx.legacy ? formatLegacyError(value as Error, ctx) : formatError(value as Error, constructor, tagText, ctx, keys);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (isArrayBuffer(value) || isSharedArrayBuffer(value)) {
      const arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
      const prefix = getPrefix(constructor, tagText, arrayType);
      if (ctx.legacy) {
        formatter = getEmptyFormatArray;
      } else if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, arrayBufferByteLength!.call(value) as number, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift('byteLength');
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tagText, 'DataView')}{`;
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tagText, 'Promise')}{`;
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tagText, 'WeakSet')}{`;
      formatter = formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tagText, 'WeakMap')}{`;
      formatter = formatWeakCollection;
    } else if (isModuleNamespace(value)) {
      braces[0] = `${getPrefix(constructor, tagText, 'Module')}{`;
      const namespaceKeys = keys;
      keys = [];
      formatter = (c, v, r) => formatNamespaceObject(namespaceKeys, c, v, r);
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tagText);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      if (keys.length === 0 && protoProps === undefined) return `${getPrefix(constructor, tagText, 'Object')}{}`;
      braces[0] = `${getPrefix(constructor, tagText, 'Object')}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let constructorName = getPrefix(constructor, tagText, 'Object').slice(0, -1);
    if (constructor !== null) constructorName = `[${constructorName}]`;
    return ctx.stylize(constructorName, 'special');
  }
  const varyingWhat = varyingReporter === undefined ? undefined : varyingWhenExpanded.get(value);
  if (varyingWhat !== undefined) varyingReporter!(varyingWhat);
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output: string[];
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extrasType));
    if (protoProps !== undefined) output.push(...(protoProps as string[]));
  } catch (error) {
    if (isStackOverflow(error)) {
      ctx.seen.pop();
      ctx.indentationLvl = indentationLvl;
      const constructorName = getPrefix(constructor, tagText, 'Object').slice(0, -1);
      return ctx.stylize(`[${constructorName}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, 'special');
    }
    throw error;
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) base = base === '' ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      const sorted = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...sorted);
    }
  }

  const result = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  const budget = ctx.budget[ctx.indentationLvl] || 0;
  const newLength = budget + result.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  // Stop descending once the output grows absurdly large, as Node does, to bound the work.
  if (newLength > 2 ** 27) ctx.depth = -1;
  return result;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack|stack overflow/i.test(error.message);
}

function getFunctionBase(value: (...args: unknown[]) => unknown, constructor: string | null, tag: string): string {
  let source = '';
  try {
    source = Function.prototype.toString.call(value);
  } catch {
    source = '';
  }
  if (source.startsWith('class') && source.endsWith('}')) {
    const slice = source.slice(5, -1);
    const bracketIndex = slice.indexOf('{');
    if (bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes('(') ||
      /^\s*(?:extends\s+[^\s({]+\s*)?\{/.test(slice.replace(/(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g, '')))) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = 'Function';
  const proto = Object.getPrototypeOf(value);
  if (proto === generatorFunctionPrototype || proto === asyncGeneratorFunctionPrototype) type = `Generator${type}`;
  if (proto === asyncFunctionPrototype || proto === asyncGeneratorFunctionPrototype) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  if (value.name === '') base += ' (anonymous)';
  else base += `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

// Node 10 printed classes as functions and had no "(anonymous)".
function getLegacyFunctionBase(value: (...args: unknown[]) => unknown): string {
  const proto = Object.getPrototypeOf(value);
  let type = 'Function';
  if (proto === asyncGeneratorFunctionPrototype) type = 'AsyncGeneratorFunction';
  else if (proto === asyncFunctionPrototype) type = 'AsyncFunction';
  else if (proto === generatorFunctionPrototype) type = 'GeneratorFunction';
  let name: unknown;
  try {
    name = value.name;
  } catch {
    name = '';
  }
  return `[${type}${name ? `: ${String(name)}` : ''}]`;
}

function getClassBase(value: (...args: unknown[]) => unknown, constructor: string | null, tag: string): string {
  const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = (Object.getPrototypeOf(value) as { name?: unknown }).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function getBoxedBase(value: object, ctx: Context, keys: PropertyKey[], constructor: string | null, tag: string): string {
  let type: string;
  let primitive: unknown;
  if (isNumberObject(value)) {
    type = 'Number';
    primitive = Number.prototype.valueOf.call(value);
  } else if (isStringObject(value)) {
    type = 'String';
    primitive = String.prototype.valueOf.call(value);
    // The indices of a String object are its characters; they are part of the base already.
    keys.splice(0, (primitive as string).length);
  } else if (isBooleanObject(value)) {
    type = 'Boolean';
    primitive = Boolean.prototype.valueOf.call(value);
  } else if (isBigIntObject(value)) {
    type = 'BigInt';
    primitive = BigInt.prototype.valueOf.call(value);
  } else {
    type = 'Symbol';
    primitive = Symbol.prototype.valueOf.call(value);
  }
  let base = `[${type}`;
  if (type !== constructor) {
    if (constructor === null) base += ' (null prototype)';
    else base += ` (${constructor})`;
  }
  base += `: ${formatPrimitive(stylizeNoColor, primitive, { ...ctx, compact: true })}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function getStackString(error: Error): string {
  let stack: unknown;
  try {
    stack = error.stack;
  } catch {
    stack = undefined;
  }
  if (!stack) return Error.prototype.toString.call(error);
  const text = String(stack);
  // QuickJS's own `stack` holds only the frames ("    at f (file:1:2)\n"). The engine normally
  // rewrites it into V8's form; if it has not, the V8 header line is added here so the error still
  // prints as `Error: message` followed by its frames.
  if (/^ +at /.test(text)) return `${errorHeader(error)}\n${text.replace(/\n+$/, '')}`;
  return text;
}

function errorHeader(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

function removeDuplicateErrorKeys(ctx: Context, keys: PropertyKey[], error: Error, stack: string): void {
  if (!ctx.showHidden && keys.length !== 0) {
    for (const name of ['name', 'message', 'stack']) {
      const index = keys.indexOf(name);
      // Only hide the property when its text is already part of the printed stack.
      if (index !== -1 && stack.includes(String((error as unknown as Record<string, unknown>)[name]))) keys.splice(index, 1);
    }
  }
}

function improveStack(stack: string, constructor: string | null, name: string, tag: string): string {
  let length = name.length;
  if (constructor === null ||
    (name.endsWith('Error') && stack.startsWith(name) &&
      (stack.length === length || stack[length] === ':' || stack[length] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      length = fallback.length;
      fallback = fallback || 'Error';
    }
    const prototype = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prototype) {
      if (prototype.includes(name)) {
        if (length === 0) stack = `${prototype}: ${stack}`;
        else stack = `${prototype}${stack.slice(length)}`;
      } else {
        stack = `${prototype} [${name}]${stack.slice(length)}`;
      }
    }
  }
  return stack;
}

// When an error's cause shares the tail of its stack, Node replaces the shared frames with a note.
function getStackFrames(ctx: Context, error: Error, stack: string): string[] {
  const frames = stack.split('\n');
  let cause: unknown;
  try {
    cause = (error as { cause?: unknown }).cause;
  } catch {
    cause = undefined;
  }
  if (cause !== undefined && cause !== null && typeof cause === 'object' && isError(cause)) {
    const causeStack = getStackString(cause as Error);
    const causeStackStart = causeStack.indexOf('\n    at');
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split('\n');
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const message = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(message, 'undefined'));
      }
    }
  }
  return frames;
}

function identicalSequenceRange(a: string[], b: string[]): { len: number; offset: number } {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

// Node 10: the stack as it is (or `[Error: message]` without frames), indented like its container.
function formatLegacyError(error: Error, ctx: Context): string {
  let stack: string;
  try {
    stack = error.stack ? String(error.stack) : Error.prototype.toString.call(error);
  } catch {
    stack = errorHeader(error);
  }
  if (/^ +at /.test(stack)) stack = `${errorHeader(error)}\n${stack.replace(/\n+$/, '')}`;
  if (!stack.includes('\n    at')) stack = `[${stack}]`;
  if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

function formatError(error: Error, constructor: string | null, tag: string, ctx: Context, keys: PropertyKey[]): string {
  let name: string;
  let message: unknown;
  try {
    name = error.name != null ? String(error.name) : 'Error';
    message = error.message;
  } catch {
    name = 'Error';
    message = undefined;
  }
  let stack = getStackString(error);
  removeDuplicateErrorKeys(ctx, keys, error, stack);
  if ('cause' in error && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
  stack = improveStack(stack, constructor, name, tag);

  // The message may itself contain "\n    at"; look for the frames only after it.
  // As in Node, a message found at position 0 counts as not found (`indexOf(...) || -1`).
  let position: number = (typeof message === 'string' && message !== '' && stack.indexOf(message)) || -1;
  if (position !== -1) position += (message as string).length;
  const stackStart = stack.indexOf('\n    at', position);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const head = stack.slice(0, stackStart);
    const lines = getStackFrames(ctx, error, stack.slice(stackStart + 1));
    stack = `${head}\n${lines.join('\n')}`;
  }
  if (ctx.indentationLvl !== 0) {
    const indentation = ' '.repeat(ctx.indentationLvl);
    stack = stack.replace(/\n/g, `\n${indentation}`);
  }
  return stack;
}

function remainingText(remaining: number): string {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function formatArrayBuffer(ctx: Context, value: ArrayBuffer): string[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize('(detached)', 'special')];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  const hex: string[] = [];
  for (let i = 0; i < shown; i++) hex.push(bytes[i].toString(16).padStart(2, '0'));
  let text = hex.join(' ');
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${text}>`];
}

function formatArray(ctx: Context, value: unknown[], recurseTimes: number): string[] {
  const valueLength = value.length;
  const length = Math.min(Math.max(0, ctx.maxArrayLength), valueLength);
  const remaining = valueLength - length;
  const output: string[] = [];
  for (let i = 0; i < length; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, length, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

// Arrays with holes: runs of missing indices print as `<n empty items>`.
function formatSpecialArray(ctx: Context, value: unknown[], recurseTimes: number, maxLength: number, output: string[], i: number): string[] {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const numeric = +key;
    if (numeric > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!numberRegExp.test(key)) break;
      const emptyItems = numeric - index;
      const message = `<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`;
      output.push(ctx.stylize(message, 'undefined'));
      index = numeric;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`, 'undefined'));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(ctx: Context, value: Uint8Array | BigInt64Array, length: number, recurseTimes: number): string[] {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = [];
  const isNumeric = length > 0 && typeof value[0] === 'number';
  for (let i = 0; i < maxLength; ++i) {
    if (ctx.legacy) output.push(ctx.stylize(Object.is(value[i], -0) ? '-0' : String(value[i]), 'number'));
    else output.push(isNumeric
      ? formatNumber(ctx.stylize, value[i] as number, ctx.numericSeparator)
      : formatBigInt(ctx.stylize, value[i] as bigint, ctx.numericSeparator));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      const text = formatValue(ctx, (value as unknown as Record<string, unknown>)[key], recurseTimes, true);
      output.push(`[${key}]: ${text}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(ctx: Context, value: Set<unknown>, recurseTimes: number): string[] {
  const length = setSizeGetter!.call(value) as number;
  // Node 10 listed every entry of a Set or Map; maxArrayLength applied to arrays only.
  const maxLength = ctx.legacy ? length : Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const entry of Set.prototype.values.call(value)) {
    if (i >= maxLength) break;
    output.push(formatValue(ctx, entry, recurseTimes));
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx: Context, value: Map<unknown, unknown>, recurseTimes: number): string[] {
  const length = mapSizeGetter!.call(value) as number;
  const maxLength = ctx.legacy ? length : Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const [key, entry] of Map.prototype.entries.call(value)) {
    if (i >= maxLength) break;
    output.push(`${formatValue(ctx, key, recurseTimes)} => ${formatValue(ctx, entry, recurseTimes)}`);
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatWeakCollection(ctx: Context): string[] {
  // The contents of weak collections cannot be enumerated from JavaScript (nor by Node without showHidden).
  return [ctx.stylize(ctx.legacy ? '[items unknown]' : '<items unknown>', 'special')];
}

function formatPromise(ctx: Context, value: Promise<unknown>, recurseTimes: number): string[] {
  let details: PromiseDetails | undefined;
  try {
    details = promiseInspector?.(value);
  } catch {
    details = undefined;
  }
  if (details === undefined || details.state === 'pending') return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const text = formatValue(ctx, details.value, recurseTimes);
  ctx.indentationLvl -= 2;
  return [details.state === 'rejected' ? `${ctx.stylize('<rejected>', 'special')} ${text}` : text];
}

function formatNamespaceObject(keys: PropertyKey[], ctx: Context, value: object, recurseTimes: number): string[] {
  const output: string[] = [];
  for (const key of keys) {
    try {
      output.push(formatProperty(ctx, value, recurseTimes, key, kObjectType));
    } catch (error) {
      // A binding still in its temporal dead zone throws a ReferenceError when read.
      if (!(error instanceof ReferenceError)) throw error;
      const name = typeof key === 'symbol' ? `[${symbolToString(key)}]` : keyStrRegExp.test(key as string) ? key : strEscape(String(key));
      output.push(`${String(name)}: ${ctx.stylize('<uninitialized>', 'special')}`);
    }
  }
  return output;
}

function formatProperty(ctx: Context, value: object, recurseTimes: number, key: PropertyKey, type: number,
  descriptor?: PropertyDescriptor, original: object = value): string {
  let name: string;
  let text: string;
  let extra = ' ';
  const desc = descriptor || Object.getOwnPropertyDescriptor(value, key) ||
    { value: (value as Record<PropertyKey, unknown>)[key], enumerable: true };
  if (desc.value !== undefined) {
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    text = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(text, ctx.colors)) extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const s = ctx.stylize;
    const sp = 'special';
    if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) ||
      (ctx.getters === 'set' && desc.set !== undefined))) {
      try {
        const result = desc.get.call(original) as unknown;
        ctx.indentationLvl += 2;
        if (result === null) text = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
        else if (typeof result === 'object') text = `${s(`[${label}]`, sp)} ${formatValue(ctx, result, recurseTimes)}`;
        else text = `${s(`[${label}:`, sp)} ${formatPrimitive(s, result, ctx)}${s(']', sp)}`;
        ctx.indentationLvl -= 2;
      } catch (error) {
        const message = `<Inspection threw (${(error as Error)?.message})>`;
        text = `${s(`[${label}:`, sp)} ${message}${s(']', sp)}`;
      }
    } else {
      text = ctx.stylize(`[${label}]`, sp);
    }
  } else if (desc.set !== undefined) {
    text = ctx.stylize('[Setter]', 'special');
  } else {
    text = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return text;
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(symbolToString(key).replace(strEscapeSequencesReplacer, escapeFn), 'symbol')}]`;
  } else if (key === '__proto__' && !ctx.legacy) {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${String(key).replace(strEscapeSequencesReplacer, escapeFn)}]`;
  } else if (keyStrRegExp.test(String(key))) {
    name = ctx.stylize(String(key), 'name');
  } else {
    name = ctx.stylize(strEscape(String(key)), 'string');
  }
  return `${name}:${extra}${text}`;
}

// ---------------------------------------------------------------------------------------------
// Line breaking.

function isBelowBreakLength(ctx: Context, output: string[], start: number, base: string): boolean {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    totalLength += ctx.colors ? removeColors(entry).length : entry.length;
    if (totalLength > ctx.breakLength) return false;
  }
  // Node 10 did not look at the base (an error's stack may span lines).
  if (ctx.legacy) return true;
  // Entries are never put on one line after a base that spans several lines.
  return base === '' || !base.includes('\n');
}

/** Lays short array items out in aligned columns, as Node does for arrays of more than six items. */
function groupArrayElements(ctx: Context, output: string[], value: unknown[] | undefined): string[] {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) {
    // Leave the "... n more items" entry out of the measurements.
    outputLength--;
  }
  const separatorSpace = 2;
  const dataLength: number[] = new Array(outputLength);
  for (let i = 0; i < outputLength; i++) {
    const length = getStringWidth(output[i], ctx.colors);
    dataLength[i] = length;
    totalLength += length + separatorSpace;
    if (maxLength < length) maxLength = length;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const approxCharHeights = 2.5;
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      (ctx.compact as number) * 4,
      15,
    );
    if (columns <= 1) return output;
    const grouped: string[] = [];
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLength[j] > lineLength) lineLength = dataLength[j];
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          padStart = false;
          break;
        }
      }
    }
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = '';
      let j = i;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] + output[j].length - dataLength[j];
        line += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLength[j] - separatorSpace;
        line += output[j].padStart(padding, ' ');
      } else {
        line += output[j];
      }
      grouped.push(line);
    }
    if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength]);
    return grouped;
  }
  return output;
}

function reduceToSingleString(ctx: Context, output: string[], base: string, braces: [string, string], extrasType: number,
  recurseTimes: number, value: unknown): string {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value as unknown[]);
      // Combine up to `compact` inner levels on one line when they fit within breakLength.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  const separator = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${separator}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** Node 20's `util.inspect`. */
export function inspect(value: unknown, options?: InspectOptions | boolean): string {
  return inspectWith(value, options, false);
}
inspect.custom = customInspectSymbol;
inspect.defaultOptions = defaultOptions;

// Node 10.24's defaults: every entry on its own line once a value does not fit in 60 columns.
const node10DefaultOptions = { ...defaultOptions, breakLength: 60, compact: true as number | boolean, maxStringLength: null };

/**
 * Node 10.24's `util.inspect`, for the node-legacy model: single quotes only, no sizes in
 * `Map {}`/`Set {}`/`Uint8Array []`, `[Circular]` without reference numbers, classes shown as
 * `[Function: A]`, errors with properties as `{ Error: ... code: 'E' }`, breakLength 60 with one
 * entry per line (no columns).
 */
export function inspectNode10(value: unknown, options?: InspectOptions | boolean): string {
  return inspectWith(value, options, true);
}
inspectNode10.custom = customInspectSymbol;
inspectNode10.defaultOptions = node10DefaultOptions;

function inspectWith(value: unknown, options: InspectOptions | boolean | undefined, legacy: boolean): string {
  const defaults = legacy ? node10DefaultOptions : defaultOptions;
  const ctx: Context = {
    legacy,
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: defaults.showHidden,
    depth: defaults.depth as number,
    colors: defaults.colors,
    customInspect: defaults.customInspect,
    showProxy: defaults.showProxy,
    maxArrayLength: defaults.maxArrayLength as number,
    maxStringLength: defaults.maxStringLength as number,
    breakLength: defaults.breakLength,
    compact: defaults.compact,
    sorted: defaults.sorted,
    getters: defaults.getters,
    numericSeparator: defaults.numericSeparator,
  };
  if (typeof options === 'boolean') {
    ctx.showHidden = options;
  } else if (options) {
    const writable = ctx as unknown as Record<string, unknown>;
    for (const key of Object.keys(options)) {
      if (hasOwn(defaults, key) || key === 'stylize') {
        writable[key] = options[key];
      } else if (ctx.userOptions === undefined) {
        // Unknown keys are passed through to custom inspect functions untouched.
        ctx.userOptions = options;
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  // Node 10's `compact` was a boolean: anything but false meant true.
  if (legacy) ctx.compact = ctx.compact !== false;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  // `depth: null` means unlimited; the checks below compare against null explicitly, as Node does.
  return formatValue(ctx, value, 0);
}

// Names of the built-in constructors whose own `toString` `%s` treats as "not user-defined".
function hasBuiltInToString(value: object): boolean {
  const proxy = proxyTarget(value);
  if (proxy !== undefined) {
    if (proxy.target === null) return true;
    value = proxy.target;
  }
  if (typeof (value as { toString?: unknown }).toString !== 'function') return true;
  if (hasOwn(value, 'toString')) return false;
  let pointer: object | null = value;
  do {
    pointer = Object.getPrototypeOf(pointer) as object | null;
  } while (pointer !== null && !hasOwn(pointer, 'toString'));
  if (pointer === null) return true;
  const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
}

let circularErrorMessage: string | undefined;

function firstErrorLine(error: unknown): string {
  return String((error as Error)?.message ?? '').split('\n', 1)[0];
}

function tryStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (circularErrorMessage === undefined) {
      try {
        const circular: Record<string, unknown> = {};
        circular.a = circular;
        JSON.stringify(circular);
      } catch (circularError) {
        circularErrorMessage = firstErrorLine(circularError);
      }
    }
    if ((error as Error)?.name === 'TypeError' && firstErrorLine(error) === circularErrorMessage) return '[Circular]';
    throw error;
  }
}

/** Node 20's `util.formatWithOptions`. */
export function formatWithOptions(inspectOptions: InspectOptions, ...args: unknown[]): string {
  const first = args[0];
  let a = 0;
  let text = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let lastPos = 0;
    let piece = '';
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const nextChar = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (nextChar) {
          case 115: { // 's'
            const argument = args[++a];
            if (typeof argument === 'number') piece = formatNumber(stylizeNoColor, argument, false);
            else if (typeof argument === 'bigint') piece = formatBigInt(stylizeNoColor, argument, false);
            else if (typeof argument !== 'object' || argument === null || !hasBuiltInToString(argument)) piece = String(argument);
            else piece = inspect(argument, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
            break;
          }
          case 106: // 'j'
            piece = tryStringify(args[++a]);
            break;
          case 100: { // 'd'
            const argument = args[++a];
            if (typeof argument === 'bigint') piece = formatBigInt(stylizeNoColor, argument, false);
            else if (typeof argument === 'symbol') piece = 'NaN';
            else piece = formatNumber(stylizeNoColor, Number(argument), false);
            break;
          }
          case 79: // 'O'
            piece = inspect(args[++a], inspectOptions);
            break;
          case 111: // 'o'
            piece = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // 'i'
            const argument = args[++a];
            if (typeof argument === 'bigint') piece = formatBigInt(stylizeNoColor, argument, false);
            else if (typeof argument === 'symbol') piece = 'NaN';
            else piece = formatNumber(stylizeNoColor, Number.parseInt(argument as string), false);
            break;
          }
          case 102: { // 'f'
            const argument = args[++a];
            if (typeof argument === 'symbol') piece = 'NaN';
            else piece = formatNumber(stylizeNoColor, Number.parseFloat(argument as string), false);
            break;
          }
          case 99: // 'c': CSS has no meaning on a terminal; the argument is consumed.
            a += 1;
            piece = '';
            break;
          case 37: // '%'
            text += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) text += first.slice(lastPos, i - 1);
        text += piece;
        lastPos = i + 1;
      } else if (nextChar === 37) {
        text += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) text += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    text += join;
    text += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return text;
}

/** Node 10.24's `util.formatWithOptions`: `%s` is `String()`, no `%c`, and a non-string first argument quotes strings. */
export function formatWithOptionsNode10(inspectOptions: InspectOptions, ...args: unknown[]): string {
  const first = args[0];
  if (typeof first !== 'string') return args.map((value) => inspectNode10(value, inspectOptions)).join(' ');
  if (args.length === 1) return first;
  let a = 0;
  let text = '';
  let join = '';
  let lastPos = 0;
  let piece = '';
  for (let i = 0; i < first.length - 1; i++) {
    if (first.charCodeAt(i) !== 37) continue; // '%'
    const nextChar = first.charCodeAt(++i);
    if (a + 1 !== args.length) {
      switch (nextChar) {
        case 115: // 's'
          piece = String(args[++a]);
          break;
        case 106: // 'j'
          piece = tryStringify(args[++a]);
          break;
        case 100: { // 'd'
          const argument = args[++a];
          piece = typeof argument === 'bigint' ? `${argument}n` : `${Number(argument)}`;
          break;
        }
        case 79: // 'O'
          piece = inspectNode10(args[++a], inspectOptions);
          break;
        case 111: // 'o'
          piece = inspectNode10(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
          break;
        case 105: { // 'i'
          const argument = args[++a];
          piece = typeof argument === 'bigint' ? `${argument}n` : `${Number.parseInt(argument as string)}`;
          break;
        }
        case 102: // 'f'
          piece = `${Number.parseFloat(args[++a] as string)}`;
          break;
        case 37: // '%'
          text += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        default:
          continue;
      }
      if (lastPos !== i - 1) text += first.slice(lastPos, i - 1);
      text += piece;
      lastPos = i + 1;
    } else if (nextChar === 37) {
      text += first.slice(lastPos, i);
      lastPos = i + 1;
    }
  }
  if (lastPos !== 0) {
    a++;
    join = ' ';
    if (lastPos < first.length) text += first.slice(lastPos);
  }
  // After a format string, Node 10 appended primitives and functions with String() (so -0 is "0",
  // 10n is "10", a function is its source) and inspected only objects and symbols.
  while (a < args.length) {
    const value = args[a];
    text += join;
    text += value === null || (typeof value !== 'object' && typeof value !== 'symbol') ? String(value) : inspectNode10(value, inspectOptions);
    join = ' ';
    a++;
  }
  return text;
}

/** Node 10.24's `util.format`. */
export function formatNode10(...args: unknown[]): string {
  return formatWithOptionsNode10({}, ...args);
}

/** Node 20's `util.format`. */
export function format(...args: unknown[]): string {
  return formatWithOptions({}, ...args);
}

// ---------------------------------------------------------------------------------------------
// Chromium's console text.
//
// A console message reaches playwright-core as one CDP RemoteObject per argument; its `text()` joins
// the arguments' renderings with spaces. A primitive renders as its value, a plain object (V8
// description "Object") as `{key: value, ...}` from V8's preview (at most five own properties,
// values abbreviated), an array as `[a, b, empty x 2, c]` (at most 100 entries), anything else as
// V8's description (`Map(2)`, `Foo`, the error's stack, the function's source text). Chromium does
// not substitute `%s`-style specifiers in this text. Every rule below was measured in Chromium.

const kMaxPreviewLength = 100;
const kObjectPreviewProperties = 5;
const kArrayPreviewEntries = 100;

function abbreviateMiddle(text: string): string {
  if (text.length <= kMaxPreviewLength) return text;
  return `${text.slice(0, kMaxPreviewLength / 2)}\u2026${text.slice(text.length - kMaxPreviewLength / 2 + 1)}`;
}

function abbreviateEnd(text: string): string {
  if (text.length <= kMaxPreviewLength) return text;
  return `${text.slice(0, kMaxPreviewLength - 1)}\u2026`;
}

/**
 * V8's console `Formatter`: when the first argument is a string, each `%s`, `%d`, `%i` and `%f` in it
 * converts the argument it refers to (`String()`, `parseInt`, `parseFloat`; a symbol becomes NaN)
 * while the format string itself is left as it is. A string made by `%s` is scanned for further
 * specifiers. `%c`, `%o` and `%O` consume an argument unchanged; any other `%x` is skipped. The
 * conversions run user code (`toString`) and may throw, exactly as in Chromium.
 */
export function browserSubstitute(args: unknown[]): unknown[] {
  if (args.length < 2 || typeof args[0] !== 'string') return args;
  const result = args.slice();
  let index = 1;
  const states: { text: string; offset: number }[] = [{ text: args[0], offset: 0 }];
  while (states.length !== 0 && index < result.length) {
    const state = states[states.length - 1];
    state.offset = state.text.indexOf('%', state.offset);
    if (state.offset < 0 || state.offset === state.text.length - 1) {
      states.pop();
      continue;
    }
    let current = result[index];
    const specifier = state.text[state.offset + 1];
    if (specifier === 'd' || specifier === 'f' || specifier === 'i') {
      if (typeof current === 'symbol') current = NaN;
      else current = specifier === 'f' ? parseFloat(current as string) : parseInt(current as string, 10);
    } else if (specifier === 's') {
      current = String(current);
      states.push({ text: current as string, offset: 0 });
    } else if (specifier !== 'c' && specifier !== 'o' && specifier !== 'O') {
      state.offset++;
      continue;
    }
    result[index++] = current;
    state.offset += 2;
  }
  return result;
}

/**
 * Chromium's console text for `console.log(...args)`, as playwright-core's `ConsoleMessage.text()`
 * gives it. `substitute: false` is for `console.dir`, `dirxml` and `table`, which V8 does not format.
 */
export function browserFormat(args: unknown[], options: { substitute?: boolean } = {}): string {
  const converted = options.substitute === false ? args : browserSubstitute(args);
  return converted.map((argument) => browserTopLevel(argument)).join(' ');
}

// The browser model's DOM nodes (engine/sandbox/browser.ts) are recognised by shape: Chromium gives
// them the "node" subtype, which playwright-core reports as `JSHandle@node` at top level.
function isDomNode(value: object): boolean {
  try {
    const node = value as { nodeType?: unknown; nodeName?: unknown };
    return typeof node.nodeType === 'number' && typeof node.nodeName === 'string' && 'childNodes' in value;
  } catch {
    return false;
  }
}

/** V8's description of a DOM node: `div#app.card.wide`, `#text`, `#document`. */
function domNodeDescription(value: object): string {
  const node = value as { nodeType: number; nodeName: string; id?: unknown; className?: unknown };
  let description = node.nodeName.toLowerCase();
  if (node.nodeType === 1) {
    if (typeof node.id === 'string' && node.id !== '') description += `#${node.id}`;
    if (typeof node.className === 'string' && node.className !== '') {
      let classes = '';
      let previousIsDot = false;
      for (const char of node.className) {
        if (char === ' ') {
          if (!previousIsDot) classes += '.';
          previousIsDot = true;
        } else {
          classes += char;
          previousIsDot = char === '.';
        }
      }
      description += `.${classes}`;
    }
  }
  return description;
}

function browserTopLevel(value: unknown): string {
  if (value === undefined) return 'undefined';
  // playwright-core renders a bigint argument as "undefined" and -0 as "0" (measured).
  if (typeof value === 'bigint') return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'symbol') return symbolToString(value);
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (value === null) return 'null';
  const target = proxyTarget(value);
  if (target !== undefined) return browserDescription(value);
  if (isDomNode(value)) return 'JSHandle@node';
  if (Array.isArray(value) || isArguments(value)) return browserArrayPreview(value as ArrayLike<unknown>);
  const description = browserDescription(value);
  if (description === 'Object') return browserObjectPreview(value);
  return description;
}

function browserArrayPreview(value: ArrayLike<unknown>): string {
  const tokens: string[] = [];
  let lastIndex = -1;
  let entries = 0;
  for (const key of Object.keys(value)) {
    if (!isArrayIndex(key)) continue;
    if (entries++ >= kArrayPreviewEntries) break;
    const index = Number(key);
    const emptyItems = index - lastIndex - 1;
    if (emptyItems === 1) tokens.push('empty');
    else if (emptyItems > 1) tokens.push(`empty x ${emptyItems}`);
    tokens.push(browserPropertyValue(value, key));
    lastIndex = index;
  }
  return `[${tokens.join(', ')}]`;
}

function browserObjectPreview(value: object): string {
  const tokens: string[] = [];
  // V8 counts index-like and named properties against separate limits.
  let named = 0;
  let indexed = 0;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    // A setter without a getter has nothing to preview.
    if (descriptor === undefined || (!('value' in descriptor) && descriptor.get === undefined)) continue;
    if (typeof key === 'string' && isArrayIndex(key)) {
      if (indexed++ >= kArrayPreviewEntries) continue;
    } else if (named++ >= kObjectPreviewProperties) {
      break;
    }
    const name = typeof key === 'symbol' ? symbolToString(key) : key;
    tokens.push(`${name}: ${'value' in descriptor ? browserNestedValue(descriptor.value) : 'undefined'}`);
  }
  return `{${tokens.join(', ')}}`;
}

function browserPropertyValue(value: ArrayLike<unknown>, key: string): string {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  if (descriptor === undefined || !('value' in descriptor)) return 'undefined';
  return browserNestedValue(descriptor.value);
}

/** The value of one property in V8's object preview. */
function browserNestedValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return abbreviateMiddle(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return abbreviateMiddle(`${value}n`);
  if (typeof value === 'symbol') return abbreviateEnd(symbolToString(value));
  if (typeof value === 'function') return '';
  if (typeof value !== 'object') return String(value);
  return abbreviateEnd(browserDescription(value));
}

export function dataProperty(value: object, key: PropertyKey): unknown {
  // V8 looks names up without running getters; so does this walk of the prototype chain.
  let current: object | null = value;
  while (current !== null) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor !== undefined) return 'value' in descriptor ? descriptor.value : undefined;
    current = Object.getPrototypeOf(current) as object | null;
  }
  return undefined;
}

const intrinsicObjectToString = Object.prototype.toString;
const intrinsicErrorToString = Error.prototype.toString;

/**
 * V8's side-effect-free text for a value in an error message ("called on incompatible receiver
 * #<Foo>"), as measured in node 20.20.2: primitives as strings (a bigint without its n), functions
 * by their source, an error as `Name: message`, an object whose toString is Object.prototype's by
 * its constructor's name, another `[object Class]`; a proxy as its target. No getter, proxy trap or
 * toString of the program runs.
 */
/** Objects V8 names otherwise than their prototype chain says (setReceiverText). */
const receiverTexts = new WeakMap<object, string>();

/**
 * How V8's messages name `object` as a receiver, when the sandbox's stand-in lacks what V8 reads
 * (the browser model's global object is Chromium's window: `#<Window>`, measured in Chromium 150).
 */
export function setReceiverText(object: object, text: string): void {
  receiverTexts.set(object, text);
}

export function v8ReceiverText(value: unknown): string {
  try {
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'function') return Function.prototype.toString.call(value);
    if (value === null || typeof value !== 'object') return String(value);
    const proxied = proxyTarget(value);
    // V8 looks through a proxy to its target; a revoked proxy's is null (measured: a proxy of a Map
    // is `#<Map>`, a revoked proxy `null`).
    if (proxied !== undefined) return proxied.target === null ? 'null' : v8ReceiverText(proxied.target);
    const named = receiverTexts.get(value);
    if (named !== undefined) return named;
    const toString = dataProperty(value, 'toString');
    if (toString === intrinsicErrorToString || builtinClassName(value) === 'Error') {
      // V8's side-effect-free Error.prototype.toString: only string data properties count
      // (measured: `Error: x`, a name set to '' leaves the message alone).
      const name = dataProperty(value, 'name');
      const message = dataProperty(value, 'message');
      const nameText = typeof name === 'string' ? name : '';
      const messageText = typeof message === 'string' ? message : '';
      return nameText === '' ? messageText : messageText === '' ? nameText : `${nameText}: ${messageText}`;
    }
    if (toString === intrinsicObjectToString) {
      const constructor = dataProperty(value, 'constructor');
      const name = typeof constructor === 'function' ? dataProperty(constructor, 'name') : undefined;
      if (typeof name === 'string' && name !== '') return `#<${name}>`;
    }
    const tag = dataProperty(value, Symbol.toStringTag);
    return `[object ${typeof tag === 'string' ? tag : builtinClassName(value) ?? 'Object'}]`;
  } catch {
    return '[object Object]';
  }
}

// V8 names these built-in iterators by their internal class, not by their `Symbol.toStringTag` (measured).
const internalIteratorNames = new Map<object, string>([
  [mapIteratorPrototype, 'MapIterator'],
  [setIteratorPrototype, 'SetIterator'],
  [Object.getPrototypeOf(''[Symbol.iterator]()) as object, 'StringIterator'],
  [Object.getPrototypeOf('a'.matchAll(/a/g)) as object, 'RegExpStringIterator'],
]);

/**
 * Objects of a prototype the sandbox makes for a built-in that V8 names by its internal class (an
 * Intl.Segmenter's segments: `Segments` in Chromium's console, measured).
 */
export function setInternalClassName(prototype: object, name: string): void {
  internalIteratorNames.set(prototype, name);
}

/** V8's `GetConstructorName`: the constructing class, else a data `Symbol.toStringTag`, else `constructor.name`. */
function v8ConstructorName(value: object): string {
  const proto = Object.getPrototypeOf(value) as object | null;
  const iteratorName = proto === null ? undefined : internalIteratorNames.get(proto);
  if (iteratorName !== undefined) return iteratorName;
  if (proto !== null) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
    const constructor = descriptor && 'value' in descriptor ? descriptor.value : undefined;
    if (typeof constructor === 'function' && constructor.prototype === proto) {
      const name = (constructor as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '' && name !== 'Object') return name;
    }
  }
  const tag = dataProperty(value, Symbol.toStringTag);
  if (typeof tag === 'string') return tag;
  const constructor = dataProperty(value, 'constructor');
  if (typeof constructor === 'function') {
    const name = (constructor as { name?: unknown }).name;
    if (typeof name === 'string' && name !== '') return name;
  }
  if (typeof value === 'function') return 'Function';
  // V8 still knows the built-in class of a value whose prototype was removed.
  return builtinClassName(value) ?? 'Object';
}

function builtinClassName(value: object): string | undefined {
  if (Array.isArray(value)) return 'Array';
  const typedName = typedArrayName(value);
  if (typedName !== undefined) return typedName;
  const checks: [(candidate: object) => boolean, string][] = [
    [isMap, 'Map'], [isSet, 'Set'], [isWeakMap, 'WeakMap'], [isWeakSet, 'WeakSet'], [isDate, 'Date'], [isRegExp, 'RegExp'],
    [isArrayBuffer, 'ArrayBuffer'], [isDataView, 'DataView'], [isNumberObject, 'Number'], [isStringObject, 'String'],
    [isBooleanObject, 'Boolean'], [isSymbolObject, 'Symbol'], [isBigIntObject, 'BigInt'],
  ];
  for (const [check, name] of checks) if (check(value)) return name;
  if (objectToString.call(value) === '[object Error]') return 'Error';
  return undefined;
}

/**
 * Platform objects Chromium's console describes as errors although Object.prototype.toString does
 * not say so (a DOMException: `[object DOMException]`); browserAbort.ts marks them when made.
 */
const browserErrorObjects = new WeakSet<object>();

export function markBrowserErrorObject(value: object): void {
  browserErrorObjects.add(value);
}

function browserErrorDescription(error: object, className: string): string {
  const read = (key: string): unknown => {
    try {
      return (error as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  };
  // An error whose prototype was set to null keeps the class name V8 recorded at construction;
  // without that record, 'Error' is the best guess.
  if (Object.getPrototypeOf(error) === null) className = 'Error';
  const rawStack = read('stack');
  // QuickJS's frames-only stack (see getStackString) is read as V8's form would be.
  const stack = typeof rawStack === 'string' && /^ +at /.test(rawStack) ? `\n${rawStack.replace(/\n+$/, '')}` : rawStack;
  const message = read('message');
  const name = read('name');
  // Measured: the header uses the `name` property unless it is empty or the inherited 'Error',
  // in which case the class name (`MyError`) is used; the frames are whatever follows the first
  // "\n    at " line of `stack`.
  const headerName = typeof name === 'string' && name !== '' && name !== 'Error' ? name : className;
  const header = typeof message === 'string' && message !== '' ? `${headerName}: ${message}` : headerName;
  if (typeof stack !== 'string') return header;
  const framesStart = stack.indexOf('\n    at ');
  return framesStart === -1 ? header : header + stack.slice(framesStart);
}

/** V8's `RemoteObject.description` of an object. */
function browserDescription(value: object): string {
  const target = proxyTarget(value);
  if (target !== undefined) {
    if (target.target === null) return 'Proxy';
    // The target's class (measured in Chromium: Proxy(Object), Proxy(Array), Proxy(Point), Proxy(Map)).
    let kind: string;
    try {
      kind = typeof target.target === 'function' ? 'Function' : v8ConstructorName(target.target);
    } catch {
      kind = 'Object';
    }
    return `Proxy(${kind})`;
  }
  if (typeof value === 'function') {
    try {
      return Function.prototype.toString.call(value);
    } catch {
      return 'Function';
    }
  }
  // In the browser model the global object is the window.
  if (value === globalThis) return 'Window';
  if (isDomNode(value)) return domNodeDescription(value);
  const className = v8ConstructorName(value);
  if (Array.isArray(value)) return `${className}(${value.length})`;
  if (isArguments(value)) return `Arguments(${(value as ArrayLike<unknown>).length})`;
  // Only real errors (the [[ErrorData]] brand) are described as errors; `Object.create(Error.prototype)` is not.
  if ((dataProperty(value, Symbol.toStringTag) === undefined && objectToString.call(value) === '[object Error]') || browserErrorObjects.has(value)) {
    return browserErrorDescription(value, className);
  }
  if (isMap(value)) return `${className}(${mapSizeGetter!.call(value) as number})`;
  if (isSet(value)) return `${className}(${setSizeGetter!.call(value) as number})`;
  const typedName = typedArrayName(value);
  if (typedName !== undefined) return `${className}(${typedArrayLengthGetter!.call(value) as number})`;
  if (isArrayBuffer(value)) return `${className}(${arrayBufferByteLength!.call(value) as number})`;
  if (isDataView(value)) return `${className}(${dataViewByteLength!.call(value) as number})`;
  if (isDate(value)) return Date.prototype.toString.call(value);
  if (isRegExp(value)) {
    // A copy reads the internal source and flags even when the prototype (and its getters) is gone.
    const regExp = new RegExp(value as RegExp);
    const flags = ['g', 'i', 'm', 's', 'u', 'y'].filter((flag) => regExp.flags.includes(flag)).join('');
    return `/${regExp.source}/${flags}`;
  }
  return className;
}

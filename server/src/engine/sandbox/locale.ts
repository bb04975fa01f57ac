// String.prototype.localeCompare, Number/BigInt.prototype.toLocaleString and Date.prototype's
// toLocale*String as V8 has them: QuickJS has no Intl (its localeCompare compares code units and
// returns their difference, its toLocaleString ignores locales), so the answers come from the
// host's V8 (engine/locale.ts, host primitive `localeOperation`). The receiver and arguments are
// converted here, in the program's realm and order, so that the program's own toString or valueOf
// runs as often as in V8; only plain data crosses to the host. The sandbox's `Intl` (intl.ts, a
// lazily compiled chunk) asks through the same request.

type LocaleKind = 'compare' | 'number' | 'bigint' | 'dateTime' | 'date' | 'time' | 'upper' | 'lower' | 'intl';

// Taken before the program runs, so that a program replacing JSON or Function.prototype.call does
// not break the engine's own requests (the program's replacements still apply to its own code).
const { stringify, parse } = JSON;
const apply = Reflect.apply;
const { getPrototypeOf, getOwnPropertyDescriptors } = Object;
const ObjectPrototype = Object.prototype;
const isArray = Array.isArray;

/** The host's answer: `{ value }`, `{ read: key }` or `{ error: { name, message } }` (engine/locale.ts). */
type Ask = (requestText: string) => string;

/** What locale.ts and intl.ts share with the bootstrap: set by {@link installLocaleMethods}. */
export interface LocaleEnvironment {
  ask: Ask;
  markNative: (fn: object, name: string) => void;
  browser: boolean;
  /**
   * node-legacy: Node 10's official builds carry ICU's English data only (small-icu, measured with
   * Node 10.24.1: `(1234.5).toLocaleString('de-DE')` is '1,234.5'), so every locale falls back to English.
   */
  englishOnly?: boolean;
  /** Whether reading `value` would run a proxy's traps (inspect.ts isTrackedProxy). */
  isProxy: (value: unknown) => boolean;
  markVarying: (what: string) => void;
  unsupported: (what: string) => void;
}

let environment: LocaleEnvironment | undefined;

/** The environment the bootstrap installed (intl.ts is compiled later, on first use of `Intl`). */
export function localeEnvironment(): LocaleEnvironment {
  if (environment === undefined) throw new Error('LoopLens: the locale bridge is not installed');
  return environment;
}

/**
 * The `locales` argument as V8's CanonicalizeLocaleList reads it: a string stays one; an object
 * (an array or any array-like) has its `length` and elements read in order, and object elements
 * turned into strings here; anything else gives an empty list. `null` and elements V8 rejects are
 * passed on as they are, so that the host's V8 throws its own TypeError.
 */
export function localesData(locales: unknown): unknown {
  if (locales === undefined || locales === null || typeof locales === 'string') return locales;
  if (typeof locales !== 'object' && typeof locales !== 'function') return [];
  const list = locales as Record<number | string, unknown>;
  const length = Math.min(Math.max(Math.floor(Number(list.length)) || 0, 0), 2 ** 32 - 1);
  const result: unknown[] = [];
  for (let index = 0; index < length; index++) {
    if (!(index in list)) continue;
    const element = list[index];
    if (typeof element === 'string') result[result.length] = element;
    else if (element !== null && (typeof element === 'object' || typeof element === 'function')) result[result.length] = String(element);
    else if (typeof element === 'number' || typeof element === 'boolean') result[result.length] = element;
    // undefined, null, symbols and bigints: V8's "Language ID should be string or object."
    else result[result.length] = null;
  }
  return result;
}

/** Options V8 reads as numbers (ToNumber of an object operand runs its valueOf). */
const NUMBER_OPTIONS = new Set([
  'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits',
  'maximumSignificantDigits', 'roundingIncrement', 'fractionalSecondDigits',
]);
/** Options V8 reads as booleans (an object is true, and nothing of it runs). */
const BOOLEAN_OPTIONS = new Set(['numeric', 'ignorePunctuation', 'hour12']);

/** One option as V8 converts it right after reading it (ToString, ToNumber or ToBoolean). */
function optionValue(key: string, value: unknown): unknown {
  // JSON carries NaN and Infinity as null; their text converts back to the same number (or text).
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (BOOLEAN_OPTIONS.has(key)) return true;
  // QuickJS's String(symbol) and Number(1n) succeed (or throw in its own words) where V8's ToString
  // and ToNumber throw these TypeErrors (measured in node 20).
  if (typeof value === 'symbol') throw new TypeError(NUMBER_OPTIONS.has(key) ? 'Cannot convert a Symbol value to a number' : 'Cannot convert a Symbol value to a string');
  if (NUMBER_OPTIONS.has(key)) {
    if (typeof value === 'bigint') throw new TypeError('Cannot convert a BigInt value to a number');
    return Number(value);
  }
  return String(value);
}

/**
 * Whether V8's reads of `options` cannot be observed, so that the options can cross as data: an
 * ordinary object (not a proxy) whose prototype is Object.prototype and whose own properties are
 * plain data of a kind JSON carries. Inherited options, getters, proxies and values that convert
 * through the program's own code are read one by one instead, in V8's order.
 */
function isPlainOptions(options: object, isProxy: (value: unknown) => boolean): boolean {
  if (getPrototypeOf(options) !== ObjectPrototype || isArray(options) || isProxy(options)) return false;
  // One call for every descriptor: QuickJS takes twice as long with a call per property, and
  // sorting with localeCompare checks its options tens of thousands of times.
  const descriptors = getOwnPropertyDescriptors(options) as Record<string, PropertyDescriptor>;
  for (const name in descriptors) {
    const descriptor = descriptors[name];
    if (descriptor.get !== undefined || descriptor.set !== undefined) return false;
    const value: unknown = descriptor.value;
    const type = typeof value;
    if (type === 'object' ? value !== null : type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'undefined') return false;
    // NaN and the infinities (x - x is NaN for them): JSON would carry them as null.
    if (type === 'number' && (value as number) - (value as number) !== 0) return false;
  }
  return true;
}

/** A request's fields other than locales and options. */
export type LocaleRequestFields = {
  kind: LocaleKind; value?: string; that?: string; service?: string; method?: string; args?: unknown[];
  /**
   * The answer is a date's text: without a `timeZone` option it is in the host's time zone, which
   * differs between machines, so the line that prints it is marked varying (as Date.now() marks it).
   */
  zoned?: boolean;
};

/** The locales and options as plain data, as they were read: an Intl instance keeps them for its later calls. */
export interface KeptArguments {
  locales?: unknown;
  options?: unknown;
}

/** The reads of a request whose options crossed as data (shared: never written). */
const NO_READS: [string, unknown?][] = [];

/** The most reads one operation makes (DateTimeFormat's is ~45); more means something is wrong. */
const MAX_OPTION_READS = 200;

/**
 * Asks the host for one operation; returns its value or throws V8's error in the program's realm.
 * `locales` is read here first, then the options: as data, or (when reading them is observable)
 * property by property as the host's V8 asks for them.
 */
export function localeRequest(fields: LocaleRequestFields, locales: unknown, options: unknown, kept?: KeptArguments): unknown {
  const { ask, browser, isProxy, englishOnly } = localeEnvironment();
  let localeList = localesData(locales);
  // The program's locales are still read and checked (a null or a malformed tag still throws), then
  // English answers; supportedLocalesOf keeps only the English tags.
  if (englishOnly && localeList !== null && fields.method !== 'getCanonicalLocales') {
    const canonical = localeList === undefined ? [] : englishOnlyCanonicalLocales(ask, localeList);
    // Case mapping needs no locale data: Node 10 maps Turkish, Azeri and Lithuanian too (measured).
    const caseMapping = fields.kind === 'upper' || fields.kind === 'lower';
    localeList = fields.method === 'supportedLocalesOf' ? canonical.filter(isEnglishTag) : caseMapping ? canonical : 'en';
  }
  // Field by field (no rest or spread): sorting with localeCompare makes tens of thousands of requests.
  const request: Record<string, unknown> = { kind: fields.kind, value: fields.value, that: fields.that, locales: localeList };
  if (fields.kind === 'intl') {
    request.service = fields.service;
    request.method = fields.method;
    request.args = fields.args;
  }
  const zoned = fields.zoned;
  let target: Record<string, unknown> | undefined;
  const chromiumOrder = browser ? chromiumOptionOrder(fields) : undefined;
  if (options === null && chromiumOrder !== undefined && fields.kind !== 'intl' && fields.kind !== 'number' && fields.kind !== 'bigint' && fields.kind !== 'compare') {
    // Chromium words a date method's null options after the method (measured); Node 20 does not.
    throw new TypeError(`Date.prototype.${DATE_METHOD_NAMES[fields.kind]} called on null or undefined`);
  }
  if (options === null && browser && fields.kind === 'intl' && fields.service === 'DateTimeFormat' && fields.method === 'construct') {
    throw new TypeError('Intl.DateTimeFormat called on null or undefined');
  }
  if (options === null || typeof options === 'string' || typeof options === 'number' || typeof options === 'boolean') {
    request.options = options;
  } else if (typeof options === 'object' || typeof options === 'function') {
    if (isPlainOptions(options as object, isProxy)) request.options = options;
    else if (chromiumOrder !== undefined) request.options = readInOrder(options as Record<string, unknown>, chromiumOrder);
    else target = options as Record<string, unknown>;
  }
  const reads: [string, unknown?][] = target !== undefined ? [] : NO_READS;
  if (target !== undefined) request.reads = reads;
  for (let step = 0; step <= MAX_OPTION_READS; step++) {
    const answer = parse(ask(stringify(request))) as { value: unknown } | { read: string } | { error: { name: string; message: string } };
    if ('value' in answer) {
      if (zoned && !namesTimeZone(request.options, reads)) localeEnvironment().markVarying('the time zone');
      if (kept !== undefined) {
        kept.locales = localeList;
        kept.options = target !== undefined ? optionsFromReads(reads) : typeof request.options === 'object' && request.options !== null ? parse(stringify(request.options)) : undefined;
      }
      return answer.value;
    }
    if ('read' in answer) {
      if (target === undefined) break;
      const key = answer.read;
      const value = target[key];
      reads[reads.length] = value === undefined ? [key] : [key, optionValue(key, value)];
      continue;
    }
    const { error } = answer;
    // Not for Intl.Locale's own tag, which Chromium words as Node does (measured).
    if (browser && error.message === 'Incorrect locale information provided' && localeList !== undefined && fields.service !== 'Locale') {
      // Chromium's newer V8 words a malformed locale "Invalid language tag: x" where Node 20 says
      // "Incorrect locale information provided" (both measured); the host is Node.
      error.message = `Invalid language tag: ${isArray(localeList) ? String(localeList[0]) : String(localeList)}`;
    }
    const ErrorClass = (globalThis as Record<string, unknown>)[error.name];
    throw new (typeof ErrorClass === 'function' ? (ErrorClass as ErrorConstructor) : Error)(error.message);
  }
  throw new Error('LoopLens: the host asked for too many locale options');
}

/** The canonical tags of each locale list node-legacy checked (sorting compares with one list many times). */
const englishOnlyChecked = new Map<string, string[]>();

/**
 * node-legacy: the locale list checked as Node 10 checks it before falling back to its English
 * data (small-icu). A malformed tag is a RangeError in Node 10's words, `Invalid language tag: x_y`
 * naming the first bad tag (measured with Node 10.24.1; Node 20 says "Incorrect locale information
 * provided"); an element that is not a string or object is V8's TypeError in both.
 */
function englishOnlyCanonicalLocales(ask: Ask, localeList: unknown): string[] {
  const key = stringify(localeList);
  const known = englishOnlyChecked.get(key);
  if (known !== undefined) return known;
  const canonicalize = (list: unknown) => parse(ask(stringify({ kind: 'intl', service: 'Intl', method: 'getCanonicalLocales', locales: list }))) as { value: string[] } | { error: { name: string; message: string } };
  const answer = canonicalize(localeList);
  if ('value' in answer) {
    if (englishOnlyChecked.size < 64) englishOnlyChecked.set(key, answer.value);
    return answer.value;
  }
  const { error } = answer;
  if (error.name === 'RangeError') {
    const tags = isArray(localeList) ? localeList : [localeList];
    const bad = tags.find((tag) => typeof tag === 'string' && 'error' in canonicalize(tag));
    if (bad !== undefined) throw new RangeError(`Invalid language tag: ${String(bad)}`);
  }
  const ErrorClass = (globalThis as Record<string, unknown>)[error.name];
  throw new (typeof ErrorClass === 'function' ? (ErrorClass as ErrorConstructor) : Error)(error.message);
}

/**
 * Whether Node 10's small-icu supports a canonical tag: its only data is English, and the lookup
 * drops subtags from the end, so every tag whose language is `en` finds it (measured:
 * supportedLocalesOf(['en-Latn-US', 'EN-gb', 'zh', 'enx']) is ['en-Latn-US', 'en-GB']).
 */
function isEnglishTag(tag: string): boolean {
  return tag === 'en' || tag.startsWith('en-');
}

/**
 * The browser model: Chromium's newer V8 reads each option once, in an order that does not depend
 * on the values (measured in Chromium 156 with a proxy that logs its reads), where Node 20's reads
 * date options twice; the host is Node, so the sandbox reads in Chromium's order itself and sends
 * the values as data. Operations not listed read as Node does (Collator, RelativeTimeFormat,
 * ListFormat: the same order in both).
 */
const CHROMIUM_OPTION_ORDER: Record<string, string[]> = {
  NumberFormat: [
    'localeMatcher', 'numberingSystem', 'style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay', 'notation',
    'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits',
    'roundingIncrement', 'roundingMode', 'roundingPriority', 'trailingZeroDisplay', 'compactDisplay', 'useGrouping', 'signDisplay',
  ],
  DateTimeFormat: [
    'localeMatcher', 'calendar', 'numberingSystem', 'hour12', 'hourCycle', 'timeZone', 'weekday', 'era', 'year', 'month', 'day',
    'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName', 'formatMatcher', 'dateStyle', 'timeStyle',
  ],
  PluralRules: [
    'localeMatcher', 'type', 'notation', 'compactDisplay', 'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits',
    'minimumSignificantDigits', 'maximumSignificantDigits', 'roundingIncrement', 'roundingMode', 'roundingPriority', 'trailingZeroDisplay',
  ],
};

const DATE_METHOD_NAMES: Record<string, string> = { dateTime: 'toLocaleString', date: 'toLocaleDateString', time: 'toLocaleTimeString' };

/** The Chromium read order of an operation's options, when it differs from Node 20's. */
function chromiumOptionOrder(fields: LocaleRequestFields): string[] | undefined {
  switch (fields.kind) {
    case 'number':
    case 'bigint':
      return CHROMIUM_OPTION_ORDER.NumberFormat;
    case 'dateTime':
    case 'date':
    case 'time':
      return CHROMIUM_OPTION_ORDER.DateTimeFormat;
    case 'intl':
      return fields.method === 'construct' && fields.service !== undefined ? CHROMIUM_OPTION_ORDER[fields.service] : undefined;
    default:
      return undefined;
  }
}

/** Reads the listed options once each, in order, converting each right after reading it. */
function readInOrder(options: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let index = 0; index < order.length; index++) {
    const key = order[index];
    const value = options[key];
    if (value !== undefined) data[key] = optionValue(key, value);
  }
  return data;
}

/** Defines `name` on `holder` as a built-in method: V8's name, length and `[native code]` text. */
export function defineNativeMethod(holder: object, name: string, length: number, method: (this: unknown, ...args: unknown[]) => unknown): void {
  const { markNative } = localeEnvironment();
  Object.defineProperty(method, 'name', { value: name, configurable: true });
  Object.defineProperty(method, 'length', { value: length, configurable: true });
  markNative(method, name);
  Object.defineProperty(holder, name, { value: method, writable: true, configurable: true, enumerable: false });
}

/** The options V8 ended up with: the last value read of each property that was not undefined. */
function optionsFromReads(reads: [string, unknown?][]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (let index = 0; index < reads.length; index++) {
    const read = reads[index];
    if (read.length > 1) options[read[0]] = read[1];
    else delete options[read[0]];
  }
  return options;
}

/** Whether the options (as data, or as read one by one) name a time zone; nothing is read again. */
function namesTimeZone(data: unknown, reads: [string, unknown?][]): boolean {
  for (let index = reads.length - 1; index >= 0; index--) if (reads[index][0] === 'timeZone') return reads[index].length > 1;
  return data !== null && typeof data === 'object' && (data as { timeZone?: unknown }).timeZone !== undefined;
}

export function installLocaleMethods(installed: LocaleEnvironment): void {
  environment = installed;
  const request = (kind: LocaleKind, value: string, locales: unknown, options: unknown, that?: string) =>
    localeRequest({ kind, value, that, zoned: kind === 'dateTime' || kind === 'date' || kind === 'time' }, locales, options);

  defineNativeMethod(String.prototype, 'localeCompare', 1, function (this: unknown, that: unknown, locales?: unknown, options?: unknown) {
    if (this === undefined || this === null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
    return request('compare', String(this), locales, options, String(that));
  });
  const numberValue = Number.prototype.valueOf;
  defineNativeMethod(Number.prototype, 'toLocaleString', 0, function (this: unknown, locales?: unknown, options?: unknown) {
    const number = apply(numberValue, this, []) as number;
    return request('number', Object.is(number, -0) ? '-0' : String(number), locales, options);
  });
  const bigintValue = BigInt.prototype.valueOf;
  defineNativeMethod(BigInt.prototype, 'toLocaleString', 0, function (this: unknown, locales?: unknown, options?: unknown) {
    return request('bigint', String(apply(bigintValue, this, [])), locales, options);
  });
  // Turkish, Azeri and Lithuanian case their i's their own way (ICU's special casing; QuickJS
  // ignores the locale). Without a locale the default one cases as the language-neutral mapping
  // does, so QuickJS's own method answers and nothing crosses to the host.
  for (const [name, kind] of [['toLocaleUpperCase', 'upper'], ['toLocaleLowerCase', 'lower']] as const) {
    const withoutLocale = String.prototype[name];
    defineNativeMethod(String.prototype, name, 0, function (this: unknown, locales?: unknown) {
      if (this === undefined || this === null) throw new TypeError(`String.prototype.${name} called on null or undefined`);
      if (locales === undefined) return apply(withoutLocale, this, []);
      return request(kind, String(this), locales, undefined);
    });
  }
  const getTime = Date.prototype.getTime;
  const dateMethods: [string, LocaleKind][] = [['toLocaleString', 'dateTime'], ['toLocaleDateString', 'date'], ['toLocaleTimeString', 'time']];
  for (const [name, kind] of dateMethods) {
    defineNativeMethod(Date.prototype, name, 0, function (this: unknown, locales?: unknown, options?: unknown) {
      const time = apply(getTime, this, []) as number;
      if (Number.isNaN(time)) return 'Invalid Date';
      return request(kind, String(time), locales, options);
    });
  }
}

// The locale-sensitive built-ins QuickJS lacks (it has no Intl, so `'a'.localeCompare('B')` is 31
// there and -1 in V8, `(1234.5).toLocaleString()` '1234.5' instead of '1,234.5'), and the sandbox's
// `Intl` object, answered by the host's own V8 and ICU: the same library, locale and time zone a
// real run on this machine uses. The sandbox side is sandbox/locale.ts (and sandbox/intl.ts);
// requests and answers cross as JSON text.

/** The Intl services the sandbox offers (sandbox/intl.ts). */
export type IntlService = 'NumberFormat' | 'DateTimeFormat' | 'Collator' | 'PluralRules' | 'RelativeTimeFormat' | 'ListFormat' | 'DisplayNames' | 'Segmenter' | 'Locale';

/**
 * A value handed to an Intl method, tagged so that what JSON cannot carry survives: `['n', text]`
 * a number (NaN, -0, Infinity), `['b', text]` a bigint, `['s', text]` a string, `['u']` undefined,
 * `['z']` null, `['t' | 'f']` a boolean, `['o']` some object, `['l', TaggedValue[]]` a list.
 */
export type TaggedValue = [string, (string | TaggedValue[])?];

/** What the sandbox asks: the operation and its already converted operands. */
export interface LocaleRequest {
  kind: 'compare' | 'number' | 'bigint' | 'dateTime' | 'date' | 'time' | 'upper' | 'lower' | 'intl';
  /** The receiver: a string, a number or bigint as text (NaN, -0 and big values survive), epoch ms. */
  value?: string;
  /** localeCompare's other string. */
  that?: string;
  /** The locale list as the sandbox read it (null and bad elements are passed on, so V8 throws its own TypeError). */
  locales?: unknown;
  /**
   * The options as plain data when reading them cannot be observed (an ordinary object with own
   * data properties), or a primitive or null as the program passed it.
   */
  options?: unknown;
  /**
   * Otherwise the options read so far, one `[key, value]` (or `[key]` for undefined) per property
   * read, in V8's order: the host runs the real operation over a proxy that answers those reads
   * and asks for the next one (`{ read: key }`), so the program's getters run in V8's order and
   * as often as in V8.
   */
  reads?: [string, unknown?][];
  /** `intl`: the service and its method ('construct', 'supportedLocalesOf', or a prototype method). */
  service?: IntlService | 'Intl';
  method?: string;
  args?: TaggedValue[];
}

/** `{ value }`, `{ read: key }` (see reads), or `{ error: { name, message } }` for the error V8 throws. */
export type LocaleAnswer = { value: unknown } | { read: string } | { error: { name: string; message: string } };

type Formatter = Intl.Collator | Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules | Intl.RelativeTimeFormat | Intl.ListFormat | Intl.DisplayNames | Intl.Segmenter | Intl.Locale;

/**
 * Formatters made for earlier requests, by service, locales and options: sorting with
 * localeCompare asks once per comparison, and making an ICU collator each time cost seconds for a
 * few thousand strings (V8 keeps one too). Bounded, since a program chooses the keys.
 */
const formatters = new Map<string, Formatter>();
const MAX_FORMATTERS = 64;
/** Longer keys (a program's huge option strings) are not kept: they would stay in the worker across runs. */
const MAX_FORMATTER_KEY_LENGTH = 1024;

function formatterFor(service: IntlService, locales: unknown, options: unknown): Formatter {
  const key = JSON.stringify([service, locales, options]);
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    const Service = Intl[service] as unknown as new (locales: unknown, options: unknown) => Formatter;
    formatter = new Service(locales, options);
    if (key.length > MAX_FORMATTER_KEY_LENGTH) return formatter;
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Thrown by the options proxy when V8 reads a property the sandbox has not read yet. */
class NeedRead {
  constructor(readonly key: string) {}
}

/** The options V8 reads through: the sandbox's reads answered in order, then a request for the next one. */
function optionsProxy(reads: [string, unknown?][]): object {
  let index = 0;
  return new Proxy(Object.create(null) as object, {
    get(_target, key) {
      if (typeof key === 'symbol') return undefined;
      const read = reads[index++];
      if (read === undefined) throw new NeedRead(key);
      // The sandbox read the same property V8 reads at this step (it was asked for it by name).
      return read[1];
    },
  });
}

function untag(value: TaggedValue): unknown {
  const [tag, text] = value;
  switch (tag) {
    case 'n':
      return Number(text);
    case 'b':
      return BigInt(text as string);
    case 's':
      return text;
    case 'z':
      return null;
    case 't':
      return true;
    case 'f':
      return false;
    case 'o':
      return {};
    case 'l':
      return (text as TaggedValue[]).map(untag);
    default:
      return undefined;
  }
}

/** The operations on a receiver, as the built-in methods a program calls (their own error wording). */
function builtInOperation(request: LocaleRequest, options: unknown): unknown {
  const { locales, value = '' } = request;
  const date = () => new Date(Number(value));
  // The built-ins are called with the program's operands as they are: a bad one must throw V8's own error.
  const call = (method: unknown, receiver: unknown, ...args: unknown[]) => Reflect.apply(method as (...args: unknown[]) => unknown, receiver, args);
  switch (request.kind) {
    case 'compare':
      return call(String.prototype.localeCompare, value, request.that ?? 'undefined', locales, options);
    case 'number':
      return call(Number.prototype.toLocaleString, Number(value), locales, options);
    case 'bigint':
      return call(BigInt.prototype.toLocaleString, BigInt(value), locales, options);
    case 'dateTime':
      return call(Date.prototype.toLocaleString, date(), locales, options);
    case 'date':
      return call(Date.prototype.toLocaleDateString, date(), locales, options);
    case 'time':
      return call(Date.prototype.toLocaleTimeString, date(), locales, options);
    case 'upper':
      return call(String.prototype.toLocaleUpperCase, value, locales);
    case 'lower':
      return call(String.prototype.toLocaleLowerCase, value, locales);
    default:
      return intlOperation(request, options);
  }
}

/** The sandbox's Intl: a constructor's option reading, a static method, or a method of a made formatter. */
function intlOperation(request: LocaleRequest, options: unknown): unknown {
  const { service, method, locales } = request;
  const args = (request.args ?? []).map(untag);
  if (service === 'Intl') {
    if (method === 'getCanonicalLocales') return Intl.getCanonicalLocales(locales as string[]);
    if (method === 'supportedValuesOf') return Intl.supportedValuesOf(args[0] as 'currency');
    throw new TypeError(`Unknown Intl operation ${String(method)}`);
  }
  if (service === undefined || !Object.prototype.hasOwnProperty.call(Intl, service)) throw new TypeError(`Unknown Intl service ${String(service)}`);
  const Service = Intl[service] as unknown as (new (locales: unknown, options: unknown) => Formatter) & { supportedLocalesOf(locales: unknown, options: unknown): string[] };
  if (method === 'construct') {
    // Only the reading of the options (and V8's errors) matters here: the sandbox keeps what it read.
    void new Service(locales, options);
    return true;
  }
  if (method === 'supportedLocalesOf') return Service.supportedLocalesOf(locales, options);
  const formatter = formatterFor(service, locales, options) as unknown as Record<string, unknown>;
  // Results that are objects cross as data, from which sandbox/intl.ts makes its own.
  if (service === 'Locale' && method === 'describe') return describeLocale(formatter as unknown as Intl.Locale);
  if (service === 'Segmenter' && method === 'segment') return Array.from((formatter as unknown as Intl.Segmenter).segment(String(args[0])));
  const operation = formatter[method ?? ''];
  if (typeof operation !== 'function' || method === 'constructor') throw new TypeError(`Unknown Intl method ${String(method)}`);
  return Reflect.apply(operation as (...args: unknown[]) => unknown, formatter, args);
}

/** Intl.Locale.prototype's getters in Node 20 (the newer ones are not in TypeScript's ES2022 library). */
const LOCALE_GETTERS = ['language', 'script', 'region', 'baseName', 'calendar', 'caseFirst', 'collation', 'hourCycle', 'numeric', 'numberingSystem', 'calendars', 'collations', 'hourCycles', 'numberingSystems', 'textInfo', 'timeZones', 'weekInfo'];

/** A Locale as data: its tag, maximized and minimized tags, and each getter's value that is not undefined. */
function describeLocale(locale: Intl.Locale): Record<string, unknown> {
  const facts: Record<string, unknown> = { tag: locale.toString(), maximized: locale.maximize().toString(), minimized: locale.minimize().toString() };
  for (const name of LOCALE_GETTERS) {
    const value = (locale as unknown as Record<string, unknown>)[name];
    if (value !== undefined) facts[name] = value;
  }
  return facts;
}

/** The service whose cached formatter answers a receiver operation given plain data. */
const CACHED_SERVICE: Partial<Record<LocaleRequest['kind'], IntlService>> = { compare: 'Collator', number: 'NumberFormat' };

function answer(request: LocaleRequest): unknown {
  if (request.reads !== undefined) return builtInOperation(request, optionsProxy(request.reads));
  const { locales, options } = request;
  const service = CACHED_SERVICE[request.kind];
  const plainData = locales !== null && (options === undefined || (typeof options === 'object' && options !== null));
  if (service !== undefined && plainData) {
    // As the built-in method is specified: a formatter made with the same arguments. When making it
    // fails, the built-in method is run instead, for its own wording of the error.
    let formatter: Formatter | undefined;
    try {
      formatter = formatterFor(service, locales, options);
    } catch {
      return builtInOperation(request, options);
    }
    return request.kind === 'compare'
      ? (formatter as Intl.Collator).compare(request.value ?? '', request.that ?? 'undefined')
      : (formatter as Intl.NumberFormat).format(Number(request.value));
  }
  return builtInOperation(request, options);
}

export function answerLocaleRequest(requestText: string): string {
  let result: LocaleAnswer;
  try {
    result = { value: answer(JSON.parse(requestText) as LocaleRequest) };
  } catch (error) {
    if (error instanceof NeedRead) {
      result = { read: error.key };
    } else {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      result = { error: { name, message } };
    }
  }
  return JSON.stringify(result);
}

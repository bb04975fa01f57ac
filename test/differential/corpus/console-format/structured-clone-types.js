// structuredClone as V8's serializer clones: binary data (one buffer stays one buffer), primitive
// wrappers, arrays with holes and extra keys, errors by their built-in type with cause and stack,
// getters read, prototypes dropped; and the values it refuses, in the runtime's own words.
const buffer = new ArrayBuffer(4);
const bytes = new Uint8Array(buffer, 1, 2);
bytes[0] = 9;
const copy = structuredClone({ buffer, bytes, floats: new Float64Array([1.5]), view: new DataView(new ArrayBuffer(2)) });
console.log(copy);
console.log(copy.bytes.buffer === copy.buffer, copy.bytes.byteOffset, new Uint8Array(copy.buffer)[1]);
console.log(structuredClone(new Uint8Array([1, 2])), structuredClone(new Map([[{ key: 1 }, new Uint16Array(1)]])));
console.log(structuredClone([new Boolean(false), new Number(2), new String('s'), Object(1n)]));
console.log(structuredClone(Object.assign([1, , 3], { extra: 'kept' })));
const error = new RangeError('out of range', { cause: { detail: 1 } });
error.extra = 'dropped';
const clonedError = structuredClone(error);
console.log(clonedError.name, clonedError.message, clonedError.cause, clonedError.extra, clonedError.stack === error.stack, clonedError instanceof RangeError);
class NamedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NamedError';
  }
}
console.log(structuredClone(new NamedError('named')).name, structuredClone(new (class extends TypeError {})('sub')).name);
class Point {
  constructor() {
    this.x = 1;
  }
  get doubled() {
    return 2;
  }
}
console.log(structuredClone(new Point()), structuredClone({ get computed() { return 'read'; } }));
for (const value of [() => {}, Symbol('s'), Promise.resolve(), new WeakMap(), { nested: function inner() {} }]) {
  try {
    structuredClone(value);
  } catch (caught) {
    console.log(caught.name, caught.code, caught.message);
  }
}
try {
  structuredClone();
} catch (caught) {
  console.log(caught.name, caught.message);
}

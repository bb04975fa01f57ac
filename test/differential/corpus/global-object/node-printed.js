// models: node node-esm
// console.log(globalThis) prints Node's enumerable globals (accessors as [Getter/Setter] and
// [Getter], setTimeout's promisify getter, the circular `global`), and typeof sees Web Crypto.
console.log(globalThis);
const kind = (name) => ('get' in Object.getOwnPropertyDescriptor(globalThis, name) ? 'accessor' : typeof globalThis[name]);
console.log(Object.keys(globalThis).map((name) => `${name}: ${kind(name)}`).join(', '));
console.log(typeof crypto, typeof performance, typeof fetch);

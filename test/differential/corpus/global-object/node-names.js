// models: node node-esm node-legacy
// The global object's names as a program lists them: Node's enumerable globals in Node's order
// (Object.keys, for in), and none of the prediction's own names in any listing of the global
// object's names (getOwnPropertyNames, Reflect.ownKeys, getOwnPropertyDescriptors). `global`, not
// globalThis, which Node 10 does not have.
console.log(Object.keys(global).join(' '));
const listed = [];
for (const name in global) listed.push(name);
console.log(listed.join(' '));
const internal = (names) => names.filter((name) => typeof name === 'string' && name.startsWith('__'));
console.log(internal(Object.getOwnPropertyNames(global)));
console.log(internal(Reflect.ownKeys(global)));
console.log(internal(Object.keys(Object.getOwnPropertyDescriptors(global))));

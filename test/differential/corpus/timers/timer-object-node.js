// models: node node-esm
const t = setTimeout(() => console.log('fired'), 5);
console.log(typeof t, typeof t.ref, typeof t.unref, t.hasRef());
const n = setTimeout(() => console.log('never'), 5);
clearTimeout(n);
console.log(typeof t[Symbol.toPrimitive]);

// models: node node-esm node-legacy browser
const p = Promise.resolve(42);
console.log(Promise.resolve(p) === p);
const q = new Promise((r) => r(p));
console.log(q === p);
q.then((v) => console.log('q', v));
p.then((v) => console.log('p', v));

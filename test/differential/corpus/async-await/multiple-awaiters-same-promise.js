// models: node node-esm node-legacy browser
// Real Node 10 (node-legacy) differs here: before V8 7.2 (Node 12) every await of a native promise took three microtask turns, not one.
let resolveIt;
const p = new Promise((r) => { resolveIt = r; });
(async () => console.log('first', await p))();
(async () => console.log('second', await p))();
p.then((v) => console.log('then', v));
setTimeout(() => resolveIt('go'), 5);

// models: node node-esm node-legacy
const a = setImmediate(() => console.log('A (cleared)'));
let c;
setImmediate(() => { console.log('B clears C'); clearImmediate(c); });
c = setImmediate(() => console.log('C'));
clearImmediate(a);
setImmediate(() => console.log('D'));

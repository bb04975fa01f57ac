// models: node node-esm node-legacy
let n = 0;
const id = setInterval(() => {
  n += 1;
  console.log('interval', n);
  setImmediate(() => console.log('  immediate after interval', n));
  if (n === 3) clearInterval(id);
}, 5);

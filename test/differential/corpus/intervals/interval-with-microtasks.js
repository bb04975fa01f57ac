// models: node node-esm node-legacy browser
let n = 0;
const id = setInterval(() => {
  n += 1;
  console.log('interval', n);
  Promise.resolve().then(() => console.log('  micro', n));
  if (n === 2) clearInterval(id);
}, 5);

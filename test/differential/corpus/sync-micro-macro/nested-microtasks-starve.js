// models: node node-esm node-legacy browser
// Microtasks queued by microtasks still run before the next macrotask.
setTimeout(() => console.log('timeout'), 0);
let n = 0;
function again() {
  n += 1;
  console.log('micro', n);
  if (n < 5) Promise.resolve().then(again);
}
Promise.resolve().then(again);

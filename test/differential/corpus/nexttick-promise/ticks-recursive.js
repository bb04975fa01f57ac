// models: node node-esm node-legacy
// nextTick callbacks queued by nextTick callbacks run before any promise job.
let n = 0;
function tick() {
  n += 1;
  console.log('tick', n);
  if (n < 4) process.nextTick(tick);
}
Promise.resolve().then(() => console.log('promise'));
process.nextTick(tick);

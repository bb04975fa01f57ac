// models: node node-legacy
// nondeterministic
// Two zero-delay timers and two immediates created by the main script: which comes first depends
// on the process start, and the second timer may be stamped a millisecond later than the first,
// so it can run in the same timers phase or only after the immediates (Node 10 and Node 20 both
// show several orders).
setTimeout(() => {
  console.log('timeout 1');
  Promise.resolve().then(() => console.log('promise after timeout 1'));
  process.nextTick(() => console.log('tick after timeout 1'));
}, 0);
setTimeout(() => {
  console.log('timeout 2');
  Promise.resolve().then(() => console.log('promise after timeout 2'));
}, 0);
setImmediate(() => {
  console.log('immediate 1');
  Promise.resolve().then(() => console.log('promise after immediate 1'));
});
setImmediate(() => console.log('immediate 2'));

// process.hrtime counts from an arbitrary point (the machine's boot), not from the program's
// start, so its values are positive; differences of two readings start at [0, ...].
const start = process.hrtime();
const startNs = process.hrtime.bigint();
console.log(start.length, start[0] > 0, start[1] >= 0, startNs > 0n, typeof startNs);
const elapsed = process.hrtime(start);
console.log(elapsed[0] === 0, elapsed[1] >= 0, process.hrtime.bigint() >= startNs);
setTimeout(() => {
  const later = process.hrtime(start);
  console.log('after a timer', later[0] === 0, later[1] > 0, Number(process.hrtime.bigint() - startNs) > 0);
}, 100);

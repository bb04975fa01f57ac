// models: node node-esm
// nondeterministic
// (A top-level setTimeout(0) races the immediate that clears it. Both orders print nothing on
// stdout: when the timer wins it throws and the process crashes (exit code 1, the report on
// stderr); when the immediate wins the timer never runs and the process exits 0. Real node 20
// CommonJS crashed in about 7 of 20 runs. The prediction said deterministic: true with one clean
// exit, because an order was kept as an alternative only when its stdout differed.)
const timer = setTimeout(() => {
  throw new Error('the timer ran first');
}, 0);
setImmediate(() => clearTimeout(timer));

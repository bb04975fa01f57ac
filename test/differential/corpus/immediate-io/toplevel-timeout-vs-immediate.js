// models: node node-esm node-legacy
// nondeterministic
// At top level the order depends on whether 1 ms has passed when the loop first checks timers.
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));

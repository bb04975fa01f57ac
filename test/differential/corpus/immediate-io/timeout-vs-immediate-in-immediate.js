// models: node node-esm node-legacy
// nondeterministic
// Inside a check-phase callback both wait for the next iteration; the timer runs first only if 1 ms has passed.
setImmediate(() => {
  setImmediate(() => console.log('immediate'));
  setTimeout(() => console.log('timeout'), 0);
});

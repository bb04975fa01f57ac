// models: node node-esm
// An unref'd immediate keeps nothing alive: with nothing else pending, a CommonJS entry exits before
// the check phase, so it never runs; an ES module entry's loader keeps the loop running into its
// first check phase, where it runs.
setImmediate(() => console.log('ran (only under an ES module entry)')).unref();
console.log('sync');

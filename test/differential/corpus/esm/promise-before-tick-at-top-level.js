// models: node node-esm
// In CommonJS the nextTick queue drains first; in an ES module the body itself runs inside a
// promise job, so promise reactions queued at top level run before nextTick callbacks.
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('queueMicrotask'));
console.log('sync');

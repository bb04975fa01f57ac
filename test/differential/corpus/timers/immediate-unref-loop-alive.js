// models: node node-esm
// An unref'd immediate still runs when something else (a ref'd timer) keeps the loop going.
const later = setImmediate(() => console.log('unref, but the loop is alive: runs'));
later.unref();
console.log(later.hasRef());
later.ref().unref();
setTimeout(() => console.log('timer keeps the loop alive'), 100);

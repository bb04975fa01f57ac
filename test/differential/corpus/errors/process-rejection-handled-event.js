// models: node node-esm node-legacy
// A rejection reported to the program's unhandledRejection listener gets a handler later: Node
// emits rejectionHandled with the promise once the microtasks after that handler have run.
process.on('unhandledRejection', (reason, promise) => console.log('unhandledRejection', reason.message, promise === late));
process.on('rejectionHandled', (promise) => console.log('rejectionHandled', promise === late));
const late = Promise.reject(new Error('handled later'));
const early = Promise.reject(new Error('handled at once'));
early.catch(() => console.log('early handler'));
setTimeout(() => {
  late.catch((error) => console.log('late handler', error.message));
  console.log('handler added');
  process.nextTick(() => console.log('tick after the handler'));
  Promise.resolve().then(() => console.log('microtask after the handler'));
}, 100);
setTimeout(() => console.log('later timer'), 200);

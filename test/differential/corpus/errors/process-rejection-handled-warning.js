// models: node node-esm node-legacy
// Without a rejectionHandled listener, a rejection handled after it was reported is a
// PromiseRejectionHandledWarning on stderr naming the rejection's number.
process.on('unhandledRejection', (reason) => console.log('unhandledRejection', reason.message));
const first = Promise.reject(new Error('first'));
const second = Promise.reject(new Error('second'));
setTimeout(() => {
  second.catch(() => console.log('second handled'));
}, 100);
setTimeout(() => {
  first.catch(() => console.log('first handled'));
}, 200);
setTimeout(() => console.log('done'), 300);

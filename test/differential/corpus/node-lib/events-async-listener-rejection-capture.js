const EventEmitter = require('events');
const e = new EventEmitter({ captureRejections: true });
e.on('work', async () => {
  throw new Error('async failure');
});
e.on('error', (err) => console.log('captured:', err.message));
e.emit('work');
console.log('emitted');
Promise.resolve().then(() => console.log('microtask'));
process.nextTick(() => console.log('tick'));

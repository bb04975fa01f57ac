// models: node node-legacy
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('go', () => {
  console.log('sync listener');
  setImmediate(() => console.log('deferred with setImmediate'));
  process.nextTick(() => console.log('deferred with nextTick'));
});
e.on('go', async () => {
  console.log('async listener start');
  await null;
  console.log('async listener after await');
});
e.emit('go');
console.log('after emit');

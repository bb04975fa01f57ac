const { EventEmitter, errorMonitor } = require('events');
const e = new EventEmitter();
e.on(errorMonitor, (err) => console.log('monitor saw', err.message));
e.on('error', (err) => console.log('handler saw', err.message));
e.emit('error', new Error('oops'));
console.log(typeof errorMonitor, String(errorMonitor));

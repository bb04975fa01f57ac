// models: node node-legacy
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('error', (err) => console.log('handled error:', err.message));
e.emit('error', new Error('oops'));
console.log('continues');

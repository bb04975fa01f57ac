// models: node
const EventEmitter = require('events');
const e = new EventEmitter();
console.log('emitting an error nobody listens to');
e.emit('error', new Error('unhandled emitter error'));
console.log('not reached');

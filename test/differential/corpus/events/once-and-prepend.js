// models: node node-legacy
const { EventEmitter } = require('events');
const e = new EventEmitter();
e.on('x', () => console.log('on'));
e.once('x', () => console.log('once'));
e.prependListener('x', () => console.log('prepended'));
e.emit('x');
e.emit('x');
console.log('listeners left', e.listenerCount('x'));

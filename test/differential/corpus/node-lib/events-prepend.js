const EventEmitter = require('events');
const e = new EventEmitter();
e.on('x', () => console.log('second'));
e.prependListener('x', () => console.log('first'));
e.prependOnceListener('x', () => console.log('zeroth, once'));
e.emit('x');
e.emit('x');
console.log(e.listeners('x').length);

const EventEmitter = require('events');
const e = new EventEmitter();
function a() { console.log('a'); }
function b() { console.log('b'); }
e.on('removeListener', (name, fn) => console.log('removed', name, fn.name));
e.on('t', a);
e.on('t', b);
e.on('t', a);
e.removeListener('t', a);
e.emit('t');
e.off('t', b);
e.emit('t');
e.removeAllListeners('t');
console.log(e.eventNames());

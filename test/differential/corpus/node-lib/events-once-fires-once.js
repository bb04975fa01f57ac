const EventEmitter = require('events');
const e = new EventEmitter();
e.once('go', (a, b) => console.log('once', a, b));
e.on('go', () => console.log('on'));
e.emit('go', 1, 2);
e.emit('go', 3, 4);
console.log('count', e.listenerCount('go'));
console.log(e.rawListeners('go').length);

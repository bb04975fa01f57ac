const EventEmitter = require('events');
const e = new EventEmitter();
e.on('ping', (n) => console.log('listener 1 got', n));
e.on('ping', (n) => console.log('listener 2 got', n));
console.log('before emit');
console.log('emit returned', e.emit('ping', 42));
console.log('emit without listeners returned', e.emit('nothing'));
console.log('after emit');

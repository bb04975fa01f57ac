// models: node node-legacy
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('ping', (x) => console.log('listener 1 got', x));
e.on('ping', (x) => console.log('listener 2 got', x));
console.log('before emit');
console.log('emit returned', e.emit('ping', 'hello'));
console.log('after emit');
console.log('emit without listeners returned', e.emit('nobody'));

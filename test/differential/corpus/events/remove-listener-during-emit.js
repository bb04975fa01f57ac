// models: node node-legacy
const EventEmitter = require('events');
const e = new EventEmitter();
function b() { console.log('b'); }
e.on('evt', () => { console.log('a removes b'); e.removeListener('evt', b); });
e.on('evt', b);
e.emit('evt');
e.emit('evt');

// models: node
// From the seed (section 7, leaks 3): listeners added over and over and never removed.
const EventEmitter = require('events');
const bus = new EventEmitter();
function onRequest(i) {
    bus.on('data', () => void i);
}
for (let i = 0; i < 12; i++) onRequest(i);
console.log('data listeners:', bus.listenerCount('data'));

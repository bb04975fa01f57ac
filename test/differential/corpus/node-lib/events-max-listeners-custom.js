const EventEmitter = require('events');
class Store extends EventEmitter {}
const s = new Store();
s.setMaxListeners(2);
console.log('max', s.getMaxListeners());
s.on('change', () => {});
s.on('change', () => {});
s.on('change', () => {});
s.on('change', () => {});
console.log('listeners', s.listenerCount('change'));
process.on('warning', (w) => console.log('warning:', w.name, w.count, w.type));

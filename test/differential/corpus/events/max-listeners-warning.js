// models: node
const EventEmitter = require('events');
const e = new EventEmitter();
for (let i = 0; i < 11; i++) e.on('leak', () => {});
console.log('listeners:', e.listenerCount('leak'));

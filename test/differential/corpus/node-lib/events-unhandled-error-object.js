const EventEmitter = require('events');
const e = new EventEmitter();
const original = new Error('real error');
try {
  e.emit('error', original);
} catch (err) {
  console.log(err === original, err.message);
}
e.on('error', (err) => console.log('handled:', err.message));
e.emit('error', new Error('second'));

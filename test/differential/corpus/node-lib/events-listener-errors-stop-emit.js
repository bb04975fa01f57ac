const EventEmitter = require('events');
const e = new EventEmitter();
e.on('x', () => console.log('one'));
e.on('x', () => {
  throw new Error('listener two failed');
});
e.on('x', () => console.log('three'));
try {
  e.emit('x');
} catch (err) {
  console.log('caught', err.message);
}

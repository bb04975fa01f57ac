const EventEmitter = require('events');
const e = new EventEmitter();
e.once('newListener', (event, listener) => {
  if (event === 'event') {
    e.on('event', () => console.log('B (added inside newListener)'));
  }
});
e.on('event', () => console.log('A'));
e.emit('event');

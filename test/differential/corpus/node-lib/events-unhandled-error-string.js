const EventEmitter = require('events');
const e = new EventEmitter();
try {
  e.emit('error', 'boom');
} catch (err) {
  console.log(err.name, err.code);
  console.log(err.message);
  console.log(String(err));
  console.log(err.context);
}
try {
  e.emit('error', { reason: 'bad' });
} catch (err) {
  console.log(err.message);
}
try {
  e.emit('error');
} catch (err) {
  console.log(err.message);
}

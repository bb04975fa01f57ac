const EventEmitter = require('events');
const e = new EventEmitter();
try {
  e.on('x', 'not a function');
} catch (err) {
  console.log(err.name, err.code);
  console.log(err.message);
}
try {
  e.setMaxListeners(-1);
} catch (err) {
  console.log(err.code, err.message);
}
console.log(EventEmitter.defaultMaxListeners);

const EventEmitter = require('events');
const e = new EventEmitter();
console.log(e);
e.on('a', () => {});
e.once('b', function named() {});
console.log(e);
class Custom extends EventEmitter {}
console.log(new Custom());

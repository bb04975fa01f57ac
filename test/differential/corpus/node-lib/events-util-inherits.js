const EventEmitter = require('events');
const util = require('util');
function Legacy() {
  EventEmitter.call(this);
}
util.inherits(Legacy, EventEmitter);
const l = new Legacy();
l.on('x', (v) => console.log('legacy got', v));
l.emit('x', 'value');
console.log(Legacy.super_ === EventEmitter, l instanceof EventEmitter);

const EventEmitter = require('events');
class Door extends EventEmitter {
  open() {
    this.emit('open', this.name);
  }
}
const d = new Door();
d.name = 'front';
d.on('open', function (who) {
  console.log('opened', who, this === d, this instanceof EventEmitter);
});
d.open();
console.log(d instanceof EventEmitter, Object.keys(d));

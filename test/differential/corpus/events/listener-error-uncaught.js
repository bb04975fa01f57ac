// models: node
// An error escaping a listener crashes the process; Node's report shows the emit's frame.
const EventEmitter = require('events');
class Queue extends EventEmitter {
  push(item) {
    this.emit('item', item);
  }
}
const queue = new Queue();
queue.on('item', (item) => {
  console.log('got', item);
  if (item > 1) throw new RangeError(`item ${item} is too large`);
});
queue.push(1);
setTimeout(() => queue.push(2), 0);

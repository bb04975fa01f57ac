const EventEmitter = require('events');
class Job extends EventEmitter {
  constructor() {
    super();
    // Emitting in the constructor would be lost: nobody listens yet. Defer to the tick queue.
    process.nextTick(() => this.emit('started'));
  }
}
const job = new Job();
job.on('started', () => console.log('started event'));
Promise.resolve().then(() => console.log('promise'));
console.log('constructed');

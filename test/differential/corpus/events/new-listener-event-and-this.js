// models: node node-legacy
const EventEmitter = require('events');
class Job extends EventEmitter {}
const job = new Job();
job.on('newListener', (name) => console.log('adding listener for', name));
job.on('done', function () { console.log('this is the emitter:', this === job); });
job.on('done', () => console.log('arrow this is not the emitter'));
job.emit('done');
console.log(job.eventNames());

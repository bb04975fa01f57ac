// models: node
const EventEmitter = require('events');
class Door extends EventEmitter {}
const d = new Door();
setTimeout(function later() { d.emit('error', new Error('in timer')); }, 1);

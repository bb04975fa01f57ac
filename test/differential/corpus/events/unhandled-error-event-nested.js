// models: node
// An 'error' event without a listener, emitted by a listener of another event of an EventEmitter
// subclass: Node's crash report shows where it was emitted, with the outer emit's frame.
const EventEmitter = require('events');
class Connection extends EventEmitter {}
const connection = new Connection();
connection.on('data', (chunk) => {
  console.log('data', chunk);
  connection.emit('error', new Error(`cannot parse ${chunk}`));
});
connection.emit('data', 'x');
console.log('not reached');

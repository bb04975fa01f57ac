// models: node
// A Timeout printed before it runs, inside its callback (`this`), after it ran, after unref/ref,
// after Symbol.toPrimitive, after clearTimeout and close(); the start time and async ids vary.
const util = require('util');
const show = (label, value) => console.log(label, util.inspect(value)
  .replace(/_idleStart: \d+/g, '_idleStart: <time>')
  .replace(/\[Symbol\((asyncId|triggerId)\)\]: \d+/g, '[Symbol($1)]: <id>'));

const timeout = setTimeout(function (first, second) {
  show('inside', this);
  console.log('this is the timeout', this === timeout, first, second);
}, 100, 'a', 'b');
show('created', timeout);
show('args', timeout._timerArgs);
console.log('hasRef', timeout.hasRef(), timeout.unref().hasRef(), timeout.ref().hasRef());
show('unref', setTimeout(() => {}, 100).unref());
const asNumber = setTimeout(() => console.log('never: cleared by its number'), 100);
console.log('primitive is the async id', +asNumber === asNumber[Object.getOwnPropertySymbols(asNumber)[2]]);
show('after toPrimitive', asNumber);
clearTimeout(+asNumber);
show('cleared by number', asNumber);
const closed = setTimeout(() => console.log('never: closed'), 100);
console.log('close returns the timeout', closed.close() === closed);
show('closed', closed);
setTimeout(() => {
  show('after it ran', timeout);
  clearTimeout(timeout);
  show('cleared after it ran', timeout);
}, 250);

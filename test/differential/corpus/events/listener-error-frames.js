// models: node
// Node's own frames under an error thrown by a listener: the emit that called it (named after the
// emitter's class, on the line of a lone listener or of one of several), the once wrapper (on the
// line without arguments or the one with), an emit inside an emit, process's emit, the errorMonitor
// emit, an engine-made TypeError, and ERR_UNHANDLED_ERROR thrown by emit itself.
// Directories differ between the real run (a temporary copy) and the prediction: only file names stay.
const EventEmitter = require('events');
const strip = (stack) => stack.replace(/(?<=[(\s])\/[^\s():]*\//g, '');
function show(label, run) {
  try {
    run();
  } catch (error) {
    // The frames under show() are Node's module loader's, the same in every case.
    console.log(`${label}\n${strip(error.stack).split('\n').slice(0, -4).join('\n')}`);
  }
}

class Bus extends EventEmitter {}
const bus = new Bus();
const plain = new EventEmitter();

bus.on('lone', function onLone() {
  throw new Error('a lone named listener');
});
show('lone listener', () => bus.emit('lone'));

const arrow = () => {
  throw new Error('an arrow listener');
};
plain.on('arrow', arrow);
show('arrow listener', () => plain.emit('arrow', 1));

bus.on('two', () => {});
bus.on('two', () => {
  throw new Error('the second of two listeners');
});
show('second of two', () => bus.emit('two'));

plain.once('once', () => {
  throw new Error('a once listener without arguments');
});
show('once without arguments', () => plain.emit('once'));
bus.prependOnceListener('once', (value) => {
  throw new Error(`a prepended once listener with ${value}`);
});
show('once with an argument', () => bus.emit('once', 42));
bus.once('onceOfTwo', () => {});
bus.once('onceOfTwo', () => {
  throw new Error('the second of two once listeners');
});
show('once of two', () => bus.emit('onceOfTwo'));

bus.on('outer', () => bus.emit('inner'));
bus.on('inner', () => {
  throw new Error('an emit inside an emit');
});
show('nested emit', () => bus.emit('outer'));

class Store extends EventEmitter {
  save() {
    this.emit('saved', 'draft');
  }
}
const store = new Store();
store.on('saved', (name) => {
  throw new Error(`saving ${name}`);
});
show('method that emits', () => store.save());

process.on('custom', function onCustom() {
  throw new Error('a process listener');
});
show('process listener', () => process.emit('custom'));

plain.on(EventEmitter.errorMonitor, () => {
  throw new Error('an errorMonitor listener');
});
show('errorMonitor listener', () => plain.emit('error', new Error('monitored')));

bus.on('typeError', () => {
  const missing = null;
  return missing.field;
});
show('engine-made TypeError', () => bus.emit('typeError'));

show('unhandled non-error', () => bus.emit('error', 'a string'));
console.log('rawListeners:', plain.rawListeners('once'), bus.rawListeners('onceOfTwo'));
plain.once('kept', () => {});
console.log('a once wrapper:', plain.rawListeners('kept'), plain.rawListeners('kept')[0].name);

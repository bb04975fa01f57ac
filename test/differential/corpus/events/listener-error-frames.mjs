// Node's frames under an error thrown by a listener in an ES module (the same emit frames, ES
// module loader frames below). Directories and the extension differ between the real run and the
// prediction: only file names stay.
import { EventEmitter, once } from 'node:events';
const strip = (stack) => stack.replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:');
class Bus extends EventEmitter {}
const bus = new Bus();
bus.on('ping', function onPing(n) {
  throw new Error(`ping ${n}`);
});
try {
  bus.emit('ping', 1);
} catch (error) {
  console.log(strip(error.stack));
}
setTimeout(() => bus.emit('ready', 'now'), 0);
const [value] = await once(bus, 'ready');
console.log('ready', value);
bus.once('late', () => {
  console.log(strip(new Error('inside a once listener after an await').stack));
});
bus.emit('late');

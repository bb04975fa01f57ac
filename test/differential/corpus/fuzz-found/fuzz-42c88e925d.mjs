// models: node-esm
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 16:1:2:2:1:3:2:2); shrunk. First failing model: node-esm.
import { EventEmitter } from 'events';
const timers = [];
{
  const emitter = new EventEmitter();
  emitter.once('L1', () => {
    console.log('L2');
    Promise.resolve().then(() => {
      console.log('L3');
      console.log('L4');
    });
  });
  emitter.on('L1', () => {
    console.log('L5');
    throw new Error('L6');
    console.log('L7');
  });
  emitter.emit('L1');
  emitter.emit('L1');
  console.log('L8');
}
console.log('L9');

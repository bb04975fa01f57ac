// models: node
// nondeterministic
// (A slow start makes the 1 ms interval due in the first timers phase; its second run, due 1 ms later, then races the second setImmediate. Real node shows the slow-start-and-slow-check order in most runs on a loaded machine.)
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 306:4:11:11:2:6:4:6:8:4:5:4:4:5:7:4:4:4:5:5:5:7:7:6:6; shrunk in 24 steps). First failing model: node.
const { EventEmitter } = require('events');
const timers = [];
Promise.resolve().then(() => {
  console.log('L1');
  setImmediate(() => {
    console.log('L2');
    setImmediate(() => {
      console.log('L3');
      console.log('L4');
    });
    console.log('L5');
  });
  console.log('L6');
}).then(() => {
  console.log('L7');
  clearTimeout(undefined);
});
{
  const emitter = new EventEmitter();
  emitter.once('L8', () => {
    console.log('L9');
    (async () => {
      console.log('L10');
      console.log('L11');
      await null;
      console.log('L12');
      console.log('L13');
    })();
  });
  emitter.on('L8', () => {
    console.log('L14');
    {
      let runs0 = 0;
      const interval0 = setInterval(() => {
        runs0 += 1;
        console.log('L15', runs0);
        Promise.reject(new Error('L16')).catch((error) => console.log('caught', error.message));
        if (runs0 === 2) clearInterval(interval0);
      }, 1);
      timers[0] = interval0;
    }
  });
  emitter.emit('L8');
  emitter.emit('L8');
  console.log('L17');
}
clearTimeout(timers[0]);

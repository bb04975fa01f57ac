// models: node
// nondeterministic
// (Node stamps each timer with the current millisecond: the 1 ms timers created one after another can straddle a millisecond, and setImmediate callbacks then run between them. The generator's 40 ms interval is 100 ms here, so a loaded machine cannot reach it first.)
// Found by test/differential/fuzz.test.mjs (seed 20261128, path 10:4:1:1:1:2:1:4:11:3:2:2:4:2:3:1:7:7); shrunk. First failing model: node.
const { EventEmitter } = require('events');
const timers = [];
{
  const emitter = new EventEmitter();
  emitter.once('L1', () => {
    console.log('L2');
    setImmediate(() => {
      console.log('L3');
      clearTimeout(undefined);
    });
  });
  emitter.on('L1', () => {
    console.log('L4');
    {
      let runs0 = 0;
      const interval0 = setInterval(() => {
        runs0 += 1;
        console.log('L5', runs0);
        clearTimeout(timers[0]);
        if (runs0 === 1) clearInterval(interval0);
      }, 1);
      timers[0] = interval0;
    }
  });
  emitter.emit('L1');
  emitter.emit('L1');
  console.log('L6');
}
timers[1] = setTimeout(() => {
  console.log('L7');
  Promise.resolve().then(() => {
    console.log('L8');
    timers[2] = setTimeout(() => {
      console.log('L9');
      console.log('L10');
      console.log('L11');
    }, 0);
    console.log('L12');
    console.log('L13');
  }).then(() => {
    console.log('L14');
    clearTimeout(timers[1]);
  });
}, 0);
{
  let runs3 = 0;
  const interval3 = setInterval(() => {
    runs3 += 1;
    console.log('L15', runs3);
    console.log('L16');
    console.log('L17');
    if (runs3 === 2) clearInterval(interval3);
  }, 100);
  timers[3] = interval3;
}

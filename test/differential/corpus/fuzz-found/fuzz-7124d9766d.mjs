// models: node-esm
// nondeterministic
// (Node stamps each timer with the current millisecond: the 1 ms timers created one after another can straddle a millisecond, and setImmediate callbacks then run between them. The generator's 40 ms interval is 100 ms here, so a loaded machine cannot reach it first.)
// Found by test/differential/fuzz.test.mjs (seed 20261128, path 10:3:3:5:3:3:3:5:4:4:25:8:30:23:6); shrunk. First failing model: node-esm.
import { EventEmitter } from 'events';
const timers = [];
{
  const emitter = new EventEmitter();
  emitter.once('L1', () => {
    console.log('L2');
    console.log('L3');
  });
  emitter.on('L1', () => {
    console.log('L4');
    timers[0] = setTimeout(() => {
      console.log('L5');
      setImmediate(() => {
        console.log('L6');
        clearTimeout(timers[0]);
      });
      console.log('L7');
    }, 0);
    {
      let runs1 = 0;
      const interval1 = setInterval(() => {
        runs1 += 1;
        console.log('L8', runs1);
        clearTimeout(timers[0]);
        if (runs1 === 1) clearInterval(interval1);
      }, 1);
      timers[1] = interval1;
    }
  });
  emitter.emit('L1');
  emitter.emit('L1');
  console.log('L9');
}
{
  let runs2 = 0;
  const interval2 = setInterval(() => {
    runs2 += 1;
    console.log('L10', runs2);
    console.log('L11');
    console.log('L12');
    if (runs2 === 2) clearInterval(interval2);
  }, 100);
  timers[2] = interval2;
}

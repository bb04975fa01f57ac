// models: node node-esm
// nondeterministic
// (Timers created by the nextTick and promise callbacks after a timer callback read the loop clock: if a
// millisecond has passed by then, libuv runs the timers phase again before the check phase, so the 0 ms
// timeouts set in the first timer can come before the setImmediate set in its nextTick. Real node shows
// several orders.)
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 152; shrunk by replaying that path).
const timers = [];
timers[0] = setTimeout(() => {
  console.log('L1');
  process.nextTick(() => {
    console.log('L2');
    setImmediate(() => {
      console.log('L3');
      try { throw new Error('L4'); } catch (error) { console.log('caught', error.message); }
    });
    clearTimeout(timers[0]);
  });
  (async () => {
    console.log('L5');
    timers[1] = setTimeout(() => {
      console.log('L6');
      Promise.reject(new Error('L7')).catch((error) => console.log('caught', error.message));
    }, 0);
    console.log('L8');
    await null;
    console.log('L9');
    timers[2] = setTimeout(() => {
      console.log('L10');
      try { throw new Error('L11'); } catch (error) { console.log('caught', error.message); }
    }, 0);
  })();
}, 0);
timers[3] = setTimeout(() => {
  console.log('L12');
  Promise.reject(new Error('L13')).catch((error) => console.log('caught', error.message));
}, 0);
clearTimeout(timers[3]);

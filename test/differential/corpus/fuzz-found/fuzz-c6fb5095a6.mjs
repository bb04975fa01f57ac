// models: node-esm
// nondeterministic
// (An immediate sets more immediates while a 1 ms interval runs: on a loaded machine the first check phase took a
// millisecond (the interval ran between the first two immediates) and the second did not (its second run came
// after the last immediate). The engine assumed every racing check phase slow or none; it now also tries each one
// alone (slowCheckPhases). Real node printed that order once in 4,000 runs of fuzz-stress.mjs.)
// Found by test/differential/fuzz-stress.mjs (seed 20261127, program 42, plain or spun copies under load). First failing model: node-esm.
const timers = [];
setImmediate(() => {
  console.log('L1');
  timers[0] = setTimeout(() => {
    console.log('L2');
    timers[1] = setTimeout(() => {
      console.log('L3');
      clearTimeout(timers[0]);
      console.log('L4');
      try { throw new Error('L5'); } catch (error) { console.log('caught', error.message); }
    }, 100);
    clearTimeout(timers[1]);
    process.nextTick(() => {
      console.log('L6');
      console.log('L7');
      clearTimeout(timers[1]);
    });
    setImmediate(() => {
      console.log('L8');
      console.log('L9');
      console.log('L10');
    });
  }, 0);
  clearTimeout(timers[0]);
  setImmediate(() => {
    console.log('L11');
    process.nextTick(() => {
      console.log('L12');
      console.log('L13');
      console.log('L14');
      clearTimeout(timers[0]);
    });
    (async () => {
      console.log('L15');
      clearTimeout(timers[0]);
      await null;
      console.log('L16');
      console.log('L17');
    })();
    setImmediate(() => {
      console.log('L18');
      Promise.reject(new Error('L19')).catch((error) => console.log('caught', error.message));
      console.log('L20');
    });
  });
});
{
  let runs2 = 0;
  const interval2 = setInterval(() => {
    runs2 += 1;
    console.log('L21', runs2);
    console.log('L22');
    clearTimeout(timers[1]);
    if (runs2 === 2) clearInterval(interval2);
  }, 1);
  timers[2] = interval2;
}

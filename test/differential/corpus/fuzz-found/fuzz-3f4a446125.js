// models: node node-esm
// nondeterministic
// (Node stamps each timer with the current millisecond: when a millisecond falls between the creation of timers[2] and timers[4], both 100 ms, timers[4] is not due in the phase that runs timers[2], and the 1 ms timer that L10 sets runs first: L11 before L17 in 7 of 20 real runs, CJS and ESM alike, on an idle machine. The prediction called the order certain.)
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 16:5:5:3:3:3:1:48:2:7:0:4:1:1:1:1:1:6:3:8:5:5:4:6:4:3:5:5:15:5; shrunk in 29 steps). First failing model: node-esm.
const timers = [];
(async () => {
  console.log('L1');
  {
    let runs0 = 0;
    const interval0 = setInterval(() => {
      runs0 += 1;
      console.log('L2', runs0);
      clearTimeout(timers[0]);
      if (runs0 === 1) clearInterval(interval0);
    }, 1);
    timers[0] = interval0;
  }
  await null;
  console.log('L3');
  Promise.resolve().then(() => {
    console.log('L4');
    clearTimeout(timers[0]);
  }).then(() => {
    console.log('L5');
    Promise.reject(new Error('L6')).catch((error) => console.log('caught', error.message));
  });
  timers[1] = setTimeout(() => {
    console.log('L7');
    console.log('L8');
  }, 0);
})();
(async () => {
  console.log('L9');
  timers[2] = setTimeout(() => {
    console.log('L10');
    timers[3] = setTimeout(() => {
      console.log('L11');
      try { throw new Error('L12'); } catch (error) { console.log('caught', error.message); }
    }, 0);
  }, 100);
  await null;
  console.log('L13');
  (async () => {
    console.log('L14');
    clearTimeout(timers[3]);
    await { then(resolve) { resolve(); } };
    console.log('L15');
    clearTimeout(timers[3]);
    console.log('L16');
    timers[4] = setTimeout(() => {
      console.log('L17');
      Promise.reject(new Error('L18')).catch((error) => console.log('caught', error.message));
      console.log('L19');
      console.log('L20');
    }, 100);
  })();
})();

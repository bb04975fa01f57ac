// models: node node-esm
// nondeterministic
// (A top-level setTimeout(0) races the immediates; and the 0 ms timeout created inside it can run in the same
// timers phase when the promise jobs after it create a timer after a millisecond has passed. Real node showed the
// combination of both, which the engine lists once it tries pairs of timing assumptions.)
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 257:1:3:3:2:2:2:6:3:3:21:11:16:4:6:9:25:14:11; shrunk in 18 steps). First failing model: node.
const timers = [];
setImmediate(() => {
  console.log('L1');
  setImmediate(() => {
    console.log('L2');
    console.log('L3');
  });
  console.log('L4');
});
timers[0] = setTimeout(() => {
  console.log('L5');
  Promise.resolve({
    then(resolve) {
      console.log('L6');
      try { throw new Error('L7'); } catch (error) { console.log('caught', error.message); }
      resolve();
    },
  }).then(() => {
    console.log('L8');
    timers[1] = setTimeout(() => {
      console.log('L9');
      console.log('L10');
    }, 0);
    clearTimeout(timers[1]);
  });
  timers[2] = setTimeout(() => {
    console.log('L11');
    clearTimeout(timers[0]);
    console.log('L12');
    (async () => {
      console.log('L13');
      console.log('L14');
      clearTimeout(timers[2]);
      await null;
      console.log('L15');
      console.log('L16');
    })();
  }, 0);
  setImmediate(() => {
    console.log('L17');
    {
      let runs3 = 0;
      const interval3 = setInterval(() => {
        runs3 += 1;
        console.log('L18', runs3);
        console.log('L19');
        clearTimeout(timers[3]);
        if (runs3 === 2) clearInterval(interval3);
      }, 1);
      timers[3] = interval3;
    }
    clearTimeout(timers[2]);
  });
}, 0);

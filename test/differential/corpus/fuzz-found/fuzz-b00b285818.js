// models: node node-esm
// nondeterministic
// (The first setTimeout(0) races the immediate that clears it: real node ran the timer first in 10 of 10 CommonJS runs (the slow first console.log passes 1 ms before the loop starts), where its async function's throw is uncaught and the process exits 1; as an ES module the immediate ran first in 6 of 6. The prediction listed that order but compared its crash against the primary order's clean exit; the alternative's ending is now part of the prediction, alternativeEndings.)
// Found by test/differential/fuzz.test.mjs (seed 777, path 45:3:3:3:2:2:3:2:2:2:2:4:4:3:5:3:4:6:5:5:6:5:5:6:5:5:5:4:4; shrunk in 28 steps). First failing model: node.
const timers = [];
timers[0] = setTimeout(() => {
  console.log('L1');
  (async () => {
    console.log('L2');
    throw new Error('L3');
    await null;
    console.log('L4');
    console.log('L5');
  })();
  timers[1] = setTimeout(() => {
    console.log('L6');
    clearTimeout(timers[0]);
  }, 0);
}, 0);
(async () => {
  console.log('L7');
  (async () => {
    console.log('L8');
    clearTimeout(timers[1]);
    await null;
    console.log('L9');
    setImmediate(() => {
      console.log('L10');
      clearTimeout(timers[0]);
    });
  })();
  timers[2] = setTimeout(() => {
    console.log('L11');
    console.log('L12');
  }, 0);
  await null;
  console.log('L13');
  console.log('L14');
})();

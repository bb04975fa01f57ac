// models: node node-esm
// nondeterministic
// (The 0 ms timeouts are created during the check phase, one after another: whether 1 ms passes before the next timers phase, and whether a millisecond boundary falls between two of them, decides where the second setImmediate runs. Real node shows several orders.)
// Found by test/differential/fuzz.test.mjs (seed 20261127, path 30:1:0:2:5:1:6:10:4:3:5:4:5:5:4); shrunk. First failing model: node-esm.
const timers = [];
setImmediate(() => {
  console.log('L1');
  Promise.resolve().then(() => {
    console.log('L2');
    timers[0] = setTimeout(() => {
      console.log('L3');
      console.log('L4');
    }, 0);
    timers[1] = setTimeout(() => {
      console.log('L5');
      clearTimeout(timers[0]);
    }, 0);
  }).then(() => {
    console.log('L6');
    setImmediate(() => {
      console.log('L7');
      console.log('L8');
    });
    timers[2] = setTimeout(() => {
      console.log('L9');
      console.log('L10');
    }, 0);
  });
  console.log('L11');
});

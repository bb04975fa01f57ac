// models: node node-esm
// nondeterministic
// (The 0 ms timeout set in a promise job after the main script, and a second one set a millisecond later inside
// a setImmediate: only the first is due in the next timers phase, then the waiting immediate clears nothing
// and the second timer crashes the process. The engine offered that millisecond split only when no timer of
// the phase ended the process.)
// Found by test/differential/fuzz.test.mjs in CI (seed 20261127, path 63:9:2:0:7:3:3:5:2:2:2:3:4:3:4:1:2:6:3:3:5:6:5; shrunk in 22 steps). First failing model: node-esm.
const timers = [];
Promise.resolve({
  then(resolve) {
    console.log('L1');
    Promise.reject(new Error('L2')).catch((error) => console.log('caught', error.message));
    resolve();
  },
}).then(() => {
  console.log('L3');
  timers[0] = setTimeout(() => {
    console.log('L4');
    Promise.reject(new Error('L5')).catch((error) => console.log('caught', error.message));
  }, 0);
  console.log('L6');
});
setImmediate(() => {
  console.log('L7');
  setImmediate(() => {
    console.log('L8');
    clearTimeout(timers[0]);
  });
  timers[1] = setTimeout(() => {
    console.log('L9');
    throw new Error('L10');
  }, 0);
  try { throw new Error('L11'); } catch (error) { console.log('caught', error.message); }
});

// models: node node-esm
// nondeterministic
// (The 0 ms timer is due 1 ms after it was set: whether that millisecond passes while the first setImmediate runs decides whether the timer comes before the second one. Real node shows both orders.)
// Found by test/differential/fuzz.test.mjs (seed 20261200, path 44:1:6:3:3:5:5:5:5:5:5:5:5:5:5:5; shrunk in 15 steps). First failing model: node-esm.
const timers = [];
queueMicrotask(() => {
  console.log('L1');
  setImmediate(() => {
    console.log('L2');
    setImmediate(() => {
      console.log('L3');
      console.log('L4');
    });
    try { throw new Error('L5'); } catch (error) { console.log('caught', error.message); }
  });
  (async () => {
    console.log('L6');
    (async () => {
      console.log('L7');
      try { throw new Error('L8'); } catch (error) { console.log('caught', error.message); }
      await new Promise((resolve) => setTimeout(resolve, 0));
      console.log('L9');
      console.log('L10');
    })();
    clearTimeout(undefined);
    await null;
    console.log('L11');
    clearTimeout(undefined);
  })();
});
console.log('L12');

// models: node node-esm
// Found by test/differential/fuzz.test.mjs (seed 777, path 3:1:2:1:1:1:1:1:5:2:2:2:2:2; shrunk in 13 steps). First failing model: node.
const timers = [];
(async () => {
  async function* asyncGenerator1() {
    console.log('L1');
    yield 1;
    await null;
    console.log('L2');
    yield 2;
  }
  for await (const value of asyncGenerator1()) console.log('L3', value);
  console.log('L4');
  console.log('L5');
})();
Promise.resolve({
  then(resolve) {
    console.log('L6');
    Promise.resolve({
      then(resolve) {
        console.log('L7');
        console.log('L8');
        resolve();
      },
    }).then(() => {
      console.log('L9');
      (async () => {
        async function* asyncGenerator10() {
          console.log('L10');
          yield 1;
          await null;
          console.log('L11');
          yield 2;
        }
        for await (const value of asyncGenerator10()) console.log('L12', value);
        console.log('L13');
        Promise.reject(new Error('L14')).catch((error) => console.log('caught', error.message));
      })();
    });
    console.log('L15');
    resolve();
  },
}).then(() => {
  console.log('L16');
  console.log('L17');
});

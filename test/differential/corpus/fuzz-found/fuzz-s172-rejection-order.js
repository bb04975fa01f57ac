// models: node node-esm
// Found by test/differential/fuzz.test.mjs (seed 20261200, path 172; shrunk by replaying that path, the
// never-reached last statement removed by hand). Two unhandled rejections in one drain: Node exits at the
// first. CommonJS rejects L3 first (the nextTick runs before the await resumes); an ES module rejects the
// async function's promise (L5) first, since its promise jobs run before nextTicks.
const timers = [];
(async () => {
  console.log('L1');
  process.nextTick(() => {
    console.log('L2');
    Promise.reject(new Error('L3'));
  });
  await null;
  console.log('L4');
  throw new Error('L5');
})();
console.log('L7');

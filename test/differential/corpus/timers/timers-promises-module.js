// models: node
const { setTimeout: sleep, setImmediate: nextImmediate } = require('timers/promises');
(async () => {
  console.log('before');
  const v = await sleep(5, 'slept');
  console.log(v);
  const w = await nextImmediate('immediate value');
  console.log(w);
})();

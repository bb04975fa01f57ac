// models: node node-esm node-legacy
Promise.resolve()
  .then(() => { console.log('p1'); process.nextTick(() => console.log('t-a')); })
  .then(() => { console.log('p2'); process.nextTick(() => console.log('t-b')); })
  .then(() => console.log('p3'));

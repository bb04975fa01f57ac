// models: node node-esm node-legacy
setTimeout(() => {
  console.log('timeout A');
  process.nextTick(() => console.log('tick from A'));
  Promise.resolve().then(() => console.log('promise from A'));
}, 0);
setTimeout(() => {
  console.log('timeout B');
  process.nextTick(() => console.log('tick from B'));
}, 0);

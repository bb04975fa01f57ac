// models: node node-esm node-legacy
setImmediate(() => {
  console.log('immediate A');
  process.nextTick(() => console.log('tick from A'));
  Promise.resolve().then(() => console.log('promise from A'));
});
setImmediate(() => {
  console.log('immediate B');
  Promise.resolve().then(() => console.log('promise from B'));
});

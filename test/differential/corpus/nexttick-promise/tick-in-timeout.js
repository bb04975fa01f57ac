// models: node node-esm node-legacy
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
setTimeout(() => {
  console.log('timeout A');
  process.nextTick(() => console.log('tick from A'));
  Promise.resolve().then(() => console.log('promise from A'));
}, 0);
setTimeout(() => {
  console.log('timeout B');
  process.nextTick(() => console.log('tick from B'));
}, 0);

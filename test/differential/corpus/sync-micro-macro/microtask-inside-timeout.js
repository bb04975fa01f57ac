// models: node node-esm node-legacy browser
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
setTimeout(() => {
  console.log('timeout 1');
  Promise.resolve().then(() => console.log('micro from timeout 1'));
}, 0);
setTimeout(() => {
  console.log('timeout 2');
  Promise.resolve().then(() => console.log('micro from timeout 2'));
}, 0);

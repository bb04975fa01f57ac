// models: node node-esm node-legacy browser
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
for (let i = 1; i <= 3; i++) {
  setTimeout(() => {
    console.log('timeout', i);
    Promise.resolve().then(() => console.log('  micro after', i));
  }, 0);
}
console.log('scheduled');

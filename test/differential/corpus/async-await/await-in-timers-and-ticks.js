// models: node node-esm node-legacy
// nondeterministic: node-legacy
// (Node 10 timestamps each timer when it is created; timers created in different milliseconds can run
// in separate batches, with nextTicks and microtasks in between, so its order varies from run to run.)
async function inTimer() {
  console.log('timer: start');
  await null;
  console.log('timer: after await');
}
setTimeout(inTimer, 0);
setTimeout(() => console.log('timer 2'), 0);
process.nextTick(async () => {
  console.log('tick: start');
  await null;
  console.log('tick: after await');
});

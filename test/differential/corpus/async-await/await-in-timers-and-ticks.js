// models: node node-esm node-legacy
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

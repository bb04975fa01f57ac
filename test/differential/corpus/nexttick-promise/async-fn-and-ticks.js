// models: node node-esm
async function work() {
  console.log('work start');
  await null;
  console.log('after await 1');
  process.nextTick(() => console.log('tick inside work'));
  await null;
  console.log('after await 2');
}
process.nextTick(() => console.log('tick main'));
work().then(() => console.log('work done'));
console.log('sync end');

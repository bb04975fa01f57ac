// models: node node-esm
queueMicrotask(() => {
  console.log('qm');
  process.nextTick(() => console.log('tick from qm'));
});
process.nextTick(() => {
  console.log('tick');
  queueMicrotask(() => console.log('qm from tick'));
});

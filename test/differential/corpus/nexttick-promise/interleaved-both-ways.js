// models: node node-esm node-legacy
process.nextTick(() => {
  console.log('T1');
  Promise.resolve().then(() => {
    console.log('P-from-T1');
    process.nextTick(() => console.log('T-from-P-from-T1'));
    Promise.resolve().then(() => console.log('P-from-P-from-T1'));
  });
});
Promise.resolve().then(() => {
  console.log('P1');
  process.nextTick(() => {
    console.log('T-from-P1');
    Promise.resolve().then(() => console.log('P-from-T-from-P1'));
  });
});
Promise.resolve().then(() => console.log('P2'));
process.nextTick(() => console.log('T2'));

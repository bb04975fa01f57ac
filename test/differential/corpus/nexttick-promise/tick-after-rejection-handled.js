// models: node node-esm node-legacy
const p = Promise.reject(new Error('late'));
process.nextTick(() => {
  console.log('tick: attaching handler');
  p.catch((e) => console.log('handled', e.message));
});

// models: node node-esm node-legacy
for (let i = 0; i < 3; i++) {
  Promise.resolve().then(() => console.log('promise', i));
  process.nextTick(() => console.log('tick', i));
}

// models: node-esm
console.log('before await');
setTimeout(() => console.log('timeout'), 0);
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
await null;
console.log('after await null');
await new Promise((resolve) => setTimeout(resolve, 5));
console.log('after awaiting a timer');

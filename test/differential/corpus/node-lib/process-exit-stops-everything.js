process.on('exit', (code) => console.log('exit handler', code));
setTimeout(() => console.log('timer never runs'), 0);
Promise.resolve().then(() => {
  console.log('microtask');
  process.exit(2);
  console.log('after exit: never printed');
});
process.nextTick(() => console.log('tick'));
console.log('main');

const fs = require('fs');
fs.writeFileSync('data.txt', 'payload');
console.log('1 sync start');
fs.readFile('data.txt', 'utf8', (err, text) => {
  console.log('4 readFile callback', err, text);
  process.nextTick(() => console.log('5 tick inside callback'));
  Promise.resolve().then(() => console.log('6 microtask inside callback'));
});
process.nextTick(() => console.log('2 nextTick'));
Promise.resolve().then(() => console.log('3 promise'));

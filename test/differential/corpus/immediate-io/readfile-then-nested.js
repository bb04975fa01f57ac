// models: node node-legacy
const fs = require('fs');
fs.readFile(__filename, 'utf8', (err, text) => {
  console.log('read ok:', err === null, typeof text);
  process.nextTick(() => console.log('tick in poll'));
  Promise.resolve().then(() => console.log('promise in poll'));
  setImmediate(() => {
    console.log('immediate');
    setTimeout(() => console.log('timeout after immediate'), 0);
  });
});

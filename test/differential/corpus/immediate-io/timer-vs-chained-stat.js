// models: node
// nondeterministic
// A 0 ms timer set in an I/O callback races the next file-system operations: each runs on the
// thread pool and takes a fraction of a millisecond to a few (measured, node 20.20.2, 8 runs:
// "stat 2 stat 3 timeout" 3 times, "stat 2 timeout stat 3" 5 times).
const fs = require('fs');
console.log('start');
fs.readFile(__filename, () => {
  console.log('read 1');
  setTimeout(() => console.log('timeout'), 0);
  fs.stat(__filename, () => {
    console.log('stat 2');
    fs.stat(__filename, () => console.log('stat 3'));
  });
});

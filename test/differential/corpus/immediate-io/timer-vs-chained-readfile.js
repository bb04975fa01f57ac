// models: node
// nondeterministic
// A 0 ms timer set in an I/O callback races two chained fs.readFile calls. Each readFile is four
// thread-pool operations (open, fstat, read, close), so the first chain can end inside the timer's
// millisecond while the second does not (measured, node 20.20.2: in 40 runs "read 2, timeout, read 3"
// 11 times, "timeout, read 2, read 3" 29 times; in another 30, "read 2, read 3, timeout" 6 times too).
const fs = require('fs');
console.log('start');
fs.readFile(__filename, () => {
  console.log('read 1');
  setTimeout(() => console.log('timeout'), 0);
  fs.readFile(__filename, () => {
    console.log('read 2');
    fs.readFile(__filename, () => console.log('read 3'));
  });
});

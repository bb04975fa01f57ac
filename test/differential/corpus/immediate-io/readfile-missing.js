// models: node node-legacy
const fs = require('fs');
fs.readFile('/definitely/not/here.txt', (err) => {
  console.log(err.code, err.syscall, err.errno);
  console.log(err.message);
  setImmediate(() => console.log('immediate after failed read'));
});
console.log('sync');

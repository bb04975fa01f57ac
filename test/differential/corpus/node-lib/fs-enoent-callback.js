const fs = require('fs');
fs.readFile('missing.json', (err, data) => {
  console.log('callback', data);
  console.log(err.code, err.syscall, err.errno);
  console.log(err.message);
});

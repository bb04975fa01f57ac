// models: node node-legacy
const fs = require('fs');
fs.readFile(__filename, () => {
  console.log('first read');
  fs.readFile(__filename, () => {
    console.log('second read');
    setImmediate(() => console.log('immediate after second'));
  });
  setImmediate(() => console.log('immediate after first'));
});

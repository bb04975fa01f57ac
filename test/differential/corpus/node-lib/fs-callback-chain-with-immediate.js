const fs = require('fs');
fs.writeFile('chain.txt', 'A', (err) => {
  console.log('write done', err);
  setImmediate(() => console.log('immediate after write'));
  fs.readFile('chain.txt', 'utf8', (err2, text) => {
    console.log('read done', text);
  });
});

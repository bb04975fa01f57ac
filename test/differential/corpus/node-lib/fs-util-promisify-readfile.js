const fs = require('fs');
const util = require('util');
const readFile = util.promisify(fs.readFile);
fs.writeFileSync('p.txt', 'promisified');
readFile('p.txt', 'utf8').then((text) => console.log('got', text));
readFile('nope.txt').catch((err) => console.log('failed', err.code));
console.log('sync end');

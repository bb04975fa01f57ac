const fs = require('fs');
const path = require('path');
const source = fs.readFileSync(__filename, 'utf8');
console.log('first line:', source.split('\n')[0]);
console.log(path.basename(__filename), path.extname(__filename));
fs.readFile(__filename, (err, buf) => console.log('async length matches', buf.length === Buffer.byteLength(source)));

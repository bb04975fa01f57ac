// models: node node-legacy
const fs = require('fs');
setImmediate(() => console.log('immediate'));
const text = fs.readFileSync(__filename, 'utf8');
console.log('read', text.split('\n')[0]);
process.nextTick(() => console.log('tick'));

// models: node
const { Readable } = require('stream');
const r = new Readable({ highWaterMark: 5, read() {} });
console.log('push 1', r.push('abc'));
console.log('push 2', r.push('def'));
console.log('buffered', r.readableLength);
r.push(null);
r.on('data', (c) => console.log('data', c.toString()));
r.on('end', () => console.log('end'));

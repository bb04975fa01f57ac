const { Readable } = require('stream');
const r = new Readable({ highWaterMark: 4, read() {} });
console.log('push 1', r.push('ab'));
console.log('push 2', r.push('cd'));
console.log('push 3', r.push('ef'));
console.log('length', r.readableLength, 'hwm', r.readableHighWaterMark);

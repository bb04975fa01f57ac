const { PassThrough } = require('stream');
const p = new PassThrough();
p.on('data', (c) => console.log('through:', c.toString()));
p.on('end', () => console.log('end'));
p.write('1');
p.write('2');
p.end('3');
console.log('written');

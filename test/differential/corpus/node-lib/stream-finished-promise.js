const { finished } = require('stream/promises');
const { PassThrough } = require('stream');
const p = new PassThrough();
finished(p).then(() => console.log('finished resolved'));
p.on('finish', () => console.log('finish'));
p.on('end', () => console.log('end'));
p.resume();
p.end('data');
console.log('ended');

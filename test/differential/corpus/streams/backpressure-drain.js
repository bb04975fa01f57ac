// models: node
const { Writable } = require('stream');
const w = new Writable({
  highWaterMark: 4,
  write(chunk, enc, cb) {
    setTimeout(cb, 1);
  },
});
console.log('write 1 ->', w.write('ab'));
console.log('write 2 ->', w.write('cd'));
console.log('write 3 ->', w.write('ef'));
w.on('drain', () => {
  console.log('drain, buffered:', w.writableLength);
  w.end();
});
w.on('finish', () => console.log('finish'));

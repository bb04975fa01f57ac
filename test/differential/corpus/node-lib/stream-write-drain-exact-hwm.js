const { Writable } = require('stream');
const w = new Writable({
  highWaterMark: 4,
  write(chunk, enc, cb) {
    setImmediate(cb);
  },
});
console.log(w.write('ab'), w.writableLength, w.writableNeedDrain);
console.log(w.write('cd'), w.writableLength, w.writableNeedDrain);
console.log(w.write('e'), w.writableLength);
w.on('drain', () => console.log('drain', w.writableLength));

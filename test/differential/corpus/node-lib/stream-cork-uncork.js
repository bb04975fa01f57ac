const { Writable } = require('stream');
const w = new Writable({
  write(chunk, enc, cb) {
    console.log('_write', chunk.toString());
    cb();
  },
  writev(chunks, cb) {
    console.log('_writev', chunks.map((c) => c.chunk.toString()));
    cb();
  },
});
w.cork();
w.write('a');
w.write('b');
w.write('c');
process.nextTick(() => w.uncork());
console.log('corked');

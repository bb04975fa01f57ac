const { Transform, Readable, Writable } = require('stream');
const upper = new Transform({
  transform(chunk, enc, cb) {
    cb(null, chunk.toString().toUpperCase());
  },
  flush(cb) {
    this.push('!');
    cb();
  },
});
const out = [];
const sink = new Writable({
  write(chunk, enc, cb) {
    out.push(chunk.toString());
    cb();
  },
});
sink.on('finish', () => console.log('result', out.join('')));
Readable.from(['hello', ' ', 'world']).pipe(upper).pipe(sink);

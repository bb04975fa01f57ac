const { pipeline, Readable, Transform, Writable } = require('stream');
const failing = new Transform({
  transform(chunk, enc, cb) {
    if (chunk.toString() === 'b') cb(new Error('bad chunk'));
    else cb(null, chunk);
  },
});
const sink = new Writable({ write(c, e, cb) { console.log('sink', c.toString()); cb(); } });
sink.on('close', () => console.log('sink closed'));
pipeline(Readable.from(['a', 'b', 'c']), failing, sink, (err) => {
  console.log('pipeline failed:', err.message);
  console.log('destroyed', failing.destroyed, sink.destroyed);
});

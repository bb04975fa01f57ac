// models: node
const { Readable, Transform, Writable } = require('stream');
const upper = new Transform({
  transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); },
});
const sink = new Writable({
  write(chunk, enc, cb) { console.log('sink got', chunk.toString()); cb(); },
});
sink.on('finish', () => console.log('sink finished'));
Readable.from(['x', 'y']).pipe(upper).pipe(sink);

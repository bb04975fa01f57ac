const { pipeline, Readable, Transform, Writable } = require('stream');
const double = new Transform({
  objectMode: true,
  transform(n, enc, cb) {
    cb(null, n * 2);
  },
});
const seen = [];
pipeline(
  Readable.from([1, 2, 3]),
  double,
  new Writable({
    objectMode: true,
    write(n, enc, cb) {
      seen.push(n);
      cb();
    },
  }),
  (err) => console.log('pipeline done', err, seen),
);

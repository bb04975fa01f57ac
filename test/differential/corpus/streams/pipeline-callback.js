// models: node
const { pipeline, Readable, Writable } = require('stream');
const out = [];
pipeline(
  Readable.from(['1', '2', '3']),
  new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } }),
  (err) => console.log('pipeline done', err ?? null, out.join('')),
);

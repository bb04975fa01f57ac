const { Readable } = require('stream');
const r = new Readable({
  objectMode: true,
  read() {},
});
r.push({ id: 1 });
r.push({ id: 2 });
r.push(null);
console.log('hwm', r.readableHighWaterMark, 'objectMode', r.readableObjectMode);
r.on('data', (o) => console.log('object', o));

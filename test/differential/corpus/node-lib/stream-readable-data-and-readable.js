const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.on('readable', () => console.log('readable fired'));
r.on('data', (c) => console.log('data', c.toString()));
console.log('flowing', r.readableFlowing);
r.push('a');
r.push('b');
setImmediate(() => {
  console.log('reading', String(r.read()));
  r.push(null);
});
r.on('end', () => console.log('end'));

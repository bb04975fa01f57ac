const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push('abcdef');
r.push(null);
r.once('readable', () => {
  const head = r.read(2);
  console.log('head', head.toString());
  r.unshift(Buffer.from('XY'));
  console.log('rest', r.read().toString());
  console.log('after all', r.read());
});
r.on('end', () => console.log('end'));

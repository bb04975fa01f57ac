const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push('hello ');
r.push('world');
r.push(null);
r.on('readable', () => {
  let chunk;
  console.log('readable, flowing =', r.readableFlowing);
  while ((chunk = r.read()) !== null) {
    console.log('read:', chunk.toString());
  }
});
r.on('end', () => console.log('end'));

const { Readable, Writable } = require('stream');
const r = new Readable({ read() {} });
const w = new Writable({
  write(chunk, enc, cb) {
    console.log('write', chunk.toString());
    cb();
  },
});
w.on('pipe', () => console.log('pipe event'));
r.on('end', () => console.log('readable end'));
w.on('finish', () => console.log('writable finish'));
r.on('close', () => console.log('readable close'));
w.on('close', () => console.log('writable close'));
r.pipe(w);
r.push('1');
r.push('2');
r.push(null);
console.log('sync done');

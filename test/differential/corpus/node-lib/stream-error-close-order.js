const { Writable } = require('stream');
const w = new Writable({
  write(chunk, enc, cb) {
    cb(new Error('write failed'));
  },
});
w.on('error', (e) => console.log('error', e.message));
w.on('close', () => console.log('close'));
w.on('finish', () => console.log('finish (never)'));
console.log('write returned', w.write('x', (err) => console.log('write cb', err && err.message)));
process.nextTick(() => console.log('tick'));

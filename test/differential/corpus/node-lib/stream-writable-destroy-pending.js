const { Writable } = require('stream');
const w = new Writable({
  write(chunk, enc, cb) {
    console.log('writing', chunk.toString());
    setTimeout(cb, 5);
  },
});
w.write('1', (err) => console.log('cb 1', err && err.code));
w.write('2', (err) => console.log('cb 2', err && err.code));
w.on('close', () => console.log('close', w.destroyed));
w.on('error', (e) => console.log('error', e.message));
setTimeout(() => w.destroy(), 1);

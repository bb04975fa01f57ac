const { Writable } = require('stream');
const w = new Writable({
  write(chunk, encoding, callback) {
    console.log('_write', chunk.toString());
    callback();
  },
});
w.write('a', () => console.log('cb a'));
w.write('b', () => console.log('cb b'));
w.end('c', () => console.log('end cb'));
w.on('finish', () => console.log('finish'));
w.on('close', () => console.log('close'));
console.log('sync end');
process.nextTick(() => console.log('tick'));

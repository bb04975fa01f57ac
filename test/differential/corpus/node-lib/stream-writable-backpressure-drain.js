const { Writable } = require('stream');
const w = new Writable({
  highWaterMark: 3,
  write(chunk, encoding, callback) {
    console.log('writing', chunk.toString());
    setTimeout(callback, 1);
  },
});
let i = 0;
function produce() {
  while (i < 6) {
    i++;
    const ok = w.write(String(i));
    console.log('write', i, 'returned', ok);
    if (!ok) {
      console.log('backpressure: wait for drain');
      w.once('drain', () => {
        console.log('drain');
        produce();
      });
      return;
    }
  }
  w.end(() => console.log('end callback'));
}
w.on('finish', () => console.log('finish'));
w.on('close', () => console.log('close'));
produce();

// The seed's backpressure topic: a fast producer, a slow consumer, pipe() pausing and resuming.
const { Readable, Writable } = require('stream');
let n = 0;
const fast = new Readable({
  highWaterMark: 2,
  read() {
    n++;
    if (n > 5) return this.push(null);
    console.log('produce', n);
    this.push(String(n));
  },
});
const slow = new Writable({
  highWaterMark: 2,
  write(chunk, enc, cb) {
    console.log('consume', chunk.toString());
    setTimeout(cb, 5);
  },
});
slow.on('drain', () => console.log('drain'));
fast.on('pause', () => console.log('source paused'));
fast.on('resume', () => console.log('source resumed'));
slow.on('finish', () => console.log('finish'));
fast.pipe(slow);

const { Readable } = require('stream');
let produced = 0;
const r = new Readable({
  highWaterMark: 5,
  read(size) {
    produced++;
    console.log('_read size', size, 'buffered', this.readableLength);
    if (produced > 4) this.push(null);
    else this.push('xx');
  },
});
setImmediate(() => {
  console.log('buffered before consuming', r.readableLength);
  r.on('data', (c) => console.log('data', c.toString()));
});

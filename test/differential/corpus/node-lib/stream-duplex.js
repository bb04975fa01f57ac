const { Duplex } = require('stream');
const d = new Duplex({
  read() {
    this.push('from read side');
    this.push(null);
  },
  write(chunk, enc, cb) {
    console.log('write side got', chunk.toString());
    cb();
  },
});
d.on('data', (c) => console.log('data', c.toString()));
d.on('end', () => console.log('end'));
d.on('finish', () => console.log('finish'));
d.on('close', () => console.log('close'));
d.write('hi');
d.end();

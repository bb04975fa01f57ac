const { Transform } = require('stream');
const lines = new Transform({
  readableObjectMode: true,
  transform(chunk, enc, cb) {
    this.tail = (this.tail || '') + chunk.toString();
    const parts = this.tail.split('\n');
    this.tail = parts.pop();
    for (const p of parts) this.push(p);
    cb();
  },
  flush(cb) {
    if (this.tail) this.push(this.tail);
    cb();
  },
});
lines.on('data', (line) => console.log('line:', JSON.stringify(line)));
lines.on('end', () => console.log('end'));
lines.write('one\ntw');
lines.write('o\nthree');
lines.end();

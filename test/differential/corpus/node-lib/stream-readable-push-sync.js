const { Readable } = require('stream');
let n = 0;
const r = new Readable({
  read() {
    n++;
    console.log('_read called', n);
    if (n <= 3) this.push(`chunk${n}`);
    else this.push(null);
  },
});
r.setEncoding('utf8');
r.on('data', (c) => console.log('data', c));
r.on('end', () => console.log('end'));
console.log('sync done');

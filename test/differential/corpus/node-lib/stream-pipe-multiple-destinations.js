const { Readable, Writable } = require('stream');
const mk = (name) =>
  new Writable({
    write(c, e, cb) {
      console.log(name, c.toString());
      cb();
    },
  });
const r = Readable.from(['x', 'y'], { objectMode: false });
const a = mk('A');
const b = mk('B');
a.on('finish', () => console.log('A finish'));
b.on('finish', () => console.log('B finish'));
r.pipe(a);
r.pipe(b);

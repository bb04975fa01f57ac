const { Writable } = require('stream');
const w = new Writable({
  write(chunk, enc, cb) {
    console.log('write', String(chunk));
    cb();
  },
  final(cb) {
    console.log('final');
    setImmediate(() => {
      console.log('final done');
      cb();
    });
  },
});
w.on('prefinish', () => console.log('prefinish'));
w.on('finish', () => console.log('finish'));
w.on('close', () => console.log('close'));
w.write('x');
w.end();

const { Readable } = require('stream');
const r = new Readable({
  read() {
    this.push('only');
    this.push(null);
  },
});
r.on('end', () => console.log('end', r.readableEnded));
r.on('close', () => console.log('close'));
console.log('before resume', r.readableEnded);
r.resume();
Promise.resolve().then(() => console.log('microtask'));
setImmediate(() => console.log('immediate'));

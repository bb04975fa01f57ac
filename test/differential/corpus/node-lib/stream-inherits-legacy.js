const stream = require('stream');
const util = require('util');
function Counter(opts) {
  stream.Readable.call(this, opts);
  this.count = 0;
}
util.inherits(Counter, stream.Readable);
Counter.prototype._read = function () {
  this.count++;
  this.push(this.count > 3 ? null : String(this.count));
};
const c = new Counter();
c.on('data', (d) => console.log('count', d.toString()));
c.on('end', () => console.log('done'));
console.log(c instanceof stream.Readable, c instanceof stream.Stream, typeof stream.Stream);

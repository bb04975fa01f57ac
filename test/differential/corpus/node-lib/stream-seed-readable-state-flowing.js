// The seed describes readable._readableState.flowing: null (no consumer), false (paused), true (flowing).
const { Readable, Writable } = require('stream');
const r = new Readable({ read() {} });
console.log('no consumer:', r._readableState.flowing);
r.pause();
console.log('paused:', r._readableState.flowing);
r.on('data', (chunk) => console.log('data', chunk.toString(), 'flowing:', r._readableState.flowing));
console.log('after data listener while paused:', r._readableState.flowing);
r.resume();
console.log('resumed:', r._readableState.flowing);
r.push('x');
r.push(null);
const w = new Writable({ highWaterMark: 5, write(c, e, cb) { setImmediate(cb); } });
w.write('12345');
console.log('writable length', w._writableState.length, w.writableLength, 'needDrain', w.writableNeedDrain, w.writableHighWaterMark);

const { Writable } = require('stream');
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('error', (err) => console.log('error', err.code, err.message));
w.end('last');
w.write('too late', (err) => console.log('write callback', err && err.code));

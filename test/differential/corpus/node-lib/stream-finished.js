const { finished, Readable } = require('stream');
const r = Readable.from(['one', 'two']);
finished(r, (err) => console.log('finished callback', err));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
r.resume();

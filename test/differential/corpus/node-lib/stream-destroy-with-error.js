const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.on('error', (err) => console.log('error event', err.message));
r.on('close', () => console.log('close event', r.destroyed, r.errored && r.errored.message));
r.destroy(new Error('stop'));
console.log('destroy called');

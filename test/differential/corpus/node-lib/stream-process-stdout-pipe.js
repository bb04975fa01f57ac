const { Readable } = require('stream');
const r = Readable.from(['line one\n', 'line two\n']);
r.pipe(process.stdout);
r.on('end', () => console.log('source ended'));
process.stdout.write('direct write\n');

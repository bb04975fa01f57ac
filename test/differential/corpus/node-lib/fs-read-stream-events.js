const fs = require('fs');
fs.writeFileSync('stream.txt', 'abcdefghij');
const rs = fs.createReadStream('stream.txt', { highWaterMark: 4, encoding: 'utf8' });
rs.on('open', () => console.log('open'));
rs.on('ready', () => console.log('ready'));
rs.on('data', (chunk) => console.log('data', chunk));
rs.on('end', () => console.log('end'));
rs.on('close', () => console.log('close'));
console.log('created, pending:', rs.pending);

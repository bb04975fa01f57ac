const fs = require('fs');
const ws = fs.createWriteStream('out.txt');
ws.on('open', () => console.log('open'));
ws.on('ready', () => console.log('ready'));
ws.on('finish', () => console.log('finish'));
ws.on('close', () => {
  console.log('close, bytes', ws.bytesWritten);
  console.log(JSON.stringify(fs.readFileSync('out.txt', 'utf8')));
});
console.log('write returned', ws.write('line 1\n'));
ws.write('line 2\n');
ws.end('line 3\n');

const fs = require('fs');
fs.writeFileSync('src.txt', 'x'.repeat(100));
const rs = fs.createReadStream('src.txt', { highWaterMark: 30 });
const ws = fs.createWriteStream('dst.txt');
rs.on('data', (c) => console.log('chunk', c.length));
ws.on('finish', () => console.log('copied', fs.readFileSync('dst.txt', 'utf8').length));
rs.pipe(ws);

const fs = require('fs');
fs.writeFileSync('big.txt', 'x'.repeat(150000));
const rs = fs.createReadStream('big.txt');
console.log('highWaterMark', rs.readableHighWaterMark);
const sizes = [];
rs.on('data', (chunk) => sizes.push(chunk.length));
rs.on('end', () => console.log('chunks', sizes, 'bytesRead', rs.bytesRead));
rs.on('close', () => console.log('close'));

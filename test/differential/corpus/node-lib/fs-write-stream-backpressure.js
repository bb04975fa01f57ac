const fs = require('fs');
const ws = fs.createWriteStream('bp.txt', { highWaterMark: 8 });
let i = 0;
function writeMore() {
  let ok = true;
  while (i < 6 && ok) {
    i++;
    ok = ws.write(`chunk${i}\n`);
    console.log('write', i, ok, ws.writableLength);
  }
  if (i < 6) ws.once('drain', () => {
    console.log('drain');
    writeMore();
  });
  else ws.end();
}
ws.on('finish', () => console.log('finish', fs.readFileSync('bp.txt', 'utf8').split('\n').length - 1, 'lines'));
writeMore();

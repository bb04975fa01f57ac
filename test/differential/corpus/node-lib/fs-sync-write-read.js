const fs = require('fs');
fs.writeFileSync('note.txt', 'hello\nworld\n');
console.log(fs.existsSync('note.txt'), fs.existsSync('missing.txt'));
console.log(JSON.stringify(fs.readFileSync('note.txt', 'utf8')));
const buf = fs.readFileSync('note.txt');
console.log(buf.length, buf);
fs.appendFileSync('note.txt', 'more');
console.log(fs.readFileSync('note.txt', { encoding: 'utf8' }).split('\n'));

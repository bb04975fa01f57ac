const fs = require('fs');
fs.mkdirSync('box');
fs.writeFileSync('box/one.txt', '1');
fs.writeFileSync('box/two.txt', '22');
fs.mkdirSync('box/inner');
console.log(fs.readdirSync('box'));
for (const entry of fs.readdirSync('box', { withFileTypes: true })) {
  console.log(entry.name, entry.isFile(), entry.isDirectory());
}
const st = fs.statSync('box/two.txt');
console.log(st.size, st.isFile(), st.isDirectory());
console.log(fs.statSync('box').isDirectory());

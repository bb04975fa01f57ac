const fs = require('fs');
fs.writeFileSync('old.txt', 'content');
fs.renameSync('old.txt', 'new.txt');
console.log(fs.existsSync('old.txt'), fs.readFileSync('new.txt', 'utf8'));
fs.copyFileSync('new.txt', 'copy.txt');
console.log(fs.readFileSync('copy.txt', 'utf8'));
try {
  fs.renameSync('gone.txt', 'x.txt');
} catch (err) {
  console.log(err.message);
}

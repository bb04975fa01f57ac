const fs = require('fs');
console.log(fs.mkdirSync('x/y/z', { recursive: true }).endsWith('/x'));
fs.writeFileSync('x/y/z/file.txt', 'deep');
console.log(fs.existsSync('x/y/z/file.txt'));
try {
  fs.mkdirSync('x');
} catch (err) {
  console.log(err.code, err.message);
}
fs.unlinkSync('x/y/z/file.txt');
console.log(fs.existsSync('x/y/z/file.txt'));
fs.rmSync('x', { recursive: true, force: true });
console.log(fs.existsSync('x'));

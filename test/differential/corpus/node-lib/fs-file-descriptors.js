const fs = require('fs');
const fd = fs.openSync('fd.txt', 'w');
console.log(typeof fd, fs.writeSync(fd, 'hello '), fs.writeSync(fd, Buffer.from('world')));
fs.closeSync(fd);
const rfd = fs.openSync('fd.txt', 'r');
const buf = Buffer.alloc(5);
console.log(fs.readSync(rfd, buf, 0, 5, null), buf.toString());
console.log(fs.readSync(rfd, buf, 0, 5, null), buf.toString());
console.log(fs.readSync(rfd, buf, 0, 5, 0), buf.toString(), fs.fstatSync(rfd).size);
fs.closeSync(rfd);
try {
  fs.closeSync(rfd);
} catch (err) {
  console.log(err.code, err.message);
}
try {
  fs.openSync('missing.txt', 'r');
} catch (err) {
  console.log(err.code, err.message);
}
fs.open('fd.txt', 'a', (err, afd) => {
  console.log('open callback', err);
  fs.write(afd, '!', (err2, written) => {
    console.log('wrote', written);
    fs.close(afd, () => console.log('closed:', fs.readFileSync('fd.txt', 'utf8')));
  });
});

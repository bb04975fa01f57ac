const fs = require('fs');
try {
  fs.readFileSync('does-not-exist.txt');
} catch (err) {
  console.log(err.message);
  console.log(err.code, err.errno, err.syscall, err.path);
  console.log(err instanceof Error, err.name);
}
try {
  fs.statSync('nope');
} catch (err) {
  console.log(err.message);
}
try {
  fs.readdirSync('no-dir');
} catch (err) {
  console.log(err.message);
}

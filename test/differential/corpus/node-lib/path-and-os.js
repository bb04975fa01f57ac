const path = require('path');
const os = require('os');
console.log(path.join('/a/b', '../c', 'd.txt'), path.resolve('/x', 'y', '..', 'z'));
console.log(path.basename('/p/q/file.tar.gz', '.gz'), path.dirname('/p/q/r'), path.extname('a.b.c'));
console.log(path.parse('/home/u/f.txt'), path.sep, path.delimiter, path.isAbsolute('rel'));
console.log(path.normalize('/a//b/../c/.'), path.relative('/a/b/c', '/a/d'), path.format({ dir: '/x', base: 'y.js' }));
console.log(os.EOL === '\n', os.platform(), os.type(), os.endianness(), typeof os.tmpdir());

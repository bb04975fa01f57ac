const { default: path } = await import('node:path');
console.log(path.join('a', 'b', '..', 'c'));
const util = await import('node:util');
console.log(util.format('%s=%d', 'x', 5));

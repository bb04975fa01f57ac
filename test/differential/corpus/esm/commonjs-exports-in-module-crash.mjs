// `module.exports` in an ES module: the crash names the ES module scope.
console.log('before');
module.exports = { value: 1 };

// models: node node-esm
// Top-level this is module.exports ({}) in CommonJS and undefined in an ES module; modules are strict.
console.log(this === undefined ? 'this is undefined' : 'this is ' + JSON.stringify(this));
function sloppyCheck() { return this === undefined ? 'strict' : 'sloppy'; }
console.log(sloppyCheck());

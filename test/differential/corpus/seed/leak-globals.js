// models: node node-legacy
// From the seed (section 7, leaks 1): accidental and explicit globals live until the process ends.
a = 10;
global.b = 11;
console.log(global.a, b, Object.keys(global).includes('a'));

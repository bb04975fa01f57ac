// models: node node-esm browser
console.log('start');
console.log(value);
let value = 1;

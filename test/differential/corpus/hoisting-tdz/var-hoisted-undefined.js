// models: node node-esm browser
console.log(typeof hoisted, hoisted);
var hoisted = 'now set';
console.log(hoisted);

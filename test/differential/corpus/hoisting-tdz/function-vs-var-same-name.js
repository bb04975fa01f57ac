// models: node node-esm browser
console.log(typeof both);
var both = 'var wins after assignment';
function both() {}
console.log(typeof both, both);

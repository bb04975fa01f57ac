// models: node node-esm node-legacy browser
// Plain synchronous statements print in source order.
console.log('one');
console.log('two');
function three() { return 'three'; }
console.log(three());

// models: node node-esm node-legacy
setImmediate(() => console.log('immediate 1'));
setImmediate(() => console.log('immediate 2'));
setImmediate(() => console.log('immediate 3'));
console.log('sync');

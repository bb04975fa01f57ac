// models: node node-esm node-legacy browser
setTimeout(() => console.log('A'), 10);
setTimeout(() => console.log('B'), 10);
setTimeout(() => console.log('C'), 10);

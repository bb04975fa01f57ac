// models: node node-esm node-legacy browser
const a = setTimeout(() => console.log('A (cleared)'), 5);
setTimeout(() => console.log('B'), 5);
clearTimeout(a);
const c = setTimeout(() => console.log('C'), 10);
setTimeout(() => clearTimeout(c), 0);
setTimeout(() => console.log('D'), 15);

// models: node node-esm node-legacy browser
setTimeout(() => console.log('40 ms'), 40);
setTimeout(() => console.log('5 ms'), 5);
setTimeout(() => console.log('20 ms'), 20);
console.log('scheduled');

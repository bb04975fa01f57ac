// models: node node-esm node-legacy browser
console.log('start');
Promise.resolve().then(() => console.log('microtask'));
console.log('end');

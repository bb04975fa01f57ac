// models: node node-esm node-legacy browser
console.log('about to throw a number');
throw 42;

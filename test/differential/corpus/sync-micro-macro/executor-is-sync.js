// models: node node-esm node-legacy browser
// The Promise executor runs synchronously; only the reactions are deferred.
console.log('a');
new Promise((resolve) => {
  console.log('b: executor');
  resolve('c');
  console.log('d: after resolve');
}).then((value) => console.log(value));
console.log('e');

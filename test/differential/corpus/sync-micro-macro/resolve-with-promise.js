// models: node node-esm node-legacy browser
// Resolving a promise with another promise costs two extra microtask turns.
const inner = Promise.resolve('inner');
new Promise((resolve) => resolve(inner)).then((v) => console.log('outer got', v));
Promise.resolve()
  .then(() => console.log('tick 1'))
  .then(() => console.log('tick 2'))
  .then(() => console.log('tick 3'))
  .then(() => console.log('tick 4'));

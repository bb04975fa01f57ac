// models: node node-esm node-legacy browser
Promise.resolve()
  .then(() => { throw new Error('inside then'); })
  .then(() => console.log('skipped'))
  .catch((e) => console.log('caught:', e.message))
  .then(() => console.log('continues'));
console.log('sync');

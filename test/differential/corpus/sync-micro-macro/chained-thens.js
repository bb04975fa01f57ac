// models: node node-esm node-legacy browser
Promise.resolve(1)
  .then((v) => { console.log('then', v); return v + 1; })
  .then((v) => { console.log('then', v); return v + 1; })
  .then((v) => console.log('then', v));
Promise.resolve('x')
  .then((v) => console.log('other', v))
  .then(() => console.log('other done'));
console.log('sync');

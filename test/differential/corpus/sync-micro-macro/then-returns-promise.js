// models: node node-esm node-legacy browser
Promise.resolve()
  .then(() => { console.log('A1'); return Promise.resolve('A-inner'); })
  .then((v) => console.log('A2', v));
Promise.resolve()
  .then(() => console.log('B1'))
  .then(() => console.log('B2'))
  .then(() => console.log('B3'))
  .then(() => console.log('B4'));

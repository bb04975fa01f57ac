// models: node node-esm node-legacy browser
Promise.reject(new Error('no'))
  .catch((e) => { console.log('caught', e.message); return 'recovered'; })
  .finally(() => console.log('finally'))
  .then((v) => console.log('then', v));
Promise.resolve()
  .then(() => console.log('p1'))
  .then(() => console.log('p2'))
  .then(() => console.log('p3'));

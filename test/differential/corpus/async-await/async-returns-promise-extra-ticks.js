// models: node node-esm node-legacy browser
// An async function that returns a promise resolves two turns later than one returning a value.
async function returnsValue() { return 'value'; }
async function returnsPromise() { return Promise.resolve('promise'); }
returnsPromise().then((v) => console.log('returnsPromise ->', v));
returnsValue().then((v) => console.log('returnsValue ->', v));
Promise.resolve()
  .then(() => console.log('t1'))
  .then(() => console.log('t2'))
  .then(() => console.log('t3'))
  .then(() => console.log('t4'));

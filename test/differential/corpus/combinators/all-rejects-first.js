// models: node node-esm node-legacy browser
const later = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => (fail ? rej(new Error(v)) : res(v)), ms));
Promise.all([later(30, 'a'), later(5, 'b failed', true), later(10, 'c failed', true)])
  .then(() => console.log('never'))
  .catch((e) => console.log('all rejected with', e.message));

// models: node node-esm node-legacy browser
const later = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
Promise.all([later(20, 'slow'), later(5, 'fast'), 'plain', Promise.resolve('ready')])
  .then((values) => console.log('all:', values.join(', ')));

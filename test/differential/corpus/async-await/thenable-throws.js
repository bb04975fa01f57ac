// models: node node-esm node-legacy browser
const weird = { then() { throw new Error('then threw'); } };
Promise.resolve(weird).then(
  () => console.log('fulfilled?'),
  (e) => console.log('rejected:', e.message),
);
const late = { then(res) { res('first'); throw new Error('ignored after resolve'); } };
Promise.resolve(late).then((v) => console.log('late:', v));

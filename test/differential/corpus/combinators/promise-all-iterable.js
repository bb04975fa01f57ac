// models: node node-esm node-legacy browser
function* source() {
  yield Promise.resolve('g1');
  yield 'g2';
}
Promise.all(source()).then((v) => console.log(v));
Promise.all(new Set([1, 2, 2, 3])).then((v) => console.log(v));
Promise.all('ab').then((v) => console.log(v));

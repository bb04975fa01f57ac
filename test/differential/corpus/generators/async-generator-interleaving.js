// models: node node-esm browser
async function* gen() {
  console.log('gen: start');
  yield 'A';
  console.log('gen: after A');
  yield 'B';
  console.log('gen: end');
}
(async () => {
  for await (const v of gen()) console.log('consumer:', v);
})();
Promise.resolve()
  .then(() => console.log('p1'))
  .then(() => console.log('p2'))
  .then(() => console.log('p3'))
  .then(() => console.log('p4'))
  .then(() => console.log('p5'));

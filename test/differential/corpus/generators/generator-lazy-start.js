// models: node node-esm node-legacy browser
function* lazy() {
  console.log('body starts only on first next()');
  yield 'x';
}
const it = lazy();
console.log('created');
console.log(it.next().value);

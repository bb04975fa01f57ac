// models: node node-esm node-legacy browser
function* inner() {
  yield 'inner 1';
  const r = yield 'inner 2';
  return 'inner result ' + r;
}
function* outer() {
  yield 'outer 1';
  const res = yield* inner();
  console.log('delegate returned:', res);
  yield 'outer 2';
}
const it = outer();
console.log(it.next().value);
console.log(it.next().value);
console.log(it.next().value);
console.log(it.next('R').value);
console.log(it.next().done);

// models: node node-esm node-legacy browser
function* count() {
  yield 1;
  yield 2;
  return 3;
}
const it = count();
console.log(it.next());
console.log(it.next());
console.log(it.next());
console.log(it.next());

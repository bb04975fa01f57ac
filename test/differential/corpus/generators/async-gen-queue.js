// models: node node-esm node-legacy browser
// Calls to next() on an async generator queue up and settle in order.
async function* g() {
  yield 1;
  yield 2;
}
const it = g();
it.next().then((r) => console.log('first', JSON.stringify(r)));
it.next().then((r) => console.log('second', JSON.stringify(r)));
it.next().then((r) => console.log('third', JSON.stringify(r)));
console.log('queued');

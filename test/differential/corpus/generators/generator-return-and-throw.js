// models: node node-esm node-legacy browser
function* g() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log('cleanup');
  }
}
const a = g();
console.log(a.next().value);
console.log(a.return('early'));
const b = g();
b.next();
try {
  b.throw(new Error('thrown in'));
} catch (e) {
  console.log('caught outside:', e.message);
}
console.log(b.next());

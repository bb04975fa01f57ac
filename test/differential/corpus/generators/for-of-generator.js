// models: node node-esm node-legacy browser
function* letters() {
  yield 'a';
  yield 'b';
  yield 'c';
  return 'ignored by for-of';
}
for (const l of letters()) console.log(l);
console.log([...letters()].join('-'));

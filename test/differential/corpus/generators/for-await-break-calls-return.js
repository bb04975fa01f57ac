// models: node node-esm node-legacy browser
async function* g() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log('generator finally');
    await null;
    console.log('generator finally after await');
  }
}
(async () => {
  for await (const v of g()) {
    console.log('got', v);
    break;
  }
  console.log('after loop');
})();

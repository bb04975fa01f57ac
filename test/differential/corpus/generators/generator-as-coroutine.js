// models: node node-esm node-legacy browser
// A tiny co(): drive a generator that yields promises, the idea behind async/await.
function co(genFn) {
  return new Promise((resolve, reject) => {
    const it = genFn();
    function step(method, arg) {
      let r;
      try { r = it[method](arg); } catch (e) { reject(e); return; }
      if (r.done) { resolve(r.value); return; }
      Promise.resolve(r.value).then((v) => step('next', v), (e) => step('throw', e));
    }
    step('next');
  });
}
co(function* () {
  const a = yield Promise.resolve(1);
  console.log('a', a);
  const b = yield new Promise((r) => setTimeout(() => r(2), 5));
  console.log('b', b);
  try {
    yield Promise.reject(new Error('bad'));
  } catch (e) {
    console.log('caught', e.message);
  }
  return a + b;
}).then((sum) => console.log('sum', sum));

// models: node node-esm browser
// A `for await` loop that ends because next() said done: true does not call return(), however that
// result came: from a thenable that is not a promise, or with `done` as a getter (which the loop
// reads exactly once). One left from its body, or because binding the value threw, does. LoopLens
// called return() after a thenable's or a getter's done: true (RETURN lines, and the loop ended a
// tick late); the ticker's numbers show where each step happens.
let tick = 0;
let ticking = true;
(async () => {
  while (ticking && tick < 200) {
    await null;
    tick++;
  }
})();
function source(label, results) {
  let index = 0;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      return results[index++]();
    },
    return() {
      console.log(label, 'RETURN at', tick);
      return Promise.resolve({ done: true });
    },
  };
}
const withDoneGetter = (done) => () => Promise.resolve({ value: 7, get done() { console.log('done read at', tick); return done; } });
const plain = (value) => () => Promise.resolve({ value, done: false });
const thenable = (done) => () => ({ then(resolve) { resolve({ value: 8, done }); } });
const plainThenable = (done) => () => ({ value: 9, done, then: undefined });
(async () => {
  for await (const v of source('A', [withDoneGetter(false), withDoneGetter(true)])) console.log('A', v, tick);
  console.log('A end', tick);
  for await (const v of source('B', [withDoneGetter(false), plain(1)])) {
    console.log('B', v, tick);
    if (v === 1) break;
  }
  console.log('B end', tick);
  for await (const v of source('C', [thenable(false), thenable(true)])) console.log('C', v, tick);
  console.log('C end', tick);
  for await (const v of source('D', [thenable(false), thenable(false)])) {
    console.log('D', v, tick);
    break;
  }
  console.log('D end', tick);
  for await (const v of source('E', [plainThenable(false), plainThenable(true)])) console.log('E', v, tick);
  console.log('E end', tick);
  try {
    for await (const { a } of source('F', [plain({ a: 1 }), plain(null)])) console.log('F', a, tick);
  } catch (error) {
    console.log('F caught', error.constructor.name, tick);
  }
  try {
    for await (const v of source('G', [plain(1), () => Promise.reject(new Error('g'))])) console.log('G', v, tick);
  } catch (error) {
    console.log('G caught', error.message, tick);
  }
  ticking = false;
})();

// models: node node-esm browser
// A `for await` loop that runs to done: true does not call the iterator's return(); one left early
// does, and waits for it. QuickJS closed finished iterators too, and an async generator's loop then
// ended two ticks late; the ticker's lines show where each loop ends.
let tick = 0;
let ticking = true;
function ticker() {
  if (!ticking) return;
  console.log('tick', tick++);
  Promise.resolve().then(ticker);
}
function counter(limit, label) {
  let i = 0;
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: ++i, done: i > limit }),
        return: () => {
          console.log(label, 'return called');
          return Promise.resolve({ done: true });
        },
      };
    },
  };
}
function syncCounter(limit, label) {
  let i = 0;
  return {
    [Symbol.iterator]() {
      return {
        next: () => ({ value: ++i, done: i > limit }),
        return: () => {
          console.log(label, 'return called');
          return {};
        },
      };
    },
  };
}
async function* generator() {
  yield 1;
  await null;
  yield 2;
}
(async () => {
  let sum = 0;
  for await (const v of counter(2, 'async iterator')) sum += v;
  console.log('async iterator loop done', sum);
  for await (const v of syncCounter(2, 'sync iterable')) sum += v;
  console.log('sync iterable loop done', sum);
  for await (const v of generator()) console.log('generator value', v);
  console.log('generator loop done');
  for await (const v of counter(2, 'left early')) {
    console.log('left early with', v);
    break;
  }
  console.log('left early loop done');
  ticking = false;
})();
ticker();

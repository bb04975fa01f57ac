// models: node node-esm browser
// How long closing the iterator of a `for await` left early takes: an async iterator's return()
// promise is awaited; a sync iterable is closed through V8's AsyncFromSyncIterator, one tick with
// no return() (an array) and two with one (a generator). A body that throws without a call in it
// (`v.missing.property`) closes the iterator too. LoopLens closed a sync iterable a tick early and
// did not wait for the close of a loop whose body has no call.
let tick = 0;
let ticking = true;
const ticker = async () => {
  for (; ticking && tick < 200; tick++) await null;
};
ticker();
const closable = {
  [Symbol.asyncIterator]() {
    return {
      next: () => Promise.resolve({ value: 1, done: false }),
      return: () => {
        console.log('async return at', tick);
        return Promise.resolve({ done: true });
      },
    };
  },
};
function* numbers() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log('generator finally at', tick);
  }
}
const syncWithPromiseReturn = {
  [Symbol.iterator]() {
    return {
      next: () => ({ value: 1, done: false }),
      return: () => ({ value: Promise.resolve('closed'), done: true }),
    };
  },
};
(async () => {
  try {
    for await (const v of closable) v.missing.property;
  } catch (error) {
    console.log('no-call body caught', error.constructor.name, tick);
  }
  try {
    for await (const v of [1, 2]) {
      console.log('array', v, tick);
      throw new Error('out of the array loop');
    }
  } catch (error) {
    console.log('caught', error.message, tick);
  }
  for await (const v of numbers()) {
    console.log('generator', v, tick);
    break;
  }
  console.log('after the generator loop', tick);
  for await (const v of syncWithPromiseReturn) {
    console.log('sync', v, tick);
    break;
  }
  console.log('after the sync loop', tick);
  ticking = false;
})();

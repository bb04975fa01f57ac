// models: node node-esm browser
// `continue` and `break` to the label of a `for await` loop, from an inner loop. The engine wraps
// such loops to await the iterator's return(); the wrapper once went between the label and the
// loop, and `continue outer` was then a syntax error.
async function* numbers() {
  try {
    yield 1;
    yield 2;
    yield 3;
    yield 4;
  } finally {
    console.log('numbers closed');
  }
}
(async () => {
  outer: for await (const v of numbers()) {
    for (const w of [1, 2]) {
      if (v === 2) continue outer;
      if (v === 3) break outer;
      console.log(v, w);
    }
  }
  console.log('done');
})();
Promise.resolve().then(() => console.log('tick 1')).then(() => console.log('tick 2')).then(() => console.log('tick 3'));

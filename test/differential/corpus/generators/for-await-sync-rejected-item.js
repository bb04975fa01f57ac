// models: node node-esm browser
// `for await` over a sync iterable awaits each item when the loop reaches it: a rejected promise in
// an array is handled then (the loop throws it, a try/catch around the loop catches it), and Node 20
// does not close a sync iterator whose value rejected (the generator's finally does not run: the
// later spec change that closes it is not in Node 20's V8; Chromium has it and runs the finally a
// tick before the loop throws). LoopLens reported the rejection as unhandled (exit code 1) and ran
// the finally on Node too.
let tick = 0;
let ticking = true;
function ticker() {
  if (ticking && tick < 100) Promise.resolve(++tick).then(ticker);
}
ticker();
function* items() {
  try {
    yield Promise.resolve(1);
    yield Promise.reject(new Error('from the generator'));
    yield 3;
  } finally {
    console.log('generator finally', tick);
  }
}
(async () => {
  try {
    for await (const x of [Promise.resolve(1), Promise.reject(new Error('from the array'))]) console.log('array', x, tick);
  } catch (error) {
    console.log('caught', error.message, tick);
  }
  try {
    for await (const x of items()) console.log('generator', x, tick);
  } catch (error) {
    console.log('caught', error.message, tick);
  }
  ticking = false;
})();

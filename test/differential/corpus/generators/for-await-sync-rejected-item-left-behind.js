// models: node node-esm browser
// A rejected promise in an array that a `for await` never reaches stays unhandled: the loop throws
// at the first rejected item, and Node reports the second when the microtasks have drained (exit
// code 1, the report names 'second'; Chromium's Uncaught (in promise) line too). LoopLens reported
// the first, which the loop had handled.
(async () => {
  try {
    for await (const x of [Promise.resolve(1), Promise.reject(new Error('first')), Promise.reject(new Error('second'))]) console.log('x', x);
  } catch (error) {
    console.log('caught', error.message);
  }
  console.log('after the loop');
})();

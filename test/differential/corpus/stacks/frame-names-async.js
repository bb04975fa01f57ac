// models: node
// V8's frame names and Node's internal frames under callbacks of timers and immediates, named
// and anonymous (Node calls them as methods of their Timeout or Immediate object), and under a
// process.nextTick callback.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
const counter = {
  bump() {
    show('object method from a timer');
  },
};
setTimeout(function onTimer() {
  show('named timer');
}, 0);
setTimeout(() => {
  counter.bump();
}, 100);
setTimeout(() => {
  setImmediate(function onImmediate() {
    show('named immediate');
  });
  setImmediate(() => show('anonymous immediate'));
}, 200);
process.nextTick(() => show('nextTick'));

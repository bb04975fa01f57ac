// models: node
// Node's frames under promise jobs: none when V8's own checkpoint runs them (no tick queued),
// processTicksAndRejections when ticks were queued, and the AsyncResource frames of queueMicrotask.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
Promise.resolve().then(() => show('then without ticks'));
queueMicrotask(() => show('queueMicrotask without ticks'));
// Each timer is created by the one before, so no two are ever due together (between two due
// timers Node drains from runNextTicks, with other frames).
setTimeout(() => {
  process.nextTick(() => {});
  Promise.resolve().then(function afterTick() {
    show('then after a tick');
  });
  queueMicrotask(() => {
    show('queueMicrotask after a tick');
    setTimeout(() => {
      process.nextTick(() => {});
      (async function resumed() {
        await null;
        show('async function resumed after a tick');
      })();
    }, 0);
  });
}, 0);

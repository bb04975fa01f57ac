// models: node node-esm
// A signal made by AbortSignal.any that nobody references still fires its abort listeners: Node
// keeps such a signal alive while it has abort listeners and has not aborted (its
// gcPersistentSignals). One with no listeners may be dropped, and removing the last listener
// lets it go again; none of that changes what is printed.
const controller = new AbortController();
AbortSignal.any([controller.signal]).addEventListener('abort', () => console.log('any aborted'));
AbortSignal.any([controller.signal]).onabort = (event) => console.log('onabort of any', event.type);
AbortSignal.any([AbortSignal.any([controller.signal])]).addEventListener('abort', function () {
  console.log('nested any aborted', this.reason);
}, { once: true });
const removed = () => console.log('never: removed');
const kept = AbortSignal.any([controller.signal]);
kept.addEventListener('abort', removed);
kept.removeEventListener('abort', removed);
for (let i = 0; i < 1000; i++) AbortSignal.any([controller.signal]);
console.log('before abort');
setTimeout(() => {
  controller.abort('stop');
  console.log('after abort, kept.aborted', kept.aborted);
}, 100);

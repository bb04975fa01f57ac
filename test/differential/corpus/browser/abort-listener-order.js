// models: browser
// controller.abort() fires 'abort' synchronously on the caller's stack: listeners and the onabort
// handler run in the order they were registered (onabort where it was first set), a `once`
// listener runs once, a listener added during the dispatch waits for the next event (there is
// none), signals made by AbortSignal.any are already aborted while the source's listeners run and
// get their own event after them, and a listener that throws is reported while the others still run.
const controller = new AbortController();
const signal = controller.signal;
const both = AbortSignal.any([signal]);
signal.addEventListener('abort', (event) => {
  console.log('first listener', event.type, event.isTrusted, event.target === signal, signal.aborted, signal.reason);
  Promise.resolve().then(() => console.log('microtask from the first listener'));
});
signal.onabort = () => console.log('onabort handler');
signal.addEventListener('abort', () => console.log('once listener'), { once: true });
signal.addEventListener('abort', () => {
  console.log('dependant already aborted:', both.aborted, both.reason);
  signal.addEventListener('abort', () => console.log('added during the dispatch'));
});
signal.addEventListener('abort', () => {
  throw new Error('listener failed');
});
signal.addEventListener('abort', () => console.log('after the failing listener'));
both.addEventListener('abort', () => console.log('dependant listener', both.reason));
signal.onabort = () => console.log('onabort handler, replaced');

const button = new EventTarget();
button.addEventListener('press', () => console.log('press listener'), { signal });
button.dispatchEvent(new Event('press'));
console.log('before abort');
controller.abort('stop');
console.log('after abort');
controller.abort('again');
console.log('reason kept:', signal.reason);
button.dispatchEvent(new Event('press'));
button.addEventListener('press', () => console.log('never added'), { signal });
button.dispatchEvent(new Event('press'));
setTimeout(() => console.log('next task'), 0);

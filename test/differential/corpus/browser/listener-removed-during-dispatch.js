// A listener removed by an earlier listener of the same dispatch does not run (the DOM's removed
// flag), though the dispatch goes over the list as it was when it started; one added meanwhile
// does not run either.
const controller = new AbortController();
const signal = controller.signal;
const secondAbort = () => console.log('abort listener 2');
signal.addEventListener('abort', () => {
  console.log('abort listener 1');
  signal.removeEventListener('abort', secondAbort);
  signal.addEventListener('abort', () => console.log('added during dispatch'));
});
signal.addEventListener('abort', secondAbort);
controller.abort();

const target = new EventTarget();
const second = () => console.log('x listener 2');
const third = () => console.log('x listener 3');
target.addEventListener('x', () => {
  console.log('x listener 1');
  target.removeEventListener('x', second);
});
target.addEventListener('x', second);
target.addEventListener('x', third);
target.dispatchEvent(new Event('x'));
console.log('second dispatch');
target.dispatchEvent(new Event('x'));

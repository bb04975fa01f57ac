// models: browser
// AbortSignal.timeout(ms) fires from a delayed task that Chromium may run up to 8 ms late, while
// setTimeout below 32 ms is precise: timeout(20) comes after both setTimeout(20)s (measured 20 of 20
// runs; a lone timeout(20) ran between setTimeout 27 and 28), timeout(0) is not delayed, and from
// 32 ms both are late alike, so timeout(50) runs among setTimeout(50)s in creation order. Its
// 'abort' event is dispatched by the browser, so a microtask checkpoint follows each listener. The
// reason is a TimeoutError made with no script on the stack: the console prints it without frames.
setTimeout(() => console.log('setTimeout 20, made first'), 20);
const timed = AbortSignal.timeout(20);
setTimeout(() => console.log('setTimeout 20, made after the signal'), 20);
setTimeout(() => console.log('setTimeout 0'), 0);
setTimeout(() => console.log('setTimeout 40', timed.aborted), 40);
console.log('aborted at first:', timed.aborted, timed.reason);
timed.addEventListener('abort', () => {
  console.log('timeout listener 1', timed.reason.name, timed.reason.message, timed.reason.code);
  Promise.resolve().then(() => console.log('microtask between the listeners'));
});
timed.onabort = (event) => console.log('timeout onabort', event.isTrusted);
timed.addEventListener('abort', () => console.log(timed.reason));
const zero = AbortSignal.timeout(0);
zero.onabort = () => {
  console.log('AbortSignal.timeout(0)');
  try {
    zero.throwIfAborted();
  } catch (error) {
    console.log('thrown:', error === zero.reason, error instanceof DOMException, error instanceof Error);
  }
};
setTimeout(() => console.log('setTimeout 50, made first'), 50);
AbortSignal.timeout(50).onabort = () => console.log('AbortSignal.timeout(50)');
setTimeout(() => console.log('setTimeout 50, made after the signal'), 50);

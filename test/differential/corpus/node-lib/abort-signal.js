// AbortController and AbortSignal as Node 20 has them: prototype getters (Object.keys is empty),
// abort reasons, AbortSignal.abort/timeout/any, onabort, the illegal constructor, and
// AbortSignal.timeout's timer, which does not keep the process alive.
const controller = new AbortController();
console.log(Object.keys(controller.signal), Object.keys(controller), Object.getOwnPropertyNames(AbortSignal.prototype), Object.getOwnPropertyNames(AbortController.prototype));
console.log(controller, controller.signal.aborted, controller.signal.reason, controller.signal instanceof EventTarget);
const combined = AbortSignal.any([controller.signal, new AbortController().signal]);
combined.onabort = (event) => console.log('any aborted', event.type, combined.reason);
controller.signal.addEventListener('abort', () => console.log('listener', controller.signal.aborted));
controller.abort('the reason');
controller.abort('ignored');
console.log(controller.signal.reason, combined.aborted);
try {
  controller.signal.throwIfAborted();
} catch (error) {
  console.log('thrown', error);
}
const aborted = AbortSignal.abort();
console.log(aborted, aborted.reason.name, aborted.reason.message, aborted.reason.code, AbortSignal.any([AbortSignal.abort(1), AbortSignal.abort(2)]).reason);
const soon = AbortSignal.timeout(100);
soon.addEventListener('abort', () => console.log('timed out', soon.reason.name, soon.reason.message, soon.reason.code));
const never = AbortSignal.timeout(300);
never.addEventListener('abort', () => console.log('never: the process ends first'));
setTimeout(() => console.log('last timer'), 150);
for (const [label, run] of [
  ['constructor', () => new AbortSignal()],
  ['any', () => AbortSignal.any(5)],
  ['timeout', () => AbortSignal.timeout('x')],
]) {
  try {
    run();
  } catch (error) {
    console.log(label, error.name, error.code, error.message);
  }
}

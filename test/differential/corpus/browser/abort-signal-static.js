// models: browser
// AbortSignal.abort(), AbortSignal.any() and the checks Chromium makes (its wording), and what the
// console prints for the signal and the controller.
const already = AbortSignal.abort();
console.log(already.aborted, already.reason.name, already.reason.message, already.reason.code, already.reason instanceof DOMException);
console.log(AbortSignal.abort('a reason').reason, AbortSignal.abort(null).reason, AbortSignal.abort(0).reason);
const controller = new AbortController();
console.log(controller.signal, controller, [controller.signal], { signal: controller.signal });
console.log(Object.prototype.toString.call(controller.signal), Object.prototype.toString.call(controller), controller.signal instanceof EventTarget);
console.log(Object.getOwnPropertyNames(AbortSignal.prototype).join(','), Object.getOwnPropertyNames(AbortController.prototype).join(','));
console.log(AbortSignal.any([]).aborted, AbortSignal.any([controller.signal, AbortSignal.abort(1), AbortSignal.abort(2)]).reason);
const first = new AbortController();
const second = new AbortController();
const either = AbortSignal.any([first.signal, second.signal]);
const ofEither = AbortSignal.any([either]);
ofEither.onabort = () => console.log('any of any', ofEither.reason);
either.onabort = () => console.log('either', either.reason);
second.abort('second');
first.abort('first');
console.log(either.reason, first.signal.reason);
controller.signal.throwIfAborted();
console.log('not aborted, nothing thrown');
const attempts = [
  () => new AbortSignal(),
  () => AbortController(),
  () => AbortSignal.timeout(-1),
  () => AbortSignal.timeout('soon'),
  () => AbortSignal.timeout(),
  () => AbortSignal.any(5),
  () => AbortSignal.any([controller.signal, {}]),
  () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call({}),
  () => AbortController.prototype.abort.call({}),
  () => new EventTarget().addEventListener('x', () => {}, { signal: {} }),
  () => new EventTarget().addEventListener('x', () => {}, { signal: null }),
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log('no error');
  } catch (error) {
    console.log(`${error.constructor.name}: ${error.message}`);
  }
}

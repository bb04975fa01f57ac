// models: node node-esm
// AbortSignal.any checks every element before reading any (ERR_INVALID_ARG_TYPE naming the
// element), accepts objects that only look like signals, follows a signal made by `any` through
// its sources, and aborts its results after the source's own listeners.
const attempt = (label, make) => {
  try {
    const signal = make();
    console.log(label, 'aborted:', signal.aborted, 'reason:', signal.reason);
  } catch (error) {
    console.log(label, error.name, error.code, error.message);
  }
};
attempt('plain object', () => AbortSignal.any([{}]));
attempt('number after a live signal', () => AbortSignal.any([new AbortController().signal, 5]));
attempt('number after an aborted signal', () => AbortSignal.any([AbortSignal.abort('early'), 5]));
attempt('null', () => AbortSignal.any([null]));
attempt('undefined', () => AbortSignal.any([undefined]));
attempt('an EventTarget', () => AbortSignal.any([new EventTarget()]));
attempt('not an array', () => AbortSignal.any('signals'));
attempt('look-alike, aborted', () => AbortSignal.any([{ aborted: true, reason: 'look-alike reason' }]));
attempt('look-alike, live', () => AbortSignal.any([{ aborted: false }]));
attempt('empty', () => AbortSignal.any([]));
const controller = new AbortController();
const first = AbortSignal.any([controller.signal]);
const second = AbortSignal.any([first, controller.signal]);
const fromEmpty = AbortSignal.any([AbortSignal.any([])]);
second.addEventListener('abort', () => console.log('second aborted:', second.reason));
first.addEventListener('abort', () => console.log('first aborted:', first.reason));
controller.signal.addEventListener('abort', () => console.log('source aborted'));
controller.abort('the reason');
console.log('from an empty any:', fromEmpty.aborted, 'second again:', AbortSignal.any([second]).aborted);

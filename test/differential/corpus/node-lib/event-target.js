// Node's global EventTarget, Event and CustomEvent: dispatch order, once, signal, duplicates,
// listeners added or removed during a dispatch, errors thrown by listeners (rethrown in a tick;
// an object listener's a microtask later), Node's quirk that only the first listener sees the
// event as being dispatched, and what console.log and Object.prototype.toString print.
const util = require('util');
process.on('uncaughtException', (error) => console.log('uncaught', error.message));
const target = new EventTarget();
console.log(target, typeof Event, typeof CustomEvent, EventTarget.length, Event.length, Object.prototype.toString.call(target));
target.addEventListener('ping', (event) => {
  console.log('first', event.eventPhase, event.currentTarget === target, event.composedPath().length);
  target.addEventListener('ping', () => console.log('added during the dispatch'));
});
target.addEventListener('ping', (event) => console.log('second', event.eventPhase, event.currentTarget, event.target === target));
target.addEventListener('ping', { handleEvent(event) { console.log('object listener', this !== target, event.type); } });
target.addEventListener('ping', function (event) { console.log('once', this === target); event.preventDefault(); }, { once: true });
const event = new Event('ping', { cancelable: true });
console.log(event.type, event.cancelable, event.bubbles, event.defaultPrevented, event.eventPhase, event.target, event.isTrusted);
console.log('dispatch returned', target.dispatchEvent(event), event.defaultPrevented, event.returnValue, event.eventPhase, event.target === target);
console.log('again', target.dispatchEvent(new Event('ping')));
const duplicates = new EventTarget();
const listener = () => console.log('duplicate listener');
duplicates.addEventListener('d', listener);
duplicates.addEventListener('d', listener);
duplicates.addEventListener('d', listener, true);
duplicates.dispatchEvent(new Event('d'));
const removing = new EventTarget();
const removed = () => console.log('never');
removing.addEventListener('r', () => { console.log('removes the next one'); removing.removeEventListener('r', removed); });
removing.addEventListener('r', removed);
removing.dispatchEvent(new Event('r'));
const stopping = new EventTarget();
stopping.addEventListener('s', (e) => { console.log('stops'); e.stopImmediatePropagation(); });
stopping.addEventListener('s', () => console.log('never either'));
stopping.dispatchEvent(new Event('s'));
const controller = new AbortController();
const withSignal = new EventTarget();
withSignal.addEventListener('x', () => console.log('until aborted'), { signal: controller.signal });
withSignal.dispatchEvent(new Event('x'));
controller.signal.addEventListener('abort', (e) => console.log('abort event', e.type, e.constructor.name, controller.signal.reason.name));
controller.signal.onabort = () => console.log('onabort');
console.log(controller.signal instanceof EventTarget, controller);
controller.abort();
withSignal.dispatchEvent(new Event('x'));
const custom = new CustomEvent('data', { detail: { n: 1 } });
console.log(custom.detail, new CustomEvent('empty').detail, custom instanceof Event, Object.prototype.toString.call(custom));
console.log(util.inspect(custom).replace(/timeStamp: [\d.]+/, 'timeStamp: <varies>'));
class Bus extends EventTarget {}
console.log(new Bus(), [new EventTarget()]);
const throwing = new EventTarget();
throwing.addEventListener('t', { handleEvent() { throw new Error('from handleEvent'); } });
throwing.addEventListener('t', () => { throw new Error('from a listener'); });
throwing.addEventListener('t', async () => { throw new Error('from an async listener'); });
throwing.addEventListener('t', () => console.log('after the throws'));
throwing.dispatchEvent(new Event('t'));
console.log('sync end');
Promise.resolve().then(() => console.log('micro 1')).then(() => console.log('micro 2'));
process.nextTick(() => console.log('tick'));
for (const [label, run] of [
  ['no type', () => new Event()],
  ['bad options', () => new Event('x', 5)],
  ['no listener', () => target.addEventListener('x')],
  ['bad listener', () => target.addEventListener('x', 5)],
  ['not an event', () => target.dispatchEvent({ type: 'x' })],
  ['no event', () => target.dispatchEvent()],
]) {
  try {
    run();
  } catch (error) {
    console.log(label, error.name, error.code, error.message);
  }
}

// A program that replaces globalThis.setTimeout before it first uses timers/promises, the timers
// module or AbortSignal.timeout: Node's modules keep their own timers, so the replacement is called
// only where the program itself calls the global.
const originalSetTimeout = setTimeout;
globalThis.setTimeout = (callback, delay) => {
  console.log('replaced setTimeout called with', delay);
  return originalSetTimeout(callback, delay);
};
const timers = require('timers');
const { setTimeout: sleep } = require('timers/promises');
console.log('timers.setTimeout is the original:', timers.setTimeout === originalSetTimeout);
sleep(100, 'value').then((value) => console.log('timers/promises resolved', value));
const signal = AbortSignal.timeout(200);
signal.addEventListener('abort', () => console.log('AbortSignal.timeout fired', signal.reason.name));
timers.setTimeout(() => console.log('timers.setTimeout ran'), 300);
setTimeout(() => console.log('the replaced global ran'), 400);

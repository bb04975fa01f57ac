// models: browser
// The message an 'error' listener and window.onerror receive is the thrown value converted to a
// string ("Uncaught [object Object]", "Uncaught 1,2"), unlike the console's report of the same
// throw; a value whose conversion throws gives "Uncaught exception".
window.addEventListener('error', (event) => {
  console.log('listener:', event.message, typeof event.error);
});
const thrown = [
  () => ({ a: 1 }),
  () => [1, 2],
  () => 'text',
  () => -0,
  () => 10n,
  () => null,
  () => Symbol('s'),
  () => ({ toString() { return 'custom text'; } }),
  () => ({ toString() { throw new Error('no text'); } }),
  () => Object.create(null),
  () => new (class Reason {})(),
  () => new Error(),
  () => new TypeError('bad type'),
  () => Object.assign(new RangeError('out of range'), { name: 'Renamed' }),
];
for (const make of thrown) {
  setTimeout(() => {
    throw make();
  }, 0);
}

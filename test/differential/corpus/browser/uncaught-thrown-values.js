// models: browser
// Every value a script can throw, each from a timer callback of its own, so that each one is
// reported as a separate "Uncaught ..." line: primitives (with -0, NaN and a bigint, which keep
// their exact spelling), plain objects and arrays (previewed like console.log arguments, at most
// five properties), class instances, collections, functions and error look-alikes.
const thrown = [
  () => 42,
  () => 'plain text',
  () => -0,
  () => NaN,
  () => 10n,
  () => true,
  () => null,
  () => undefined,
  () => Symbol('reason'),
  () => ({ code: 'E_CUSTOM', count: 2, nested: { deep: 1 }, list: [1, 2], run() {} }),
  () => ({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }),
  () => ({ message: 'looks like an error', stack: 'but is not one' }),
  () => ({ get computed() { return 1; }, [Symbol('key')]: 'symbol-keyed' }),
  () => Object.create(null),
  () => ({}),
  () => [1, 'x', { a: 1 }, [2]],
  () => [, 1, , , 2],
  () => [],
  () => new (class Reason { constructor() { this.why = 'because'; } })(),
  () => new Map([[1, 2]]),
  () => new Set([1, 2, 3]),
  () => /pattern/g,
  () => function named(a) { return a; },
  () => new Promise(() => {}),
  () => new Uint8Array(3),
];
for (const make of thrown) {
  setTimeout(() => {
    throw make();
  }, 0);
}

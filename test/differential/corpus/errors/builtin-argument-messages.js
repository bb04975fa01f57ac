// models: node node-esm browser
// Built-ins rejecting an argument or a receiver: V8 names the function and quotes the value, which
// the engine reads from the call when the argument is a literal.
const attempts = [
  () => new RegExp('\\d+('),
  () => new RegExp("it's ("),
  () => new RegExp('(', 'u'),
  () => new RegExp('[z-a]'),
  () => new RegExp('x', 'gg'),
  () => Set.prototype.add.call(5, 1),
  () => Map.prototype.set.call('s', 1),
  () => WeakMap.prototype.get.call({}, 1),
  () => Map.prototype.get.call([], 1),
  () => new Promise({}),
  () => new Promise('abc'),
  () => new Promise(),
  () => String.fromCodePoint(1.5),
  () => String.fromCodePoint(0x110000),
  () => 'ab'.repeat(-2),
  () => (1.5).toPrecision(0),
  () => (1.5).toExponential(101),
  () => (1.5).toFixed(-1),
  () => (255).toString(37),
  () => Reflect.ownKeys(1),
  () => Reflect.getPrototypeOf('x'),
  () => Object.defineProperty(1, 'a', {}),
  () => Object.create(5),
  () => Object.setPrototypeOf({}, 'p'),
  () => Promise.resolve.call(1),
  () => new WeakRef(1),
  () => 'a'.normalize('x'),
  () => new Date(NaN).toISOString(),
  () => { Object.prototype.__proto__ = {}; },
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log('no error');
  } catch (error) {
    console.log(`${error.name}: ${error.message}`);
  }
}
// Iterating what is not iterable: V8 names a spread array element and a for-of's value, and a
// built-in iterating its argument says what it could not read.
const notIterable = { a: 1 };
const nothing = undefined;
const iterations = [
  () => [1, ...notIterable],
  () => Math.max(...notIterable),
  () => { for (const value of nothing) console.log(value); },
  () => Array.from(nothing),
  () => new Set(5),
  () => new Map(true),
];
for (const iteration of iterations) {
  try {
    iteration();
    console.log('no error');
  } catch (error) {
    console.log(`${error.name}: ${error.message}`);
  }
}

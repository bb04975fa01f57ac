// A read, call or write through undefined or null with a computed key that is not a literal: V8
// names the key's value ("reading 'x'", a number as '0', a symbol as 'Symbol(s)', an object by its
// class, a function by its source), and leaves it out where the value's string would be
// [object ...] (an array, a Date). Rejections and errors passing through a finally block name
// their own key, not one read after them.
const attempt = (label, run) => {
  try {
    run();
    console.log(label, 'no error');
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const nothing = undefined;
const empty = null;
const name = 'title';
const index = 0;
const tag = Symbol('tag');
const settings = { list: [], theme: undefined };
class Point {}

attempt('a string key', () => nothing[name]);
attempt('a number key', () => nothing[index]);
attempt('a symbol key of null', () => empty[tag]);
attempt('an element that is missing', () => settings.list[index].name);
attempt('a key read from an element', () => settings.theme[settings.list.length]);
attempt('a method call', () => nothing[name]());
attempt('a write', () => { nothing[name] = 1; });
attempt('a symbol write', () => { empty[tag] = 1; });
attempt('a write of a value read by key', () => { settings.theme[name] = ['a'][index]; });
attempt('a compound write', () => { nothing[name] += 1; });
attempt('an increment', () => { nothing[index]++; });
attempt('a logical write', () => { nothing[name] ??= 1; });
attempt('a destructuring target', () => { [nothing[name]] = [1]; });
attempt('a for-of target', () => { for (nothing[name] of [1]); });
attempt('a key built from parts', () => nothing[name + 's']);
attempt('a fraction', () => nothing[index + 0.5]);
attempt('negative zero', () => nothing[-index]);
attempt('a bigint', () => nothing[BigInt(12)]);
attempt('a boolean', () => nothing[index === 0]);
attempt('a null key', () => nothing[empty]);
attempt('an object key', () => nothing[{}]);
attempt('a class instance key', () => nothing[new Point()]);
attempt('a Map key', () => nothing[new Map()]);
attempt('an error key', () => nothing[new RangeError('far')]);
attempt('an arrow key', () => nothing[() => index]);
attempt('a bound function key', () => nothing[function f() {}.bind(null)]);
attempt('an array key', () => nothing[[index]]);
attempt('a Date key', () => nothing[new Date(0)]);
attempt('an object key written', () => { empty[{}] = 1; });
attempt('an array key written', () => { empty[[1]] = 1; });
attempt('an object key incremented', () => { nothing[{}]++; });
attempt('a long key', () => nothing['k'.repeat(200 + index)]);
attempt('a long key written', () => { empty['w'.repeat(300 + index)] = 1; });
attempt('a key with a newline', () => { empty[`a\nb${index}`] = 1; });
attempt('the iterator symbol', () => nothing[Symbol.iterator]);
attempt('the iterator symbol of null', () => empty[Symbol.iterator]);
attempt('the async iterator symbol', () => nothing[Symbol.asyncIterator]);
attempt('a key on the next line', () => settings.theme[
  name
]);
attempt('through a finally block', () => {
  try {
    nothing[name];
  } finally {
    console.log('finally read', ['x'][index]);
  }
});

async function field(key) {
  return settings.theme[key];
}
Promise.all([field('first'), field('second')]).catch((error) => console.log('all:', error.message));
const later = (key) => Promise.resolve().then(() => nothing[key]);
later('one').catch((error) => console.log('then:', error.message));
later('two').catch((error) => console.log('then:', error.message));

'use strict';
// Messages that print an operand's value or quote its source text: `in` and `instanceof` with a
// right side of the wrong kind, destructuring undefined, null and values that are not iterable,
// property writes to primitives in strict code, and array callbacks that are not functions.
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const greeting = 'hello';
const limit = 10;
const settings = { theme: 'dark', retries: 3, plugins: null, extra: undefined, options: {} };
const keyName = settings.theme;
function Legacy() {}
Legacy.prototype = 42;

attempt('in a string', () => 'length' in greeting);
attempt('in a number held by a property', () => keyName in settings.retries);
attempt('in undefined', () => 1 in settings.extra);
attempt('a symbol in a string', () => Symbol('id') in greeting);
attempt('instanceof a number', () => settings instanceof limit);
attempt('instanceof a plain object', () => settings instanceof settings.options);
attempt('instanceof undefined', () => settings instanceof settings.extra);
attempt('instanceof a function without an object prototype', () => settings instanceof Legacy);

attempt('destructure a missing property', () => {
  const { host, port } = settings.extra;
  return host + port;
});
attempt('destructure null with a rest element', () => {
  const { ...rest } = settings.plugins;
  return rest;
});
attempt('destructure null with a default', () => {
  const { enabled = true } = settings.plugins;
  return enabled;
});
attempt('destructure a call result', () => {
  const { id } = Object.create(null).missing;
  return id;
});
attempt('assign by destructuring', () => {
  let theme;
  ({ theme } = settings.extra);
  return theme;
});
attempt('destructure an omitted parameter', () => {
  const connect = ({ host }) => host;
  return connect();
});
attempt('array pattern on a number', () => {
  const [first] = limit;
  return first;
});
attempt('array pattern on a property', () => {
  const [first] = settings.retries;
  return first;
});
attempt('array pattern on null', () => {
  let first;
  [first] = settings.plugins;
  return first;
});
attempt('array pattern on an object literal', () => {
  const [first] = {};
  return first;
});

attempt('a property on a string constant', () => { greeting.shout = true; });
attempt('an index of a string constant', () => { greeting[0] = 'J'; });
attempt('the length of a string constant', () => { greeting.length = 1; });
attempt('a property on a number constant', () => { limit.max = 20; });
attempt('a property on a string literal', () => { 'abc'.x = 1; });

attempt('map with a number', () => [1, 2].map(limit));
attempt('forEach with an object', () => [1, 2].forEach(settings.options));
attempt('filter with undefined', () => [1, 2].filter(settings.extra));
attempt('reduce with a string', () => [1, 2].reduce(greeting, 0));

attempt('a comma expression callee', () => (0, settings.retries)());
attempt('a comma expression with a quoted key', () => (1, 2, settings['theme'])());
attempt('a parenthesised callee', () => (settings.retries)());

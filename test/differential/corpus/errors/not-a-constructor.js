// `new` on something that cannot be constructed: V8 quotes the expression after `new`, and a
// parenthesised function literal is `(intermediate value)`.
const attempt = (label, make) => {
  try {
    make();
    console.log(label, 'constructed');
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const arrow = () => 1;
const holder = { method() {}, missing: undefined };
attempt('an arrow function', () => new arrow());
attempt('an arrow in parentheses', () => new (() => {})());
attempt('a generator in parentheses', () => new (function* numbers() {})());
attempt('a built-in method', () => new Math.max());
attempt('a method', () => new holder.method());
attempt('undefined property', () => new holder.missing());
attempt('an async function', () => new (async function load() {})());

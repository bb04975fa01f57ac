// A class that extends something that is not a constructor: V8's message prints the value itself
// (its side-effect-free text), also when the source names it through a variable, a property or a call.
const attempt = (label, define) => {
  try {
    define();
    console.log(label, 'defined');
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
class Shape {}
const five = 5;
const settings = { base: 'circle', nested: { depth: 2 } };
const makeBase = () => [1, 2];
function OldStyle() {}
OldStyle.prototype = 7;
attempt('a literal', () => class extends 5 {});
attempt('a variable holding a number', () => class extends five {});
attempt('a property holding a string', () => class Circle extends settings.base {});
attempt('a plain object', () => class extends settings.nested {});
attempt('a call result', () => class extends makeBase() {});
attempt('an instance', () => class extends new Shape() {});
attempt('a map', () => class extends new Map() {});
attempt('an error', () => class extends new RangeError('out of range') {});
attempt('an arrow function', () => class extends makeBase {});
attempt('a symbol', () => class extends Symbol('tag') {});
attempt('undefined', () => class extends settings.missing {});
attempt('a bad prototype', () => class extends OldStyle {});
attempt('a proxy of a map', () => class extends new Proxy(new Map(), {}) {});
attempt('null', () => class extends null {});
attempt('a class', () => class extends Shape {});

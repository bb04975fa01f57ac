// models: node node-esm
// V8 names a method frame after the receiver of the call, read at run time: the receiver's class
// (an inherited method, an overriding subclass calling super), the class itself for a static
// method, the wrapper type of a primitive receiver, `Object` for plain objects, and
// `[as key]` when the function is found under another property name. Calls without a receiver
// (or with the global object) print the bare name; construct calls print `new F`. Anonymous
// functions assigned to a property print the assignment's target.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}: ${new Error(label).stack.split('\n')[2].trim()
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
class Base {
  describe() {
    show('inherited method');
  }
  static create() {
    show('inherited static method');
    return new this();
  }
  own() {
    show('method on its own class');
  }
}
class Derived extends Base {
  describe() {
    super.describe();
  }
}
class Leaf extends Derived {}
new Derived().describe();
new Leaf().describe();
Leaf.create();
new Base().own();
Base.prototype.own.call(new Leaf());
const detached = new Leaf().own;
detached();
function plain() {
  show('plain function');
}
plain();
plain.call({});
plain.call(new Leaf());
plain.call(42);
plain.call('text');
plain.call(true);
plain.call(null);
plain.call(Object.create(null));
plain.call(Object.create(Leaf.prototype));
plain.call([]);
plain.call(new Map());
plain.call(function named() {});
plain.call(Base);
plain.call(Math);
const holder = { plain };
holder.plain();
const renamed = { run: plain };
renamed.run();
function strict() {
  'use strict';
  show('strict function');
}
strict.call(undefined);
strict.call(7);
strict.call({});
function Point() {
  show('function constructor');
}
Point.prototype.norm = function () {
  show('anonymous prototype function');
};
new Point().norm();
const registry = {};
registry.handle = function () {
  show('anonymous function assigned to a property');
};
registry.handle();
[1].forEach(function each() {
  show('callback without thisArg');
});
[1].forEach(function each() {
  show('callback with thisArg');
}, new Derived());
[1].forEach(function () {
  show('anonymous callback with thisArg');
}, {});

'use strict';
// Writing to frozen, sealed and non-extensible objects in strict code: V8 names the property and
// what went wrong (add, assign, define, delete), whatever QuickJS says.
const attempt = (label, change) => {
  try {
    change();
    console.log(label, 'succeeded');
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const frozen = Object.freeze({ a: 1 });
attempt('assign an existing property', () => { frozen.a = 2; });
attempt('add a property', () => { frozen.b = 2; });
attempt('add a property by a string key', () => { frozen['c'] = 3; });
attempt('delete a property', () => { delete frozen.a; });
attempt('define a property', () => { Object.defineProperty(frozen, 'z', { value: 1 }); });
attempt('change the prototype', () => { Object.setPrototypeOf(frozen, {}); });
const list = Object.freeze([1, 2]);
attempt('assign an element', () => { list[0] = 9; });
attempt('add an element', () => { list[5] = 9; });
const sealed = Object.seal({ kept: 1 });
attempt('assign to a sealed object', () => { sealed.kept = 2; });
attempt('add to a sealed object', () => { sealed.extra = 1; });
attempt('delete from a sealed object', () => { delete sealed.kept; });
const closed = Object.preventExtensions({});
attempt('add to a non-extensible object', () => { closed.q = 1; });
console.log(frozen, list, sealed, Object.isFrozen(frozen), Object.isSealed(sealed), Object.isExtensible(closed));

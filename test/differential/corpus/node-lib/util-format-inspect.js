const util = require('util');
console.log(util.format('%s is %d years and %i days', 'Ann', 42.5, 3.9));
console.log(util.format('%j', { a: [1, 2] }), util.format('%o', [1]));
console.log(util.format('100%% sure', 'extra', 7));
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }));
console.log(util.inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }));
console.log(util.inspect('str'), util.inspect([1, 'two', null, undefined]));
class Temp {
  [util.inspect.custom]() {
    return 'Temp<custom>';
  }
}
console.log(new Temp(), [new Temp()]);

// A strict write to a getter-only or read-only property through a destructuring target, a for-in
// or for-of head, or a prefixed step fails in V8's words, naming the receiver ("#<Point>") and the
// key (a computed one by its value), placed where V8 places it: a destructuring target at the last
// place V8 records evaluating the target (the receiver's name, its last property, a computed key),
// a write with an operator at the operator, `++o.p` at the property.
'use strict';
const attempt = (label, run) => {
  try {
    run();
    console.log(label, 'no error');
  } catch (error) {
    const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(label, `${error.constructor.name}: ${error.message} at ${frame ? frame[1] : '?'}`);
  }
};
const gauge = { get value() { return 1; }, inner: { get level() { return 2; } } };
const frozen = Object.freeze({ count: 1, list: Object.freeze([1]) });
class Point {
  get x() { return 0; }
}
const point = new Point();
const tag = Symbol('tag');
const tagged = { get [tag]() { return 1; } };
const key = 'value';
const pick = () => gauge;
const holder = { pick: () => gauge };

attempt('an array target', () => { [gauge.value] = [2]; });
attempt('an object target', () => { ({ a: gauge.value } = { a: 2 }); });
attempt('a second target', () => { let first; [first, gauge.value] = [1, 2]; });
attempt('a chained receiver', () => { [gauge.inner.level] = [3]; });
attempt('a spaced chain', () => { [ gauge . inner . level ] = [3]; });
attempt('a class instance', () => { [point.x] = [1]; });
attempt('a computed key', () => { [gauge[key]] = [2]; });
attempt('a computed key on a chain', () => { const name = 'level'; [gauge.inner[name]] = [2]; });
attempt('a string key', () => { [gauge['value']] = [2]; });
attempt('a symbol key', () => { [tagged[tag]] = [2]; });
attempt('a conditional key', () => { [gauge[key.length ? 'value' : 'other']] = [2]; });
attempt('a call receiver', () => { [pick().value] = [2]; });
attempt('a method call receiver', () => { [holder.pick().value] = [2]; });
attempt('a parenthesised receiver', () => { [(gauge).value] = [2]; });
attempt('this', function () { [this.value] = [2]; }.bind(gauge));
attempt('this with a computed key', function () { [this[key]] = [2]; }.bind(gauge));
attempt('a default', () => { [gauge.value = 3] = []; });
attempt('an object default', () => { ({ a: gauge.value = 1 } = {}); });
attempt('a rest', () => { [...gauge.value] = [1]; });
attempt('an object rest', () => { ({ ...gauge.value } = {}); });
attempt('a nested pattern', () => { ({ a: [gauge.value] } = { a: [1] }); });
attempt('a for-of head', () => { for (gauge.value of [1]); });
attempt('a for-in head', () => { for (gauge.value in { a: 1 }); });
attempt('a read-only target', () => { ({ a: frozen.count } = { a: 2 }); });
attempt('a read-only element', () => { [frozen.list[0]] = [2]; });
attempt('a read-only for-of head', () => { for (frozen.count of [2]); });
attempt('a plain write', () => { gauge.inner.level = 2; });
attempt('a spaced plain write', () => { gauge.value   =   2; });
attempt('a plain computed write', () => { gauge[key] = 2; });
attempt('a read-only plain write', () => { frozen.count = 2; });
attempt('a logical write', () => { gauge.value &&= 2; });
attempt('a prefixed step', () => { ++gauge.value; });
attempt('a prefixed step with a key', () => { --gauge[key]; });
attempt('a postfixed step', () => { gauge.value++; });
[gauge.inner.level] = [3];

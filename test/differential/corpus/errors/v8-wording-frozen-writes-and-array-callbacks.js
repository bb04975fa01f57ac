// V8's words for writes to frozen objects reached through a member, a call or an index (V8 prints
// the receiver: a class instance by its class, a function by its source), to primitives and getters
// reached the same way, for a frozen array's length, and for the array methods whose callback or comparator is missing or not
// a function: reduce on an empty array or with no arguments, sort and toSorted with a comparator
// that is not a function, flatMap with a mapper that is not one (Chromium words the last two
// differently from Node 20: measured in both).
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const frozen = Object.freeze([1, 2, 3]);
attempt('a frozen length, sloppy', () => {
  frozen.length = 0;
  return frozen.length;
});
attempt('a frozen length, strict', () => {
  'use strict';
  frozen.length = 0;
});
const settings = { inner: Object.freeze({ x: 0 }) };
attempt('a frozen member, sloppy', () => {
  settings.inner.x = 1;
  return settings.inner.x;
});
attempt('a frozen member, strict', () => {
  'use strict';
  settings.inner.x = 1;
});
attempt('a new property on a frozen member', () => {
  'use strict';
  settings.inner.added = 1;
});
const rows = [Object.freeze({ y: 0 })];
attempt('a frozen element', () => {
  'use strict';
  rows[0].y = 2;
});
const getObj = () => Object.freeze({ z: 0 });
attempt('a frozen call result', () => {
  'use strict';
  getObj().z = 3;
});
class Point {
  constructor() {
    this.x = 1;
    Object.freeze(this);
  }
}
const shapes = { origin: new Point(), label: 'abc', count: 5, get area() { return 1; } };
attempt('a frozen class instance through a member', () => {
  'use strict';
  shapes.origin.x = 2;
});
attempt('a frozen class instance from a call', () => {
  'use strict';
  (() => shapes.origin)().x = 2;
});
attempt('a frozen object without a prototype', () => {
  'use strict';
  const bare = Object.freeze(Object.assign(Object.create(null), { k: 1 }));
  const holder = { bare };
  holder.bare.k = 2;
});
attempt("a function's length", () => {
  'use strict';
  function measure(a, b) {
    return a + b;
  }
  const tools = { measure };
  tools.measure.length = 0;
});
attempt('a string through a member', () => {
  'use strict';
  shapes.label.x = 1;
});
attempt("a string's index through a member", () => {
  'use strict';
  shapes.label[0] = 'z';
});
attempt("a string's length through a member", () => {
  'use strict';
  shapes.label.length = 0;
});
attempt('a number through a member', () => {
  'use strict';
  shapes.count.x = 1;
});
attempt('a getter without a setter', () => {
  'use strict';
  const holder = { shapes };
  holder.shapes.area = 2;
});
attempt('reduce of an empty array', () => [].reduce((a, b) => a + b));
attempt('reduceRight of an empty array', () => [].reduceRight((a, b) => a + b));
const list = [1, 2];
attempt('reduce with no arguments', () => list.reduce());
attempt('reduceRight with no arguments', () => list.reduceRight());
attempt('sort with a number', () => [2, 1].sort(5));
attempt('sort with an object', () => list.sort({}));
attempt('toSorted with a string', () => [2, 1].toSorted('up'));
attempt('a typed array sorted with a number', () => new Int8Array(2).sort(5));
attempt('flatMap with an object', () => [1].flatMap({}));
const mapper = { double: (x) => [x, x] };
attempt('flatMap with an object mapper', () => list.flatMap(mapper));
attempt('flatMap with no mapper', () => list.flatMap());

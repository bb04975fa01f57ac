// models: node browser
// A failed write names its own receiver, never the receiver of an earlier successful write (review
// rv9 #4): each case first writes to another object (an array, a function, a class instance), then
// fails a compound write (`+=`, `++`, `--`), a destructuring write or Object.assign on a frozen
// object, or a compound write to a getter-only property.
'use strict';
class Point {
  constructor() {
    this.x = 0;
    Object.freeze(this);
  }
}
function helper() {}
const list = [1];
const frozen = Object.freeze({ n: 0 });
const point = new Point();
const getterOnly = { get v() { return 1; } };
const cases = {
  '+= after an array write'() {
    list.tag = 1;
    frozen.n += 1;
  },
  '++ on a class instance after an array write'() {
    list.tag = 2;
    point.x++;
  },
  '-- on an index after a function write'() {
    helper.tag = 1;
    Object.freeze(list)[0]--;
  },
  'a destructuring write after a function write'() {
    helper.tag = 2;
    ({ n: frozen.n } = { n: 1 });
  },
  'Object.assign after a function write'() {
    helper.tag = 3;
    Object.assign(frozen, { n: 2 });
  },
  'a getter-only property with += after a function write'() {
    helper.tag = 4;
    getterOnly.v += 1;
  },
};
for (const [label, write] of Object.entries(cases)) {
  try {
    write();
    console.log(label, 'wrote');
  } catch (error) {
    console.log(label, '->', error.name, error.message);
  }
}

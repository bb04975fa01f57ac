// models: node node-esm
// V8's frame names for the common shapes of synchronous calls: class methods, static methods,
// constructors (class and function), accessors, object literal members, functions assigned to a
// prototype, nested functions and callbacks of Array.prototype.map/forEach. The whole stack is
// printed, so every frame (Node's own loader frames included) is compared.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
class Shape {
  constructor(report) {
    if (report) show('class constructor');
  }
  area() {
    show('instance method');
  }
  static unit() {
    show('static method');
  }
  get size() {
    show('getter');
    return 1;
  }
  set size(value) {
    show('setter');
  }
  cornerArrow = () => show('arrow class field');
}
new Shape(true);
const shape = new Shape(false);
shape.area();
Shape.unit();
void shape.size;
shape.size = 2;
shape.cornerArrow();
const config = {
  load() {
    show('object method');
  },
  parse: function () {
    show('object function property');
  },
};
config.load();
config.parse();
function Point() {
  show('function constructor');
}
Point.prototype.norm = function () {
  show('prototype function');
};
new Point().norm();
function outer() {
  function inner() {
    show('nested function');
  }
  inner();
}
outer();
[1].map(function mapper() {
  show('map callback');
});
[1].forEach(() => show('forEach arrow'));

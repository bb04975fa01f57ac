class Point {
  constructor(x, y) { this.x = x; this.y = y; }
}
class Empty {}
function named() {}
const arrow = () => {};
console.log(new Point(1, 2));
console.log(new Empty());
console.log(Point, named, arrow, async function af() {}, function* gf() {});
console.log(Object.create(null));
console.log([named, Point]);

// models: node node-esm browser
function f(a = b, b = 2) { return [a, b]; }
try {
  f();
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
console.log(f(1));

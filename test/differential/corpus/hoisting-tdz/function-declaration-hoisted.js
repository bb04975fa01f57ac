// models: node node-esm browser
console.log(early());
function early() { return 'function declarations are hoisted with their body'; }
try {
  late();
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
var late = function () { return 'never'; };

// models: node node-esm node-legacy browser
// The seed's foo(22) with the creation-phase bindings printed before and after execution.
function foo(i) {
  console.log('creation phase:', typeof arguments, arguments.length, arguments[0], i, typeof c, a, b);
  var a = 'hello';
  var b = function privateB() {

  };
  function c() {

  }
  console.log('after execution:', a, typeof b, b.name, typeof c, c.name);
}

foo(22);

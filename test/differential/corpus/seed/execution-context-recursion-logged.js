// models: node node-esm node-legacy browser
// The seed's recursive IIFE with a log line per frame, to see the stack grow and unwind.
(function foo(i) {
  console.log('enter foo, i =', i);
  if (i === 3) {
    console.log('base case');
    return;
  }
  else {
    foo(++i);
  }
  console.log('leave foo, i =', i);
}(0));

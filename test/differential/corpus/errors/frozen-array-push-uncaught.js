// An uncaught push onto a frozen array inside a timer: V8's message names the index from the
// array's length, and the stack's top frame is the built-in, `at Array.push (<anonymous>)`.
const scores = Object.freeze([10, 20]);
setTimeout(() => {
  console.log('adding a score');
  scores.push(30);
}, 0);

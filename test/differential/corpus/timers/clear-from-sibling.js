// models: node node-esm node-legacy browser
// A timer cleared by an earlier timer in the same batch never runs.
let second;
setTimeout(() => {
  console.log('first clears second');
  clearTimeout(second);
}, 5);
second = setTimeout(() => console.log('second'), 5);
setTimeout(() => console.log('third'), 5);

// models: node
// Node's processTicksAndRejections calls a tick's callback on a line of its own for each number of
// arguments from one to four, and on another for more; without arguments on a third. The
// callback's frame keeps its own name. Directories differ between the real run (a temporary copy)
// and the prediction: only file names stay.
const strip = (stack) => stack.replace(/(?<=[(\s])\/[^\s():]*\//g, '');
const show = (label) => console.log(`${label}\n${strip(new Error(label).stack)}`);
process.nextTick(() => show('no argument'));
process.nextTick(function one(a) {
  show(`one argument: ${a}`);
}, 1);
process.nextTick((a, b) => show(`two arguments: ${a} ${b}`), 1, 2);
process.nextTick((a, b, c) => show(`three arguments: ${a} ${b} ${c}`), 1, 2, 3);
process.nextTick((...all) => show(`four arguments: ${all.length}`), 1, 2, 3, 4);
process.nextTick((...all) => show(`six arguments: ${all.length}`), 1, 2, 3, 4, 5, 6);
process.nextTick((a) => {
  try {
    a.missing.property;
  } catch (error) {
    console.log(strip(error.stack));
  }
}, {});

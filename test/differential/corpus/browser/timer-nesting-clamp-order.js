// models: browser
// A long chain of nested 0 ms timers (clamped to 4 ms after five levels) versus a separate chain.
let depth = 0;
function nest() {
  depth += 1;
  console.log('nested level', depth);
  if (depth < 7) setTimeout(nest, 0);
}
setTimeout(nest, 0);
setTimeout(() => console.log('sibling at 0 ms'), 0);

// models: node node-esm node-legacy
function ladder(depth) {
  if (depth === 0) return;
  process.nextTick(() => {
    console.log('tick', depth);
    Promise.resolve().then(() => {
      console.log('promise', depth);
      ladder(depth - 1);
    });
  });
}
ladder(3);
setTimeout(() => console.log('timeout'), 0);

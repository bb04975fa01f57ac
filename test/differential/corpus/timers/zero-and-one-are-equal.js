// models: node node-esm node-legacy
// In Node a delay of 0 becomes 1 ms, so these fire in creation order.
setTimeout(() => console.log('delay 1'), 1);
setTimeout(() => console.log('delay 0'), 0);
setTimeout(() => console.log('no delay'));

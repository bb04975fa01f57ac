// models: node node-esm node-legacy browser
Promise.resolve().then(() => {
  console.log('micro');
  setTimeout(() => console.log('timeout from micro'), 0);
});
setTimeout(() => console.log('timeout from main'), 0);

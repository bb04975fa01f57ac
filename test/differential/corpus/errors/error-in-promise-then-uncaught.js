// models: node node-esm browser
Promise.resolve().then(() => {
  undefinedFunction();
});
setTimeout(() => console.log('timeout'), 0);

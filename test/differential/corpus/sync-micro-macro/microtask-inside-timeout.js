// models: node node-esm node-legacy browser
setTimeout(() => {
  console.log('timeout 1');
  Promise.resolve().then(() => console.log('micro from timeout 1'));
}, 0);
setTimeout(() => {
  console.log('timeout 2');
  Promise.resolve().then(() => console.log('micro from timeout 2'));
}, 0);

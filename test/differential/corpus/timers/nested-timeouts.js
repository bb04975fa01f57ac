// models: node node-esm node-legacy browser
setTimeout(() => {
  console.log('outer 1');
  setTimeout(() => console.log('inner from 1'), 0);
}, 0);
setTimeout(() => {
  console.log('outer 2');
  setTimeout(() => console.log('inner from 2'), 0);
}, 0);

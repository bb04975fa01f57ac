// models: node node-esm node-legacy browser
const id = setInterval(() => console.log('never'), 5);
clearInterval(id);
console.log('cleared before first run');

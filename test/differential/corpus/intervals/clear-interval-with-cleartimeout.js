// models: node node-esm node-legacy browser
// clearTimeout and clearInterval are interchangeable.
let n = 0;
const id = setInterval(() => {
  n += 1;
  console.log('run', n);
  if (n === 2) clearTimeout(id);
}, 5);

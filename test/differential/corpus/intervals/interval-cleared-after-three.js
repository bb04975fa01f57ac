// models: node node-esm node-legacy browser
let n = 0;
const id = setInterval(() => {
  n += 1;
  console.log('tick', n);
  if (n === 3) {
    clearInterval(id);
    console.log('cleared');
  }
}, 5);

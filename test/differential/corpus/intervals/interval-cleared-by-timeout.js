// models: node node-esm node-legacy browser
let n = 0;
const id = setInterval(() => {
  n += 1;
  if (n === 2) setTimeout(() => { clearInterval(id); console.log('cleared by timeout'); }, 0);
  console.log('interval', n);
}, 5);

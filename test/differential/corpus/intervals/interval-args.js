// models: node node-esm node-legacy browser
let calls = 0;
const id = setInterval((label, x) => {
  calls += 1;
  console.log(label, x, calls);
  if (calls === 2) clearInterval(id);
}, 5, 'label', 7);

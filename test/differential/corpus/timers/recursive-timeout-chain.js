// models: node node-esm node-legacy browser
let count = 0;
function step() {
  count += 1;
  console.log('step', count);
  if (count < 5) setTimeout(step, 0);
  else console.log('done');
}
setTimeout(step, 0);

// models: node node-esm browser
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker(name, ms) {
  console.log(name, 'start');
  await delay(ms);
  console.log(name, 'after', ms);
  await delay(ms);
  console.log(name, 'end');
}
worker('fast', 1);
worker('slow', 40);

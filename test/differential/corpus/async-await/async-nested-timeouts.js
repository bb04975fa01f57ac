// models: node node-esm browser
// The slow worker waits 100 ms so that a loaded test machine cannot push the fast worker's second 1 ms timer past it.
const delay = (ms) => new Promise((r) => setTimeout(r, ms));
async function worker(name, ms) {
  console.log(name, 'start');
  await delay(ms);
  console.log(name, 'after', ms);
  await delay(ms);
  console.log(name, 'end');
}
worker('fast', 1);
worker('slow', 100);

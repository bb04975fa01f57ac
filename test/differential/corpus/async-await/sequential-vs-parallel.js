// models: node node-esm node-legacy browser
const wait = (ms, label) => new Promise((r) => setTimeout(() => { console.log('resolved', label); r(label); }, ms));
async function sequential() {
  const a = await wait(10, 'seq-a');
  const b = await wait(5, 'seq-b');
  console.log('sequential', a, b);
}
async function parallel() {
  const [a, b] = await Promise.all([wait(30, 'par-a'), wait(25, 'par-b')]);
  console.log('parallel', a, b);
}
sequential().then(parallel);

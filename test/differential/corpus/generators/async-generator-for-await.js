// models: node node-esm node-legacy browser
async function* ticks() {
  for (let i = 1; i <= 3; i++) {
    await new Promise((r) => setTimeout(r, 2));
    yield i;
  }
}
(async () => {
  for await (const t of ticks()) console.log('tick', t);
  console.log('done');
})();
console.log('sync');

// models: node node-esm node-legacy
let rounds = 0;
process.on('beforeExit', () => {
  rounds += 1;
  console.log('beforeExit', rounds);
  if (rounds < 3) setTimeout(() => console.log('more work', rounds), 0);
});
console.log('main done');

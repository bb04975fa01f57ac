// models: node node-esm node-legacy browser
for (let i = 1; i <= 3; i++) {
  setTimeout(() => {
    console.log('timeout', i);
    Promise.resolve().then(() => console.log('  micro after', i));
  }, 0);
}
console.log('scheduled');

// models: node node-esm node-legacy browser
setTimeout(() => console.log('timeout'), 0);
let chain = Promise.resolve(0);
for (let i = 1; i <= 10; i++) {
  chain = chain.then(() => { if (i % 3 === 0) console.log('link', i); });
}
chain.then(() => console.log('chain done'));

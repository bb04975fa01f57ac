// models: node node-esm node-legacy browser
// How many microtask turns Promise.all takes, measured against a counting chain.
Promise.all([Promise.resolve(1), Promise.resolve(2)]).then(() => console.log('all done'));
Promise.race([Promise.resolve(1)]).then(() => console.log('race done'));
let p = Promise.resolve();
for (let i = 1; i <= 5; i++) p = p.then(() => console.log('turn', i));

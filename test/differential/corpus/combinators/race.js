// models: node node-esm browser
const later = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
Promise.race([later(30, 'tortoise'), later(5, 'hare')]).then((w) => console.log('race won by', w));
Promise.race([]).then(() => console.log('empty race never settles'));
Promise.race([Promise.resolve('sync-ish'), 'plain']).then((w) => console.log('race of resolved:', w));

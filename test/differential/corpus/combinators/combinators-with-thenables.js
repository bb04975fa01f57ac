// models: node node-esm node-legacy browser
const thenable = (v) => ({ then(r) { r(v); } });
Promise.all([thenable('t1'), thenable('t2')]).then((v) => console.log('all thenables', v));
Promise.race([thenable('r1'), Promise.resolve('r2')]).then((v) => console.log('race', v));

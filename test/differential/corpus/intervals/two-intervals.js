// models: node node-esm node-legacy browser
// Two intervals with the same period keep their relative order.
let a = 0;
let b = 0;
const ia = setInterval(() => { a += 1; console.log('A', a); if (a === 3) clearInterval(ia); }, 5);
const ib = setInterval(() => { b += 1; console.log('B', b); if (b === 3) clearInterval(ib); }, 5);

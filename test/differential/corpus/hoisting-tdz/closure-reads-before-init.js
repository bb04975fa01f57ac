// models: node node-esm browser
function readLater() { return counter; }
try {
  readLater();
} catch (e) {
  console.log('too early:', e.message);
}
let counter = 5;
console.log('in time:', readLater());

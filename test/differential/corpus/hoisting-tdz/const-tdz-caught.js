// models: node node-esm browser
try {
  console.log(limit);
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
const limit = 10;
console.log(limit);

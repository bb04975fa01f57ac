// models: node node-esm browser
const fixed = 1;
try {
  fixed = 2;
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
console.log(fixed);

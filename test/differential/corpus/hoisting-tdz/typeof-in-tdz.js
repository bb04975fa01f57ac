// models: node node-esm browser
console.log(typeof neverDeclared);
try {
  console.log(typeof later);
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
let later = 'x';

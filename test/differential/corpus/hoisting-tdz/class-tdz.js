// models: node node-esm browser
try {
  new Animal();
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
class Animal {}
console.log(typeof Animal);

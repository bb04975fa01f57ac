// models: node node-esm browser
try {
  console.log(missingName);
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
missingFunction();

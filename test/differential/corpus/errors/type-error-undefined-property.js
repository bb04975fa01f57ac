// models: node node-esm browser
const user = {};
try {
  console.log(user.profile.name);
} catch (e) {
  console.log(e.name + ': ' + e.message);
}
try {
  null.x;
} catch (e) {
  console.log(e.message);
}
try {
  user.greet();
} catch (e) {
  console.log(e.message);
}

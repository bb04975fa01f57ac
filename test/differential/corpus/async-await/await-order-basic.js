// models: node node-esm node-legacy browser
async function a() {
  console.log('a start');
  await undefined;
  console.log('a after await');
}
console.log('before');
a();
console.log('after');

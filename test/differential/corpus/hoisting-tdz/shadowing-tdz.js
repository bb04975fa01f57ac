// models: node node-esm browser
const x = 'outer';
{
  try {
    console.log(x);
  } catch (e) {
    console.log(e.name + ': ' + e.message);
  }
  const x = 'inner';
  console.log(x);
}
console.log(x);

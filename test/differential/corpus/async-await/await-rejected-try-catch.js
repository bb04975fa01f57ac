// models: node node-esm node-legacy browser
async function f() {
  try {
    await Promise.reject(new Error('nope'));
    console.log('not reached');
  } catch (e) {
    console.log('caught', e.message);
  } finally {
    console.log('finally');
  }
  return 'done';
}
f().then((v) => console.log(v));

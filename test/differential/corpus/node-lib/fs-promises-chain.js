const fsp = require('fs/promises');
async function main() {
  await fsp.writeFile('a.txt', 'first');
  console.log('written');
  await fsp.appendFile('a.txt', ' second');
  const text = await fsp.readFile('a.txt', 'utf8');
  console.log('read back:', text);
  try {
    await fsp.readFile('nothing.txt');
  } catch (err) {
    console.log('rejected with', err.code, err.message);
  }
}
main().then(() => console.log('done'));
console.log('main called');

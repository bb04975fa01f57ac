// models: node
const fsp = require('fs/promises');
(async () => {
  const text = await fsp.readFile(__filename, 'utf8');
  console.log('lines:', text.split('\n').length);
  try {
    await fsp.readFile('/no/such/file');
  } catch (e) {
    console.log('caught', e.code);
  }
})();
console.log('sync');

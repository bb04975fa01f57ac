const fsp = require('fs/promises');
(async () => {
  await fsp.mkdir('d1/d2', { recursive: true });
  await fsp.writeFile('d1/d2/f.txt', 'hi');
  console.log(await fsp.readdir('d1'));
  const st = await fsp.stat('d1/d2/f.txt');
  console.log(st.isFile(), st.size);
  await fsp.unlink('d1/d2/f.txt');
  console.log(await fsp.readdir('d1/d2'));
  try {
    await fsp.stat('d1/d2/f.txt');
  } catch (err) {
    console.log(err.code, err.syscall, err.message);
  }
  await fsp.rm('d1', { recursive: true });
  try {
    await fsp.access('d1');
  } catch (err) {
    console.log('gone:', err.code, err.message);
  }
})();

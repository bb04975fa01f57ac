process.on('uncaughtException', (err, origin) => {
  console.log('uncaughtException:', err.message, origin);
});
async function fails() {
  throw new Error('async failure');
}
fails();
setTimeout(() => console.log('still running'), 1);

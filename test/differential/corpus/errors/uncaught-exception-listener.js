// models: node node-esm node-legacy
process.on('uncaughtException', (err, origin) => {
  console.log('uncaughtException:', err.message, origin);
});
setTimeout(() => { throw new Error('in timer'); }, 0);
setTimeout(() => console.log('still running'), 5);

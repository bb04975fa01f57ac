process.on('uncaughtException', (err, origin) => {
  console.log('caught globally:', err.message, origin);
});
setTimeout(() => {
  console.log('timer 1');
  throw new Error('thrown in timer');
}, 1);
setTimeout(() => console.log('timer 2 still runs'), 2);
console.log('main done');

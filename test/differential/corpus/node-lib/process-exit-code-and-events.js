process.on('beforeExit', (code) => {
  console.log('beforeExit', code);
});
process.on('exit', (code) => {
  console.log('exit', code);
  setTimeout(() => console.log('never runs'), 0);
});
process.exitCode = 3;
console.log('exitCode set to', process.exitCode);

let rounds = 0;
process.on('beforeExit', () => {
  rounds++;
  console.log('beforeExit round', rounds);
  if (rounds < 3) setTimeout(() => console.log('work scheduled from beforeExit', rounds), 1);
});
process.on('exit', (code) => console.log('exit', code, 'after', rounds, 'rounds'));

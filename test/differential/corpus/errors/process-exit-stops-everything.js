// models: node node-esm node-legacy
setTimeout(() => console.log('never runs'), 0);
Promise.resolve().then(() => console.log('never runs either'));
process.on('exit', (code) => console.log('exiting with', code));
console.log('before exit');
process.exit(2);
console.log('not printed');

// models: node node-esm node-legacy
process.on('exit', (code) => console.log('exit event with code', code));
process.exitCode = 3;
console.log('set exitCode');

// models: browser
console.log('before');
process.nextTick(() => console.log('never'));
console.log('never either');

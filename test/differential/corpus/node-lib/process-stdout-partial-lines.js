process.stdout.write('Loading');
process.stdout.write('...');
console.log(' done');
process.stdout.write('a\nb');
console.log('c');
process.stderr.write('err part ');
console.error('err end');
console.log(process.stdout.write('x\n'), typeof process.stdout.on, process.stdout.writable);
setTimeout(() => process.stdout.write('no newline at exit'), 1);

const { Readable } = require('stream');
async function* produce() {
  yield 'first';
  await null;
  yield 'second';
  yield 'third';
}
const r = Readable.from(produce());
r.on('data', (c) => console.log('data', c));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
process.nextTick(() => console.log('tick'));

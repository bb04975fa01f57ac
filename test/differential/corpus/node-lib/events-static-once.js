const { EventEmitter, once } = require('events');
const e = new EventEmitter();
async function main() {
  console.log('waiting');
  const args = await once(e, 'ready');
  console.log('ready with', args);
  try {
    const p = once(e, 'never');
    process.nextTick(() => e.emit('error', new Error('failed while waiting')));
    await p;
  } catch (err) {
    console.log('rejected:', err.message);
  }
}
main();
process.nextTick(() => e.emit('ready', 1, 2));
console.log('sync end');

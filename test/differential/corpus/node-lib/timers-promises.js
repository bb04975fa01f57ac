const { setTimeout: sleep, setImmediate: nextImmediate, setInterval: every } = require('timers/promises');
async function main() {
  console.log('start');
  const value = await sleep(5, 'five');
  console.log('slept', value);
  console.log('immediate', await nextImmediate('imm'));
  let n = 0;
  for await (const tick of every(2, 'tick')) {
    console.log(tick, ++n);
    if (n === 3) break;
  }
  const ac = new AbortController();
  const pending = sleep(100, null, { signal: ac.signal });
  ac.abort();
  try {
    await pending;
  } catch (err) {
    console.log(err.name, err.code, err.message);
  }
  console.log('end');
}
main();

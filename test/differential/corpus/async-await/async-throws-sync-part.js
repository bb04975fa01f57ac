// models: node node-esm node-legacy browser
async function boom() {
  console.log('boom start');
  throw new Error('sync part of async');
}
const p = boom();
console.log('boom returned a', p instanceof Promise ? 'Promise' : typeof p);
p.catch((e) => console.log('caught', e.message));

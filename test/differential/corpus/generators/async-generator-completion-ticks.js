// models: node node-esm browser
// When each kind of async generator finishes a for await loop, against a promise-chain ticker: plain
// yields, an await inside, a yielded promise, yield* of an array and of an async generator, a return
// value, a throw, a break into a finally that awaits, and return() called by hand. The engine ended
// every loop two ticks late (it closed the finished generator and awaited that).
let tick = 0;
let ticking = true;
function ticker() { if (!ticking) return; console.log('t', tick++); Promise.resolve().then(ticker); }
async function* plain() { yield 1; yield 2; }
async function* awaitInside() { yield 1; await null; yield 2; }
async function* yieldPromise() { yield Promise.resolve(1); yield 2; }
async function* delegateArray() { yield* [1, 2]; }
async function* delegateAsync() { yield* plain(); }
async function* returnsValue() { yield 1; return Promise.resolve('r'); }
async function* throwsAtEnd() { yield 1; throw new Error('boom'); }
async function* withFinally() { try { yield 1; yield 2; } finally { console.log('finally'); await null; console.log('finally after await'); } }
(async () => {
  for (const [name, g] of Object.entries({ plain, awaitInside, yieldPromise, delegateArray, delegateAsync, returnsValue, throwsAtEnd })) {
    try { for await (const v of g()) console.log(name, v); } catch (e) { console.log(name, 'caught', e.message); }
    console.log(name, 'done');
  }
  for await (const v of withFinally()) { console.log('wf', v); break; }
  console.log('wf done');
  const it = plain(); await it.next(); console.log('manual return', JSON.stringify(await it.return('x'))); console.log('manual', JSON.stringify(await it.next()));
  ticking = false;
})();
ticker();

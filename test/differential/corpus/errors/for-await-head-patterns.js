// A pattern in a `for await` head that cannot destructure a value: V8 names it '.for' as in a
// for-of head, whether the values come from an array, promises in it, or an async generator.
async function* records() {
  yield { id: 1 };
  yield null;
}
const attempt = async (label, run) => {
  try {
    await run();
    console.log(label, 'no error');
  } catch (error) {
    const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(label, `${error.constructor.name}: ${error.message} at ${frame ? frame[1] : '?'}`);
  }
};
let id;
(async () => {
  await attempt('an array of null', async () => { for await (const { id } of [null]); });
  await attempt('an array of undefined', async () => { for await (const { id } of [undefined]); });
  await attempt('a promise of null', async () => { for await (const { id } of [Promise.resolve(null)]); });
  await attempt('an async generator', async () => { for await (const { id } of records()) console.log('id', id); });
  await attempt('an array pattern', async () => { for await (const [first] of [5]); });
  await attempt('an assignment pattern', async () => { for await ({ id } of [null]); });
  console.log('done', id);
})();

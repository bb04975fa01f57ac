// A pattern in a for-of head that cannot destructure an element: V8 names the element '.for'
// ("Cannot destructure property 'a' of '.for' as it is null.", ".for is not iterable"), an
// assignment pattern reads its first property, and a read in the head's temporal dead zone is
// placed at the iterable's last property. Each at V8's place.
const attempt = (label, run) => {
  try {
    run();
    console.log(label, 'no error');
  } catch (error) {
    const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(label, `${error.constructor.name}: ${error.message} at ${frame ? frame[1] : '?'}`);
  }
};
let first;
let second;
attempt('an object pattern over null', () => { for (const { id } of [null]) console.log(id); });
attempt('an object pattern over undefined', () => { for (const { id } of [undefined]); });
attempt('the second element', () => { for (const { id } of [{ id: 1 }, null]) console.log('id', id); });
attempt('a let pattern', () => { for (let { id } of [null]); });
attempt('a var pattern', () => { for (var { id } of [null]); });
attempt('a renamed property', () => { for (const { id: key } of [null]); });
attempt('a string key', () => { for (const { 'id': key } of [null]); });
attempt('a computed first key', () => { for (const { ['id']: key } of [null]); });
attempt('a default', () => { for (const { id = 1 } of [null]); });
attempt('an empty pattern', () => { for (const {} of [null]); });
attempt('a nested pattern', () => { for (const { a: { b } } of [{}]); });
attempt('an array pattern', () => { for (const [a] of [null]); });
attempt('an array pattern over a number', () => { for (const [a, b] of [5]); });
attempt('an empty array pattern', () => { for (const [] of [5]); });
attempt('map keys as pairs', () => { for (const [k, v] of new Map([[1, 2]]).keys()); });
attempt('an assignment pattern', () => { for ({ first, second } of [undefined]); });
attempt('a renamed assignment', () => { for ({ a: first } of [null]); });
attempt('an empty assignment pattern', () => { for ({} of [null]); });
attempt('an array assignment pattern', () => { for ([first] of [5]); });
attempt('pairs that destructure', () => { for (const [k, v] of Object.entries({ a: 1 })) console.log(k, v); });
attempt('a generator closed by the failure', () => {
  function* items() {
    try {
      yield { id: 1 };
      yield null;
    } finally {
      console.log('closed');
    }
  }
  for (const { id } of items()) console.log('item', id);
});
attempt('the head binding in its dead zone', () => { for (const x of x.items); });
attempt('a deeper chain', () => { for (let x of x.a.b); });
attempt('a for-in head', () => { for (const x in x.items); });
attempt('a pattern and its dead zone', () => { for (const { a } of a.items); });
attempt('a later binding', () => { for (const x of later.items); let later; });

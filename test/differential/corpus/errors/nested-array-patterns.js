// An array pattern inside an array pattern over an element that is not iterable: V8 prints the
// element by its type and value ("number 5 is not iterable (cannot read property
// Symbol(Symbol.iterator))", "object null ..."), placed at the inner pattern, in a declaration, an
// assignment and a for-of head alike.
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(label, `${error.constructor.name}: ${error.message} at ${frame ? frame[1] : '?'}`);
  }
};
const rows = [5, null, undefined, true, {}, 'ab', [1]];
attempt('a number', () => { const [[first]] = rows; return first; });
attempt('the second element', () => { const [, [first]] = rows; return first; });
attempt('undefined', () => { const [, , [first]] = rows; return first; });
attempt('a boolean', () => { const [, , , [first]] = rows; return first; });
attempt('an object', () => { const [, , , , [first]] = rows; return first; });
attempt('a string destructures', () => { const [, , , , , [first]] = rows; return first; });
attempt('a literal', () => { const [[first]] = [7]; return first; });
attempt('an assignment', () => { let first; [[first]] = rows; return first; });
attempt('a for-of head', () => { for (const [[first]] of [[5]]) return first; });
attempt('a for-of head over pairs', () => { for (const [key, [first]] of [['a', null]]) return key + first; });
attempt('an object pattern first', () => { const [{ id }, [first]] = [null, 5]; return id + first; });

const assert = require('assert');
function show(fn) {
  try {
    fn();
    console.log('no throw');
  } catch (e) {
    console.log(JSON.stringify([e.name, e.code, e.message, e.generatedMessage, e.operator]));
  }
}
show(() => assert.strictEqual(1, 2));
show(() => assert.strictEqual('a', 'b', 'custom msg'));
show(() => assert.equal(1, 2));
show(() => assert.notStrictEqual(1, 1));
show(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }));
show(() => assert.deepStrictEqual([1, 2, 3], [1, 2, 4]));
show(() => assert.deepEqual({ a: 1 }, { a: 2 }));
show(() => assert.throws(() => {}));
show(() => assert.throws(() => { throw new Error('x'); }, /y/));
show(() => assert.fail('boom'));
show(() => assert.fail());
show(() => assert.strictEqual({ a: 1 }, { a: 1 }));
show(() => assert.match('abc', /x/));
show(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
show(() => assert.strictEqual('hello world', 'hello there'));
show(() => assert.notEqual(1, 1));
show(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 9]));
show(() => assert.strictEqual(1, '1'));
show(() => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
show(() => assert.throws(() => { throw new TypeError('bad'); }, RangeError));
show(() => assert.throws(() => { throw new Error('bad'); }, { message: 'good' }));
show(() => assert.doesNotThrow(() => { throw new Error('bad'); }));
show(() => assert.deepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 2 }));
show(() => assert.ifError(new Error('from callback')));

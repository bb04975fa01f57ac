const assert = require('assert');
const strict = require('assert/strict');
assert.rejects(Promise.resolve(1)).catch((e) => console.log('1', e.message));
assert.rejects(Promise.reject(new Error('r')), /zz/).catch((e) => console.log('2', e.message));
assert.rejects(async () => { throw new TypeError('t'); }, TypeError).then(() => console.log('3 rejects ok'));
assert.doesNotReject(Promise.reject(new Error('nope'))).catch((e) => console.log('4', e.message));
try {
  strict.equal(1, '1');
} catch (e) {
  console.log('5', e.operator, e.message.split('\n')[0]);
}
console.log('6', strict.strict === strict, assert.strict.deepEqual === assert.deepStrictEqual);

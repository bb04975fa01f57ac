const assert = require('assert');
console.log('before');
assert.strictEqual(2 + 2, 5);
console.log('after (never)');

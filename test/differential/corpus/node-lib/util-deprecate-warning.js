const util = require('util');
const old = util.deprecate(function oldApi(x) {
  return x + 1;
}, 'oldApi() is deprecated. Use newApi() instead.', 'DEP_LOOPLENS_1');
console.log(old(1));
console.log(old(2));
const other = util.deprecate(() => 'other', 'other() is going away');
console.log(other());
process.nextTick(() => console.log('tick after deprecations'));

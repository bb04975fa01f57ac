const util = require('util');
function withCustom(cb) {
  cb(null, 'not used');
}
withCustom[util.promisify.custom] = () => Promise.resolve('custom path');
util.promisify(withCustom)().then((v) => console.log(v));
console.log(util.promisify(withCustom) === withCustom[util.promisify.custom]);
console.log(typeof util.promisify.custom, String(util.promisify.custom));
try {
  util.promisify('nope');
} catch (err) {
  console.log(err.code, err.message);
}

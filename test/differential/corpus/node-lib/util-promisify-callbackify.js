const util = require('util');
function legacy(value, cb) {
  setTimeout(() => (value < 0 ? cb(new Error('negative')) : cb(null, value * 2)), 1);
}
const modern = util.promisify(legacy);
modern(21).then((v) => console.log('promisified', v));
modern(-1).catch((e) => console.log('promisified error', e.message));
async function asyncDouble(v) {
  if (v === 0) throw null;
  return v * 2;
}
const cbStyle = util.callbackify(asyncDouble);
cbStyle(5, (err, v) => console.log('callbackified', err, v));
cbStyle(0, (err) => console.log('falsy rejection', err.code, err.message, err.reason));
console.log(cbStyle.name, cbStyle.length);
const sleep = util.promisify(setTimeout);
sleep(2, 'slept').then(console.log);

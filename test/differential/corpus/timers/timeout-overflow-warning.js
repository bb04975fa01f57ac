// models: node node-esm node-legacy
// A delay beyond 2^31-1 ms becomes 1 ms, with a TimeoutOverflowWarning on stderr (printed on the
// next tick); negative and NaN delays become 1 ms without one.
const late = setTimeout(() => console.log('fired after 1 ms', late._idleTimeout), 2 ** 31);
setInterval(() => {}, -5).unref();
setTimeout(() => {}, 3e9).unref();
setTimeout(() => {}, NaN).unref();
console.log('sync');

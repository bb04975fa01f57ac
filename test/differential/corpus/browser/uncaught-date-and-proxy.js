// models: browser
// Chromium's "Uncaught ..." text for a thrown (or rejected) Date, which is the date's toString with
// the time zone's name, and for a proxy, which is only its kind (the target is not previewed and no
// trap runs); console.log prints them the same way. The 'error' event's message is the value as a
// string, which for a proxy is taken without running its traps.
addEventListener('error', (event) => console.log('message:', event.message));
const trapsRun = [];
const watched = new Proxy({ secret: 1 }, {
  get(target, key) {
    trapsRun.push(String(key));
    return Reflect.get(target, key);
  },
});
const thrown = [
  () => new Date(0),
  () => new Date(NaN),
  () => watched,
  () => new Proxy(function wrapped() {}, {}),
  () => new Proxy(new (class Point {})(), {}),
  () => new Proxy(new Map(), {}),
  () => new Proxy({ toString() { return 'own toString'; } }, {}),
];
for (const make of thrown) {
  setTimeout(() => {
    throw make();
  }, 0);
}
setTimeout(() => {
  Promise.reject(new Date(86400000));
  Promise.reject(new Proxy({ b: 2 }, {}));
}, 0);
setTimeout(() => {
  console.log(new Date(0), watched, [watched], String(new Date(0)), new Date(0).toTimeString());
  console.log('traps run:', trapsRun.length);
}, 0);

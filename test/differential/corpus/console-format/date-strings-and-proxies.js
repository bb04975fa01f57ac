// A date's toString and toTimeString end with the time zone's name (and name a receiver that is no
// date as V8 does); util.inspect and console.log print a proxy as its target without running any
// trap (Chromium prints `Proxy(Object)`).
const trapsRun = [];
const watched = new Proxy({ secret: 1, list: [1, 2] }, {
  get(target, key) {
    trapsRun.push(String(key));
    return Reflect.get(target, key);
  },
  ownKeys(target) {
    trapsRun.push('ownKeys');
    return Reflect.ownKeys(target);
  },
});
const date = new Date(Date.UTC(2024, 1, 29, 12, 30, 15));
console.log(String(date));
console.log(`${date}`, date.toTimeString());
console.log([date].join(), String(new Date(NaN)), new Date(NaN).toTimeString());
console.log(Date.prototype.toString.name, Date.prototype.toString.length, String(Date.prototype.toTimeString));
console.log(watched);
console.log({ nested: watched }, [new Proxy([1, 2], {})]);
console.log('traps run:', trapsRun.length);
const { proxy, revoke } = Proxy.revocable({}, {});
revoke();
console.log(typeof Proxy, Proxy.name, Proxy.length, 'prototype' in Proxy, typeof proxy);
// Called on something that is no date, toString names the receiver without running its code.
for (const receiver of [{}, 1, 'text', undefined, [1, 2], new (class Foo {})(), Object.create(null), function named() {}, Symbol('s'), 10n, new Map()]) {
  try {
    Date.prototype.toString.call(receiver);
  } catch (error) {
    console.log(error.name, error.message);
  }
}

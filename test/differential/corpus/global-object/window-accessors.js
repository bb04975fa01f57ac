// models: browser
// window, self, document, navigator, location and performance are accessors of the window in
// Chromium, not plain values: their descriptors, their getters' names, and what a write does in
// sloppy code (ignored without a setter; a replaceable one becomes a value) and in strict code.
const names = ['window', 'self', 'document', 'navigator', 'location', 'performance'];
for (const name of names) {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  console.log(name, d && Object.keys(d).join(','), d && typeof d.get, d && typeof d.set, d && d.get && d.get.name, d && d.set && d.set.name, d && d.enumerable, d && d.configurable);
}
console.log(typeof window, window === globalThis, self === window, document === window.document);
window = 1;
document = 2;
navigator = 3;
console.log(window === globalThis, typeof document, typeof navigator);
(function () {
  'use strict';
  for (const name of ['window', 'document', 'navigator']) {
    try {
      globalThis[name] = 4;
      console.log(name, 'written');
    } catch (error) {
      console.log(name, error.constructor.name, error.message);
    }
  }
  try {
    window = 5;
  } catch (error) {
    console.log(error.constructor.name, error.message);
  }
})();
const before = Object.getOwnPropertyDescriptor(globalThis, 'self');
self = 'replaced';
const after = Object.getOwnPropertyDescriptor(globalThis, 'self');
console.log(typeof self, self, Object.keys(after).join(','), after.enumerable, after.configurable, typeof before.get);
console.log(delete globalThis.navigator, typeof navigator, delete globalThis.window, typeof window);
console.log(Object.getOwnPropertyDescriptor(globalThis, 'document').configurable, delete globalThis.location, typeof location, location.protocol);
console.log(Object.getOwnPropertyDescriptor(globalThis, 'document'));
console.log(Object.getOwnPropertyDescriptor(globalThis, 'performance'), String(Object.getOwnPropertyDescriptor(globalThis, 'window').get));

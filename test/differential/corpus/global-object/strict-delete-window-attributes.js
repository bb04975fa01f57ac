// models: browser
// Strict code deleting a property of the window that cannot be deleted: V8 names the window
// #<Window> whichever name reaches it (window, globalThis, self).
'use strict';
for (const attempt of [
  () => delete window.window,
  () => delete globalThis.document,
  () => delete self.location,
  () => delete window['document'],
  () => delete window.undefined,
]) {
  try {
    console.log(attempt());
  } catch (error) {
    console.log(error.constructor.name, error.message);
  }
}
console.log(Reflect.deleteProperty(window, 'window'), typeof window, typeof document);

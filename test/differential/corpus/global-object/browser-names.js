// models: browser
// Chromium lists the window's own globals before the script's `var`s and functions, and a `let`
// is no property at all. Only the globals the browser model has are checked by name; the
// prediction's own names show in no listing.
var counter = 1;
function greet() {}
let hidden = 2;
const modelled = ['window', 'self', 'document', 'location', 'navigator', 'onclick', 'onerror', 'onload', 'performance', 'alert',
  'clearInterval', 'clearTimeout', 'fetch', 'postMessage', 'queueMicrotask', 'requestAnimationFrame', 'setInterval', 'setTimeout', 'structuredClone'];
const keys = Object.keys(globalThis);
console.log(keys.filter((name) => modelled.includes(name)).join(' '));
console.log(keys.slice(-2), keys.includes('hidden'), keys.includes('console'), typeof hidden, counter, typeof greet);
const internal = (names) => names.filter((name) => typeof name === 'string' && name.startsWith('__'));
console.log(internal(Object.getOwnPropertyNames(globalThis)), internal(Reflect.ownKeys(window)));

// models: browser
// The 'error' event's message for an uncaught Proxy of an array: '[object Object]' in Chromium 156
// (and the model), '[object Array]' in Chromium 150; the DevTools line is 'Uncaught Proxy(Array)' in
// both. Kept apart from uncaught-date-and-proxy.js so that only this case depends on the version.
addEventListener('error', (event) => console.log('message:', event.message));
setTimeout(() => {
  throw new Proxy([1, 2], {});
}, 0);

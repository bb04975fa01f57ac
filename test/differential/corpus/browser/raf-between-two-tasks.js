// models: browser
// nondeterministic
// The rendering step can fall before, between or after two tasks the script queued: measured in
// Chromium (40 runs) timeout, message, raf 20 times; timeout, raf, message 13; raf first 7. The
// prediction lists all three.
setTimeout(() => console.log('timeout'), 0);
requestAnimationFrame(() => console.log('raf'));
const channel = new MessageChannel();
channel.port1.onmessage = (event) => console.log('message', event.data);
channel.port2.postMessage('hi');
Promise.resolve().then(() => console.log('promise'));
console.log('sync');

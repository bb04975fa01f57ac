// models: browser
const { port1, port2 } = new MessageChannel();
port1.onmessage = (event) => {
  console.log('message', event.data);
  Promise.resolve().then(() => console.log('micro after message', event.data));
};
port2.postMessage('first');
port2.postMessage('second');
Promise.resolve().then(() => console.log('microtask'));
console.log('sync');

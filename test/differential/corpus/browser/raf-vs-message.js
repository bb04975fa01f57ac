// models: browser
// nondeterministic
// Whether the next rendering step comes before a message posted by the script depends on where in
// the frame the script ran (measured: either order, about half the runs each).
requestAnimationFrame(() => console.log('animation frame'));
const channel = new MessageChannel();
channel.port1.onmessage = (event) => console.log('message', event.data);
channel.port2.postMessage('hi');
console.log('sync');

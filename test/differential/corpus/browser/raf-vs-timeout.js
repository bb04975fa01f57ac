// models: browser
// nondeterministic
// Whether the next rendering step comes before a 0 ms timer depends on where in the frame the script ran.
requestAnimationFrame(() => console.log('animation frame'));
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('microtask'));
console.log('sync');

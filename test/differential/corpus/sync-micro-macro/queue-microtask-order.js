// models: node node-esm browser
queueMicrotask(() => console.log('qm 1'));
Promise.resolve().then(() => console.log('promise 1'));
queueMicrotask(() => console.log('qm 2'));
console.log('sync');

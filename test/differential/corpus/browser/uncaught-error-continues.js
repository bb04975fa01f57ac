// models: browser
setTimeout(() => { throw new Error('first task fails'); }, 0);
setTimeout(() => console.log('second task still runs'), 5);
Promise.reject(new Error('nobody handles this'));
console.log('sync');

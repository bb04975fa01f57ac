// models: node node-esm browser
console.log('start');
Promise.reject(new Error('nobody catches me'));
setTimeout(() => console.log('timer after rejection'), 0);

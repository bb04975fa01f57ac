// models: node node-esm
const p = Promise.reject(new Error('late handler'));
setTimeout(() => p.catch((e) => console.log('caught in timer', e.message)), 0);

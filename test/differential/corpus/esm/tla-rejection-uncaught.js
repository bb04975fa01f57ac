// models: node-esm
console.log('start');
await Promise.reject(new Error('top-level await rejected'));
console.log('never');

// models: node node-esm
process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection:', reason.message, promise instanceof Promise);
});
Promise.reject(new Error('observed'));
setTimeout(() => console.log('process keeps going'), 0);

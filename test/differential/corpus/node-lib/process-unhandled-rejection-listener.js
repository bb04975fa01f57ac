process.on('unhandledRejection', (reason, promise) => {
  console.log('unhandledRejection:', reason.message, promise instanceof Promise);
});
Promise.reject(new Error('nobody catches me'));
setTimeout(() => console.log('the process keeps running'), 1);
console.log('main done');

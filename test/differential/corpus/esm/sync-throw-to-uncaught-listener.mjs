// An error thrown synchronously by the ES module entry reaches the program's uncaughtException
// listener with the origin 'unhandledRejection', after the promise jobs the body queued and before
// its nextTick callbacks; a primitive is passed as it is.
process.on('uncaughtException', (error, origin) => console.log('uncaughtException', error, origin));
Promise.resolve().then(() => console.log('promise job'));
process.nextTick(() => console.log('nextTick callback'));
setTimeout(() => console.log('the timer still runs'), 100);
throw 42;

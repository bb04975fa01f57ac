// An error that escapes the ES module entry after a top-level await reaches the program's
// uncaughtException listener once, with the origin 'unhandledRejection' (Node's loader holds it
// as a rejected promise), and never its unhandledRejection listener; the loop goes on.
process.on('uncaughtException', (error, origin) => console.log('uncaughtException', error.message, origin));
process.on('unhandledRejection', (reason) => console.log('unhandledRejection', reason.message));
setTimeout(() => console.log('the timer still runs'), 100);
await null;
console.log('after the await');
throw new Error('thrown after a top-level await');

// models: node node-esm node-legacy
process.on('uncaughtException', (err) => console.log('uncaughtException:', err.message));
process.nextTick(() => { throw new Error('from tick'); });
process.nextTick(() => console.log('next tick still runs'));
Promise.resolve().then(() => console.log('promise runs'));

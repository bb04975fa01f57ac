// models: node node-esm browser
async function withAwait() { return await Promise.resolve('with await'); }
async function withoutAwait() { return Promise.resolve('without await'); }
withoutAwait().then(console.log);
withAwait().then(console.log);
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2')).then(() => console.log('m3'));

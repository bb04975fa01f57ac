console.log(Promise.resolve(42));
console.log(new Promise(() => {}));
const rejected = Promise.reject(new Error('x'));
rejected.catch(() => {});
console.log(Promise.resolve({ a: [1] }));

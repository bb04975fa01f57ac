// models: node node-esm browser
Promise.any([Promise.reject(new Error('x')), Promise.resolve('first fulfilled'), Promise.resolve('second')])
  .then((v) => console.log('any:', v));
Promise.any([Promise.reject(new Error('a')), Promise.reject(new Error('b'))])
  .catch((e) => {
    console.log(e.constructor.name, e.errors.map((x) => x.message).join(','));
    console.log(e.message);
  });

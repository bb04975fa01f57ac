// models: node node-esm browser
(async () => {
  for await (const v of [Promise.resolve('one'), 'two', Promise.resolve('three')]) console.log(v);
})();
Promise.resolve().then(() => console.log('x1')).then(() => console.log('x2'));

// models: node node-esm node-legacy browser
class MyPromise extends Promise {}
(async () => {
  const v = await MyPromise.resolve('sub');
  console.log('awaited subclass', v);
})();
MyPromise.resolve(1).then((v) => console.log('subclass then', v, MyPromise.resolve(1) instanceof MyPromise));
Promise.resolve().then(() => console.log('plain 1')).then(() => console.log('plain 2')).then(() => console.log('plain 3'));

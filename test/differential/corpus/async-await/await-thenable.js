// models: node node-esm node-legacy browser
const thenable = {
  then(resolve) {
    console.log('then called');
    resolve('from thenable');
  },
};
(async () => {
  console.log('awaiting');
  const v = await thenable;
  console.log('got', v);
})();
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'));
console.log('sync');

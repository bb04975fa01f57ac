// models: node node-esm node-legacy browser
(async () => {
  console.log(await 1);
  console.log(await 'two');
  console.log(await { three: 3 });
  console.log(await [4]);
})();
Promise.resolve().then(() => console.log('interleaved'));

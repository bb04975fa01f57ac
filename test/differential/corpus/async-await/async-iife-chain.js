// models: node node-esm node-legacy browser
(async () => {
  console.log(1);
  await (async () => {
    console.log(2);
    await null;
    console.log(3);
  })();
  console.log(4);
})();
console.log(5);

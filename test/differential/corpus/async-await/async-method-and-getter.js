// models: node node-esm node-legacy browser
const obj = {
  value: 10,
  async double() { await null; return this.value * 2; },
  get later() { return Promise.resolve(this.value + 1); },
};
(async () => {
  console.log('double', await obj.double());
  console.log('later', await obj.later);
})();

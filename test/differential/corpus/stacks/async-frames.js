// models: node node-esm browser
// V8's async stack frames: under an async function resumed by a promise job, each async function
// suspended on it prints as `at async f (where it waits)`, through a chain of awaited calls,
// methods (named after the receiver's class), arrow functions, `.then` and Promise.race (which V8
// follows silently) and the indexed combinators (`at async Promise.all (index 1)`). A function that
// only returns another's promise is not in the chain.
// Chromium prints the same frames as Node. File locations differ between the real runs (a
// temporary copy, a served page) and the prediction: every location reads page.js.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/|https?:\/\/[^/\s]+)?\/(?:[^\s():]*\/)?[^\s():/]+\.m?js(?=:)/g, 'page.js')}`);
async function leaf(label) {
  await null;
  show(label);
}
async function middle(label) {
  await leaf(label);
}
async function threeLevels() {
  await middle('three levels');
}
class Service {
  async load() {
    await leaf('method of a base class');
  }
}
class Cached extends Service {}
const registry = {
  async run() {
    await leaf('object literal method');
  },
};
const arrow = async () => {
  await leaf('arrow function');
};
async function viaAll() {
  await Promise.all([Promise.resolve(), leaf('Promise.all index 1')]);
}
async function viaAllSettled() {
  await Promise.allSettled([leaf('Promise.allSettled index 0')]);
}
async function viaAny() {
  await Promise.any([leaf('Promise.any index 0')]);
}
async function viaRace() {
  await Promise.race([leaf('Promise.race')]);
}
async function viaThen() {
  await leaf('then chain').then(() => 'done');
}
async function returned() {
  return leaf('returned without await');
}
async function returnAwait() {
  return await leaf('return await');
}
async function thrower() {
  await null;
  throw new RangeError('thrown after await');
}
async function catcher() {
  try {
    await thrower();
  } catch (error) {
    console.log(error.stack.replace(/(?<=[(\s])(?:file:\/\/|https?:\/\/[^/\s]+)?\/(?:[^\s():]*\/)?[^\s():/]+\.m?js(?=:)/g, 'page.js'));
  }
}
async function main() {
  await threeLevels();
  await new Cached().load();
  await new Service().load();
  await registry.run();
  await arrow();
  await viaAll();
  await viaAllSettled();
  await viaAny();
  await viaRace();
  await viaThen();
  await returned();
  await returnAwait();
  await catcher();
  await Promise.all([1, 2].map(async (n) => {
    await null;
    if (n === 2) show('mapped async arrow, second');
  }));
}
main();

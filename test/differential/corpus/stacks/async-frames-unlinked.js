// models: node
// V8 follows the promise an async function returned wherever it goes: a variable awaited later,
// an array handed to Promise.all or allSettled, a method's promise kept in a field. A promise
// that is never awaited, or awaited through a then() chain, gives no async frame.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
async function leaf(label) {
  await null;
  show(label);
}
async function throughVariable() {
  const pending = leaf('awaited through a variable');
  await pending;
}
async function throughArray() {
  const pending = [leaf('Promise.all of an array made earlier'), leaf('its second element')];
  await Promise.all(pending);
}
async function throughAllSettled() {
  const list = [];
  list.push(leaf('allSettled of an array filled by push'));
  await Promise.allSettled(list);
}
class Loader {
  async load(name) {
    await null;
    show(`method ${name}`);
  }
  async start() {
    this.pending = this.load('kept in a field');
    await this.pending;
  }
}
async function notAwaited() {
  leaf('never awaited');
  await leaf('awaited directly').then(() => {});
}
async function main() {
  await throughVariable();
  await throughArray();
  await throughAllSettled();
  await new Loader().start();
  await notAwaited();
}
main();

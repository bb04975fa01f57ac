// models: node
// Async frames the engine cannot link yet: V8 follows the promise an async function returned
// wherever it goes, while the engine links only an awaited call to the async functions it starts.
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
  const pending = [leaf('Promise.all of an array made earlier')];
  await Promise.all(pending);
}
async function main() {
  await throughVariable();
  await throughArray();
}
main();

// models: node
// Frame names that depend on the receiver at run time (V8 prints the receiver's class, which can
// differ from the class that defines the method) and on the await chain (async frames).
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (label) => console.log(`${label}\n${new Error(label).stack
  .replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:')}`);
class Base {
  describe() {
    show('inherited method on a subclass instance');
  }
}
class Derived extends Base {}
new Derived().describe();
function standalone() {
  show('function called with an object receiver');
}
standalone.call({});
async function leaf() {
  await null;
  show('async function after await');
}
async function root() {
  await leaf();
}
root();

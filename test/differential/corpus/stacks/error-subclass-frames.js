// models: node node-esm
// An error made through a subclass starts below the subclass constructor, as V8's Error
// constructor skips the frames up to new.target's; with new.target not running there are none.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const show = (error) => console.log(error.stack.split('\n').filter((line) => !line.includes('node:internal'))
  .join('\n').replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:'));
class MyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MyError';
  }
}
class DeeperError extends MyError {
  constructor() {
    super('from a subclass of a subclass');
  }
}
function make() {
  return new MyError('made in a function');
}
show(new MyError('made at the top level'));
show(make());
show(new DeeperError());
show(Reflect.construct(Error, ['new.target is not running'], MyError));
class GroupError extends AggregateError {}
show(new GroupError([], 'an AggregateError subclass'));
const Anonymous = class extends TypeError {};
show(new Anonymous('an anonymous class'));
try {
  throw new MyError('thrown and caught');
} catch (error) {
  show(error);
}

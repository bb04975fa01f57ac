// models: node
// Immediate objects: linked into the immediate queue, retired while and after their callback runs,
// cleared ones unlinked; ref/unref/hasRef.
const util = require('util');
const show = (label, value) => console.log(label, util.inspect(value)
  .replace(/\[Symbol\((asyncId|triggerId)\)\]: \d+/g, '[Symbol($1)]: <id>'));

const first = setImmediate(function (x) {
  show('inside first', this);
  console.log('this is first', this === first, x);
}, 42);
const cleared = setImmediate(() => console.log('never'));
const third = setImmediate(() => {
  show('inside third', third);
  const nested = setImmediate(() => show('nested ran', nested));
  show('nested', nested);
});
show('first', first);
clearImmediate(cleared);
show('cleared', cleared);
show('third', third);
console.log('hasRef', third.hasRef(), third.unref().hasRef(), third.ref().hasRef());
setTimeout(() => show('after', first), 100);

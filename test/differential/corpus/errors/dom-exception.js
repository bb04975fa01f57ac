// models: node node-esm
// DOMException as Node 20 has it: prototype getters (name, message, code), the legacy code
// constants, Node's own constructor frame first in the stack, printed as `DOMException [Name]`;
// the abort reasons and structuredClone's errors are DOMExceptions too.
// Directories (and .js/.mjs) differ between the real run (a temporary copy) and the prediction:
// only file names stay.
const clean = (text) => String(text).replace(/(?<=[(\s])(?:file:\/\/)?\/[^\s():]*\//g, '').replace(/\.mjs:/g, '.js:');
const show = (value) => console.log(clean(process.getBuiltinModule('node:util').inspect(value)));
const made = new DOMException('made by the program', 'DataCloneError');
console.log(Object.keys(made), Object.getOwnPropertyNames(made), made.name, made.message, made.code, made instanceof Error);
console.log(Object.prototype.toString.call(made), String(made), DOMException.length, DOMException.ABORT_ERR, made.TIMEOUT_ERR);
console.log(new DOMException().name, JSON.stringify(new DOMException().message), new DOMException('x', null).name, new DOMException('x', { name: 'NotFoundError', cause: 'why' }).code);
show(made);
function makeOne() {
  return new DOMException('made in a function', 'SyntaxError');
}
show([makeOne()]);
const controller = new AbortController();
controller.abort();
show(controller.signal.reason);
show(AbortSignal.abort().reason);
try {
  structuredClone(() => {});
} catch (error) {
  show(error);
  console.log(error instanceof DOMException, error.code);
}
try {
  Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call({});
} catch (error) {
  console.log(error.name, error.code, error.message);
}
const timeout = AbortSignal.timeout(100);
timeout.onabort = () => show(timeout.reason);
setTimeout(() => console.log('done'), 200);

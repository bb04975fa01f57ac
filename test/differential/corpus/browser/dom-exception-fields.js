// models: browser
// DOMException as Chromium has it: name, message and code are prototype getters, the legacy code
// constants sit on the constructor and the prototype, it inherits from Error.prototype, and one
// made by the script has no stack, so the console prints `Name: message` (`DOMException` when it
// has neither). An uncaught one is reported the same way.
const notFound = new DOMException('no such node', 'NotFoundError');
console.log(notFound.name, notFound.message, notFound.code, notFound instanceof Error, notFound instanceof DOMException);
console.log(String(notFound), Object.prototype.toString.call(notFound), 'stack' in notFound, Object.keys(notFound).length);
console.log(notFound);
console.log([notFound], { notFound });
console.log(new DOMException());
console.log(new DOMException('only a message'));
console.log(new DOMException('', 'AbortError'));
console.log(new DOMException('custom', 'MyOwnError').code, new DOMException('t', 'TimeoutError').code, new DOMException('d', 'DataCloneError').code);
console.log(DOMException.ABORT_ERR, notFound.NOT_FOUND_ERR, DOMException.length, DOMException.name, Object.getPrototypeOf(DOMException.prototype) === Error.prototype);
console.log(Object.getOwnPropertyNames(DOMException.prototype).slice(0, 4).join(','), Object.keys(DOMException).length);
try {
  DOMException('called without new');
} catch (error) {
  console.log(error.constructor.name, error.message);
}
try {
  Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call({});
} catch (error) {
  console.log(error.constructor.name, error.message);
}
setTimeout(() => {
  throw new DOMException('thrown from a timer', 'InvalidStateError');
}, 0);
setTimeout(() => console.log('the page goes on'), 20);

// models: browser
// structuredClone's DataCloneError is a DOMException in Chromium; a DOMException is cloned (name
// and message), while an AbortSignal or AbortController cannot be cloned.
for (const value of [() => 1, { nested: Symbol('s') }, new AbortController().signal, new AbortController()]) {
  try {
    structuredClone(value);
    console.log('cloned');
  } catch (error) {
    console.log(error.name, error.code, error.message, error instanceof DOMException, Object.prototype.toString.call(error));
  }
}
const copy = structuredClone(new DOMException('copied', 'NotFoundError'));
console.log(copy, copy instanceof DOMException, copy.code, 'stack' in copy);
console.log(structuredClone({ reason: new DOMException('inside', 'AbortError') }));

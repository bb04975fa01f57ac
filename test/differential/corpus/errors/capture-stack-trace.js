// Error.captureStackTrace on plain objects and custom errors: without a constructorOpt the stack
// starts at the caller; with one, every frame above that function's call (and the call) is left
// out; with a function that is not on the stack, no frame is left.
// File names differ between the real runs (a temporary copy, .mjs for node-esm, the page's main.js)
// and the prediction: they print as `file`.
const strip = (stack) => stack.replace(/(?<=[(\s])[^\s()]*\.m?js:/g, 'file:').split('\n').slice(0, 4).join('\n');
function capture() {
  const holder = {};
  Error.captureStackTrace(holder);
  return holder.stack;
}
console.log(strip(capture()));
class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValidationError';
    Error.captureStackTrace(this, ValidationError);
  }
}
function validate(value) {
  if (value < 0) throw new ValidationError(`negative: ${value}`);
}
try {
  validate(-1);
} catch (error) {
  console.log(strip(error.stack));
}
function helper(target) {
  Error.captureStackTrace(target, helper);
}
function outer() {
  const target = { name: 'Custom', message: 'from a helper' };
  helper(target);
  return target.stack;
}
console.log(strip(outer()));
const detached = {};
Error.captureStackTrace(detached, function notOnTheStack() {});
console.log(JSON.stringify(detached.stack));

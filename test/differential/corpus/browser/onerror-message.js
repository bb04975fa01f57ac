// models: browser
// window.onerror receives the same string as an 'error' listener's event.message; returning true
// cancels the console report (the second throw stays silent).
let calls = 0;
window.onerror = (message, source, line, column, error) => {
  calls += 1;
  console.log('onerror:', message, typeof error);
  return calls === 2;
};
setTimeout(() => {
  throw { reason: 'first' };
}, 0);
setTimeout(() => {
  throw ['second', 2];
}, 0);
setTimeout(() => {
  throw new SyntaxError('third');
}, 0);

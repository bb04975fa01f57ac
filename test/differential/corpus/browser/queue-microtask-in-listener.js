// models: browser
const el = document.createElement('div');
el.addEventListener('custom', () => {
  queueMicrotask(() => console.log('microtask from listener'));
  console.log('listener');
});
el.dispatchEvent(new Event('custom'));
console.log('after dispatch');
setTimeout(() => {
  el.dispatchEvent(new Event('custom'));
  console.log('after dispatch in timer');
}, 0);

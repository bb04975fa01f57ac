// models: browser
// An on<event> property is one of the target's listeners, placed where it was first set: it runs
// before listeners added after that and after those added before; assigning another function keeps
// its place, and setting it to null removes it (HTML's event handler attributes).
const button = document.createElement('button');
button.addEventListener('click', () => console.log('click listener added first'));
button.onclick = () => console.log('onclick');
button.addEventListener('click', () => console.log('click listener added second'));
button.click();
button.onclick = () => console.log('onclick replaced, same place');
button.click();
button.onclick = null;
button.addEventListener('click', () => console.log('click listener added third'));
button.onclick = () => console.log('onclick set again, now last');
button.click();

window.onerror = (message) => {
  console.log('onerror first:', message);
};
window.addEventListener('error', (event) => console.log('error listener:', event.message));
setTimeout(() => {
  throw new Error('from a timer');
}, 0);

window.addEventListener('load', () => console.log('load listener'));
window.onload = () => console.log('onload after it');

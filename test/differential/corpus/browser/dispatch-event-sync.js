// models: browser
// dispatchEvent from script runs listeners synchronously; microtasks wait for the script to finish.
const button = document.createElement('button');
document.body.appendChild(button);
button.addEventListener('click', () => {
  console.log('listener 1');
  Promise.resolve().then(() => console.log('micro 1'));
});
button.addEventListener('click', () => {
  console.log('listener 2');
  Promise.resolve().then(() => console.log('micro 2'));
});
button.click();
console.log('after click()');

// models: browser
const target = document.createElement('div');
document.body.appendChild(target);
const observer = new MutationObserver((records) => {
  console.log('mutations:', records.length, records.map((r) => r.type).join(','));
});
observer.observe(target, { attributes: true, childList: true });
target.setAttribute('data-x', '1');
target.appendChild(document.createElement('span'));
Promise.resolve().then(() => console.log('promise queued after mutations'));
console.log('sync');

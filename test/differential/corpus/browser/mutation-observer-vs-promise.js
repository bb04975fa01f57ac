// models: browser
const node = document.createElement('p');
new MutationObserver(() => console.log('observer')).observe(node, { attributes: true });
Promise.resolve().then(() => console.log('promise 1'));
node.setAttribute('a', 'b');
Promise.resolve().then(() => console.log('promise 2'));

// models: browser
const target = new EventTarget();
target.addEventListener('ping', (e) => console.log('ping', e.type, e instanceof Event));
target.addEventListener('ping', () => console.log('once'), { once: true });
target.dispatchEvent(new Event('ping'));
target.dispatchEvent(new Event('ping'));
const custom = new CustomEvent('data', { detail: { n: 1 } });
target.addEventListener('data', (e) => console.log('detail', e.detail.n));
target.dispatchEvent(custom);

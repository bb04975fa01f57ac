// models: node node-esm node-legacy browser
const bad = { then(_res, rej) { rej(new Error('thenable rejected')); } };
(async () => {
  try { await bad; } catch (e) { console.log('caught', e.message); }
})();
Promise.resolve(bad).catch((e) => console.log('resolve(thenable) rejected', e.message));

// models: node node-esm browser
// A proxy of the global object lists the global's own names without calling Reflect.ownKeys or
// Object.getOwnPropertyNames: the prediction's own globals stay out of those lists too, whatever
// the handler (none, an ownKeys trap, a revocable proxy, a proxy of the proxy); a program's own
// globals that look like the prediction's are listed. A trap's this is the program's handler.
globalThis.__ll_cache = {};
const ours = (name) => typeof name === 'string' && (name.startsWith('__ll') || name.startsWith('__looplens'));
const plain = new Proxy(globalThis, {});
console.log(Reflect.ownKeys(plain).filter(ours), Object.getOwnPropertyNames(plain).filter(ours));
console.log(Object.keys(Object.getOwnPropertyDescriptors(plain)).filter(ours), Object.keys(plain).filter(ours));
console.log(Reflect.ownKeys(new Proxy(plain, {})).filter(ours));
const handler = {
  calls: 0,
  seen: [],
  ownKeys(target) {
    this.calls += 1;
    this.seen.push(this === handler);
    return Reflect.ownKeys(target).concat('extra');
  },
  getOwnPropertyDescriptor(target, key) {
    if (key === 'extra') this.seen.push(this === handler);
    return key === 'extra' ? { value: 1, configurable: true, enumerable: true } : Reflect.getOwnPropertyDescriptor(target, key);
  },
};
const trapped = new Proxy(globalThis, handler);
console.log(Reflect.ownKeys(trapped).filter((key) => ours(key) || key === 'extra'), handler.calls);
// Each trap runs with the program's handler as this.
console.log(Object.keys(trapped).includes('extra'), handler.seen);
const { proxy, revoke } = Proxy.revocable(globalThis, { ownKeys: (target) => Object.getOwnPropertyNames(target) });
console.log(Reflect.ownKeys(proxy).filter(ours), Reflect.ownKeys(proxy).length === Object.getOwnPropertyNames(globalThis).length);
revoke();
try {
  Reflect.ownKeys(proxy);
} catch (error) {
  console.log(error instanceof TypeError);
}
console.log(Reflect.ownKeys(plain).length === Reflect.ownKeys(globalThis).length, Object.getOwnPropertyNames(plain).includes('console'));

// A program's own globals whose names look like the prediction's (`__ll_*`, `__looplens*`) are
// listed like any other global: only the prediction's own globals are left out of the listings.
// `global` and `var`, not globalThis, which Node 10 does not have.
global.__ll_cache = {};
global.__looplensLike = 1;
var __looplens_count = 1;
const ours = (name) => typeof name === 'string' && (name.startsWith('__ll') || name.startsWith('__looplens'));
console.log(Object.getOwnPropertyNames(global).filter(ours));
console.log(Reflect.ownKeys(global).filter(ours));
console.log(Object.keys(Object.getOwnPropertyDescriptors(global)).filter(ours));
console.log(Object.keys(global).filter(ours), '__ll_cache' in global);

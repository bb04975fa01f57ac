// models: browser
// A script's own globals whose names look like the prediction's (`__ll_*`, `__looplens*`) are
// listed like any other global, in Chromium's order after the window's own names.
window.__ll_cache = {};
var __looplens_count = 1;
function __ll_helper() {}
const ours = (name) => typeof name === 'string' && (name.startsWith('__ll') || name.startsWith('__looplens'));
console.log(Object.getOwnPropertyNames(globalThis).filter(ours));
console.log(Reflect.ownKeys(window).filter(ours), Object.keys(window).filter(ours));

// models: node node-esm
const e = new RangeError('out of range');
console.log(e.message, e.name, String(e));
console.log({ error: e.message });
console.log(Object.prototype.toString.call(e));

// Map and Set iterators print the entries they still hold, as Node's util.inspect and Chromium's
// console show them, and the tracking that makes this possible leaves the built-ins looking native.
const m = new Map([[1, { a: 1 }], ['k', 2]]);
console.log(m.keys(), m.values(), m.entries(), m[Symbol.iterator]());
const s = new Set([1, 'two']);
console.log(s.values(), s.keys(), s.entries());
const it = s.values(); it.next(); console.log(it); it.next(); console.log(it); it.next(); console.log(it);
console.log([1, 2].entries(), Map.prototype.entries === Map.prototype[Symbol.iterator], Set.prototype.keys === Set.prototype.values);
console.log(String(Map.prototype.keys), Map.prototype.keys.name, Map.prototype.keys.length, String(Set.prototype[Symbol.iterator]), Object.getPrototypeOf(m.keys()).next.name);
console.log([...m.keys()], [...s], Array.from(m));
const big = new Map(Array.from({ length: 120 }, (_, i) => [i, i]));
console.log(big.keys());
for (const [k, v] of m) console.log(k, v);
console.log({ it: m.values() }, [s.entries()]);

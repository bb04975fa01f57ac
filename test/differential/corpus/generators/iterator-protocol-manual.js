// models: node node-esm node-legacy browser
const range = {
  from: 1,
  to: 4,
  [Symbol.iterator]() {
    let current = this.from;
    const last = this.to;
    return {
      next: () => (current <= last ? { value: current++, done: false } : { value: undefined, done: true }),
      return: () => { console.log('iterator closed'); return { done: true }; },
    };
  },
};
for (const n of range) {
  if (n === 3) break;
  console.log(n);
}
console.log(Array.from(range));

console.log({ a: 1, b: 'two', c: [3, 4], d: { e: null } });
console.log([1, 'two', { three: 3 }, [4, [5, [6, [7]]]]]);
console.log({ nested: { deeper: { deepest: { tooDeep: { x: 1 } } } } });
console.log([]);
console.log({});
console.log([undefined, null, , 4]);

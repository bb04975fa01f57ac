// models: node node-esm
console.group('Group');
console.log('inside');
console.group();
console.log('deeper');
console.groupEnd();
console.groupEnd();
console.log('outside');
console.count();
console.count('x');
console.count();
console.countReset();
console.count();
console.assert(1 === 1, 'not printed');
console.assert(false, 'assertion message');
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.table([{ a: 1, b: 2 }, { a: 3, b: 4 }]);

// models: node node-esm node-legacy
process.nextTick((a, b, c) => console.log('args', a, b, c), 1, 'two', [3]);
console.log('sync');

console.log('string', 42, -0, 0, 1.5, NaN, Infinity, true, null, undefined);
console.log(10n, Symbol('sym'), Symbol.iterator);
console.log('');
console.log();

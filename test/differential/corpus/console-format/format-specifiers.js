console.log('%s is %d years and %i days', 'Bob', 42.5, 7.9);
console.log('%f', '3.25');
console.log('%j', { a: 1 });
console.log('%o', [1, { b: 2 }]);
console.log('%O', { c: 3 });
console.log('100%% sure', 'extra', 1);
console.log('%c styled', 'color: red');
console.log('%s', null, undefined, { x: 1 });

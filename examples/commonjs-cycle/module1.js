// The seed's CommonJS cycle (entry): module2 requires module1 while module1 is still loading and sees only { a: 1 }.
exports.a = 1;
require('./module2');
exports.b = 2;
exports.c = 3;

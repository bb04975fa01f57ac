// models: browser
var declared = 'var on window';
let scoped = 'let not on window';
console.log(window.declared, window.scoped, typeof window, this === window);
console.log(typeof document, typeof require, typeof setImmediate);

// models: browser
// Chromium leaves the column list of console.table out of the message text when the data is an
// object, and shows every argument when it is not.
console.table({ r1: { c: 1 }, r2: { c: 2 } }, ['c']);
console.table([1, 2], ['a'], 'extra');
console.table('text', 5);
console.table();
console.table(5);

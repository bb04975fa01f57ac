// Locale-sensitive built-ins print what V8 and its ICU print: localeCompare (and sorting with it),
// numbers, bigints and dates with toLocaleString, with the default locale and with explicit ones.
const names = ['émile', 'Zoë', 'adam', 'Bea', 'zack', 'Åsa'];
console.log([...names].sort((a, b) => a.localeCompare(b)));
console.log('a'.localeCompare('B'), 'b'.localeCompare('a'), 'a'.localeCompare('a'), 'ä'.localeCompare('z', 'de'), 'ä'.localeCompare('z', 'sv'));
console.log('a'.localeCompare('A', undefined, { sensitivity: 'base' }), '10'.localeCompare('9', undefined, { numeric: true }));
console.log((1234567.891).toLocaleString(), (0.5).toLocaleString('de-DE'), (-0).toLocaleString(), NaN.toLocaleString());
console.log((1234.5).toLocaleString('en-US', { style: 'currency', currency: 'EUR' }), (0.256).toLocaleString(undefined, { style: 'percent' }));
console.log(12345678901234567890n.toLocaleString(), 12345n.toLocaleString('de-DE'));
const date = new Date(Date.UTC(2024, 1, 29, 13, 5, 9));
console.log(date.toLocaleDateString('en-US', { timeZone: 'UTC' }), date.toLocaleTimeString('en-US', { timeZone: 'UTC' }));
console.log(date.toLocaleString('en-GB', { timeZone: 'UTC' }), date.toLocaleString('de-DE', { timeZone: 'UTC', dateStyle: 'full' }));
console.log(new Date(NaN).toLocaleString(), [1234.5, date].toLocaleString('en-US', { timeZone: 'UTC' }));
try {
  (1).toLocaleString('not a locale!');
} catch (error) {
  console.log(error.name, error.message);
}
console.log(String.prototype.localeCompare.name, String.prototype.localeCompare.length, String(Number.prototype.toLocaleString));
// A long sort with options (one collator per locales and options, as V8 keeps one; 1,000 items: 3,000
// came within a loaded machine's 2 s CPU budget), and a program
// that replaced JSON before asking for a locale string.
const many = Array.from({ length: 1000 }, (_, i) => `Item ${(i * 7919) % 1000}`);
many.sort((a, b) => a.localeCompare(b, 'de', { sensitivity: 'base', numeric: true }));
console.log(many.slice(0, 3), many.slice(-2));
const realStringify = JSON.stringify;
JSON.stringify = () => 'replaced';
console.log((1234.5).toLocaleString('en-US'), 'a'.localeCompare('b'));
JSON.stringify = realStringify;

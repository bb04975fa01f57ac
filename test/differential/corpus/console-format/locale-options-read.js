// Locale options are read as V8 reads them: inherited options count, getters run in ECMA-402's
// order and as often as V8 runs them, proxies see each read, and bad locales or options throw
// V8's own errors.
console.log((0.5).toLocaleString(undefined, Object.create({ style: 'percent' })));
console.log((1234.5).toLocaleString('de-DE', Object.create({ style: 'currency', currency: 'EUR' })));
const reads = [];
const watched = {
  get style() { reads.push('style'); return 'percent'; },
  get maximumFractionDigits() { reads.push('maximumFractionDigits'); return 1; },
  get useGrouping() { reads.push('useGrouping'); return false; },
  get localeMatcher() { reads.push('localeMatcher'); return 'best fit'; },
};
console.log((0.12345).toLocaleString('en-US', watched), reads.join(' '));
const proxyReads = [];
const proxy = new Proxy({ sensitivity: 'base' }, { get(target, key) { proxyReads.push(String(key)); return target[key]; } });
console.log('a'.localeCompare('A', undefined, proxy), proxyReads.join(' '));
const converted = { style: { toString() { console.log('toString of style'); return 'percent'; } }, maximumFractionDigits: { valueOf() { console.log('valueOf of digits'); return 2; } } };
console.log((0.12345).toLocaleString('en-US', converted));
for (const [label, run] of [
  ['null locales', () => (1).toLocaleString(null)],
  ['null options', () => (1).toLocaleString(undefined, null)],
  ['number locales', () => (1234).toLocaleString(5)],
  ['string options', () => (1234).toLocaleString('en-US', 'percent')],
  ['null in list', () => (1).toLocaleString([null])],
  ['number in list', () => (1).toLocaleString([1])],
  ['bad style', () => (1).toLocaleString(undefined, { style: 'x' })],
  ['bad getter', () => (1).toLocaleString(undefined, { get style() { throw new Error('from the getter'); } })],
  ['compare null locales', () => 'a'.localeCompare('b', null)],
  ['compare null options', () => 'a'.localeCompare('b', undefined, null)],
  ['array-like locales', () => (1234.5).toLocaleString({ length: 1, 0: 'de-DE' })],
  ['locale object', () => (1234.5).toLocaleString([{ toString() { return 'de-DE'; } }])],
]) {
  try {
    console.log(label, run());
  } catch (error) {
    console.log(label, error.name, error.message);
  }
}
// Options that are not plain data of a kind JSON carries (NaN, Infinity) still reach V8 as numbers.
for (const digits of [NaN, Infinity, -0]) {
  try {
    console.log('digits', (1.25).toLocaleString('en-US', { maximumFractionDigits: digits }));
  } catch (error) {
    console.log('digits', error.name, error.message);
  }
}

// A Symbol or BigInt option: V8's ToString/ToNumber throw a TypeError (QuickJS's conversions would not, or in other words).
for (const options of [{ style: Symbol('s') }, { maximumFractionDigits: 1n }, { minimumFractionDigits: Symbol('m') }, { currencyDisplay: 2n }]) {
  try { console.log((1.5).toLocaleString('en', options)); } catch (error) { console.log(error.name, error.message); }
}

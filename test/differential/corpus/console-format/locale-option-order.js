// The order in which each locale operation reads its options, seen through a proxy: Node 20's V8
// and Chromium's newer V8 differ (Node reads date options twice, Chromium once; the number options
// are read in another order), and each model must read as its own runtime does.
function watched(values = {}) {
  const reads = [];
  const options = new Proxy(values, { get(target, key) { reads.push(String(key)); return target[key]; } });
  return { options, reads };
}
const date = new Date(Date.UTC(2024, 1, 29, 13, 5));
const operations = [
  ['number', (o) => (1234.5).toLocaleString('en-US', o), { maximumFractionDigits: 1 }],
  ['bigint', (o) => (12345n).toLocaleString('en-US', o), {}],
  ['NumberFormat', (o) => new Intl.NumberFormat('en-US', o).format(0.5), { style: 'percent' }],
  ['PluralRules', (o) => new Intl.PluralRules('en-US', o).select(2), { type: 'ordinal' }],
  ['Collator', (o) => new Intl.Collator('en', o).compare('a', 'B'), {}],
  ['RelativeTimeFormat', (o) => new Intl.RelativeTimeFormat('en', o).format(-1, 'day'), { numeric: 'auto' }],
  ['ListFormat', (o) => new Intl.ListFormat('en', o).format(['a', 'b']), {}],
  ['DateTimeFormat', (o) => new Intl.DateTimeFormat('en-US', o).format(date), { timeZone: 'UTC', year: 'numeric' }],
  ['toLocaleString', (o) => date.toLocaleString('en-US', o), { timeZone: 'UTC' }],
  ['toLocaleDateString', (o) => date.toLocaleDateString('en-US', o), { timeZone: 'UTC', month: 'long' }],
  ['toLocaleTimeString', (o) => date.toLocaleTimeString('en-US', o), { timeZone: 'UTC', hour: 'numeric' }],
];
for (const [name, run, values] of operations) {
  const { options, reads } = watched(values);
  console.log(name, run(options), reads.length, reads.join(' '));
}
for (const [name, run] of [
  ['date null options', () => date.toLocaleDateString('en-US', null)],
  ['DateTimeFormat null options', () => new Intl.DateTimeFormat('en-US', null)],
]) {
  try {
    console.log(name, run());
  } catch (error) {
    console.log(name, error.name, error.message);
  }
}

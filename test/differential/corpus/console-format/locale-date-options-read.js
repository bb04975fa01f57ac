// models: node node-esm
// Date options as Node 20's V8 reads them: ToDateTimeOptions first (which toLocaleDateString and
// toLocaleTimeString call with other defaults), then the DateTimeFormat's own reads, so a proxy sees
// many properties twice. Node only: Chromium's newer V8 reads them once (locale-option-order.js
// checks that order for both), and its newer ICU puts thin spaces around a date range's dash, which
// the host's ICU does not.
for (const method of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
  const reads = [];
  const options = new Proxy({ timeZone: 'UTC', year: 'numeric' }, { get(target, key) { reads.push(String(key)); return target[key]; } });
  console.log(method, new Date(Date.UTC(2024, 1, 29, 13, 5))[method]('en-US', options), reads.length, reads.join(' '));
}
const inherited = Object.create({ timeZone: 'UTC', dateStyle: 'full' });
console.log(new Date(Date.UTC(2024, 1, 29, 13, 5)).toLocaleString('en-GB', inherited));
try {
  new Date(0).toLocaleString(undefined, null);
} catch (error) {
  console.log(error.name, error.message);
}
console.log(Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).formatRange(new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(2024, 2, 3))));

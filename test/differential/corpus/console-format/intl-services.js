// The Intl services, answered by V8's ICU: formatting, parts, resolved options, supported locales,
// what console.log prints for the objects, and V8's errors.
const number = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
console.log(number.format(1234.5), number.format(12345678901234567890n), number.format('1234.125'), number.formatToParts(-1.5));
console.log(number.resolvedOptions().currency, number.format === number.format, [1, 2.5, 3].map(new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format));
console.log(new Intl.NumberFormat('en', { notation: 'compact' }).format(1234567), new Intl.NumberFormat('en').formatRange(3, 5));
const date = new Date(Date.UTC(2024, 1, 29, 13, 5, 9));
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' });
console.log(dateFormat.format(date), dateFormat.formatToParts(date).map((part) => part.type).join(','));
const collator = new Intl.Collator('de', { sensitivity: 'base' });
console.log(['Zoë', 'adam', 'Äsa', 'zack'].sort(collator.compare), collator.compare('a', 'A'), collator.resolvedOptions().sensitivity);
const plural = new Intl.PluralRules('en-US', { type: 'ordinal' });
console.log([1, 2, 3, 4, 11, 21].map((n) => plural.select(n)), new Intl.PluralRules('ar').select(2));
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
console.log(relative.format(-1, 'day'), relative.format(3, 'weeks'), relative.formatToParts(2, 'hour'));
const list = new Intl.ListFormat('en', { type: 'disjunction' });
console.log(list.format(['tea', 'coffee', 'juice']), new Intl.ListFormat('de').format(new Set(['a', 'b'])), new Intl.ListFormat('en').formatToParts('xy'));
console.log(Intl.NumberFormat.supportedLocalesOf(['de', 'fr-CA']), Intl.getCanonicalLocales(['EN-us', 'de']));
console.log(number, collator, plural, relative, list, typeof Intl, Object.prototype.toString.call(plural));
console.log({ number }, Intl.NumberFormat, String(Intl.Collator), Intl.PluralRules.length, Intl.NumberFormat.prototype.formatToParts.length);
class Money extends Intl.NumberFormat {
  constructor() {
    super('en-US', { style: 'currency', currency: 'USD' });
  }
}
const money = new Money();
console.log(money.format(9.5), money instanceof Intl.NumberFormat, money);
for (const [label, run] of [
  ['no new', () => Intl.PluralRules()],
  ['bad receiver', () => Intl.NumberFormat.prototype.formatToParts.call({}, 1)],
  ['bad getter receiver', () => Object.getOwnPropertyDescriptor(Intl.Collator.prototype, 'compare').get.call(1)],
  ['bad unit', () => relative.format(1, 'eons')],
  ['not a string', () => list.format(['a', 1])],
  ['bad option', () => new Intl.NumberFormat('en', { style: 'money' })],
  ['bad locale', () => new Intl.Collator('not a locale!')],
  ['callable', () => Intl.Collator('en').compare('a', 'b')],
]) {
  try {
    console.log(label, run());
  } catch (error) {
    console.log(label, error.name, error.message);
  }
}

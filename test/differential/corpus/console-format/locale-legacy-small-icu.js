// models: node-legacy
// Node 10's official build has English ICU data only (small-icu): every locale falls back to
// English, but the locale list is still checked first (a malformed tag is a RangeError in Node 10's
// words), and supportedLocalesOf keeps only the tags English data answers for.
const attempt = (label, operation) => {
  try {
    console.log(label, JSON.stringify(operation()));
  } catch (error) {
    console.log(label, error.name, error.message);
  }
};
attempt('malformed tag', () => (1).toLocaleString('bad_tag!'));
attempt('malformed second tag', () => (1).toLocaleString(['en', 'x_y']));
attempt('empty tag', () => (1).toLocaleString(''));
attempt('number element', () => (1).toLocaleString([5]));
attempt('German number', () => (1234.5).toLocaleString('de-DE'));
attempt('German date', () => new Date(0).toLocaleDateString('de-DE', { timeZone: 'UTC' }));
attempt('malformed date tag', () => new Date(0).toLocaleString('x_y', { timeZone: 'UTC' }));
attempt('compare with a malformed tag', () => 'a'.localeCompare('b', 'bad_tag!'));
attempt('NumberFormat supports de', () => Intl.NumberFormat.supportedLocalesOf(['de']));
attempt('NumberFormat supports', () => Intl.NumberFormat.supportedLocalesOf(['en-US', 'de', 'EN-gb', 'en-Latn-US', 'enx', 'en']));
attempt('DateTimeFormat supports a string', () => Intl.DateTimeFormat.supportedLocalesOf('de-DE'));
attempt('Collator supports', () => Intl.Collator.supportedLocalesOf(['de', 'en-US']));
attempt('supportedLocalesOf with a malformed tag', () => Intl.PluralRules.supportedLocalesOf(['en', 'bad_tag!']));
attempt('resolved German', () => new Intl.NumberFormat('de').resolvedOptions().locale);
attempt('resolved en-GB', () => new Intl.DateTimeFormat('en-GB').resolvedOptions().locale);
attempt('malformed formatter tag', () => new Intl.DateTimeFormat('x_y'));
attempt('canonical', () => Intl.getCanonicalLocales(['EN-us', 'de']));

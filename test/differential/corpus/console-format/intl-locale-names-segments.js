// Intl.Locale, Intl.DisplayNames and Intl.Segmenter, answered by the same ICU a real run uses:
// a locale's parts, maximize/minimize and print form; display names of regions, languages and
// currencies; grapheme, word and sentence segments, `containing`, and the objects' shapes.
const locale = new Intl.Locale('en-Latn-US', { calendar: 'gregory', hourCycle: 'h12' });
console.log(locale, String(locale), JSON.stringify(locale), locale instanceof Intl.Locale);
console.log(locale.baseName, locale.language, locale.script, locale.region, locale.calendar, locale.hourCycle, locale.numeric, locale.caseFirst);
console.log(new Intl.Locale('zh').maximize().toString(), new Intl.Locale('zh-Hans-CN').minimize().toString(), new Intl.Locale(locale).toString());
// Without 'variants', the one name whose place in the list differs between Chromium 150 and 156
// (the model lists it where Chromium 156 does): the rest of the list is the same in both.
console.log(Object.getOwnPropertyNames(Intl.Locale.prototype).filter((name) => name !== 'variants').join(' '), Intl.Locale.length);
// Node 20 has list getters (calendars, weekInfo); Chromium has methods in their place.
const listed = (name) => (typeof locale[`get${name[0].toUpperCase()}${name.slice(1)}`] === 'function' ? locale[`get${name[0].toUpperCase()}${name.slice(1)}`]() : locale[name]);
console.log(listed('calendars'), listed('hourCycles'), listed('textInfo'), listed('weekInfo'), listed('timeZones'));
console.log(new Intl.Locale('ca-ES-valencia').variants, new Intl.Locale('de-u-co-phonebk-kn').collation, new Intl.Locale('de-u-co-phonebk-kn').numeric);
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
console.log(regions, regions.of('US'), regions.of('DE'), regions.resolvedOptions());
console.log(new Intl.DisplayNames('de', { type: 'language' }).of('fr'), new Intl.DisplayNames('en', { type: 'currency' }).of('JPY'));
console.log(new Intl.DisplayNames(new Intl.Locale('fr'), { type: 'region' }).of('JP'));
const words = new Intl.Segmenter('en', { granularity: 'word' });
const segments = words.segment('Hello, world! Déjà vu.');
console.log(words, segments, Object.prototype.toString.call(segments[Symbol.iterator]()));
console.log([...segments].filter((part) => part.isWordLike).map((part) => `${part.index}:${part.segment}`).join(' '));
console.log(segments.containing(3), segments.containing(100));
console.log([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment('e\u0301a\u0308o')].map((part) => part.segment));
for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'sentence' }).segment('Hi there. How are you? Fine.')) {
  console.log(index, JSON.stringify(segment));
}
console.log(words.resolvedOptions(), Intl.Segmenter.supportedLocalesOf(['en', 'de']));
for (const make of [() => new Intl.Locale(''), () => new Intl.Locale('x_y'), () => Intl.Locale('en'), () => new Intl.DisplayNames('en'), () => Intl.Segmenter.prototype.segment.call({}, 'x')]) {
  try {
    make();
  } catch (error) {
    console.log(error.name, error.message);
  }
}

// models: node node-esm node-legacy browser
// toLocaleUpperCase and toLocaleLowerCase with a locale: Turkish, Azeri and Lithuanian case their
// i's their own way (ICU special casing, also in Node 10's small-icu build); the locale list is
// checked as the other locale methods check it.
const t = (l, f) => { try { console.log(l, JSON.stringify(f())); } catch (e) { console.log(l, e.name, e.message); } };
t('tr upper', () => 'istanbul iı'.toLocaleUpperCase('tr'));
t('tr lower', () => 'İSTANBUL IÍ'.toLocaleLowerCase('tr-TR'));
t('az upper', () => 'i'.toLocaleUpperCase(['az', 'en']));
t('lt lower', () => 'Ì'.toLocaleLowerCase('lt'));
t('de upper', () => 'straße'.toLocaleUpperCase('de'));
t('no arg', () => 'i'.toLocaleUpperCase());
t('bad tag', () => 'i'.toLocaleUpperCase('x_y'));
t('null', () => 'i'.toLocaleUpperCase(null));
t('empty list', () => 'i'.toLocaleUpperCase([]));
t('on null', () => String.prototype.toLocaleUpperCase.call(null, 'tr'));
t('on number', () => String.prototype.toLocaleLowerCase.call(12, 'tr'));
t('length', () => [String.prototype.toLocaleUpperCase.length, String.prototype.toLocaleLowerCase.name]);

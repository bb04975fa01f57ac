// A strict compound write (`+=`, `++`, `--`) to a property of a primitive fails as the plain write
// does, naming the primitive; a compound write through undefined or null names a literal key.
'use strict';
const text = 'abc';
const count = 5;
const nothing = undefined;
const attempts = [
  () => { text.length = 1; },
  () => { text.length += 1; },
  () => { text[0] = 'x'; },
  () => { text[0] += 'x'; },
  () => { text.extra += 1; },
  () => { text.length++; },
  () => { --text[1]; },
  () => { count.x = 1; },
  () => { count.x += 1; },
  () => { count['y'] ||= 2; },
  () => { true.flag ??= 1; },
  () => { 'literal'.length -= 1; },
  () => { nothing[0]; },
  () => { nothing['key'] += 1; },
  () => { null[0]++; },
  () => { --nothing[2]; },
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log('no error');
  } catch (error) {
    console.log(error.constructor.name, error.message);
  }
}

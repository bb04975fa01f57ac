// A strict write to a getter-only property names the receiver whatever the assigned value is: a
// literal, a name, an expression or a call (QuickJS places the error at a computed value).
'use strict';
const value = 2;
const make = () => value;
const gauge = { get level() { return 1; } };
class Meter { get reading() { return 0; } }
const meter = new Meter();
const attempts = [
  () => { gauge.level = 2; },
  () => { gauge.level = value; },
  () => { gauge.level = value + 1; },
  () => { gauge['level'] = make(); },
  () => { meter.reading = { value }; },
  () => { const other = {}; other.note = 1; meter.reading = value; },
];
for (const attempt of attempts) {
  try {
    attempt();
  } catch (error) {
    console.log(error.constructor.name, error.message);
  }
}

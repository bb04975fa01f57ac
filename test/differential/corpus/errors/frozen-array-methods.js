'use strict';
// Array methods on frozen, sealed and non-extensible arrays: V8 names the index it could not add or
// delete, which depends on the array's length and the call's arguments, and calls the receiver
// [object Array].
const attempt = (label, change) => {
  try {
    const result = change();
    console.log(label, 'returned', result);
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const make = (how, length) => Object[how](Array.from({ length }, (_, index) => index * 10));
for (const how of ['freeze', 'seal', 'preventExtensions']) {
  const scores = make(how, 3);
  attempt(`${how}: push one`, () => scores.push(40));
  attempt(`${how}: push two`, () => scores.push(40, 50));
  attempt(`${how}: push nothing`, () => scores.push());
  attempt(`${how}: pop`, () => scores.pop());
  attempt(`${how}: shift`, () => scores.shift());
  attempt(`${how}: shift a single element`, () => make(how, 1).shift());
  attempt(`${how}: unshift one`, () => scores.unshift(-10));
  attempt(`${how}: unshift two`, () => scores.unshift(-20, -10));
  attempt(`${how}: unshift into an empty array`, () => make(how, 0).unshift(1));
  attempt(`${how}: splice in`, () => scores.splice(1, 0, 15));
  attempt(`${how}: splice out`, () => scores.splice(1, 1));
  attempt(`${how}: splice the last`, () => scores.splice(2, 1));
  attempt(`${how}: reverse`, () => scores.reverse());
  attempt(`${how}: fill`, () => scores.fill(0));
  console.log(how, scores);
}

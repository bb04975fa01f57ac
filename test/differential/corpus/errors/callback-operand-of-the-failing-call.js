// A value passed to a method named like an array method (`db.find(query)`) must not show up in the
// message of a later call that fails for another reason, and a Set's or Map's forEach prints its
// callback differently from an array's.
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const db = { find: (query) => query, filter: (rule) => rule, forEach: (visit) => visit };
const handlers = { onItem: 5, onEntry: 'log' };

attempt('a promise after a query', () => {
  db.find({ age: 1 });
  return new Promise(handlers.onItem);
});
attempt('Array.from after a key', () => {
  db.find('key');
  return Array.from([1], handlers.onItem);
});
attempt('Array.from with an object', () => Array.from([1, 2], handlers));
attempt('an array forEach', () => [1].forEach(handlers.onItem));
attempt('a Set forEach', () => new Set([1]).forEach(handlers.onItem));
attempt('a Map forEach', () => new Map([[1, 2]]).forEach(handlers.onEntry));
attempt('an empty Set forEach', () => new Set().forEach(handlers));
attempt('a filter after a rule', () => {
  db.filter(/x/);
  return [3].map(handlers.onEntry);
});
// Remembering a callback must not give an anonymous function or class a name.
class Probe extends Array {
  map(callback) {
    return JSON.stringify(callback.name);
  }
}
console.log('names', new Probe().map(function () {}), new Probe().map(() => 1), Probe.from([1], function () { return this; }).length);
console.log('instanceof', [] instanceof class {}, [] instanceof (function () {}));

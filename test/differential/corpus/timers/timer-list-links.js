// models: node
// Timers of equal duration share one TimersList; each new timer is linked right after the list
// head, and refresh() moves a timer to the newest end. What is linked to what is deterministic.
const name = (value) => (value === null ? 'null' : value.constructor.name);
const a = setTimeout(() => {}, 100);
const b = setTimeout(() => {}, 100);
const c = setTimeout(() => {}, 200);
const describe = (label, t) => console.log(label, name(t._idlePrev), name(t._idleNext),
  t._idlePrev === a, t._idlePrev === b, t._idleNext === a, t._idleNext === b, t._idleNext === t._idlePrev);
describe('a', a);
describe('b', b);
describe('c', c);
const list = a._idleNext;
console.log('list', list.msecs, list._idleNext === b, list._idlePrev === a, typeof list.expiry, typeof list.id);
a.refresh();
describe('a refreshed', a);
describe('b', b);
clearTimeout(b);
describe('a after b cleared', a);
console.log('one list per duration', a._idleNext === c._idleNext, a._idleNext.msecs, c._idleNext.msecs);
setTimeout(() => { describe('a ran', a); console.log('destroyed', a._destroyed, b._destroyed); }, 300);

// V8 words a destructuring failure after where the value comes from: a declaration's call names
// its callee, an assignment's array pattern prints the value's type, and a parameter pattern is
// named by position, with a left-out argument undefined and a literal printed by its type.
const attempt = (label, run) => {
  try {
    console.log(label, 'gave', run());
  } catch (error) {
    console.log(label, `${error.constructor.name}: ${error.message}`);
  }
};
const total = 7;
const lookup = () => 5;
const missing = () => null;
const store = { read: () => 5 };

attempt('a declaration from a call', () => {
  const [first] = lookup();
  return first;
});
attempt('a declaration from a call with arguments', () => {
  const [first] = missing(1, 'two');
  return first;
});
attempt('a declaration from new', () => {
  const [first] = new Object();
  return first;
});
attempt('a declaration from a method call', () => {
  const [first] = store.read();
  return first;
});
attempt('an object pattern from an empty call', () => {
  const { id } = missing();
  return id;
});
attempt('an assignment from a literal', () => {
  let first;
  [first] = 7;
  return first;
});
attempt('an assignment from a name', () => {
  let first;
  [first] = total;
  return first;
});
function second({ name }, { port }) {
  return name + port;
}
function single({ host }) {
  return host;
}
function pair([left]) {
  return left;
}
function anything({ ...rest }) {
  return rest;
}
attempt('the second parameter left out', () => second({ name: 'a' }));
attempt('a parameter given null', () => single(null));
attempt('an array parameter given a number', () => pair(5));
attempt('an array parameter left out', () => pair());
attempt('a rest pattern left out', () => anything());
function forward() {
  return single(null);
}
attempt('a parameter given null by a return', () => forward());

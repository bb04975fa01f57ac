// V8 places a failed destructuring at its pattern, where QuickJS places it at the start of the
// function it is in: an object pattern at its first property's target (the name of a shorthand or a
// rest, `b` in `{ a: b }`), or at the pattern when it is empty or its first key is computed; an array
// pattern of a declaration at the value, of an assignment at the `=`, and of a parameter at the
// parameter list; a pattern nested in another at its first property. The first frame's line and
// column show where (the directories differ between runs).
const where = (label, run) => {
  try {
    run();
  } catch (error) {
    const frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(`${label}: ${error.message} at ${frame ? frame[1] : '?'}`);
  }
};
function shorthand({ host }) {
  return host;
}
function renamed(first, { name: label }) {
  return first + label;
}
function listed(count, [head]) {
  return count + head;
}
const arrow = ({ port }) => port;
class Server {
  listen({ port, host }) {
    return `${host}:${port}`;
  }
}
where('a shorthand parameter', () => shorthand());
where('a renamed parameter', () => renamed(1, null));
where('an array parameter', () => listed(1, 5));
where('an arrow parameter', () => arrow());
where('a method parameter', () => new Server().listen());
where('a declaration', function declared() {
  const settings = undefined;
  const { verbose } = settings;
  return verbose;
});
where('an array declaration', function declaredArray() {
  const [first] = 5;
  return first;
});
where('an empty pattern', function empty() {
  const {} = null;
});
where('an array assignment', function assigned() {
  let first;
  [first] = 7;
  return first;
});
where('an object assignment', function assignedObject() {
  let size;
  ({ size } = null);
  return size;
});
where('a pattern over lines', function spread() {
  const {
    retries,
    timeout,
  } = undefined;
  return retries + timeout;
});
// A pattern nested in another over a missing value: V8 reads its first property from undefined or
// null, and places the failure at that property's target.
where('a nested pattern', function nested() {
  const { server: { port } } = {};
  return port;
});
where('a nested pattern over null', function nestedNull() {
  const { retry, server: { host = 'localhost' } } = { retry: 1, server: null };
  return retry + host;
});
where('a pattern in an array pattern', function inArray() {
  const [{ id }] = [];
  return id;
});

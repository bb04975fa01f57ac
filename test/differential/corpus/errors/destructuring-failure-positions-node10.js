// models: node-legacy
// Node 10's V8 (6.8) words a failed destructuring otherwise than Node 20's ("Cannot destructure
// property `a` of 'undefined' or 'null'.", "undefined is not a function" for an array parameter)
// and places it at the last position it recorded: a parameter's at the list's `(`, a declaration's
// at its value (or, over a literal at the start of a function's body, at the function's `(`), an
// assignment's object pattern at its statement's start, an array pattern at its value. The first
// frame's line and column show where (the directories differ between runs).
var where = function (label, run) {
  try {
    run();
  } catch (error) {
    var frame = /:(\d+:\d+)\)?$/.exec(error.stack.split('\n')[1]);
    console.log(label + ': ' + error.constructor.name + ': ' + error.message + ' at ' + (frame ? frame[1] : '?'));
  }
};
function connect({ host }) { return host; }
function label(prefix, { name: shown }) { return prefix + shown; }
function sum(count, [first]) { return count + first; }
function gather({ ...rest }) { return rest; }
const port = ({ port }) => port;
class Client {
  open({ url, retries }) { return url + retries; }
}
where('shorthand parameter', () => connect());
where('renamed parameter', () => label('x', null));
where('array parameter', () => sum(1, 2));
where('rest parameter', () => gather());
where('arrow parameter', () => port());
where('method parameter', () => new Client().open());
where('declaration over a name', function () { const options = undefined; const { verbose } = options; });
where('array declaration over a literal', function () { const [head] = 3; });
where('empty pattern first in its body', function () { const {} = null; });
where('array assignment over a literal', function () { let head; [head] = 9; });
where('object assignment statement', function () { let size; ({ size } = null); });
where('pattern over lines', function () {
  const {
    retries,
    timeout,
  } = undefined;
});
where('object pattern in an array pattern', function () { const [{ id }] = [null]; });
where('let', function () { let { a, b } = null; });
where('var', function () { var { a } = undefined; });
where('x =', function () { let a; let x; x = ({ a } = null); });
where('comma', function () { let a; 0, ({ a } = null); });
where('name value', function () { const v = null; const { a } = v; });
where('array name', function () { const v = 5; const [a] = v; });
where('array assign name', function () { const v = 5; let a; [a] = v; });
where('array obj', function () { const [a] = {}; });
where('array assign obj', function () { let a; [a] = {}; });
where('array param obj', function (x) { return (function ([a]) {})({}); });
where('arrow array', function () { return (([a]) => a)(5); });
where('rest', function () { const { ...r } = null; });
where('renamed', function () { const { a: b } = null; });
where('defaulted', function () { const { a = 1 } = null; });

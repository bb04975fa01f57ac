// The labelled corpus behind the precision/recall table of the analysis (issue 5, item 6).
// Each case is a small program; a line ending in `//! code [code...]` must carry a finding of that
// code (starting on that line), and every other finding of the case's family is a false positive.
// Cases without labels are harmless look-alikes. Families: `hoisting` (kinds tdz + hoisting),
// `imports` (circular-import) and `leaks` (leak). Many cases come from small generators that vary
// one thing at a time (declaration kind x access path, read site x export kind); the labels of the
// runtime-observable ones (TDZ throws, cycles that throw) are checked by running real node.

import { createRequire } from 'node:module';

const ts = createRequire(import.meta.url)('typescript');
/** The JavaScript node runs for a TypeScript case, as `tsc` would emit it. */
const compileTypeScript = (code) => ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;

const cases = [];
const add = (family, name, files, entry, extra = {}) => cases.push({ family, name, files, entry, ...extra });
const single = (family, name, code, extra) => add(family, name, { 'main.js': code }, 'main.js', extra);

// ---------------------------------------------------------------- hoisting / TDZ
const declarations = {
  let: { decl: 'let value = 42;', read: 'value', type: 'value', code: 'tdz-read-before-init' },
  const: { decl: 'const value = 42;', read: 'value', type: 'value', code: 'tdz-read-before-init' },
  class: { decl: 'class Value {}', read: 'Value.name', type: 'Value', code: 'tdz-class-before-declaration' },
};
const accessPaths = {
  direct: (r, c) => `console.log(${r}); //! ${c}`,
  template: (r, c) => `console.log(\`v=\${${r}}\`); //! ${c}`,
  typeof: (_r, _c, t) => `console.log(typeof ${t}); //! tdz-typeof`,
  call: (r) => `function show() {\n  return ${r};\n}\nshow(); //! tdz-call-before-init`,
  callChain: (r) => `function inner() {\n  return ${r};\n}\nfunction outer() {\n  return inner();\n}\nouter(); //! tdz-call-before-init`,
  arrowConst: (r) => `const read = () => ${r};\nread(); //! tdz-call-before-init`,
  forEach: (r) => `[1].forEach(() => console.log(${r})); //! tdz-call-before-init`,
  map: (r) => `const out = [1, 2].map((n) => n + String(${r})); //! tdz-call-before-init`,
  reduceNamed: (r) => `function add(sum, x) {\n  return sum + x + String(${r});\n}\n[1, 2].reduce(add, 0); //! tdz-call-before-init`,
  executor: (r) => `new Promise((resolve) => resolve(${r})); //! tdz-call-before-init`,
  iifeArrow: (r) => `(() => console.log(${r}))(); //! tdz-call-before-init`,
  iifeFunction: (r) => `(function () { console.log(${r}); })(); //! tdz-call-before-init`,
  callMethod: (r) => `function show() {\n  return ${r};\n}\nshow.call(null); //! tdz-call-before-init`,
  objectMethod: (r) => `const api = {\n  get() {\n    return ${r};\n  },\n};\napi.get(); //! tdz-call-before-init`,
  constructor: (r) => `class Reader {\n  constructor() {\n    this.v = ${r};\n  }\n}\nnew Reader(); //! tdz-call-before-init`,
};
for (const [kind, d] of Object.entries(declarations)) {
  for (const [pathName, make] of Object.entries(accessPaths)) {
    single('hoisting', `tdz-${kind}-${pathName}`, `${make(d.read, d.code, d.type)}\n${d.decl}\n`);
    // The look-alike: the same access after the declaration.
    if (['direct', 'call', 'forEach', 'executor', 'constructor', 'objectMethod'].includes(pathName)) {
      single('hoisting', `ok-${kind}-${pathName}-after`, `${d.decl}\n${make(d.read, '', d.type).replace(/ \/\/!.*$/m, '')}\n`);
    }
  }
}
// Static initialisers and extends run when the class is defined.
single('hoisting', 'tdz-static-initializer', 'class Holder {\n  static v = limit; //! tdz-read-before-init\n}\nconst limit = 3;\n');
single('hoisting', 'tdz-extends-later', 'class Dog extends Animal {} //! tdz-class-before-declaration\nclass Animal {}\n');
single('hoisting', 'tdz-own-initializer', 'let total = total + 1; //! tdz-read-before-init\n');
single('hoisting', 'tdz-destructuring-default', 'const { a = fallback } = {}; //! tdz-read-before-init\nconst fallback = 1;\n');
single('hoisting', 'tdz-in-function-body', 'function run() {\n  console.log(local); //! tdz-read-before-init\n  let local = 1;\n}\nrun();\n');
single('hoisting', 'tdz-in-uncalled-handler', 'function handler() {\n  console.log(count); //! tdz-read-before-init\n  let count = 1;\n}\nmodule.exports = handler;\n');
single('hoisting', 'tdz-in-deferred-callback', 'setTimeout(() => {\n  use(); //! tdz-call-before-init\n  const limit = 2;\n  function use() {\n    return limit;\n  }\n}, 0);\n');
single('hoisting', 'tdz-in-method', 'class Box {\n  open() {\n    return label; //! tdz-read-before-init\n    const label = "x";\n  }\n}\n');
single('hoisting', 'ok-closure-reads-later-module-binding', 'function make() {\n  const a = 1;\n  return () => a + later;\n}\nconst later = 1;\nconsole.log(make()());\n');
single('hoisting', 'tdz-default-param', 'function greet(greeting = name, name = "x") { //! tdz-default-param\n  return greeting + name;\n}\ngreet();\n');
single('hoisting', 'tdz-default-param-self', 'function size(n = n) { //! tdz-default-param\n  return n;\n}\nsize();\n');
// A default that reads a name bound later in the parameter list runs, and throws, only for a call
// that leaves that value out (or passes undefined); a call that passes it runs cleanly.
const defaultHazards = {
  laterElement: 'function f({ x = y, y = 2 } = {}) { //! tdz-default-param\n  return x + y;\n}\nf();',
  laterElementEmptyObject: 'function f({ x = y, y = 2 }) { //! tdz-default-param\n  return x + y;\n}\nf({});',
  arrayElementUndefined: 'function f([x = y, y = 2]) { //! tdz-default-param\n  return x + y;\n}\nf([undefined, 3]);',
  laterParameterFromPattern: 'const h = ({ x = y } = {}, y = 1) => x + y; //! tdz-default-param\nh({});',
  undefinedArgument: 'function g(a = b, b = 1) { //! tdz-default-param\n  return a + b;\n}\ng(undefined, 2);',
  calledAgainWithout: 'function g(a = b, b = 1) { //! tdz-default-param\n  return a + b;\n}\ng(1, 2);\ng();',
  constructorPattern: 'class Box {\n  constructor({ size = limit, limit = 10 } = {}) { //! tdz-default-param\n    this.size = size;\n  }\n}\nnew Box();',
};
for (const [site, code] of Object.entries(defaultHazards)) single('hoisting', `tdz-default-param-${site}`, `${code}\n`);
// A constructor's defaults run at `new`, with the arguments of the `new`.
const constructorDefault = 'class Item {\n  constructor(x = later) {\n    this.x = x;\n  }\n}\n';
single('hoisting', 'tdz-constructor-default-left-out', `${constructorDefault}new Item(); //! tdz-call-before-init\nconst later = 1;\n`);
single('hoisting', 'ok-constructor-default-given', `${constructorDefault}console.log(new Item(1).x);\nconst later = 1;\n`);
single('hoisting', 'ok-constructor-pattern-given', 'class Box {\n  constructor({ size = limit, limit = 10 } = {}) {\n    this.size = size;\n  }\n}\nconsole.log(new Box({ size: 3 }).size);\n');
single('hoisting', 'tdz-default-param-uncalled', 'function g(a = b, b = 1) { //! tdz-default-param\n  return a + b;\n}\nmodule.exports = g;\n');
single('hoisting', 'ok-default-param-all-given', 'function g(a = b, b = 1) {\n  return a + b;\n}\nconsole.log(g(1, 2));\n');
single('hoisting', 'ok-default-param-element-given', 'function f({ x = y, y = 2 } = {}) {\n  return x + y;\n}\nconsole.log(f({ x: 1 }));\n');
single('hoisting', 'ok-default-param-array-given', 'function f([x = y, y = 2]) {\n  return x + y;\n}\nconsole.log(f([1]));\n');
// The default reads a module binding still in its TDZ, but the call passes the argument.
single('hoisting', 'ok-default-param-given-later-binding', 'function f(a = later) {\n  return a;\n}\nconsole.log(f(1));\nconst later = 1;\n');
single('hoisting', 'tdz-default-param-later-binding-left-out', 'function f(a = later) {\n  return a;\n}\nf(1);\nf(); //! tdz-call-before-init\nconst later = 1;\n');
// Every call the file makes passes the argument, in a loop, a branch, a callback, a timer's extra
// arguments, a bound function, a `new` or an async call: node runs them cleanly, and a function
// walked on its own must not claim that nothing calls it so. A timer or a bound function that leaves
// the argument out throws (a warning: the walk does not follow when they run).
const laterDefault = 'function g(a = b, b = 1) {\n  return a + b;\n}\n';
const laterDefaultLabelled = laterDefault.replace('{\n', '{ //! tdz-default-param\n');
for (const [site, call] of Object.entries({
  loop: 'for (let i = 0; i < 3; i++) console.log(g(i));',
  branch: 'if (process.argv.length > 0) console.log(g(1));',
  timerCallback: 'setTimeout(() => console.log(g(1)), 0);',
  timerExtraArgument: 'setTimeout(g, 0, 5);',
  bound: 'console.log(g.bind(null, 5)());',
  asyncCatch: 'g(1).catch(() => {});',
})) single('hoisting', `ok-default-param-given-${site}`, `${site === 'asyncCatch' ? `async ${laterDefault}` : laterDefault}${call}\n`);
single('hoisting', 'ok-default-param-constructor-given', 'class P {\n  constructor(a = b, b = 1) {\n    this.sum = a + b;\n  }\n}\nconsole.log(new P(2, 3).sum);\n');
single('hoisting', 'tdz-default-param-timer-without-argument', `${laterDefaultLabelled}setTimeout(g, 0);\n`);
single('hoisting', 'tdz-default-param-bound-without-argument', `${laterDefaultLabelled}console.log(g.bind(null)());\n`);
// TypeScript's `this` parameter takes no argument: the call's first argument is the next parameter's.
// Node runs the compiled JavaScript (typescript's transpileModule, made here), which has no `this`.
const withCompiled = (name, code, extra) => add('hoisting', name, { 'main.ts': code, 'main.js': compileTypeScript(code) }, 'main.js', extra);
withCompiled('ok-default-param-this-parameter-element-given', 'function k(this: void, { x = y, y = 2 }: { x?: number; y?: number } = {}) {\n  return x;\n}\nconsole.log(k({ x: 1 }));\n');
withCompiled('ok-default-param-this-parameter-given', 'function h(this: void, a = b, b = 1) {\n  return a + b;\n}\nconsole.log(h(5));\n');
add('hoisting', 'tdz-default-param-this-parameter-left-out', { 'main.ts': 'function h(this: void, a = b, b = 1) { //! tdz-default-param\n  return a + b;\n}\nconsole.log(h());\n' }, null);
// A generator object kept in a variable runs its function's body when iterated or resumed.
const heldGenerator = 'function* numbers() {\n  yield limit;\n}\nconst it = numbers();\n';
single('hoisting', 'tdz-generator-object-spread', heldGenerator.replace('yield limit;', 'yield limit; //! tdz-read-before-init') + 'console.log([...it]);\nconst limit = 3;\n');
single('hoisting', 'tdz-generator-object-for-of', heldGenerator.replace('yield limit;', 'yield limit; //! tdz-read-before-init') + 'for (const n of it) console.log(n);\nconst limit = 3;\n');
single('hoisting', 'tdz-generator-object-next', `${heldGenerator}it.next(); //! tdz-call-before-init\nconst limit = 3;\n`);
single('hoisting', 'ok-generator-object-spread-after', `${heldGenerator}const limit = 3;\nconsole.log([...it]);\n`);
// A loop left in its first iteration ends the generator at its first yield (return()): the rest of
// its body does not run, but a finally block around that yield does.
const twoYields = 'function* numbers() {\n  yield 1;\n  yield limit;\n}\n';
single('hoisting', 'ok-generator-object-for-of-break-first', `${twoYields}const it = numbers();\nfor (const n of it) {\n  console.log(n);\n  break;\n}\nconst limit = 3;\n`);
single('hoisting', 'ok-generator-call-for-of-return-first', `${twoYields}function first() {\n  for (const n of numbers()) {\n    return n;\n  }\n}\nconsole.log(first());\nconst limit = 3;\n`);
single('hoisting', 'tdz-generator-finally-after-break', 'function* numbers() {\n  try {\n    yield 1;\n  } finally {\n    console.log(limit);\n  }\n}\nfor (const n of numbers()) { //! tdz-call-before-init\n  break;\n}\nconst limit = 3;\n');
// Which iterations a for-of body leaves the loop in: a body that never leaves it (a break of a switch
// or of an inner loop does not) runs the generator to its end (an error: node stops); a body whose
// first iteration certainly leaves (through both branches of an if, a nested block, `continue outer`;
// an inner loop's continue does not continue this one) ends it at its first yield; a continue that
// may run before the break may resume it (a warning; here it does, and node stops).
const loopOver = (body) => `${twoYields}for (const n of numbers()) {\n${body}\n}\nconst limit = 3;\n`;
const labelledLoopOver = (body) => loopOver(body).replace('for (const n of numbers()) {', 'for (const n of numbers()) { //! tdz-call-before-init');
single('hoisting', 'tdz-generator-for-of-drained', labelledLoopOver('  console.log(n);'), { severity: 'error' });
single('hoisting', 'tdz-generator-for-of-switch-break', labelledLoopOver('  switch (n) {\n    case 1:\n      break;\n  }'), { severity: 'error' });
single('hoisting', 'tdz-generator-for-of-inner-loop-break', labelledLoopOver('  for (const k of [1, 2]) {\n    if (k > n) break;\n  }'), { severity: 'error' });
single('hoisting', 'tdz-generator-for-of-continue-taken', labelledLoopOver('  if (n >= 1) continue;\n  break;'), { severity: 'warning' });
single('hoisting', 'ok-generator-for-of-inner-loop-continue', loopOver('  for (const k of [1, 2]) {\n    if (k > n) continue;\n  }\n  break;'));
single('hoisting', 'ok-generator-for-of-both-branches-leave', loopOver('  if (n === 1) {\n    console.log(n);\n    break;\n  } else {\n    break;\n  }'));
single('hoisting', 'ok-generator-for-of-nested-block-break', loopOver('  {\n    console.log(n);\n    break;\n  }'));
single('hoisting', 'ok-generator-for-of-continue-outer', `${twoYields}outer: for (const round of [1]) {\n  for (const n of numbers()) {\n    console.log(round, n);\n    continue outer;\n  }\n}\nconst limit = 3;\n`);
// A body that yields or awaits (the rest of the loop runs only if the generator's consumer asks again,
// or after the caller has gone on) or may call process.exit() may never come back to the loop: the
// generator it iterates may stop at any yield (a warning; node runs on in these programs).
const yieldingLoop = `${twoYields}function* doubled() {\n  for (const n of numbers()) yield n * 2;\n}\n`;
single('hoisting', 'tdz-generator-for-of-body-yields-next-once', `${yieldingLoop}const it = doubled();\nconsole.log(it.next().value); //! tdz-call-before-init\nconst limit = 3;\n`, { severity: 'warning' });
single('hoisting', 'tdz-generator-for-of-body-yields-consumer-breaks', `${yieldingLoop}for (const d of doubled()) { //! tdz-call-before-init\n  console.log(d);\n  break;\n}\nconst limit = 3;\n`, { severity: 'warning' });
single('hoisting', 'tdz-generator-for-of-body-awaits', `${twoYields}async function run() {\n  for (const n of numbers()) {\n    await null;\n    console.log(n);\n  }\n}\nrun(); //! tdz-call-before-init\nconst limit = 3;\n`, { severity: 'warning' });
single('hoisting', 'tdz-generator-for-of-body-may-exit', labelledLoopOver('  if (n === 1) process.exit(0);'), { severity: 'warning' });
// Spread to its end, the yielding generator runs the one it iterates to its end too (node stops).
single('hoisting', 'tdz-generator-for-of-body-yields-spread', `${yieldingLoop.replace('yield n * 2;', 'yield n * 2; //! tdz-call-before-init')}console.log([...doubled()]);\nconst limit = 3;\n`);
single('hoisting', 'ok-generator-for-of-body-yields-after', `${yieldingLoop}const limit = 3;\nconsole.log([...doubled()]);\n`);
single('hoisting', 'ok-generator-object-reassigned', heldGenerator.replace('const it', 'let it') + 'it = [1];\nconsole.log([...it]);\nconst limit = 3;\n');
// dispatchEvent runs an EventTarget's listeners synchronously; Node throws a listener's error again
// on the next tick, so a try around the call does not catch it (the process stops: exit 1).
const eventTarget = "const target = new EventTarget();\ntarget.addEventListener('ping', () => console.log(label));\n";
single('hoisting', 'tdz-event-target-dispatch', `${eventTarget}target.dispatchEvent(new Event('ping')); //! tdz-call-before-init\nconst label = 'x';\n`);
single('hoisting', 'tdz-event-target-dispatch-in-try', `${eventTarget}try {\n  target.dispatchEvent(new Event('ping')); //! tdz-call-before-init\n} catch (error) {\n  console.error(error);\n}\nconst label = 'x';\n`);
single('hoisting', 'ok-event-target-dispatch-after', `${eventTarget}const label = 'x';\ntarget.dispatchEvent(new Event('ping'));\n`);
single('hoisting', 'ok-event-target-other-event', `${eventTarget}target.dispatchEvent(new Event('pong'));\nconst label = 'x';\n`);
single('hoisting', 'ok-event-target-listener-removed', "const target = new EventTarget();\nconst listener = () => console.log(label);\ntarget.addEventListener('ping', listener);\ntarget.removeEventListener('ping', listener);\ntarget.dispatchEvent(new Event('ping'));\nconst label = 'x';\n");
single('hoisting', 'ok-event-target-once-dispatched-after', "const target = new EventTarget();\ntarget.addEventListener('ping', () => console.log(label), { once: true });\nconst label = 'x';\ntarget.dispatchEvent(new Event('ping'));\ntarget.dispatchEvent(new Event('ping'));\n");
// A listener added with an AbortController's signal is removed by abort(): a dispatch after a certain
// abort runs nothing; one before it, or after an abort that may not run, still runs the listener.
const signalListener = "const target = new EventTarget();\nconst controller = new AbortController();\ntarget.addEventListener('ping', () => console.log(label), { signal: controller.signal });\n";
single('hoisting', 'ok-event-target-signal-aborted', `${signalListener}controller.abort();\ntarget.dispatchEvent(new Event('ping'));\nconst label = 'x';\n`);
single('hoisting', 'ok-event-target-signal-variable-aborted', "const controller = new AbortController();\nconst signal = controller.signal;\nconst target = new EventTarget();\ntarget.addEventListener('ping', () => console.log(label), { signal });\ncontroller.abort();\ntarget.dispatchEvent(new Event('ping'));\nconst label = 'x';\n");
single('hoisting', 'ok-event-target-signal-already-aborted', "const target = new EventTarget();\ntarget.addEventListener('ping', () => console.log(label), { signal: AbortSignal.abort() });\ntarget.dispatchEvent(new Event('ping'));\nconst label = 'x';\n");
single('hoisting', 'tdz-event-target-signal-aborted-after', `${signalListener}target.dispatchEvent(new Event('ping')); //! tdz-call-before-init\ncontroller.abort();\nconst label = 'x';\n`);
single('hoisting', 'tdz-event-target-signal-maybe-aborted', `${signalListener}if (process.argv.length > 99) controller.abort();\ntarget.dispatchEvent(new Event('ping')); //! tdz-call-before-init\nconst label = 'x';\n`);
single('hoisting', 'tdz-switch-case', 'function pick(k) {\n  switch (k) {\n    case 1:\n      const label = "one";\n      return label;\n    case 2:\n      return label; //! tdz-switch-case\n  }\n}\npick(2);\n');
single('hoisting', 'tdz-conditional-call', 'function show() {\n  return value;\n}\nif (Math.random() > 2) show(); //! tdz-call-before-init\nlet value = 1;\n');
single('hoisting', 'tdz-conditional-ternary', 'const x = Math.random() > 2 ? later : 0; //! tdz-read-before-init\nconst later = 1;\n');
single('hoisting', 'tdz-array-from', 'Array.from([1], () => limit); //! tdz-call-before-init\nconst limit = 2;\n');
single('hoisting', 'var-read-before', 'console.log(count); //! hoisting-var-read-before-assignment\nvar count = 5;\n');
single('hoisting', 'var-read-in-function', 'function run() {\n  console.log(v); //! hoisting-var-read-before-assignment\n  var v = 1;\n}\nrun();\n');
single('hoisting', 'var-read-via-call', 'function compute() {\n  return factor * 2; //! hoisting-var-read-before-assignment\n}\nvar result = compute();\nvar factor = 3;\n');
single('hoisting', 'var-call-function-expression', 'greet(); //! hoisting-call-before-assignment\nvar greet = function () {};\n');
single('hoisting', 'var-call-arrow', 'start(); //! hoisting-call-before-assignment\nvar start = () => 1;\n');
single('hoisting', 'var-redeclares-function', 'function format() {}\nvar format = "x"; //! hoisting-var-redeclaration\n');
single('hoisting', 'var-redeclares-parameter', 'function scale(factor) {\n  var factor; //! hoisting-var-redeclaration\n  return factor;\n}\nscale(2);\n');
for (const [name, schedule] of Object.entries({
  setTimeout: 'setTimeout(() => console.log(i), 0);',
  setImmediate: 'setImmediate(() => console.log(i));',
  then: 'Promise.resolve().then(() => console.log(i));',
  nextTick: 'process.nextTick(() => console.log(i));',
  queueMicrotask: 'queueMicrotask(() => console.log(i));',
  functionExpression: 'setTimeout(function () { console.log(i); }, 10);',
})) {
  single('hoisting', `loop-var-${name}`, `for (var i = 0; i < 3; i++) { //! hoisting-loop-var-captured\n  ${schedule}\n}\n`);
  single('hoisting', `ok-loop-let-${name}`, `for (let i = 0; i < 3; i++) {\n  ${schedule}\n}\n`);
}
single('hoisting', 'loop-var-for-in', 'const o = { a: 1, b: 2 };\nfor (var key in o) { //! hoisting-loop-var-captured\n  setTimeout(() => console.log(key), 0);\n}\n');
single('hoisting', 'block-function-sloppy', 'console.log(typeof helper); //! hoisting-block-function\nif (true) {\n  function helper() {}\n}\n');
single('hoisting', 'block-function-after', 'if (true) {\n  function helper() {}\n}\nhelper(); //! hoisting-block-function\n');
// A TDZ read inside a try whose catch catches it: it throws, the catch runs and the program goes
// on, so the finding is a warning that names the try (analysis-corpus.test.mjs checks with real node
// that nothing escapes and that the catch block received the ReferenceError, which it logs). A
// try with only a finally, a catch that throws again, an async function called without `await`
// and a Promise executor do not catch it: those stay errors, and node stops with the ReferenceError.
const logCaught = 'catch (error) {\n  console.error(error);\n}';
const caughtReads = {
  direct: `try {\n  console.log(value); //! tdz-read-before-init\n} ${logCaught}`,
  throughCall: `function read() {\n  return value;\n}\ntry {\n  read(); //! tdz-call-before-init\n} ${logCaught}`,
  twoCallsDeep: `function inner() {\n  return value;\n}\nfunction outer() {\n  try {\n    inner();\n  } ${logCaught}\n}\nouter(); //! tdz-call-before-init`,
  insideCallee: `function read() {\n  try {\n    return value;\n  } ${logCaught}\n}\nread(); //! tdz-call-before-init`,
  callback: `try {\n  [1].forEach(() => console.log(value)); //! tdz-call-before-init\n} ${logCaught}`,
  finallyInsideCatch: `try {\n  try {\n    console.log(value); //! tdz-read-before-init\n  } finally {\n    console.log('finally');\n  }\n} ${logCaught}`,
  conditionalRethrow: `try {\n  console.log(value); //! tdz-read-before-init\n} catch (error) {\n  if (!(error instanceof ReferenceError)) throw error;\n  console.error(error);\n}`,
  typeofRead: `try {\n  console.log(typeof value); //! tdz-typeof\n} ${logCaught}`,
  // A throw after a statement that may return first does not certainly run (see controlFlow.ts certainlyThrows).
  returnBeforeRethrow: `function read() {\n  try {\n    return value;\n  } catch (error) {\n    if (error instanceof ReferenceError) {\n      console.error(error);\n      return 0;\n    }\n    throw error;\n  }\n}\nread(); //! tdz-call-before-init`,
};
for (const [site, code] of Object.entries(caughtReads)) single('hoisting', `tdz-caught-${site}`, `${code}\nlet value = 1;\nconsole.log('after');\n`);
// After a caught throw the rest of the try block does not run (nothing more is reported there),
// and the catch block certainly runs (a read in it that throws is an error).
single('hoisting', 'tdz-caught-rest-of-try-skipped', `function read() {\n  console.log(first);\n  console.log(second);\n}\ntry {\n  read(); //! tdz-call-before-init\n  console.log(fourth);\n} ${logCaught}\nlet first = 1;\nlet second = 2;\nlet fourth = 4;\n`);
single('hoisting', 'tdz-caught-then-catch-block-throws', 'try {\n  console.log(first); //! tdz-read-before-init\n  console.log(second);\n} catch (error) {\n  console.log(third); //! tdz-read-before-init\n}\nlet first = 1;\nlet second = 2;\nlet third = 3;\n');
single('hoisting', 'tdz-caught-through-finally-only-try', `try {\n  try {\n    console.log(first); //! tdz-read-before-init\n  } finally {\n    console.log('finally');\n  }\n  console.log(second);\n} ${logCaught}\nlet first = 1;\nlet second = 2;\n`);
add('hoisting', 'tdz-caught-awaited-async', { 'main.mjs': `async function read() {\n  return value;\n}\ntry {\n  await read(); //! tdz-call-before-init\n} ${logCaught}\nlet value = 1;\n` }, 'main.mjs');
const uncaughtReads = {
  finallyOnly: "try {\n  console.log(value); //! tdz-read-before-init\n} finally {\n  console.log('finally');\n}",
  catchRethrows: 'try {\n  console.log(value); //! tdz-read-before-init\n} catch (error) {\n  throw error;\n}',
  catchRethrowsInBlock: 'try {\n  console.log(value); //! tdz-read-before-init\n} catch (error) {\n  {\n    throw error;\n  }\n}',
  catchRethrowsAfterLoopWithBreak: 'try {\n  console.log(value); //! tdz-read-before-init\n} catch (error) {\n  for (const x of [1, 2]) {\n    if (x > 1) break;\n  }\n  throw error;\n}',
  asyncNotAwaited: `async function read() {\n  return value;\n}\ntry {\n  read(); //! tdz-call-before-init\n} ${logCaught}`,
  promiseExecutor: `try {\n  new Promise((resolve) => resolve(value)); //! tdz-call-before-init\n} ${logCaught}`,
  // Walked once inside the try: the second call, outside it, is followed again.
  calledAgainOutside: `function read() {\n  return value;\n}\ntry {\n  read(); //! tdz-call-before-init\n} ${logCaught}\nread(); //! tdz-call-before-init`,
};
for (const [site, code] of Object.entries(uncaughtReads)) single('hoisting', `tdz-uncaught-${site}`, `${code}\nlet value = 1;\n`);
// A throw inside an async function called without `await` (or a Promise executor) rejects its
// promise instead: a rejection handler on the promise (or on a chain from it) catches it and node
// runs on (a warning; the corpus programs log what they catch); a dropped promise, or a handler that
// throws again, ends node with an unhandled rejection (an error, that says so). `severity` is what
// every finding of the case must have.
const asyncDefault = 'async function g(a = b, b = 1) { //! tdz-default-param\n  return a + b;\n}\n';
const logRejection = '(error) => console.error(error)';
const rejections = {
  catch: { call: `g().catch(${logRejection});`, severity: 'warning' },
  thenRejected: { call: `g().then(() => {}, ${logRejection});`, severity: 'warning' },
  chainThenCatch: { call: `g().then((sum) => sum).finally(() => {}).catch(${logRejection});`, severity: 'warning' },
  promiseAllCatch: { call: `Promise.all([g(), Promise.resolve(1)]).catch(${logRejection});`, severity: 'warning' },
  allSettled: { call: 'Promise.allSettled([g()]).then((results) => console.log(results[0].status));', severity: 'warning' },
  unhandled: { call: 'g();', severity: 'error' },
  catchRethrows: { call: 'g().catch((error) => {\n  throw error;\n});', severity: 'error' },
  thenWithoutHandler: { call: 'g().then((sum) => console.log(sum));', severity: 'error' },
  // Called with a handler first, then without: the second call's rejection is not handled.
  handledThenDropped: { call: `g().catch(${logRejection});\ng();`, severity: 'error' },
  // Promise.any rejects only when every element does; Promise.race settles as the first element
  // already settled at the call does, in their order (a rejection there at once is such an element:
  // node 20 exits 1 with g() first, 0 with the value first).
  anyWithValue: { call: 'Promise.any([g(), Promise.resolve(1)]).then((v) => console.log(v));', severity: 'warning' },
  raceValueFirst: { call: 'Promise.race([Promise.resolve(1), g()]).then((v) => console.log(v));', severity: 'warning' },
  raceRejectionFirst: { call: 'Promise.race([g(), Promise.resolve(1)]).then((v) => console.log(v));', severity: 'error' },
  raceOnly: { call: 'Promise.race([g()]).then((v) => console.log(v));', severity: 'error' },
  // A promise kept in a variable: each .then/.finally on it makes a promise that rejects too, which
  // must be handled in its turn.
  variableCatchThenFinally: { call: `const p = g();\np.catch(${logRejection});\np.finally(() => {});`, severity: 'error' },
  variableCatchThenThen: { call: `const p = g();\np.catch(${logRejection});\np.then((v) => console.log(v));`, severity: 'error' },
  variableBothHandled: { call: `const p = g();\np.catch(${logRejection});\np.then((v) => console.log(v), ${logRejection});`, severity: 'warning' },
  // The handler must be a function: node ignores a name bound to undefined, so the rejection goes on.
  handlerUndefined: { call: 'const handler = undefined;\ng().catch(handler);', severity: 'error' },
  handlerParameter: { call: 'function watch(handler) {\n  g().catch(handler);\n}\nwatch(undefined);', severity: 'warning' },
  handlerDeclared: { call: 'function onError(error) {\n  console.error(error);\n}\ng().catch(onError);', severity: 'warning' },
  handlerDeclaredRethrows: { call: 'function onError(error) {\n  throw error;\n}\ng().catch(onError);', severity: 'error' },
};
for (const [site, { call, severity }] of Object.entries(rejections)) single('hoisting', `tdz-default-param-async-${site}`, `${asyncDefault}${call}\n`, { severity });
add('hoisting', 'tdz-default-param-async-awaited-in-try', { 'main.mjs': `${asyncDefault}try {\n  await g();\n} catch (error) {\n  console.error(error);\n}\n` }, 'main.mjs', { severity: 'warning' });
single('hoisting', 'tdz-async-body-read-catch', `async function read() {\n  return value;\n}\nread().catch(${logRejection}); //! tdz-call-before-init\nlet value = 1;\nconsole.log('after');\n`, { severity: 'warning' });
single('hoisting', 'tdz-promise-executor-catch', `new Promise((resolve) => resolve(value)).catch(${logRejection}); //! tdz-call-before-init\nconst value = 1;\n`, { severity: 'warning' });
// A handler that sets the exit code lets the program go on (a handler that calls process.exit() stops
// it: fixture tdz-async-main-catch-exits, run in a process of its own).
single('hoisting', 'tdz-async-main-catch-exit-code', `async function main() {\n  console.log(config.port);\n}\nmain().catch((error) => { //! tdz-call-before-init\n  console.error(error);\n  process.exitCode = 1;\n});\nconst config = { port: 8080 };\n`, { severity: 'warning' });
// A promise kept in a variable: its reads say whether something handles the rejection.
single('hoisting', 'tdz-promise-executor-variable-caught', `const ready = new Promise((resolve) => resolve(value)); //! tdz-call-before-init\nready.then((v) => console.log(v)).catch(${logRejection});\nconst value = 1;\n`, { severity: 'warning' });
single('hoisting', 'tdz-promise-executor-variable-unhandled', 'const ready = new Promise((resolve) => resolve(value)); //! tdz-call-before-init\nready.then((v) => console.log(v));\nconst value = 1;\n', { severity: 'error' });
// A promise returned by a function the file calls goes on from that call.
const loadConfig = 'function load() {\n  return new Promise((resolve) => resolve(config.port));\n}\n';
single('hoisting', 'tdz-promise-returned-caught', `${loadConfig}const ready = load(); //! tdz-call-before-init\nready.then((port) => console.log(port)).catch(${logRejection});\nconst config = { port: 8080 };\n`, { severity: 'warning' });
single('hoisting', 'tdz-promise-returned-unhandled', `${loadConfig}load().then((port) => console.log(port)); //! tdz-call-before-init\nconst config = { port: 8080 };\n`, { severity: 'error' });
single('hoisting', 'tdz-async-chain-returned-caught', `async function read() {\n  return config.port;\n}\nfunction start() {\n  return read().then((port) => port + 1);\n}\nstart().catch(${logRejection}); //! tdz-call-before-init\nconst config = { port: 8080 };\n`, { severity: 'warning' });
// After the throw the rest of the async function does not run: its later read is not reached.
single('hoisting', 'tdz-async-rest-skipped-after-throw', `async function read() {\n  console.log(first);\n  console.log(second);\n}\nread().catch(${logRejection}); //! tdz-call-before-init\nlet first = 1;\nlet second = 2;\n`, { severity: 'warning' });

// An ES module's top-level await lets the event loop go on: a timer callback scheduled before it
// runs during the wait when it is due before the wait ends, and then reads the module's later
// bindings in their TDZ (node stops). A wait only for promise jobs runs no timer; a timer due after
// the wait, one cleared before it, or one scheduled after it runs once the module body is done.
const sleepHelper = 'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\n';
const duringAwait = (name, code, severity) => add('hoisting', name, { 'main.mjs': `${code}\nconst limit = 3;\n` }, 'main.mjs', severity ? { severity } : {});
duringAwait('tdz-timer-during-top-level-await-sleep', `${sleepHelper}setTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait sleep(100);`, 'error');
duringAwait('tdz-timer-during-top-level-await-immediate', 'setImmediate(() => console.log(limit)); //! tdz-call-before-init\nawait new Promise((resolve) => setTimeout(resolve, 100));', 'error');
duringAwait('tdz-timer-during-second-top-level-await', 'function sleep(ms) {\n  return new Promise((resolve) => setTimeout(resolve, ms));\n}\nsetTimeout(() => console.log(limit), 150); //! tdz-call-before-init\nawait sleep(100);\nawait sleep(100);', 'error');
duringAwait('tdz-timer-during-top-level-await-timers-promises', "import { setTimeout as delay } from 'node:timers/promises';\nsetTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait delay(100);", 'error');
duringAwait('tdz-timer-during-top-level-await-io', "import { readFile } from 'node:fs/promises';\nsetTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait readFile(new URL(import.meta.url));", 'warning');
duringAwait('tdz-timer-maybe-scheduled-before-top-level-await', `${sleepHelper}if (process.argv.length > 0) setTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait sleep(100);`, 'warning');
duringAwait('ok-timer-due-after-top-level-await', `${sleepHelper}setTimeout(() => console.log(limit), 500);\nawait sleep(100);`);
duringAwait('ok-timer-top-level-await-promise-jobs-only', 'setTimeout(() => console.log(limit), 0);\nawait Promise.resolve();\nawait null;');
duringAwait('ok-timer-cleared-before-top-level-await', `${sleepHelper}const timer = setTimeout(() => console.log(limit), 0);\nclearTimeout(timer);\nawait sleep(100);`);
duringAwait('tdz-timer-during-top-level-await-in-try', `${sleepHelper}setTimeout(() => console.log(limit), 0); //! tdz-call-before-init\ntry {\n  await sleep(100);\n} catch (error) {\n  console.error(error);\n}`, 'error');
// A promise job queued before the await runs at any await (process.nextTick's queue runs after the module's continuation: exit 0).
duringAwait('tdz-microtask-during-top-level-await', 'queueMicrotask(() => console.log(limit)); //! tdz-call-before-init\nawait null;', 'error');
duringAwait('tdz-then-callback-during-top-level-await', 'Promise.resolve().then(() => console.log(limit)); //! tdz-call-before-init\nawait null;', 'error');
duringAwait('tdz-then-callback-during-top-level-await-caught', `Promise.resolve().then(() => console.log(limit)).catch(${logRejection}); //! tdz-call-before-init\nawait null;`, 'warning');
duringAwait('ok-next-tick-top-level-await', 'process.nextTick(() => console.log(limit));\nawait null;');
duringAwait('ok-microtask-without-top-level-await', 'queueMicrotask(() => console.log(limit));');
duringAwait('ok-timer-top-level-await-of-async-without-await', 'const registry = new Map();\nasync function init() {\n  registry.set(\'ready\', true);\n}\nsetTimeout(() => console.log(limit), 0);\nawait init();');
duringAwait('ok-timer-scheduled-after-top-level-await', `${sleepHelper}await sleep(100);\nsetTimeout(() => console.log(limit), 0);`);
// A process listener takes what nothing else does: an unhandled rejection goes to an
// `unhandledRejection` listener, or else (Node 20) to an `uncaughtException` one, as does a timer
// callback's throw; node calls it and runs on (a warning). The listener sets exit code 7 for a
// ReferenceError, so node's exit code shows that the read threw and the program went on; each case
// runs in a process of its own (the shared runner listens for both events itself). A listener on
// something else, for another event, or registered after the timer ran leaves node stopping (exit 1).
const exitSevenOnReferenceError = "(error) => {\n  process.exitCode = error instanceof ReferenceError ? 7 : 2;\n}";
const listenerCase = (name, file, code, exitCode) => add('hoisting', name, { [file]: code }, file, { exitCode, severity: exitCode === 7 ? 'warning' : 'error' });
listenerCase('tdz-rejection-to-uncaught-exception-listener', 'main.js', `process.on('uncaughtException', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 7);
listenerCase('tdz-timer-during-top-level-await-to-uncaught-exception-listener', 'main.mjs', `process.on('uncaughtException', ${exitSevenOnReferenceError});\n${sleepHelper}setTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait sleep(100);\nconst limit = 1;\n`, 7);
listenerCase('tdz-rejection-listener-on-imported-process', 'main.mjs', `import process from 'node:process';\nprocess.on('unhandledRejection', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 7);
listenerCase('tdz-rejection-listener-on-required-process', 'main.js', `const proc = require('node:process');\nproc.on('unhandledRejection', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 7);
listenerCase('tdz-rejection-listener-on-global-this-process', 'main.js', `globalThis.process.on('unhandledRejection', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 7);
listenerCase('tdz-rejection-listener-for-other-event', 'main.js', `process.on('warning', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 1);
listenerCase('tdz-rejection-listener-on-own-emitter', 'main.js', `const { EventEmitter } = require('node:events');\nconst process = new EventEmitter();\nprocess.on('uncaughtException', ${exitSevenOnReferenceError});\nasync function g(a = limit) {\n  return a;\n}\ng(); //! tdz-call-before-init\nconst limit = 1;\n`, 1);
listenerCase('tdz-timer-during-top-level-await-listener-registered-later', 'main.mjs', `${sleepHelper}setTimeout(() => console.log(limit), 0); //! tdz-call-before-init\nawait sleep(100);\nprocess.on('uncaughtException', ${exitSevenOnReferenceError});\nconst limit = 1;\n`, 1);
// Where node's exit code is the verdict, each program runs in a process of its own (the shared runner
// listens for unhandled rejections itself, and replaces process.exit). `exitCode` is what real node
// gives, `severity` what every finding must have: an error when node stops, a warning when it goes on.
const exitCase = (name, code, exitCode, severity, file = 'main.js', files = {}) => add('hoisting', name, { [file]: code, ...files }, file, { exitCode, severity });
// A handler added to a promise kept in a variable, later: node looks for unhandled rejections once the
// running code, its promise jobs and process.nextTick callbacks are done, before any timer runs. A
// handler added in a timer's callback comes too late (exit 1); one added in a microtask or nextTick
// callback comes in time (exit 0), and what it does with the promise is followed.
// Each row: [the code before, the call, node's exit code, the severity, the file when not main.js].
const keptPromise = `${asyncDefault}const log = ${logRejection};\nconst p = g();\n`;
const withLog = `${asyncDefault}const log = ${logRejection};\n`;
const rejectionExits = {
  'later-handler-setTimeoutZero': [keptPromise, 'setTimeout(() => p.catch(log), 0);', 1, 'error'],
  'later-handler-setTimeoutLater': [keptPromise, 'setTimeout(() => {\n  p.catch(log);\n}, 100);', 1, 'error'],
  'later-handler-setImmediate': [keptPromise, 'setImmediate(() => p.catch(log));', 1, 'error'],
  'later-handler-setTimeoutInsideForEach': [keptPromise, 'setTimeout(() => {\n  [1].forEach(() => p.catch(log));\n}, 100);', 1, 'error'],
  'later-handler-namedTimerCallback': [keptPromise, 'function attach() {\n  p.catch(log);\n}\nsetTimeout(attach, 0);', 1, 'error'],
  'later-handler-namedCallbackAlsoCalled': [keptPromise, 'function attach() {\n  p.catch(log);\n}\nattach();\nsetTimeout(attach, 100);', 0, 'warning'],
  'later-handler-queueMicrotask': [keptPromise, 'queueMicrotask(() => p.catch(log));', 0, 'warning'],
  'later-handler-nextTick': [keptPromise, 'process.nextTick(() => p.catch(log));', 0, 'warning'],
  'later-handler-laterPromiseJob': [keptPromise, 'Promise.resolve().then(() => {}).then(() => p.catch(log));', 0, 'warning'],
  'later-handler-queueMicrotaskWithoutHandler': [keptPromise, 'queueMicrotask(() => {\n  p.then((v) => console.log(v));\n});', 1, 'error'],
  // Handled in time, and then a timer's callback chains on it: the chained promise rejects too, in the timer.
  'later-handler-handledThenTimerChain': [keptPromise, 'p.catch(log);\nsetTimeout(() => {\n  p.then((v) => console.log(v));\n}, 100);', 1, 'error'],
  'later-handler-handledThenTimerCatch': [keptPromise, 'p.catch(log);\nsetTimeout(() => p.catch(log), 100);', 0, 'warning'],
  // A chain without a handler that may not run (under an `if`, in a loop body or a catch block, or in a
  // callback of a timer that may not be set) leaves node going on when it does not (review rv9b #1): a warning.
  'handled-chainUnderIf': [keptPromise, "const verbose = process.argv.includes('-v');\nif (verbose) p.then((v) => console.log(v));\np.catch(log);", 0, 'warning'],
  'handled-chainInLoopBody': [keptPromise, 'p.catch(log);\nfor (const flag of process.argv.slice(5)) p.then((v) => console.log(v, flag));', 0, 'warning'],
  // A try block runs up to its first throw: a chain there without a handler is certain (exit 1).
  'handled-chainInTryBlock': [keptPromise, 'p.catch(log);\ntry {\n  p.then((v) => console.log(v));\n} catch {\n  console.log(0);\n}', 1, 'error'],
  'handled-chainInCatchBlock': [keptPromise, "p.catch(log);\ntry {\n  if (process.argv.includes('-v')) throw new Error('x');\n} catch {\n  p.then((v) => console.log(v));\n}", 0, 'warning'],
  'later-handler-handledThenTimerChainUnderIf': [keptPromise, "const verbose = process.argv.includes('-v');\np.catch(log);\nsetTimeout(() => {\n  if (verbose) p.then((v) => console.log(v));\n}, 0);", 0, 'warning'],
  'later-handler-handledThenTimerSetUnderIf': [keptPromise, "p.catch(log);\nif (process.argv.includes('-v')) setTimeout(() => p.then((v) => console.log(v)), 0);", 0, 'warning'],
  'later-handler-handledThenMicrotaskChainUnderIf': [keptPromise, "p.catch(log);\nqueueMicrotask(() => {\n  if (process.argv.includes('-v')) p.then((v) => console.log(v));\n});", 0, 'warning'],
  // After an await: one that waits for a timer lets node look first (exit 1); `await null` does not (exit 0).
  'later-handler-afterAwaitedTimer': [keptPromise, 'await new Promise((resolve) => setTimeout(resolve, 100));\np.catch(log);', 1, 'error', 'main.mjs'],
  'later-handler-afterAwaitedTimerInTry': [keptPromise, 'try {\n  await new Promise((resolve) => setTimeout(resolve, 100));\n} catch {\n  console.log(0);\n}\np.catch(log);', 1, 'error', 'main.mjs'],
  'later-handler-afterAwaitNull': [keptPromise, 'await null;\np.catch(log);', 0, 'warning', 'main.mjs'],
  'later-handler-afterConditionalAwait': [keptPromise, 'if (process.argv.length > 99) await new Promise((resolve) => setTimeout(resolve, 100));\np.catch(log);', 0, 'warning', 'main.mjs'],
  'later-handler-awaitedWithTimer': [keptPromise, 'await Promise.all([p.catch(log), new Promise((resolve) => setTimeout(resolve, 100))]);', 0, 'warning', 'main.mjs'],
  'later-handler-afterAwaitedTimerInAsyncMain': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  await new Promise((resolve) => setTimeout(resolve, 100));\n  p.catch(log);\n}\nmain();`, 1, 'error'],
  // An await of the variable handles its promise in time (no timer wait before it) and throws the
  // rejection again there: outside a try node stops (exit 1), as it does when the async function
  // around the await is called without a handler; a try around it, or a handler on that call, catches it (exit 0).
  'awaited-topLevel': [keptPromise, 'await p;', 1, 'error', 'main.mjs'],
  'awaited-afterAwaitNull': [keptPromise, 'await null;\nawait p;', 1, 'error', 'main.mjs'],
  'awaited-inTryRethrows': [keptPromise, 'try {\n  await p;\n} catch (error) {\n  throw error;\n}', 1, 'error', 'main.mjs'],
  'awaited-againAfterTry': [keptPromise, 'try {\n  await p;\n} catch (error) {\n  log(error);\n}\nawait p;', 1, 'error', 'main.mjs'],
  // Not awaited, nothing handles it either: exit 1 whether the branch runs or not (measured both ways).
  'awaited-underIf': [keptPromise, 'if (process.argv.length > 5) await p;', 1, 'error', 'main.mjs'],
  'awaited-inAsyncMain': [asyncDefault, 'async function main() {\n  const p = g();\n  await p;\n}\nmain();', 1, 'error'],
  'awaited-inAsyncMainAwaited': [asyncDefault, 'async function main() {\n  const p = g();\n  await p;\n}\nawait main();', 1, 'error', 'main.mjs'],
  'awaited-inTry': [keptPromise, 'try {\n  await p;\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'awaited-inTryAfterAwaitNull': [keptPromise, 'await null;\ntry {\n  await p;\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'awaited-inAsyncMainCaught': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  await p;\n}\nmain().catch(log);`, 0, 'warning'],
  'awaited-inAsyncMainAwaitedInTry': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  await p;\n}\ntry {\n  await main();\n} catch (error) {\n  log(error);\n}`, 0, 'warning', 'main.mjs'],
  // An await (or a handler) after code that may return or throw first does not certainly run: when
  // it does not, nothing handles the promise (review rv10 #1; exit 1 here, 0 when the path reaches
  // it): not known, never 'the program goes on'. Code that cannot leave before it changes nothing.
  'awaited-inTryAfterThrow': [asyncDefault, `const log = ${logRejection};\nasync function main(x) {\n  const p = g();\n  if (!x) throw new Error('bad input');\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain(process.argv.length > 5).catch(log);`, 1, 'warning'],
  'awaited-inTryAfterReturn': [asyncDefault, `const log = ${logRejection};\nasync function main(x) {\n  const p = g();\n  if (!x) return 'early';\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain(process.argv.length > 5);`, 1, 'warning'],
  'awaited-inTryAfterParse': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    JSON.parse('{');\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();`, 1, 'warning'],
  'handled-afterReturn': [asyncDefault, `const log = ${logRejection};\nasync function main(x) {\n  const p = g();\n  if (!x) return;\n  p.catch(log);\n}\nmain(process.argv.length > 5);`, 1, 'warning'],
  'handled-afterCallThatMayThrow': [asyncDefault, `const log = ${logRejection};\nfunction check(x) {\n  if (!x) throw new Error('bad input');\n}\nasync function main(x) {\n  const p = g();\n  check(x);\n  p.catch(log);\n}\nmain(process.argv.length > 5).catch(() => {});`, 1, 'warning'],
  'awaited-inTryAfterLog': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  console.log('start');\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();`, 0, 'warning'],
  'handled-afterCaughtParse': [keptPromise, "try {\n  JSON.parse('{');\n} catch (error) {\n  log(error);\n}\np.catch(log);", 0, 'warning'],
  'handled-afterReportingCall': [keptPromise, 'function report(text) {\n  console.log(text);\n  return text;\n}\nreport(1);\np.catch(log);', 0, 'warning'],
  // Awaited or returned in another function the file runs while it loads (the one call of a function
  // declaration or const function, an IIFE, a Promise.resolve().then callback): the await throws the
  // rejection again there, and the throw goes on as one of that function would, to the promise of its
  // call (measured in node 20: main() exits 1, main().catch(log) 0, a try around the await 0). After
  // an await of a timer there, the handler comes too late (exit 1); under an if, or after code that may
  // throw first, it may not be added: not known.
  'awaited-inCalledAsyncFunction': [keptPromise, 'async function main() {\n  await p;\n}\nmain();', 1, 'error'],
  'awaited-inCalledAsyncFunctionInTry': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();', 0, 'warning'],
  'awaited-inCalledAsyncFunctionCaught': [keptPromise, 'async function main() {\n  await p;\n}\nmain().catch(log);', 0, 'warning'],
  'awaited-inCalledConstArrowInTry': [keptPromise, 'const main = async () => {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n};\nmain();', 0, 'warning'],
  'awaited-inAsyncIifeInTry': [keptPromise, '(async () => {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n})();', 0, 'warning'],
  'awaited-inAsyncIife': [keptPromise, '(async () => {\n  await null;\n  await p;\n})();', 1, 'error'],
  'awaited-throughTwoCalledFunctions': [keptPromise, 'async function inner() {\n  await p;\n}\nasync function outer() {\n  await inner();\n}\nouter();', 1, 'error'],
  'awaited-throughTwoCalledFunctionsInTry': [keptPromise, 'async function inner() {\n  await p;\n}\nasync function outer() {\n  try {\n    await inner();\n  } catch (error) {\n    log(error);\n  }\n}\nouter();', 0, 'warning'],
  'awaited-inCalledAsyncFunctionAfterTimer': [keptPromise, 'async function main() {\n  await new Promise((resolve) => setTimeout(resolve, 100));\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();', 1, 'error'],
  'awaited-inCalledAsyncFunctionUnderIf': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nif (process.argv.length > 5) main();', 1, 'warning'],
  'awaited-inCalledAsyncFunctionAfterParse': [keptPromise, "async function main() {\n  try {\n    JSON.parse('{');\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain().catch(() => {});", 1, 'warning'],
  'awaited-inAsyncFunctionCalledTwice': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();\nmain();', 0, 'warning'],
  'awaited-inPromiseJobInTry': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nPromise.resolve().then(main);', 0, 'warning'],
  // Run as a promise job or a tick (in time: queueMicrotask and process.nextTick drop what the callback
  // returns), or from a timer's callback (late: node has looked by then). Measured in node 20.
  'awaited-inFunctionQueuedAsMicrotask': [keptPromise, 'async function main() {\n  await p;\n}\nqueueMicrotask(main);', 1, 'error'],
  'awaited-inFunctionRunOnNextTickInTry': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nprocess.nextTick(main);', 0, 'warning'],
  'awaited-inNextTickCallback': [keptPromise, 'process.nextTick(async () => {\n  await p;\n});', 1, 'error'],
  'returned-fromMicrotaskCallback': [keptPromise, 'queueMicrotask(() => p);', 1, 'error'],
  'awaited-inFunctionCalledFromTimerInTry': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nsetTimeout(() => {\n  main();\n}, 0);', 1, 'error'],
  'handled-inFunctionCalledByCalledFunction': [keptPromise, 'function attach() {\n  p.catch(log);\n}\nfunction setup() {\n  attach();\n}\nsetup();', 0, 'warning'],
  // A forEach over an array literal with elements runs its callback at once and drops what it returns.
  'awaited-inForEachCallback': [keptPromise, '[1, 2].forEach(async () => {\n  await p;\n});', 1, 'error'],
  'awaited-inForEachCallbackInTry': [keptPromise, '[1, 2].forEach(async () => {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n});', 0, 'warning'],
  'awaited-inForEachCallbackOfEmptyArray': [keptPromise, '[].forEach(async () => {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n});', 1, 'warning'],
  'returned-fromForEachCallback': [keptPromise, '[1].forEach(() => p);', 1, 'error'],
  'handled-inCalledFunction': [keptPromise, 'function attach() {\n  p.catch(log);\n}\nattach();', 0, 'warning'],
  'returned-fromCalledAsyncFunction': [keptPromise, 'async function get() {\n  return p;\n}\nget();', 1, 'error'],
  'returned-fromCalledFunctionCaught': [keptPromise, 'function get() {\n  return p;\n}\nget().catch(log);', 0, 'warning'],
  'returned-fromPromiseJob': [keptPromise, 'Promise.resolve().then(() => p);', 1, 'error'],
  'returned-fromPromiseJobCaught': [keptPromise, 'Promise.resolve().then(() => p).catch(log);', 0, 'warning'],
  'returned-fromTimerPromiseCallback': [keptPromise, 'new Promise((resolve) => setTimeout(resolve, 10)).then(() => p).catch(log);', 1, 'warning'],
  // Held promises in Promise.race/any/allSettled and for await: race and any attach handlers to every
  // element at the call; race settles as the first element already settled then (a rejection at once
  // is one), any fulfils with any fulfilled element; for await awaits one element per turn and throws
  // at the first rejection, leaving later ones unawaited (measured in node 20, exit codes as listed).
  'race-heldFirst': [keptPromise, 'await Promise.race([p, Promise.resolve(1)]);', 1, 'error', 'main.mjs'],
  'race-heldAfterValue': [keptPromise, 'console.log(await Promise.race([Promise.resolve(1), p]));', 0, 'warning', 'main.mjs'],
  'race-heldAfterTimer': [keptPromise, 'console.log(await Promise.race([new Promise((resolve) => setTimeout(resolve, 10)), p]));', 1, 'error', 'main.mjs'],
  'race-heldFirstDropped': [keptPromise, 'Promise.race([p, Promise.resolve(1)]);', 1, 'error'],
  'race-heldAfterValueDropped': [keptPromise, 'Promise.race([Promise.resolve(1), p]);', 0, 'warning'],
  'race-heldFirstInTry': [keptPromise, 'try {\n  await Promise.race([p, Promise.resolve(1)]);\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'race-heldAfterUnknown': [keptPromise, 'const other = Promise.reject(new Error("other"));\nother.catch(() => {});\nPromise.race([other, p]).catch(() => {});', 0, 'warning'],
  'any-heldWithValue': [keptPromise, 'console.log(await Promise.any([p, Promise.resolve(1)]));', 0, 'warning', 'main.mjs'],
  'any-heldWithRejection': [keptPromise, "Promise.any([p, Promise.reject(new Error('x'))]);", 1, 'error'],
  'any-heldWithRejectionCaught': [keptPromise, "Promise.any([p, Promise.reject(new Error('x'))]).catch(log);", 0, 'warning'],
  'any-heldAfterRejectionInTry': [keptPromise, "try {\n  await Promise.any([Promise.reject(new Error('x')), p]);\n} catch (error) {\n  log(error);\n}", 0, 'warning', 'main.mjs'],
  'allSettled-heldDropped': [keptPromise, 'Promise.allSettled([p, Promise.resolve(1)]);', 0, 'warning'],
  'forAwait-heldFirst': [keptPromise, 'for await (const x of [p]) console.log(x);', 1, 'error', 'main.mjs'],
  'forAwait-heldFirstInTry': [keptPromise, 'try {\n  for await (const x of [p, Promise.resolve(2)]) console.log(x);\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'forAwait-heldAfterValueInTry': [keptPromise, 'try {\n  for await (const x of [Promise.resolve(1), p]) console.log(x);\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'forAwait-heldAfterValueBreak': [keptPromise, 'try {\n  for await (const x of [Promise.resolve(1), p]) {\n    console.log(x);\n    break;\n  }\n} catch (error) {\n  log(error);\n}', 1, 'warning', 'main.mjs'],
  'forAwait-heldAfterTimerInTry': [keptPromise, 'try {\n  for await (const x of [new Promise((resolve) => setTimeout(resolve, 10)), p]) console.log(x);\n} catch (error) {\n  log(error);\n}', 1, 'warning', 'main.mjs'],
  'forAwait-heldBeforeRejectedInTry': [keptPromise, "const other = Promise.reject(new Error('other'));\ntry {\n  for await (const x of [p, other]) console.log(x);\n} catch (error) {\n  log(error);\n}", 1, 'warning', 'main.mjs'],
  'forAwait-heldInAsyncMain': [keptPromise, 'async function main() {\n  for await (const x of [Promise.resolve(1), p]) console.log(x);\n}\nmain();', 1, 'error'],
  // A for-of or a spread over an array literal, or over a const of the file declared with one, cannot
  // throw: a chain or handler after it certainly runs (review: mayLeave took every for-of as a throw).
  // Over a parameter, a generator, or with a body that may throw, it may not (node 20: exit codes as listed).
  'unhandled-chainAfterForOfArrayInMain': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  p.catch(log);\n  for (const x of [1, 2]) console.log(x);\n  p.then((v) => console.log(v));\n}\nmain();`, 1, 'error'],
  'unhandled-chainAfterForOfConstArrayInMain': [asyncDefault, `const log = ${logRejection};\nconst items = [1, 2];\nasync function main() {\n  const p = g();\n  p.catch(log);\n  for (const x of items) console.log(x);\n  p.then((v) => console.log(v));\n}\nmain();`, 1, 'error'],
  'unhandled-chainAfterSpreadConstArrayInMain': [asyncDefault, `const log = ${logRejection};\nconst items = [1, 2];\nasync function main() {\n  const p = g();\n  p.catch(log);\n  console.log(...items);\n  p.then((v) => console.log(v));\n}\nmain();`, 1, 'error'],
  'unhandled-chainAfterForOfArrayInTryBlock': [keptPromise, 'p.catch(log);\ntry {\n  for (const x of [1, 2]) console.log(x);\n  p.then((v) => console.log(v));\n} catch {\n  console.log(0);\n}', 1, 'error'],
  'awaited-inTryFinallyForOfArray': [keptPromise, 'async function main() {\n  try {\n    await p;\n  } finally {\n    for (const x of [1, 2]) console.log(x);\n  }\n}\nmain();', 1, 'error'],
  'handled-chainAfterForOfParameter': [asyncDefault, `const log = ${logRejection};\nasync function main(list) {\n  const p = g();\n  p.catch(log);\n  for (const x of list) console.log(x);\n  p.then((v) => console.log(v));\n}\nmain(null).catch(() => {});`, 0, 'warning'],
  'handled-chainAfterForOfArrayBodyThrows': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  p.catch(log);\n  for (const x of [1, 2]) JSON.parse('{');\n  p.then((v) => console.log(v));\n}\nmain().catch(() => {});`, 0, 'warning'],
  'handled-chainAfterForOfGenerator': [asyncDefault, `const log = ${logRejection};\nfunction* items() {\n  yield 1;\n  throw new Error('stop');\n}\nasync function main() {\n  const p = g();\n  p.catch(log);\n  for (const x of items()) console.log(x);\n  p.then((v) => console.log(v));\n}\nmain().catch(() => {});`, 0, 'warning'],
  'handled-chainAfterForOfLetArray': [asyncDefault, `const log = ${logRejection};\nlet items = [1, 2];\nitems = null;\nasync function main() {\n  const p = g();\n  p.catch(log);\n  for (const x of items) console.log(x);\n  p.then((v) => console.log(v));\n}\nmain().catch(() => {});`, 0, 'warning'],
  // Passed to the one call of a function of the file: its parameter holds the promise, and a throw at
  // an await of it leaves the function to the promise of that call, not to a try around the call.
  'argument-awaitedInCalledFunctionInTry': [withLog, 'async function run(task) {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nrun(g());', 0, 'warning'],
  'argument-awaitedInCalledFunction': [withLog, 'async function run(task) {\n  await task;\n}\nrun(g());', 1, 'error'],
  'argument-awaitedInCalledFunctionCaught': [withLog, 'async function run(task) {\n  await task;\n}\nrun(g()).catch(log);', 0, 'warning'],
  'argument-awaitedInCalledFunctionCallInTry': [withLog, 'async function run(task) {\n  await task;\n}\ntry {\n  run(g());\n} catch (error) {\n  log(error);\n}', 1, 'error'],
  'argument-heldAwaitedInCalledFunctionInTry': [keptPromise, 'async function run(task) {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nrun(p);', 0, 'warning'],
  'argument-handledInCalledFunction': [withLog, 'function watch(task) {\n  task.catch(log);\n}\nwatch(g());', 0, 'warning'],
  'argument-handledInCalledFunctionUnderIf': [withLog, 'function watch(task) {\n  if (process.argv.length > 5) task.catch(log);\n}\nwatch(g());', 1, 'warning'],
  'argument-awaitedAfterTimer': [withLog, 'async function run(task) {\n  await new Promise((resolve) => setTimeout(resolve, 10));\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nrun(g());', 1, 'error'],
  'argument-returnedFromAsyncFunction': [withLog, 'async function run(task) {\n  return task;\n}\nrun(g());', 1, 'error'],
  'argument-asyncIifeInTry': [withLog, '(async (task) => {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n})(g());', 0, 'warning'],
  // The call awaited where the promise is made: judged as an await of a kept promise there (node 20).
  'argument-callAwaitedInTry': [withLog, 'async function run(task) {\n  await task;\n}\ntry {\n  await run(g());\n} catch (error) {\n  log(error);\n}', 0, 'warning', 'main.mjs'],
  'argument-callAwaitedAtTopLevel': [withLog, 'async function run(task) {\n  await task;\n}\nawait run(g());', 1, 'error', 'main.mjs'],
  'argument-callAwaitedInTryInMain': [withLog, 'async function run(task) {\n  await task;\n}\nasync function main() {\n  try {\n    await run(g());\n  } catch (error) {\n    log(error);\n  }\n}\nmain();', 0, 'warning'],
  'argument-callAwaitedInCaughtMain': [withLog, 'async function run(task) {\n  await task;\n}\nasync function main() {\n  await run(g());\n}\nmain().catch(log);', 0, 'warning'],
  'argument-callAwaitedInMain': [withLog, 'async function run(task) {\n  await task;\n}\nasync function main() {\n  await run(g());\n}\nmain();', 1, 'error'],
  'argument-functionCalledTwice': [withLog, 'async function run(task) {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nrun(g());\nrun(Promise.resolve(1));', 0, 'warning'],
  'argument-replacedThroughArguments': [withLog, 'function watch(task) {\n  arguments[0] = Promise.resolve(1);\n  task.catch(log);\n}\nwatch(g());', 1, 'warning'],
  // A direct eval or a `with` object can read or replace the binding unseen: not known (review rv12 #3).
  'argument-handledByEvalInCalledFunction': [withLog, "function watch(task) {\n  eval('task.catch(log)');\n}\nwatch(g());", 0, 'warning'],
  'argument-handledByEvalInInnerFunction': [withLog, "function watch(task) {\n  (() => eval('task.catch(log)'))();\n}\nwatch(g());", 0, 'warning'],
  'argument-shadowedByWith': [withLog, 'function watch(task) {\n  with ({ task: Promise.resolve(1) }) task.catch(log);\n}\nwatch(g());', 1, 'warning'],
  'kept-handledByEval': [keptPromise, "eval('p.catch(log)');", 0, 'warning'],
  // Passed to a method nothing can replace (review: methods were not followed): a method of a const
  // object literal, or of a class (extending nothing) called on `new C()` or on a const holding it;
  // its parameter holds the promise as a function's does, and a non-async method that returns a
  // promise gives it to the value of its call (measured in node 20, exit codes as listed).
  'method-classHandled': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 0, 'warning'],
  'method-classChainedUnhandled': [withLog, 'class Runner {\n  run(task) {\n    return task.then((v) => console.log(v));\n  }\n}\nnew Runner().run(g());', 1, 'error'],
  'method-constInstanceChainedUnhandled': [withLog, 'class Runner {\n  run(task) {\n    return task.then((v) => console.log(v));\n  }\n}\nconst runner = new Runner();\nrunner.run(g());', 1, 'error'],
  'method-constInstanceChainedCaught': [withLog, 'class Runner {\n  run(task) {\n    return task.then((v) => console.log(v));\n  }\n}\nconst runner = new Runner();\nrunner.run(g()).catch(log);', 0, 'warning'],
  'method-objectHandled': [withLog, 'const runner = {\n  run(task) {\n    return task.catch(log);\n  },\n};\nrunner.run(g());', 0, 'warning'],
  'method-objectChainedUnhandled': [withLog, 'const runner = {\n  run(task) {\n    return task.then((v) => console.log(v));\n  },\n};\nrunner.run(g());', 1, 'error'],
  'method-objectArrowChainedUnhandled': [withLog, 'const runner = {\n  run: (task) => task.then((v) => console.log(v)),\n};\nrunner.run(g());', 1, 'error'],
  'method-objectReturnsDropped': [withLog, 'const runner = {\n  run(task) {\n    return task;\n  },\n};\nrunner.run(g());', 1, 'error'],
  'method-objectReturnsCaught': [withLog, 'const runner = {\n  run(task) {\n    return task;\n  },\n};\nrunner.run(g()).catch(log);', 0, 'warning'],
  'method-objectAsyncAwaitsInTry': [withLog, 'const runner = {\n  async run(task) {\n    try {\n      await task;\n    } catch (error) {\n      log(error);\n    }\n  },\n};\nrunner.run(g());', 0, 'warning'],
  'method-objectAsyncAwaits': [withLog, 'const runner = {\n  async run(task) {\n    await task;\n  },\n};\nrunner.run(g());', 1, 'error'],
  'argument-returnedChainedFromCalledFunction': [withLog, 'function watch(task) {\n  return task.then((v) => console.log(v));\n}\nwatch(g());', 1, 'error'],
  // Look-alikes where the method called is not the one written (node 20: exit 1, the replacement does
  // not handle it): replaced on the object or the prototype, or in the constructor, or a subclass's: not followed.
  'method-objectReassigned': [withLog, 'const runner = {\n  run(task) {\n    return task.catch(log);\n  },\n};\nrunner.run = (task) => task.then((v) => console.log(v));\nrunner.run(g());', 1, 'warning'],
  'method-objectAssigned': [withLog, 'const runner = {\n  run(task) {\n    return task.catch(log);\n  },\n};\nObject.assign(runner, { run: (task) => task.then((v) => console.log(v)) });\nrunner.run(g());', 1, 'warning'],
  'method-objectReplacedThroughThis': [withLog, 'const runner = {\n  quiet() {\n    this.run = (task) => task.then((v) => console.log(v));\n  },\n  run(task) {\n    return task.catch(log);\n  },\n};\nrunner.quiet();\nrunner.run(g());', 1, 'warning'],
  'method-classPrototypePatched': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nRunner.prototype.run = (task) => task.then((v) => console.log(v));\nnew Runner().run(g());', 1, 'warning'],
  'method-classDefinedInConstructor': [withLog, "class Runner {\n  constructor() {\n    Object.defineProperty(this, 'run', { value: (task) => task.then((v) => console.log(v)) });\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());", 1, 'warning'],
  'method-classFieldShadows': [withLog, 'class Runner {\n  run = (task) => task.then((v) => console.log(v));\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 1, 'warning'],
  'method-instancePrototypePatched': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nconst runner = new Runner();\nrunner.constructor.prototype.run = (task) => task.then((v) => console.log(v));\nrunner.run(g());', 1, 'warning'],
  'method-subclassOverrides': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nclass Quiet extends Runner {\n  run(task) {\n    return task.then((v) => console.log(v));\n  }\n}\nconst runner = new Quiet();\nrunner.run(g());', 1, 'warning'],
  'method-constructorReturnsOther': [withLog, 'const other = { run: (task) => task.then((v) => console.log(v)) };\nclass Runner {\n  constructor() {\n    return other;\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 1, 'warning'],
  // Replaced through another instance's prototype (review rv14c #1: `Object.getPrototypeOf(x).run = f`, x any
  // instance): a class method is followed only when every instance of the file is used as `new C().name`
  // or held by a const used so (node 20: exit 1 for each, the replacement handles nothing): not followed.
  'method-classPrototypeReplacedThroughInstance': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nconst a = new Runner();\nObject.getPrototypeOf(a).run = (task) => task.then((v) => console.log(v));\nnew Runner().run(g());', 1, 'warning'],
  'method-classPrototypeReplacedInFunction': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nfunction patch(x) {\n  Object.getPrototypeOf(x).run = (task) => task.then((v) => console.log(v));\n}\npatch(new Runner());\nnew Runner().run(g());', 1, 'warning'],
  'method-classPrototypeReplacedThroughNew': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nObject.getPrototypeOf(new Runner()).run = (task) => task.then((v) => console.log(v));\nnew Runner().run(g());', 1, 'warning'],
  'method-classPrototypeReplacedThroughOtherInstance': [withLog, 'class Runner {\n  run(task) {\n    return task.catch(log);\n  }\n}\nconst a = new Runner();\nconst b = new Runner();\nObject.getPrototypeOf(b).run = (task) => task.then((v) => console.log(v));\na.run(g());', 1, 'warning'],
  // `super.run = f` sets it on `this` (review rv14c #2), as does a function added to the object that
  // runs with it as `this`; `new.target.prototype` and `this.constructor.prototype` are the class's
  // prototype (#3). node 20: exit 1 for each: not followed.
  'method-objectReplacedThroughSuper': [withLog, 'const runner = {\n  quiet() {\n    super.run = (task) => task.then((v) => console.log(v));\n  },\n  run(task) {\n    return task.catch(log);\n  },\n};\nrunner.quiet();\nrunner.run(g());', 1, 'warning'],
  'method-classReplacedThroughSuperInConstructor': [withLog, 'class Runner {\n  constructor() {\n    super.run = (task) => task.then((v) => console.log(v));\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 1, 'warning'],
  'method-classReplacedThroughSuperInMethod': [withLog, 'class Runner {\n  quiet() {\n    super.run = (task) => task.then((v) => console.log(v));\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nconst runner = new Runner();\nrunner.quiet();\nrunner.run(g());', 1, 'warning'],
  'method-objectReplacedThroughThisOfAddedFunction': [withLog, 'const runner = {\n  run(task) {\n    return task.catch(log);\n  },\n};\nrunner.other = function () {\n  this.run = (task) => task.then((v) => console.log(v));\n};\nrunner.other();\nrunner.run(g());', 1, 'warning'],
  'method-classReplacedThroughNewTarget': [withLog, 'class Runner {\n  constructor() {\n    new.target.prototype.run = (task) => task.then((v) => console.log(v));\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 1, 'warning'],
  'method-classReplacedThroughThisConstructor': [withLog, 'class Runner {\n  constructor() {\n    this.constructor.prototype.run = (task) => task.then((v) => console.log(v));\n  }\n  run(task) {\n    return task.catch(log);\n  }\n}\nnew Runner().run(g());', 1, 'warning'],
  // A non-async function that returns the promise itself (not a chain on it) to a call whose value is
  // dropped drops that same promise: it makes no promise of its own, and the other reads decide
  // (review rv14c #4; node 20 exit codes as listed: a handler another read adds handles it, a chain
  // on the call's value rejects unhandled, a handler added in a timer comes too late).
  'argument-returnedAfterHandlerInCalledFunction': [withLog, 'function watch(task) {\n  task.catch(log);\n  return task;\n}\nwatch(g());', 0, 'warning'],
  'method-objectReturnsAfterHandler': [withLog, 'const runner = {\n  run(task) {\n    task.catch(log);\n    return task;\n  },\n};\nrunner.run(g());', 0, 'warning'],
  'returned-heldAfterHandlerDropped': [withLog, 'function load() {\n  const p = g();\n  p.catch(log);\n  return p;\n}\nload();', 0, 'warning'],
  'argument-returnedAfterHandlerChainedOnCall': [withLog, 'function watch(task) {\n  task.catch(log);\n  return task;\n}\nwatch(g()).then((v) => console.log(v));', 1, 'error'],
  'returned-heldChainAfterHandlerDropped': [withLog, 'function load() {\n  const p = g();\n  p.catch(log);\n  return p.then((v) => console.log(v));\n}\nload();', 1, 'error'],
  'argument-returnedUnderIfHandlerDropped': [withLog, 'function watch(task) {\n  if (process.argv.length > 5) task.catch(log);\n  return task;\n}\nwatch(g());', 1, 'warning'],
  'argument-heldHandledReturnedDropped': [withLog, 'function watch(task) {\n  return task;\n}\nconst p = g();\np.catch(log);\nwatch(p);', 0, 'warning'],
  'argument-heldReturnedDropped': [withLog, 'function watch(task) {\n  return task;\n}\nconst p = g();\nwatch(p);', 1, 'error'],
  'argument-heldUnreadDropped': [withLog, 'function watch(task) {}\nconst p = g();\np.catch(log);\nwatch(p);', 0, 'warning'],
  'argument-heldReturnedThroughTwoFunctions': [withLog, 'function watch(task) {\n  return task;\n}\nfunction outer(t) {\n  t.catch(log);\n  return watch(t);\n}\nouter(g());', 0, 'warning'],
  'argument-returnedAfterLateHandlerDropped': [withLog, 'function watch(task) {\n  setTimeout(() => task.catch(log), 0);\n  return task;\n}\nwatch(g());', 1, 'error'],
  // Likewise a return a finally discards, and a callback's return its caller drops (queueMicrotask, forEach).
  'returned-heldAfterHandlerDiscardedByFinally': [withLog, 'function load() {\n  const p = g();\n  p.catch(log);\n  try {\n    return p;\n  } finally {\n    return 1;\n  }\n}\nload();', 0, 'warning'],
  'kept-handledReturnedToQueueMicrotask': [keptPromise, 'p.catch(log);\nqueueMicrotask(() => p);', 0, 'warning'],
  'kept-handledReturnedToForEach': [keptPromise, 'p.catch(log);\n[1].forEach(() => p);', 0, 'warning'],
  'kept-returnedToQueueMicrotask': [keptPromise, 'queueMicrotask(() => p);', 1, 'error'],
  // The function may throw before its body reaches the await: a parameter default or pattern, or an
  // argument of its call, that throws first (node 20: exit 1, p is never awaited): not known.
  'awaited-inCalledFunctionAfterThrowingDefault': [keptPromise, "async function main(x = JSON.parse('{')) {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain().catch(() => {});", 1, 'warning'],
  'awaited-inCalledFunctionWithPattern': [keptPromise, 'async function main({ x }) {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain().catch(() => {});', 1, 'warning'],
  'awaited-inCalledFunctionWithLiteralDefault': [keptPromise, 'async function main(retries = 3) {\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain().catch(() => {});', 0, 'warning'],
  'awaited-inCalledFunctionAfterThrowingArgument': [withLog, "async function outer() {\n  const p = g();\n  async function inner(y) {\n    try {\n      await p;\n    } catch (error) {\n      log(error);\n    }\n  }\n  inner(JSON.parse('{'));\n}\nouter().catch(() => {});", 1, 'warning'],
  'argument-beforeThrowingDefault': [withLog, "async function run(task, x = JSON.parse('{')) {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nrun(g()).catch(() => {});", 1, 'warning'],
  'argument-beforeThrowingArgument': [withLog, "async function run(task, x) {\n  try {\n    await task;\n  } catch (error) {\n    log(error);\n  }\n}\nasync function outer() {\n  run(g(), JSON.parse('{'));\n}\nouter().catch(() => {});", 1, 'warning'],
  // Returned from its own async function: that function's promise takes the rejection, past a try
  // around the return (exit 1); `return await p` in a try is caught there (exit 0).
  'returned-fromAsyncMain': [asyncDefault, 'async function main() {\n  const p = g();\n  return p;\n}\nmain();', 1, 'error'],
  'returned-inTryFromAsyncMain': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();`, 1, 'error'],
  'returned-fromAsyncMainAwaited': [asyncDefault, 'async function main() {\n  const p = g();\n  return p;\n}\nawait main();', 1, 'error', 'main.mjs'],
  'returned-awaitedInTry': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return await p;\n  } catch (error) {\n    log(error);\n  }\n}\nmain();`, 0, 'warning'],
  'returned-fromAsyncMainCaught': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  return p;\n}\nmain().catch(log);`, 0, 'warning'],
  'returned-fromAsyncMainAwaitedInTry': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  return p;\n}\ntry {\n  await main();\n} catch (error) {\n  log(error);\n}`, 0, 'warning', 'main.mjs'],
  // A finally that returns or throws discards the returned promise (review rv10 #2): nothing
  // handles its rejection (measured: exit 1, main's handler sees the finally's value or error).
  'returned-inTryFinallyReturns': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return p;\n  } finally {\n    return 'from finally';\n  }\n}\nmain().then((v) => console.log(v)).catch(log);`, 1, 'error'],
  'returned-inTryFinallyThrows': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return p;\n  } finally {\n    throw new Error('from finally');\n  }\n}\nmain().catch(log);`, 1, 'error'],
  'returned-inTryFinallyMayReturn': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return p;\n  } finally {\n    if (process.argv.length > 5) return 'from finally';\n  }\n}\nmain().catch(log);`, 0, 'warning'],
  // `return await p` there: the await throws the rejection again, and the finally discards that error (exit 0); one that may: not known.
  'returned-awaitedInTryFinallyReturns': [asyncDefault, `async function main() {\n  const p = g();\n  try {\n    return await p;\n  } finally {\n    return 'from finally';\n  }\n}\nmain().then((v) => console.log(v));`, 0, 'warning'],
  'returned-awaitedInTryFinallyMayReturn': [asyncDefault, `async function main() {\n  const p = g();\n  try {\n    return await p;\n  } finally {\n    if (process.argv.length > 5) return 'from finally';\n  }\n}\nmain().then((v) => console.log(v));`, 1, 'warning'],
  // A finally that throws does not discard the error: it throws its own in its place, which goes on
  // up as a throw there would (review rv11 #1; measured: exit 1 with main().then(log), 0 with .catch(log)).
  'returned-awaitedInTryFinallyThrows': [asyncDefault, `async function main() {\n  const p = g();\n  try {\n    return await p;\n  } finally {\n    throw new Error('from finally');\n  }\n}\nmain().then((v) => console.log(v));`, 1, 'error'],
  'returned-awaitedInTryFinallyThrowsCaught': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return await p;\n  } finally {\n    throw new Error('from finally');\n  }\n}\nmain().catch(log);`, 0, 'warning'],
  'returned-inTryFinallyCompletes': [asyncDefault, `const log = ${logRejection};\nasync function main() {\n  const p = g();\n  try {\n    return p;\n  } finally {\n    console.log('done');\n  }\n}\nmain().catch(log);`, 0, 'warning'],
  // A handler added only on a path that may not run handles nothing when it does not (exit 1 without
  // -v, 0 with it: not known, a warning); a handler that exits, added there, may not run (0, or 3
  // with -v); a chain under an if with nothing handling the promise stops node either way (exit 1).
  'handled-exitHandlerUnderIf': [keptPromise, "p.catch(log);\nif (process.argv.includes('-v')) p.catch(() => process.exit(3));", 0, 'warning'],
  'handled-onlyUnderIf': [keptPromise, "if (process.argv.includes('-v')) p.catch(log);", 1, 'warning'],
  'handled-onlyInMicrotaskUnderIf': [keptPromise, "queueMicrotask(() => {\n  if (process.argv.includes('-v')) p.catch(log);\n});", 1, 'warning'],
  'handled-exitsThenHandlerUnderIf': [keptPromise, "p.catch(() => process.exit(3));\nif (process.argv.includes('-v')) p.catch(log);", 3, 'error'],
  'unhandled-chainOnlyUnderIf': [keptPromise, "if (process.argv.includes('-v')) p.then((v) => console.log(v));", 1, 'error'],
  // A rejection handler that throws another error, or returns a rejected promise, rejects the promise
  // it makes: with nothing after, node stops on that error (exit 1). One that may return first, or only
  // calls a function that returns, handles it.
  'handler-throwsOther': [asyncDefault, "g().catch(() => {\n  throw new Error('b');\n});", 1, 'error'],
  'handler-returnsRejected': [asyncDefault, "g().catch(() => Promise.reject(new Error('b')));", 1, 'error'],
  'handler-asyncThrowsOther': [asyncDefault, "g().catch(async (error) => {\n  await null;\n  throw new Error('b', { cause: error });\n});", 1, 'error'],
  'handler-callsThrowingFunction': [asyncDefault, "function fail(error) {\n  throw new Error('wrapped', { cause: error });\n}\ng().catch((error) => fail(error));", 1, 'error'],
  'handler-callsThrowingFunctionInBlock': [asyncDefault, "const fail = (error) => {\n  throw new Error('wrapped', { cause: error });\n};\ng().catch((error) => {\n  console.error(error.message);\n  fail(error);\n});", 1, 'error'],
  'handler-throwsOtherThenCaught': [asyncDefault, "g().catch(() => {\n  throw new Error('b');\n}).catch((error) => console.error(error.message));", 0, 'warning'],
  'handler-returnsBeforeThrow': [asyncDefault, 'g().catch((error) => {\n  if (error instanceof ReferenceError) return;\n  throw error;\n});', 0, 'warning'],
  'handler-callsReportingFunction': [asyncDefault, 'function report(error) {\n  console.error(error.message);\n}\ng().catch((error) => report(error));', 0, 'warning'],
  // Calling a generator (or an async generator) runs none of its body: the handler returns (review rv9 #2).
  'handler-callsGenerator': [asyncDefault, 'function* fail(error) {\n  throw error;\n}\ng().catch((error) => {\n  fail(error);\n});', 0, 'warning'],
  'handler-returnsGeneratorCall': [asyncDefault, 'function* fail(error) {\n  throw error;\n}\ng().catch((error) => fail(error));', 0, 'warning'],
  'handler-callsAsyncGenerator': [asyncDefault, 'const fail = async function* (error) {\n  throw error;\n};\ng().catch((error) => {\n  fail(error);\n});', 0, 'warning'],
  'handler-isGenerator': [asyncDefault, 'g().catch(function* (error) {\n  throw error;\n});', 0, 'warning'],
  // A function declaration's name written again calls the new function.
  'handler-callsReassignedFunction': [asyncDefault, 'function fail(error) {\n  throw error;\n}\nfail = (error) => console.error(error.message);\ng().catch((error) => fail(error));', 0, 'warning'],
};
// A read of a let in its dead zone before the await throws there, and p is never awaited (review
// rv11 #4; node 20 exits 1): not known, never 'the program goes on'. The read's own rejection is
// unhandled (an error), so the case states no one severity. Read after its declaration ran: certain (exit 0).
const deadZoneMain = (callAndLet) => `${asyncDefault}const log = ${logRejection};\nasync function main() {\n  const p = g();\n  const n = limit + 1;\n  try {\n    await p;\n  } catch (error) {\n    log(error);\n  }\n  console.log(n);\n}\n${callAndLet}\n`;
add('hoisting', 'tdz-default-param-async-awaited-inTryAfterDeadZoneRead', { 'main.js': deadZoneMain('main(); //! tdz-call-before-init\nlet limit = 2;') }, 'main.js', { exitCode: 1 });
exitCase('tdz-default-param-async-awaited-inTryAfterInitializedRead', deadZoneMain('let limit = 2;\nmain();'), 0, 'warning');
for (const [site, [before, call, exitCode, severity, file]] of Object.entries(rejectionExits)) exitCase(`tdz-default-param-async-${site}`, `${before}${call}\n`, exitCode, severity, file);
// A handler that calls process.exit() ends the program however the file reaches `exit` (exit code 3
// here); an `exit` of the file's own, or another object's, is an ordinary function.
const asyncMain = 'async function main() {\n  console.log(config.port);\n}\n';
const exitsVia = (exitCall) => `main().catch((error) => { //! tdz-call-before-init\n  console.error(error.message);\n  ${exitCall};\n});\nconst config = { port: 8080 };\n`;
const exits = {
  requiredProcess: ["const process = require('process');\n", 'process.exit(3)', 3, 'error'],
  requiredNodeProcess: ["const proc = require('node:process');\n", 'proc.exit(3)', 3, 'error'],
  destructuredFromProcess: ['const { exit } = process;\n', 'exit(3)', 3, 'error'],
  destructuredFromRequire: ["const { exit: quit } = require('node:process');\n", 'quit(3)', 3, 'error'],
  ownProcessObject: ["const process = { exit: (code) => console.log('exit', code) };\n", 'process.exit(3)', 0, 'warning'],
  destructuredFromOwnObject: ["const { exit } = { exit: (code) => console.log('exit', code) };\n", 'exit(3)', 0, 'warning'],
};
for (const [site, [header, exitCall, exitCode, severity]] of Object.entries(exits)) exitCase(`tdz-async-main-catch-exits-${site}`, `${header}${asyncMain}${exitsVia(exitCall)}`, exitCode, severity);
const esmExits = {
  defaultImport: ["import process from 'node:process';\n", 'process.exit(3)', 3, 'error'],
  namedImport: ["import { exit } from 'process';\n", 'exit(3)', 3, 'error'],
  renamedImport: ["import { exit as quit } from 'node:process';\n", 'quit(3)', 3, 'error'],
  ownModuleImport: ["import { exit } from './exit.mjs';\n", 'exit(3)', 0, 'warning'],
};
for (const [site, [header, exitCall, exitCode, severity]] of Object.entries(esmExits)) {
  exitCase(`tdz-async-main-catch-exits-${site}`, `${header}${asyncMain}${exitsVia(exitCall)}`, exitCode, severity, 'main.mjs',
    { 'exit.mjs': "export const exit = (code) => console.log('exit', code);\n" });
}
// Promise.all over a `.map` of async helpers that never wait: the first rejection rejects the all
// (node stops when nothing handles it); allSettled takes them as results.
const mappedHelper = 'async function helper(n) {\n  return config.port + n;\n}\n';
const mapped = {
  topLevelAwait: ['await Promise.all([1, 2].map(helper)); //! tdz-call-before-init', 1, 'error', 'main.mjs'],
  arrowInAsyncMain: ['async function main() {\n  await Promise.all([1, 2].map((n) => helper(n)));\n}\nmain(); //! tdz-call-before-init', 1, 'error'],
  blockReturnInAsyncMain: ['async function main() {\n  await Promise.all([1, 2].map((n) => {\n    return helper(n);\n  }));\n}\nmain(); //! tdz-call-before-init', 1, 'error'],
  dropped: ['[1, 2].map(helper); //! tdz-call-before-init', 1, 'error'],
  allCaught: [`Promise.all([1, 2].map(helper)).catch(${logRejection}); //! tdz-call-before-init`, 0, 'warning'],
  mainCaught: [`async function main() {\n  await Promise.all([1, 2].map((n) => helper(n)));\n}\nmain().catch(${logRejection}); //! tdz-call-before-init`, 0, 'warning'],
  allSettled: ['Promise.allSettled([1, 2].map(helper)).then((results) => console.log(results[0].status)); //! tdz-call-before-init', 0, 'warning'],
  // The array kept in a `const`: judged by its reads, as a promise kept in one is.
  heldThenWithoutHandler: ['const tasks = [1, 2].map(helper); //! tdz-call-before-init\nPromise.all(tasks).then((values) => console.log(values));', 1, 'error'],
  heldCaught: [`const tasks = [1, 2].map(helper); //! tdz-call-before-init\nPromise.all(tasks).catch(${logRejection});`, 0, 'warning'],
  heldSettledInTimer: ['const tasks = [1, 2].map(helper); //! tdz-call-before-init\nsetTimeout(() => Promise.allSettled(tasks), 0);', 1, 'error'],
  // A Promise.all without a handler that may not run leaves node going on when it does not (review rv9b #1): a warning.
  heldAllUnderIfThenSettled: ["const verbose = process.argv.includes('-v');\nconst tasks = [1, 2].map(helper); //! tdz-call-before-init\nif (verbose) Promise.all(tasks).then((values) => console.log(values));\nPromise.allSettled(tasks).then((r) => console.log(r.length));", 0, 'warning'],
  // An await of the array's Promise.all throws the first rejection there (review: it was not followed).
  heldAwaitedAtTopLevel: ['const tasks = [1, 2].map(helper); //! tdz-call-before-init\nawait Promise.all(tasks);', 1, 'error', 'main.mjs'],
  heldAwaitedInAsyncMain: ['async function main() {\n  const tasks = [1, 2].map(helper);\n  await Promise.all(tasks);\n}\nmain(); //! tdz-call-before-init', 1, 'error'],
  heldAwaitedInTry: [`const tasks = [1, 2].map(helper); //! tdz-call-before-init\ntry {\n  await Promise.all(tasks);\n} catch (error) {\n  console.error(error);\n}`, 0, 'warning', 'main.mjs'],
  heldAwaitedInAsyncMainCaught: [`async function main() {\n  const tasks = [1, 2].map(helper);\n  await Promise.all(tasks);\n}\nmain().catch(${logRejection}); //! tdz-call-before-init`, 0, 'warning'],
  heldAllUnderIfFalseThenSettled: ['const tasks = [1, 2].map(helper); //! tdz-call-before-init\nif (false) Promise.all(tasks).then((values) => console.log(values));\nPromise.allSettled(tasks);', 0, 'warning'],
};
for (const [site, [code, exitCode, severity, file]] of Object.entries(mapped)) exitCase(`tdz-promise-all-mapped-helpers-${site}`, `${mappedHelper}${code}\nconst config = { port: 8080 };\n`, exitCode, severity, file);
// The same shapes with the binding initialised first: nothing throws, nothing is reported.
single('hoisting', 'ok-later-handler-in-timer-initialised-first', `const limit = 1;\nasync function g(a = limit) {\n  return a;\n}\nconst log = ${logRejection};\nconst p = g();\nsetTimeout(() => p.catch(log), 0);\n`);
single('hoisting', 'ok-handler-calls-throwing-function-initialised-first', `const config = { port: 8080 };\n${asyncMain}function fail(error) {\n  throw new Error('wrapped', { cause: error });\n}\nmain().catch((error) => fail(error));\n`);
single('hoisting', 'ok-promise-all-mapped-helpers-initialised-first', `const config = { port: 8080 };\n${mappedHelper}Promise.all([1, 2].map((n) => helper(n))).then((values) => console.log(values));\n`);
single('hoisting', 'ok-catch-exits-through-destructured-exit-initialised-first', `const { exit } = process;\nconst config = { port: 8080 };\n${asyncMain}main().catch((error) => {\n  console.error(error.message);\n  exit(3);\n});\n`);

// Look-alikes that must stay silent.
single('hoisting', 'ok-deferred-timeout', 'function show() {\n  console.log(value);\n}\nsetTimeout(show, 0);\nlet value = 1;\n');
single('hoisting', 'ok-deferred-then', 'Promise.resolve().then(() => console.log(value));\nconst value = 1;\n');
single('hoisting', 'ok-deferred-nexttick', 'process.nextTick(() => console.log(value));\nconst value = 1;\n');
single('hoisting', 'ok-deferred-listener', 'const { EventEmitter } = require("events");\nconst e = new EventEmitter();\ne.on("x", () => console.log(value));\nconst value = 1;\ne.emit("x");\n');
single('hoisting', 'ok-closure-not-called', 'const get = () => value;\nlet value = 1;\nconsole.log(get());\n');
single('hoisting', 'ok-function-hoisted', 'console.log(twice(2));\nfunction twice(n) {\n  return n * 2;\n}\n');
single('hoisting', 'ok-typeof-undeclared', 'console.log(typeof someGlobalThatIsNotDeclared);\n');
single('hoisting', 'ok-method-called-later', 'class A {\n  make() {\n    return new B();\n  }\n}\nclass B {}\nconsole.log(new A().make());\n');
single('hoisting', 'ok-var-assigned-first', 'var count;\ncount = 1;\nconsole.log(count);\n');
single('hoisting', 'ok-var-declared-no-init', 'var pending;\nconsole.log(pending);\n');
single('hoisting', 'ok-var-assigned-in-callback', 'var ready;\nfunction init() {\n  ready = true;\n}\ninit();\nconsole.log(ready);\n');
single('hoisting', 'ok-loop-var-sync', 'for (var k = 0; k < 3; k++) {\n  [k].forEach((v) => console.log(v, k));\n}\n');
single('hoisting', 'ok-default-param-earlier', 'function f(a, b = a * 2) {\n  return a + b;\n}\nconsole.log(f(1));\n');
single('hoisting', 'ok-switch-braces', 'function pick(k) {\n  switch (k) {\n    case 1: {\n      const label = "one";\n      return label;\n    }\n    case 2: {\n      const label = "two";\n      return label;\n    }\n  }\n}\nconsole.log(pick(2));\n');
single('hoisting', 'ok-block-function-inside', 'if (true) {\n  function helper() {}\n  helper();\n}\n');
single('hoisting', 'ok-shadowed-name', 'let value = 1;\nfunction show() {\n  const value = 2;\n  return value;\n}\nshow();\n');
single('hoisting', 'ok-recursive', 'function fact(n) {\n  return n <= 1 ? 1 : n * fact(n - 1);\n}\nconst r = fact(5);\nconsole.log(r);\n');

// Shapes met in real packages (buffer, events' tests, our own cli.ts) that must stay silent.
single('hoisting', 'ok-commonjs-var-require', "var originalRequire = require;\nvar require = function (id) {\n  return originalRequire(id);\n};\nrequire('fs');\n");
single('hoisting', 'ok-namespace-idiom', 'var App = App || {};\nApp.start = function () {};\nvar settings = settings ?? { debug: false };\nconsole.log(App, settings);\n');
add('hoisting', 'ok-declare-const', { 'main.ts': "declare const BUILD_VERSION: string | undefined;\nconst version = typeof BUILD_VERSION === 'string' ? BUILD_VERSION : 'dev';\nconsole.log(version);\n" }, null);
// LL1101 look-alikes reduced from real packages (session 11, /tmp/realpkgs): each throws in node if
// the read the warning was about gave undefined, so node checks that it did not.
// A for-in target assigns the var each round before the body (React in playwright-core's bundles).
single('hoisting', 'ok-var-for-in-target', "function props(config) {\n  var out = {};\n  for (key in config) if (key !== 'ref') out[key] = config[key];\n  if (Object.keys(out).length !== 1 || out.a !== 1) throw new Error('lost ' + key);\n  var key = arguments.length;\n  return out;\n}\nprops({ a: 1, ref: 2 });\n");
single('hoisting', 'var-read-before-for-in', "var seen = [];\nseen.push(key); //! hoisting-var-read-before-assignment\nfor (key in { a: 1 }) seen.push(key);\nvar key;\nconsole.log(seen);\n");
// A destructuring assignment assigns its targets.
single('hoisting', 'ok-var-destructuring-assignment', "[first, { second }] = [1, { second: 2 }];\nif (first + second !== 3) throw new Error('undefined');\nvar first, second;\n");
single('hoisting', 'var-read-before-destructuring', "console.log(first); //! hoisting-var-read-before-assignment\n[first] = [1];\nvar first;\n");
single('hoisting', 'tdz-destructuring-assignment-shorthand-default', "({ limit = later } = {}); //! tdz-read-before-init\nlet later = 1;\nvar limit;\n");
// A var the loop body assigns after the read carries the previous round's value; the read is on a
// branch the first round does not take (lodash _baseSortedUniq, _basePullAt, wrapperPlant) or tests
// the var for undefined on purpose (_baseExtremum): silent. An unconditional use is still reported.
single('hoisting', 'ok-var-loop-carried-guarded', "function uniq(array) {\n  var index = -1, result = [];\n  while (++index < array.length) {\n    var value = array[index];\n    if (!index || value !== seen) {\n      if (index && seen === undefined) throw new Error('undefined');\n      var seen = value;\n      result.push(value);\n    }\n  }\n  return result;\n}\nconsole.log(uniq([1, 1, 2]));\n");
single('hoisting', 'ok-var-loop-carried-test', "function max(array) {\n  var index = -1;\n  while (++index < array.length) {\n    var current = array[index];\n    if (computed === undefined ? current === current : current > computed) {\n      var computed = current;\n    }\n  }\n  return computed;\n}\nif (max([1, 3, 2]) !== 3) throw new Error('wrong');\n");
single('hoisting', 'ok-var-loop-carried-other-guard', "function chain(items) {\n  var result, index = 0;\n  while (index < items.length) {\n    var node = { value: items[index++] };\n    if (result) {\n      previous.next = node;\n    } else {\n      result = node;\n    }\n    var previous = node;\n  }\n  return result;\n}\nconsole.log(chain([1, 2, 3]));\n");
single('hoisting', 'var-read-loop-carried-unconditional', "function sum(array) {\n  var index = -1, out = [];\n  while (++index < array.length) {\n    out.push(total); //! hoisting-var-read-before-assignment\n    var total = (total || 0) + array[index];\n  }\n  return out;\n}\nsum([1, 2]);\n");
// A var's own initialiser keeping its value on purpose (esbuild's install.js, lodash truncate);
// the same read computing with it is reported.
single('hoisting', 'ok-var-keeps-own-value', "var BINARY_PATH = process.env.NO_SUCH_BINARY_PATH || BINARY_PATH;\nfunction cut(options) {\n  if (options) {\n    var separator = 'separator' in options ? options.separator : separator;\n  }\n  return separator;\n}\nif (BINARY_PATH !== undefined || cut({}) !== undefined || cut({ separator: '-' }) !== '-') throw new Error('changed');\n");
single('hoisting', 'var-own-initializer-computes', "var total = total + 1; //! hoisting-var-read-before-assignment\nconsole.log(total);\n");
// A branch inside a function called before the var is assigned depends on that call's arguments
// (r.js's DEFNODE: `if (arguments.length < 4) base = AST_Node` runs only for later calls); the
// read is not reported. A read on a branch of the frame that owns the var still is.
single('hoisting', 'ok-var-branch-in-callee', "function define(type, base) {\n  if (arguments.length < 2) {\n    if (Root === undefined) throw new Error('undefined');\n    base = Root;\n  }\n  return { type: type, base: base };\n}\nvar Root = define('Root', null);\nvar Leaf = define('Leaf');\nconsole.log(Leaf.base.type);\n");
single('hoisting', 'var-read-on-branch-of-owner', "if (process.argv.length > 0) console.log(limit); //! hoisting-var-read-before-assignment\nvar limit = 3;\n");
// Those heuristics are only for reading undefined on purpose: a call of the var throws a TypeError
// in node however the branch or loop is written, so LL1102 is still reported (review rv12 #1).
single('hoisting', 'var-call-on-branch-in-callee', "function init() {\n  if (true) helper(); //! hoisting-call-before-assignment\n}\ninit();\nvar helper = function () {};\n");
single('hoisting', 'var-call-in-loop-over-argument', "function boot(steps) {\n  for (const step of steps) run(step); //! hoisting-call-before-assignment\n}\nboot(['a']);\nvar run = function (s) { console.log(s); };\n");
single('hoisting', 'var-call-loop-carried', "for (var i = 0; i < 2; i++) {\n  if (i === 0) handler(); //! hoisting-call-before-assignment\n  var handler = function () {};\n}\n");
// A branch or loop that certainly runs is no such branch (review rv12 #2; each read throws a
// TypeError in node): `if (true)`, a for-of over a non-empty array literal, a counted loop that
// enters, a `case` a known value matches, a branch or an inner loop the first round of the loop
// certainly takes. A for-in over `{}` runs no round and assigns nothing.
single('hoisting', 'var-read-if-true-in-callee', "function setup() {\n  if (true) console.log(config.name); //! hoisting-var-read-before-assignment\n}\nsetup();\nvar config = { name: 'a' };\n");
single('hoisting', 'var-read-for-of-literal-in-callee', "function setup() {\n  for (const k of ['a', 'b']) console.log(defaults[k]); //! hoisting-var-read-before-assignment\n}\nsetup();\nvar defaults = { a: 1, b: 2 };\n");
single('hoisting', 'var-read-counted-loop-in-callee', "function init() {\n  for (var i = 0; i < 3; i++) console.log(names[i]); //! hoisting-var-read-before-assignment\n}\ninit();\nvar names = ['a', 'b', 'c'];\n");
single('hoisting', 'var-read-matched-case-in-callee', "var count = 0;\nfunction tick() {\n  switch (count) { case 0: return handlers.length; } //! hoisting-var-read-before-assignment\n}\ntick();\nvar handlers = [];\n");
single('hoisting', 'var-read-first-round-branch-or', "function main() {\n  var out = [];\n  for (var i = 0; i < 2; i++) {\n    if (i === 0 || out.length > 5) out.push(prev.value); //! hoisting-var-read-before-assignment\n    var prev = { value: i };\n  }\n}\nmain();\n");
single('hoisting', 'var-read-first-round-branch', "function main() {\n  var out = [];\n  for (var i = 0; i < 2; i++) {\n    if (i === 0) out.push(prev.value); //! hoisting-var-read-before-assignment\n    var prev = { value: i };\n  }\n}\nmain();\n");
// A counter the test updates (`++index < n`, lodash.min's _baseSortedUniq) has no known first-round value.
single('hoisting', 'ok-var-loop-carried-counter-updated-in-test', "function uniq(array) {\n  for (var index = -1, result = []; ++index < array.length;) {\n    var value = array[index];\n    if (!index || value !== seen) {\n      if (index && seen === undefined) throw new Error('undefined');\n      var seen = value;\n      result.push(value);\n    }\n  }\n  return result;\n}\nif (uniq([1, 1, 2]).length !== 2) throw new Error('wrong');\n");
single('hoisting', 'var-read-first-round-inner-loop', "for (let i = 0; i < 2; i++) {\n  for (let j = 0; j < 1; j++) total.push(j); //! hoisting-var-read-before-assignment\n  var total = [];\n}\n");
single('hoisting', 'var-read-after-for-in-empty', "for (k in {}) {}\nconsole.log(k.length); //! hoisting-var-read-before-assignment\nvar k;\n");
// A test the file fixes takes its branch for certain: a TDZ read there throws for certain (an
// error; node throws at the call), and the branch it does not take never runs (no finding; node
// runs cleanly). A loop counter's value is known for the first round only, so a branch a later round
// may take is still a "may" (session 12).
const laterLet = 'function f() {\n  return x;\n}\nlet x = 1;\n';
single('hoisting', 'tdz-call-if-true', `if (true) {\n  f(); //! tdz-call-before-init\n}\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-if-const-flag', `const debug = true;\nif (debug) f(); //! tdz-call-before-init\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-else-of-false', `if (false) {\n  console.log('never');\n} else {\n  f(); //! tdz-call-before-init\n}\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-conditional-const', `const on = 1;\nconst v = on ? f() : 0; //! tdz-call-before-init\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-and-true', `true && f(); //! tdz-call-before-init\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-nullish-null', `null ?? f(); //! tdz-call-before-init\n${laterLet}`, { severity: 'error' });
single('hoisting', 'tdz-call-loop-later-round', `for (let i = 0; i < 3; i++) {\n  if (i === 0) continue;\n  else f(); //! tdz-call-before-init\n}\n${laterLet}`, { severity: 'warning' });
single('hoisting', 'ok-call-if-false', `if (false) {\n  f();\n}\n${laterLet}console.log(f());\n`);
single('hoisting', 'ok-call-const-flag-off', `const debug = false;\nif (debug) f();\n${laterLet}`);
single('hoisting', 'ok-call-and-false', `false && f();\n0 || console.log('zero');\n${laterLet}`);
single('hoisting', 'ok-call-or-true', `'set' || f();\n${laterLet}`);
single('hoisting', 'ok-call-nullish-value', `0 ?? f();\n${laterLet}`);
single('hoisting', 'ok-call-conditional-else-not-taken', `const v = 'yes' ? 1 : f();\n${laterLet}console.log(v);\n`);
// A default in a destructuring assignment or declaration runs only when the value lacks the key or
// element: never over a literal that gives it, for certain over one that lacks it, and otherwise it
// may (a warning) (review rv12 #3).
single('hoisting', 'ok-destructuring-default-key-given', "var limit;\n({ limit = later } = { limit: 5 });\nlet later = 2;\nif (limit !== 5) throw new Error('default ran');\n");
single('hoisting', 'ok-destructuring-default-element-given', "var x;\n[x = later] = [1];\nconst [y = later] = [1];\nlet later = 2;\nif (x !== 1 || y !== 1) throw new Error('default ran');\n");
single('hoisting', 'tdz-destructuring-default-key-missing', "var limit;\n({ limit = later } = {}); //! tdz-read-before-init\nlet later = 2;\n");
single('hoisting', 'tdz-destructuring-default-value-unknown', "var limit, source = JSON.parse('{}');\n({ limit = later } = source); //! tdz-read-before-init\nlet later = 2;\n", { severity: 'warning' });

// ---------------------------------------------------------------- imports (cycles)
const esmExports = {
  class: { decl: 'export class Shared {}', use: 'Shared.name', sev: 'error' },
  let: { decl: 'export let Shared = 1;', use: 'String(Shared)', sev: 'error' },
  const: { decl: 'export const Shared = { n: 1 };', use: 'JSON.stringify(Shared)', sev: 'error' },
  defaultExpression: { decl: 'export default { n: 1 };', use: 'JSON.stringify(Shared)', sev: 'error', importDefault: true },
  var: { decl: 'export var Shared = 1;', use: 'String(Shared)', sev: 'warning' },
};
const esmReadSites = {
  topLevel: (u) => `console.log(${u}); //! circular-import-load-time`,
  assignment: (u) => `const copy = ${u}; //! circular-import-load-time\nexport { copy };`,
  calledAtLoad: (u) => `function describe() {\n  return ${u};\n}\ndescribe(); //! circular-import-load-time`,
  staticField: (u) => `export class Holder {\n  static v = ${u}; //! circular-import-load-time\n}`,
  templateLiteral: (u) => `const text = \`\${${u}}\`; //! circular-import-load-time\nexport { text };`,
  iife: (u) => `(() => console.log(${u}))(); //! circular-import-load-time`,
  computedKey: (u) => `const table = { [${u}]: 1 }; //! circular-import-load-time\nexport { table };`,
  conditional: (u) => `if (${u}) console.log('yes'); //! circular-import-load-time`,
  // A generator's body runs as a top-level loop iterates it to its end, after its yields too.
  generatorForOf: (u) => `function* items() {\n  yield ${u};\n}\nfor (const x of items()) console.log(x); //! circular-import-load-time`,
  generatorAfterYield: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfor (const x of items()) console.log(x); //! circular-import-load-time`,
  asyncGeneratorForAwait: (u) => `async function* items() {\n  yield ${u};\n}\nfor await (const x of items()) console.log(x); //! circular-import-load-time`,
  // A spread or Array.from runs it to its end; a loop that leaves early, next() or a destructuring, to its first yield.
  generatorSpread: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconsole.log([...items()]); //! circular-import-load-time`,
  generatorArrayFrom: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconsole.log(Array.from(items())); //! circular-import-load-time`,
  generatorLoopBreaksAfterFirst: (u) => `function* items() {\n  const first = ${u};\n  yield first;\n  yield 2;\n}\nfor (const x of items()) { //! circular-import-load-time\n  console.log(x);\n  break;\n}`,
  generatorNext: (u) => `function* items() {\n  yield ${u};\n  yield 2;\n}\nconsole.log(items().next().value); //! circular-import-load-time`,
  generatorDestructured: (u) => `function* items() {\n  yield ${u};\n}\nconst [first] = items(); //! circular-import-load-time\nconsole.log(first);`,
  // A break of a block inside the body, or a continue of the loop itself, does not leave the loop;
  // a call that may throw where nothing catches the throw ends the program anyway (review rv10 #3).
  generatorLabelledBlockBreak: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfor (const x of items()) { //! circular-import-load-time\n  inner: {\n    if (x) break inner;\n    console.log(x);\n  }\n}`,
  generatorContinueOwnLabel: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nouter: for (const x of items()) { //! circular-import-load-time\n  for (const c of 'ab') if (c === 'a') continue outer;\n  console.log(x);\n}`,
  // A push, a Map's set, a Set's add on a local array, Map or Set cannot throw: the loop runs the
  // generator to its end, in a try whose catch would take a throw (here it throws again), or in a
  // function (review rv11 #2).
  generatorBodyPushInTry: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconst out = [];\ntry {\n  for (const x of items()) out.push(x); //! circular-import-load-time\n} catch (error) {\n  console.log('failed after', out.length);\n  throw error;\n}`,
  generatorBodyMapSetInTry: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconst seen = new Map();\ntry {\n  for (const x of items()) if (!seen.has(x)) seen.set(x, x); //! circular-import-load-time\n} catch (error) {\n  console.log('failed after', seen.size);\n  throw error;\n}`,
  generatorInIifeSetAdd: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconst out = new Set();\n(() => {\n  for (const x of items()) out.add(x); //! circular-import-load-time\n})();`,
  generatorBodyMayThrowUncaught: (u) => `function check(x) {\n  if (x > 5) throw new Error('big');\n}\nfunction* items() {\n  yield 1;\n  yield ${u};\n}\nfor (const x of items()) check(x); //! circular-import-load-time`,
  // A try whose catch may throw again (here only a ReferenceError) may stop the program: a warning; a
  // try inside the loop's body is not around the generator's read; a throw out of an async function
  // rejects its promise, which no try around the call catches (measured in node 20: exit 1 each).
  generatorInTryMayRethrow: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\ntry {\n  for (const x of items()) console.log(x); //! circular-import-load-time\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
  generatorTryInBody: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfor (const x of items()) { //! circular-import-load-time\n  try {\n    console.log(x);\n  } catch (error) {\n    console.log('caught', error.name);\n  }\n}`,
  // A rejection handler that throws again, and an await with no try around it (node 20: exit 1).
  calledAsyncCatchRethrows: (u) => `async function read() {\n  return ${u};\n}\nread().catch((error) => { //! circular-import-load-time\n  console.log('caught', error.name);\n  throw error;\n});`,
  calledAsyncAwaited: (u) => `async function read() {\n  return ${u};\n}\nawait read(); //! circular-import-load-time`,
  // An object pattern over the generator's object literals cannot throw in the loop's head.
  generatorDestructuredHeadInTry: (u) => `function* items() {\n  yield { n: 1 };\n  yield { n: ${u} };\n}\ntry {\n  for (const { n } of items()) console.log(n); //! circular-import-load-time\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
  // A catch whose pattern takes a property of the error out (cause: undefined here) may throw reading it (node 20: TypeError, exit 1).
  caughtByDestructuringCatch: (u) => `try {\n  console.log(${u}); //! circular-import-load-time\n} catch ({ cause }) {\n  console.log('caught', cause.length);\n}`,
  calledAsyncInTry: (u) => `async function read() {\n  return ${u};\n}\ntry {\n  read(); //! circular-import-load-time\n} catch (error) {\n  console.log('caught', error.name);\n}`,
  // A loop in a function called at load time runs the generator as a top-level loop does (node 20: exit 1).
  generatorInCalledFunction: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfunction collect() {\n  const out = [];\n  for (const x of items()) out.push(x);\n  return out;\n}\nconsole.log(collect()); //! circular-import-load-time`,
  // A function walked from a call whose throw is caught is walked again from a later call where it is not.
  generatorCaughtThenUncaught: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfunction collect() {\n  return [...items()];\n}\ntry {\n  collect();\n} catch (error) {\n  console.log('caught', error.name);\n}\nconsole.log(collect()); //! circular-import-load-time`,
  calledCaughtThenUncaught: (u) => `function read() {\n  return ${u};\n}\nfunction both() {\n  try {\n    read();\n  } catch (error) {\n    console.log('caught', error.name);\n  }\n  read();\n}\nboth(); //! circular-import-load-time`,
  // yield* in a generator the loop runs runs the one it delegates to as far (node 20: exit 1).
  generatorDelegated: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfunction* all() {\n  yield 0;\n  yield* items();\n}\nfor (const x of all()) console.log(x); //! circular-import-load-time`,
  asyncGeneratorDelegated: (u) => `async function* items() {\n  yield 1;\n  yield ${u};\n}\nasync function* all() {\n  yield* items();\n}\nfor await (const x of all()) console.log(x); //! circular-import-load-time`,
  generatorDelegatedToFirstYield: (u) => `function* items() {\n  const first = ${u};\n  yield first;\n  yield 2;\n}\nfunction* all() {\n  yield* items();\n  yield 3;\n}\nfor (const x of all()) { //! circular-import-load-time\n  console.log(x);\n  break;\n}`,
  // A generator object a const holds runs at its first use, a loop (node 20: exit 1).
  generatorObjectKept: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nconst it = items();\nfor (const x of it) console.log(x); //! circular-import-load-time`,
  asyncGeneratorObjectKept: (u) => `async function* items() {\n  yield 1;\n  yield ${u};\n}\nconst it = items();\nfor await (const x of it) console.log(x); //! circular-import-load-time`,
  generatorInNestedCall: (u) => `function* items() {\n  yield 1;\n  yield ${u};\n}\nfunction collect() {\n  for (const x of items()) console.log(x);\n}\nfunction main() {\n  collect();\n}\nmain(); //! circular-import-load-time`,
  // A property read of a loop variable (or of a parameter given it) whose values are the generator's
  // object literals cannot throw: the loop runs the generator to its end where a throw may be caught
  // (node 20: exit 1, the ReferenceError).
  generatorReadsYieldedObjectInTry: (u) => `function* items() {\n  yield { n: 1 };\n  yield { n: ${u} };\n}\ntry {\n  for (const x of items()) console.log(x.n); //! circular-import-load-time\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
  generatorLetReadsYieldedObjectInTry: (u) => `function* items() {\n  yield { n: 1 };\n  yield { n: ${u} };\n}\ntry {\n  for (let x of items()) console.log(x.n); //! circular-import-load-time\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
  generatorParameterGivenYieldedObject: (u) => `function show(point) {\n  console.log(point.n);\n}\nfunction* items() {\n  yield { n: 1 };\n  yield { n: ${u} };\n}\nasync function collect() {\n  for (const x of items()) show(x);\n}\ncollect(); //! circular-import-load-time`,
};
for (const [exportKind, e] of Object.entries(esmExports)) {
  for (const [site, make] of Object.entries(esmReadSites)) {
    if (exportKind === 'var' && !['topLevel', 'calledAtLoad', 'staticField'].includes(site)) continue;
    if (exportKind === 'defaultExpression' && !['topLevel', 'calledAtLoad'].includes(site)) continue;
    const importLine = e.importDefault ? "import Shared from './a.mjs';" : "import { Shared } from './a.mjs';";
    add('imports', `esm-${exportKind}-${site}`, {
      'main.mjs': "import './a.mjs';\n",
      'a.mjs': `import './b.mjs';\n${e.decl}\n`,
      'b.mjs': `${importLine}\n${make(e.use)}\n`,
    }, 'main.mjs');
  }
  // Look-alike: the same use inside a function that runs after loading.
  const importLine = e.importDefault ? "import Shared from './a.mjs';" : "import { Shared } from './a.mjs';";
  add('imports', `ok-esm-${exportKind}-lazy`, {
    'main.mjs': "import { later } from './b.mjs';\nconsole.log(later());\n",
    'a.mjs': `import './b.mjs';\n${e.decl}\n`,
    'b.mjs': `${importLine}\nexport function later() {\n  return ${e.use};\n}\n`,
  }, 'main.mjs');
  // Look-alikes: a generator whose loop leaves at its first yield, one never iterated, one iterated
  // in a function that runs later, and a name given another generator before the loop.
  if (exportKind !== 'const') continue;
  const generatorLookAlikes = {
    loopBreaksFirst: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nfor (const x of items()) {\n  console.log(x);\n  break;\n}`,
    notIterated: `function* items() {\n  yield ${e.use};\n}\nconst it = items();\nconsole.log(typeof it);`,
    iteratedLater: `function* items() {\n  yield ${e.use};\n}\nexport function show() {\n  for (const x of items()) console.log(x);\n}`,
    reassigned: `let items = function* () {\n  yield ${e.use};\n};\nitems = function* () {\n  yield 1;\n};\nfor (const x of items()) console.log(x);`,
    nextReadsAfterFirstYield: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nconsole.log(items().next().value);`,
    emptyDestructuring: `function* items() {\n  yield ${e.use};\n}\nconst [] = items();`,
    ownArrayFrom: `const Array = { from: (it) => typeof it };\nfunction* items() {\n  yield ${e.use};\n}\nconsole.log(Array.from(items()));`,
    // A body call that throws, caught around the loop, ends the generator at its first yield (review rv10 #3).
    bodyThrowsInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nfunction fail() {\n  throw new Error('stop');\n}\ntry {\n  for (const x of items()) fail();\n} catch (error) {\n  console.log('caught', error.message);\n}`,
    bodyNewThrowsInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  for (const x of items()) new URL('' + x);\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    // A method that throws on a value that is not a plain local array (frozen here), or a callback that throws, still may leave (review rv11 #2).
    bodyFrozenPushInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nconst out = Object.freeze([]);\ntry {\n  for (const x of items()) out.push(x);\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    bodyCallbackThrowsInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nconst list = [1];\ntry {\n  for (const x of items()) list.forEach((v) => {\n    if (v === x) throw new Error('stop');\n  });\n} catch (error) {\n  console.log('caught', error.message);\n}`,
    // A property read of undefined in a called function or in the body, and an await of a rejection, may leave too (review rv11 #3).
    bodyCallReadsUndefinedInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nfunction first(v) {\n  return v.missing.deep;\n}\ntry {\n  for (const x of items()) first(x);\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    bodyReadsUndefinedInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  for (const x of items()) console.log(x.missing.deep);\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    bodyAwaitsRejectionInTry: `async function* items() {\n  yield 1;\n  yield ${e.use};\n}\nasync function fail() {\n  throw new Error('stop');\n}\ntry {\n  for await (const x of items()) await fail();\n} catch (error) {\n  console.log('caught', error.message);\n}`,
    bodyMethodThrowsInTry: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  for (const x of items()) console.log(x.toFixed(200));\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    // A try whose catch cannot throw again catches the ReferenceError for good, around the loop, a
    // for await, an immediately invoked function, a call, or the read itself (node 20: exit 0).
    caughtAroundLoop: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  for (const x of items()) console.log(x);\n} catch (error) {\n  console.log('caught', error.name);\n}\nconsole.log('after');`,
    caughtAroundForAwait: `async function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  for await (const x of items()) console.log(x);\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    caughtAroundIife: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\ntry {\n  (() => {\n    for (const x of items()) console.log(x);\n  })();\n} catch (error) {\n  console.log('caught', error.message.length);\n}`,
    caughtInCallingFunction: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nfunction collect() {\n  return [...items()];\n}\nfunction safe() {\n  try {\n    return collect();\n  } catch (error) {\n    console.log('caught', error.name);\n  }\n}\nsafe();`,
    caughtTopLevelRead: `try {\n  console.log(${e.use});\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    // Values that may be undefined (a bare yield of undefined, a property of the object) may throw: the loop may end at the first yield.
    delegatedLoopBreaksFirst: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nfunction* all() {\n  yield* items();\n  yield 3;\n}\nfor (const x of all()) {\n  console.log(x);\n  break;\n}`,
    // A generator object left at its first yield by a loop that breaks is done: a second loop runs nothing (node 20: exit 0).
    objectLoopBreaksThenAgain: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nconst it = items();\nfor (const x of it) {\n  console.log(x);\n  break;\n}\nfor (const x of it) console.log(x);`,
    letAssignedReadInTry: `function* items() {\n  yield { n: 1 };\n  yield { n: ${e.use} };\n}\ntry {\n  for (let x of items()) {\n    if (x.n === 1) x = undefined;\n    console.log(x.n);\n  }\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
    yieldsUndefinedReadInTry: `function* items() {\n  yield { n: 1 };\n  yield undefined;\n  yield { n: ${e.use} };\n}\ntry {\n  for (const x of items()) console.log(x.n);\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
    parameterDeepReadInAsync: `function show(point) {\n  console.log(point.inner.n);\n}\nfunction* items() {\n  yield { n: 1 };\n  yield { n: ${e.use} };\n}\nasync function collect() {\n  for (const x of items()) show(x);\n}\ncollect().catch((error) => {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n});`,
    // The rejection of an async function's call handled by a handler that cannot throw, or awaited in a try (node 20: exit 0).
    asyncCallCaught: `function* items() {\n  yield 1;\n  yield ${e.use};\n}\nasync function collect() {\n  for (const x of items()) console.log(x);\n}\ncollect().catch((error) => console.log('caught', error.name));`,
    asyncCallThenCatch: `async function read() {\n  return ${e.use};\n}\nread().then((value) => console.log(value)).catch((error) => console.log('caught', error.name));`,
    asyncCallAwaitedInTry: `async function read() {\n  return ${e.use};\n}\ntry {\n  await read();\n} catch (error) {\n  console.log('caught', error.name);\n}`,
    // A pattern in the loop's head over a yield of undefined throws there: the loop may end at the first yield (node 20: TypeError caught, exit 0).
    destructuredHeadOverUndefinedInTry: `function* items() {\n  yield undefined;\n  yield { n: ${e.use} };\n}\ntry {\n  for (const { n } of items()) console.log(n);\n} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n  console.log('caught', error.name);\n}`,
  };
  for (const [site, code] of Object.entries(generatorLookAlikes)) {
    add('imports', `ok-esm-generator-${site}`, { 'main.mjs': "import './a.mjs';\n", 'a.mjs': `import './b.mjs';\n${e.decl}\n`, 'b.mjs': `${importLine}\n${code}\n` }, 'main.mjs');
    // A catch that may throw again (only a ReferenceError) does not catch the read for good: whether
    // the generator ends at its first yield decides again (node 20: the body's other error is caught, exit 0).
    if (!/^body.*InTry$/.test(site)) continue;
    const mayRethrow = code.replace('} catch (error) {\n', '} catch (error) {\n  if (error instanceof ReferenceError) throw error;\n');
    add('imports', `ok-esm-generator-${site}MayRethrow`, { 'main.mjs': "import './a.mjs';\n", 'a.mjs': `import './b.mjs';\n${e.decl}\n`, 'b.mjs': `${importLine}\n${mayRethrow}\n` }, 'main.mjs');
  }
}
// Review rv12: a catch that throws through a pattern or an iteration may throw (node 20: a TypeError, exit 1):
// a warning; one that certainly reaches a throw, or a handler of null, hands the ReferenceError on (exit 1):
// an error; a generator object closed by a destructuring or through an alias runs nothing more (exit 0).
{
  const cycle = (code) => ({ 'main.mjs': "import './a.mjs';\n", 'a.mjs': "import './b.mjs';\nexport const Shared = { n: 1 };\n", 'b.mjs': `import { Shared } from './a.mjs';\n${code}\n` });
  const tryRead = "try {\n  console.log(Shared.n); //! circular-import-load-time\n} ";
  const asyncRead = 'async function read() {\n  return JSON.stringify(Shared);\n}\n';
  const mayThrow = {
    catchNestedPattern: `${tryRead}catch ({ response: { status } }) {\n  console.log('failed', status);\n}`,
    catchArrayPattern: `${tryRead}catch ([first]) {\n  console.log('failed', first);\n}`,
    catchBodyNestedPattern: `${tryRead}catch (e) {\n  const { code: { id } } = e;\n  console.log(id);\n}`,
    catchBodyArrayPattern: `${tryRead}catch (e) {\n  const [first] = e;\n  console.log(first);\n}`,
    catchBodyForOf: `${tryRead}catch (e) {\n  for (const k of e) console.log(k);\n}`,
    catchBodySpread: `${tryRead}catch (e) {\n  console.log([...e]);\n}`,
    handlerNestedPattern: `${asyncRead}read().catch(({ cause: { message } }) => console.log(message)); //! circular-import-load-time`,
    handlerForOf: `${asyncRead}read().catch((e) => { //! circular-import-load-time\n  for (const part of e) console.log(part);\n});`,
  };
  for (const [site, code] of Object.entries(mayThrow)) add('imports', `esm-rv12-${site}`, cycle(code), 'main.mjs', { severity: 'warning' });
  const rethrows = {
    nestedBlock: `${tryRead}catch (e) {\n  {\n    throw e;\n  }\n}`,
    switchCase: `${tryRead}catch (e) {\n  switch (1) {\n    case 1:\n      throw e;\n  }\n}`,
    finallyThrows: `${tryRead}catch (e) {\n  try {\n  } finally {\n    throw e;\n  }\n}`,
    handlerNull: `${asyncRead}read().catch(null); //! circular-import-load-time`,
    handlerUndefinedThenCatch: `${asyncRead}read().then((v) => console.log(v), undefined); //! circular-import-load-time`,
  };
  for (const [site, code] of Object.entries(rethrows)) add('imports', `esm-rv12-rethrow-${site}`, cycle(code), 'main.mjs', { severity: 'error' });
  const generator = 'function* items() {\n  yield 1;\n  yield JSON.stringify(Shared);\n}\nconst it = items();\n';
  add('imports', 'ok-esm-rv12-generatorObjectDestructuredThenLooped', cycle(`${generator}const [first] = it;\nfor (const x of it) console.log(x);\nconsole.log(first);`), 'main.mjs');
  add('imports', 'ok-esm-rv12-generatorObjectAliasClosed', cycle(`${generator}const copy = it;\ncopy.return();\nfor (const x of it) console.log(x);`), 'main.mjs');
  // A promise a const keeps, handled by the one statement after it that mentions it (node 20: exit 0); chained without a handler, or handled by one that rethrows (exit 1).
  add('imports', 'ok-esm-rv12-keptPromiseCaught', cycle(`${asyncRead}const p = read();\np.catch((e) => console.log('caught', e.name));\nconsole.log('after');`), 'main.mjs');
  add('imports', 'esm-rv12-rethrow-keptPromiseThenOnly', cycle(`${asyncRead}const p = read(); //! circular-import-load-time\np.then((v) => console.log(v));`), 'main.mjs', { severity: 'error' });
  add('imports', 'esm-rv12-rethrow-keptPromiseHandlerRethrows', cycle(`${asyncRead}const p = read(); //! circular-import-load-time\np.catch((e) => {\n  throw e;\n});`), 'main.mjs', { severity: 'error' });
  add('imports', 'esm-rv12-keptPromiseHandlerMayRethrow', cycle(`${asyncRead}const p = read(); //! circular-import-load-time\np.catch((e) => {\n  if (e instanceof ReferenceError) throw e;\n});`), 'main.mjs', { severity: 'warning' });
  // A chain of 200 generators each delegating to the next overflowed the stack (the graph failed): the read in the first is still found.
  const chain = Array.from({ length: 200 }, (_, i) => `function* g${i}() {\n  yield ${i};\n${i === 0 ? '  yield JSON.stringify(Shared);\n' : ''}  yield* g${i + 1}();\n}`).join('\n');
  add('imports', 'esm-rv12-delegationChain200', cycle(`${chain}\nfunction* g200() {\n  yield 200;\n}\nfor (const x of g0()) console.log(x); //! circular-import-load-time`), 'main.mjs');
}
add('imports', 'esm-extends', {
  'main.mjs': "import { A } from './a.mjs';\nconsole.log(A.name);\n",
  'a.mjs': "import { B } from './b.mjs';\nexport class A {}\nexport const b = () => new B();\n",
  'b.mjs': "import { A } from './a.mjs';\nexport class B extends A {} //! circular-import-load-time\n",
}, 'main.mjs');
add('imports', 'esm-reexport', {
  'main.mjs': "import './a.mjs';\n",
  'a.mjs': "import './b.mjs';\nexport { Config } from './config.mjs';\n",
  'config.mjs': "import './a.mjs';\nexport class Config {}\n",
  'b.mjs': "import { Config } from './a.mjs';\nnew Config(); //! circular-import-load-time\n",
}, 'main.mjs');
add('imports', 'esm-namespace', {
  'main.mjs': "import './a.mjs';\n",
  'a.mjs': "import './b.mjs';\nexport const limit = 5;\n",
  'b.mjs': "import * as a from './a.mjs';\nconsole.log(a.limit); //! circular-import-load-time\n",
}, 'main.mjs');
add('imports', 'esm-three-module-cycle', {
  'main.mjs': "import './a.mjs';\n",
  'a.mjs': "import './b.mjs';\nexport const name = 'a';\n",
  'b.mjs': "import './c.mjs';\nexport const unused = 1;\n",
  'c.mjs': "import { name } from './a.mjs';\nconsole.log(name); //! circular-import-load-time\n",
}, 'main.mjs');
// A read past an await in an async function the module calls without awaiting runs in a microtask:
// after the whole graph has evaluated when no module the cycle loads has a top-level await (node 20:
// exit 0, `b 2` then `1`). Before the await, after one that may not run, or where a module the cycle
// loads has a top-level await (the module, those after it, interleave with microtasks), it still
// throws (node 20: ReferenceError, exit 1).
const pastAwaitReader = "import { b } from './b.mjs';\nexport const A = 1;\nconsole.log('b', b);\n";
const pastAwait = {
  'ok-esm-read-after-await': "async function go() {\n  await null;\n  console.log(A);\n}\ngo();",
  'ok-esm-read-after-await-iife': '(async () => {\n  await null;\n  console.log(A);\n})();',
  'ok-esm-read-after-await-assigned': 'async function go() {\n  const v = await null;\n  console.log(A, v);\n}\ngo();',
  'ok-esm-read-after-for-await': 'async function go() {\n  for await (const x of []) console.log(x);\n  console.log(A);\n}\ngo();',
  'ok-esm-read-after-await-in-block': "async function go() {\n  if (process.argv.length > 0) {\n    await null;\n    console.log(A);\n  }\n}\ngo();",
  'ok-esm-read-in-helper-after-await': 'function show() {\n  console.log(A);\n}\nasync function go() {\n  await null;\n  show();\n}\ngo();',
  'ok-esm-read-after-await-in-called-async': 'async function inner() {\n  await null;\n  console.log(A);\n}\nfunction outer() {\n  inner();\n}\nouter();',
  'esm-read-before-await': 'async function go() {\n  console.log(A);\n  await null;\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-conditional-await': 'async function go() {\n  if (process.argv.length > 99) await null;\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-in-awaited-operand': 'async function go() {\n  await Promise.resolve(A);\n}\ngo(); //! circular-import-load-time',
  // The operand throws before the await: the catch runs at once, and the read after the try too.
  'esm-read-after-await-in-try': "function fail() {\n  throw new Error('no');\n}\nasync function go() {\n  try {\n    await fail();\n  } catch (error) {\n    console.log(error.message);\n  }\n  console.log(A);\n}\ngo(); //! circular-import-load-time",
  'esm-helper-after-await-and-at-load': 'function show() {\n  console.log(A);\n}\nasync function go() {\n  await null;\n  show();\n}\ngo();\nshow(); //! circular-import-load-time',
  'esm-read-after-await-awaited-at-top-level': 'async function go() {\n  await null;\n  console.log(A);\n}\nawait go(); //! circular-import-load-time',
};
// Shapes of awaits session 11 left open (node 20, each run from main.mjs / main.js): a read past an
// await the function certainly ran runs in a microtask (exit 0); past one that may not run, it
// throws at load (ReferenceError, exit 1).
const pastAwaitShapes = {
  'ok-esm-read-after-try-await': "async function go() {\n  try {\n    await null;\n  } catch (error) {\n    console.log(error.message);\n  }\n  console.log(A);\n}\ngo();",
  'ok-esm-read-in-try-after-await': "async function go() {\n  try {\n    await null;\n    console.log(A);\n  } catch (error) {\n    console.log(error.message);\n  }\n}\ngo();",
  'ok-esm-read-after-try-finally-await': "async function go() {\n  try {\n    await null;\n  } finally {\n    console.log('finally');\n  }\n  console.log(A);\n}\ngo();",
  'ok-esm-read-after-await-argument': 'async function go() {\n  console.log(await null, A);\n}\ngo();',
  'ok-esm-read-after-await-argument-of-call': 'function show(x, y) {\n  console.log(x, y);\n}\nasync function go() {\n  show(await null, A);\n}\ngo();',
  'ok-esm-read-after-await-in-case': 'async function go() {\n  switch (process.argv.length) {\n    case 0:\n      break;\n    default:\n      await null;\n      console.log(A);\n  }\n}\ngo();',
  'ok-esm-read-after-awaited-switch-subject': 'async function go() {\n  switch (await null) {\n    default:\n      console.log(A);\n  }\n}\ngo();',
  'ok-esm-read-after-awaited-condition': 'async function go() {\n  if (await true) console.log(A);\n}\ngo();',
  'ok-esm-read-in-for-await-body': 'async function go() {\n  for await (const x of [1]) console.log(x, A);\n}\ngo();',
  'esm-read-before-await-argument': 'async function go() {\n  console.log(A, await null);\n}\ngo(); //! circular-import-load-time',
  // Code before the await in a try with a catch that may throw: the catch runs at once, then the read
  // (review rv15; each throws at load in node 20, and was silent with the list of known throwers).
  'esm-read-after-try-destructuring-before-await': 'async function go(cfg) {\n  try {\n    const { port } = cfg;\n    await null;\n  } catch {}\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-try-in-before-await': "async function go(o) {\n  try {\n    console.log('k' in o);\n    await null;\n  } catch {}\n  console.log(A);\n}\ngo(); //! circular-import-load-time",
  'esm-read-after-try-bigint-before-await': 'async function go() {\n  try {\n    const n = 1n + 1;\n    await n;\n  } catch {}\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-try-undeclared-before-await': 'async function go() {\n  try {\n    undeclaredThing;\n    await null;\n  } catch {}\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-try-new-map-before-await': 'async function go() {\n  try {\n    const m = new Map([1]);\n    await m;\n  } catch {}\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-try-shadowed-parameter-before-await': 'async function go(x) {\n  try {\n    console.log(x);\n    let x = 1;\n    await x;\n  } catch {}\n  console.log(A);\n}\ngo(2); //! circular-import-load-time',
  'esm-read-after-try-parameter-shadowed-around-it': 'async function go(x) {\n  {\n    try {\n      x;\n      await null;\n    } catch {}\n    let x = 1;\n  }\n  console.log(A);\n}\ngo(2); //! circular-import-load-time',
  'ok-esm-read-after-try-plain-declarations-before-await': "async function go(name) {\n  try {\n    const label = 'x';\n    const options = { name, label, list: [1, 2] };\n    await options;\n  } catch {}\n  console.log(A);\n}\ngo('n');",
  'esm-read-after-switch-await-in-case': 'async function go() {\n  switch (process.argv.length) {\n    case 0:\n      await null;\n      break;\n    default:\n      break;\n  }\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-short-circuit-await': 'async function go() {\n  process.argv.length > 99 && (await null);\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-conditional-await-block': 'async function go() {\n  if (process.argv.length > 99) {\n    await null;\n  }\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-optional-call-await': 'async function go() {\n  const none = undefined;\n  none?.(await null);\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-labelled-block-await': 'async function go() {\n  done: {\n    if (process.argv.length > 0) break done;\n    await null;\n  }\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-in-for-await-iterable': 'async function go() {\n  for await (const x of [A]) console.log(x);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-try-call-then-await': "function fail() {\n  throw new Error('no');\n}\nasync function go() {\n  try {\n    fail();\n    await null;\n  } catch (error) {\n    console.log(error.message);\n  }\n  console.log(A);\n}\ngo(); //! circular-import-load-time",
  'esm-read-in-catch-after-try-await': "function fail() {\n  throw new Error('no');\n}\nasync function go() {\n  try {\n    fail();\n    await null;\n  } catch (error) {\n    console.log(error.message, A);\n  }\n}\ngo(); //! circular-import-load-time",
  'ok-esm-read-after-await-in-async-generator': 'async function* items() {\n  await null;\n  yield A;\n}\nasync function go() {\n  for await (const x of items()) console.log(x);\n}\ngo();',
  'ok-esm-read-after-yield-in-async-generator': 'async function* items() {\n  yield 1;\n  console.log(A);\n}\nasync function go() {\n  for await (const x of items()) console.log(x);\n}\ngo();',
  'ok-esm-read-in-helper-called-with-await-argument': 'function show() {\n  console.log(A);\n}\nasync function go() {\n  show(await null);\n}\ngo();',
  'esm-read-in-helper-called-with-conditional-await-argument': 'function show() {\n  console.log(A);\n}\nasync function go() {\n  show(process.argv.length > 99 && (await null));\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-async-call-not-awaited': 'async function inner() {\n  await null;\n}\nasync function go() {\n  inner();\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-await-in-conditional-expression': 'async function go() {\n  const v = process.argv.length > 99 ? await null : 0;\n  console.log(A, v);\n}\ngo(); //! circular-import-load-time',
  'esm-read-after-logical-assignment-await': 'async function go() {\n  let v = 1;\n  v ||= await null;\n  console.log(A, v);\n}\ngo(); //! circular-import-load-time',
  // Fallen into from `case 1`, the clause's statements run without its test: the await never ran.
  'esm-read-in-case-after-awaited-test-fallen-into': 'async function go() {\n  switch (1) {\n    case 1:\n    case await null:\n      console.log(A);\n  }\n}\ngo(); //! circular-import-load-time',
  'ok-esm-read-after-do-while-await': 'async function go() {\n  do {\n    await null;\n  } while (false);\n  console.log(A);\n}\ngo();',
  // A `break` aimed at a loop or label inside the body does not leave the do-while: the await runs (node 20 exits 0).
  'ok-esm-read-after-do-while-await-after-inner-loop-break': 'async function go() {\n  do {\n    for (;;) {\n      break;\n    }\n    await null;\n  } while (false);\n  console.log(A);\n}\ngo();',
  'ok-esm-read-after-do-while-await-after-inner-label-break': 'async function go() {\n  do {\n    inner: {\n      break inner;\n    }\n    await null;\n  } while (false);\n  console.log(A);\n}\ngo();',
  'esm-read-after-do-while-await-skipped-by-break-in-switch-label': 'async function go() {\n  outer: do {\n    switch (process.argv.length > 0) {\n      case true:\n        break outer;\n    }\n    await null;\n  } while (false);\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  // A `continue` before the await leaves the do-while loop without it (its condition is false).
  'esm-read-after-do-while-await-skipped-by-continue': 'async function go() {\n  do {\n    if (process.argv.length > 0) continue;\n    await null;\n  } while (false);\n  console.log(A);\n}\ngo(); //! circular-import-load-time',
  'esm-read-before-await-in-async-generator': 'async function* items() {\n  yield A;\n}\nasync function go() {\n  for await (const x of items()) console.log(x);\n}\ngo(); //! circular-import-load-time',
};
// The same in CommonJS: past an await the function certainly ran, the require chain has finished (node 20: prints 1).
// (the ESM shape, reading `a.A`; a read at load gives undefined there: a warning, node prints undefined).
const cjsPastAwaitShapes = Object.fromEntries(['ok-esm-read-after-try-await', 'ok-esm-read-after-await-argument', 'ok-esm-read-after-await-in-case',
  'ok-esm-read-after-awaited-condition', 'esm-read-after-switch-await-in-case'].map((name) => [name.replace('esm', 'cjs'),
  pastAwaitShapes[name].replace(/\bA\b/g, 'a.A').replace('circular-import-load-time', 'circular-import-partial-exports')]));
for (const [name, code] of Object.entries({ ...pastAwait, ...pastAwaitShapes, ...cjsPastAwaitShapes })) {
  if (name.includes('cjs-')) add('imports', name, { 'main.js': "require('./a');\n", 'a.js': "const b = require('./b');\nexports.A = 1;\n", 'b.js': `const a = require('./a');\n${code}\nexports.b = 2;\n` }, 'main.js');
  else add('imports', name, { 'main.mjs': "import './a.mjs';\n", 'a.mjs': pastAwaitReader, 'b.mjs': `import { A } from './a.mjs';\n${code}\nexport const b = 2;\n` }, 'main.mjs');
}
const pastAwaitIife = "import { A } from './a.mjs';\n(async () => {\n  await null;\n  console.log(A); //! circular-import-load-time\n})();\nexport const b = 2;\n";
// A top-level await in a module the cycle's entry imports after the cycle, or in the entry itself.
add('imports', 'esm-read-after-await-tla-in-later-import', {
  'main.mjs': "import './a.mjs';\n", 'a.mjs': `import { b } from './b.mjs';\nimport './c.mjs';\nexport const A = 1;\nconsole.log('b', b);\n`, 'c.mjs': 'await null;\n', 'b.mjs': pastAwaitIife,
}, 'main.mjs');
add('imports', 'esm-read-after-await-tla-in-cycle', {
  'main.mjs': "import './a.mjs';\n", 'a.mjs': "import { b } from './b.mjs';\nawait 0;\nexport const A = 1;\nconsole.log('b', b);\n", 'b.mjs': pastAwaitIife,
}, 'main.mjs');
// One outside what the cycle loads (here run before it, by the entry) does not interleave with it (node 20: exit 0).
add('imports', 'ok-esm-read-after-await-tla-outside-cycle', {
  'main.mjs': "import './x.mjs';\nimport './a.mjs';\nawait 0;\n", 'x.mjs': 'await null;\n', 'a.mjs': pastAwaitReader, 'b.mjs': pastAwaitIife.replace(' //! circular-import-load-time', ''),
}, 'main.mjs');
// A package may have a top-level await (here it has: node 20, ReferenceError); a node builtin has none (exit 0).
add('imports', 'esm-read-after-await-package-imported', {
  'main.mjs': "import './a.mjs';\n", 'a.mjs': "import { b } from './b.mjs';\nimport 'waits';\nexport const A = 1;\nconsole.log('b', b);\n", 'b.mjs': pastAwaitIife,
  'node_modules/waits/package.json': '{ "name": "waits", "type": "module", "main": "index.js" }\n', 'node_modules/waits/index.js': 'await null;\n',
}, 'main.mjs');
add('imports', 'ok-esm-read-after-await-builtin-imported', {
  'main.mjs': "import './a.mjs';\n", 'a.mjs': "import { b } from './b.mjs';\nimport 'node:fs';\nexport const A = 1;\nconsole.log('b', b);\n", 'b.mjs': pastAwaitIife.replace(' //! circular-import-load-time', ''),
}, 'main.mjs');
// A generator object first iterated past an await runs at a later loop at load time (node 20: ReferenceError there).
add('imports', 'esm-generator-object-used-after-await-then-at-load', {
  'main.mjs': "import './a.mjs';\n", 'a.mjs': pastAwaitReader,
  'b.mjs': "import { A } from './a.mjs';\nfunction* items() {\n  yield 1;\n  yield A;\n}\nconst it = items();\nasync function go() {\n  await null;\n  for (const x of it) console.log(x);\n}\ngo();\nfor (const x of it) console.log(x); //! circular-import-load-time\nexport const b = 2;\n",
}, 'main.mjs');
// CommonJS: past the await, the whole synchronous require chain has finished, whatever the entry awaits (node 20: prints 1).
const cjsPastAwait = "const a = require('./a');\nasync function go() {\n  await null;\n  console.log(a.A);\n}\ngo();\nexports.b = 2;\n";
add('imports', 'ok-cjs-read-after-await', { 'main.js': "require('./a');\n", 'a.js': "const b = require('./b');\nexports.A = 1;\n", 'b.js': cjsPastAwait }, 'main.js');
add('imports', 'ok-cjs-read-after-await-entry-awaits', {
  'main.mjs': "import './x.mjs';\nimport './a.js';\n", 'x.mjs': 'await null;\n', 'a.js': "const b = require('./b');\nexports.A = 1;\n", 'b.js': cjsPastAwait,
}, 'main.mjs');
// A require past the await loads its module after the chain too; one before the await, at once (node 20: 1, then undefined).
add('imports', 'ok-cjs-require-after-await', {
  'main.js': "require('./a');\n", 'a.js': "async function go() {\n  await null;\n  require('./b');\n}\ngo();\nexports.A = 1;\n", 'b.js': "const { A } = require('./a');\nconsole.log(A);\n",
}, 'main.js');
add('imports', 'cjs-require-before-await', {
  'main.js': "require('./a');\n", 'a.js': "async function go() {\n  require('./b');\n  await null;\n}\ngo();\nexports.A = 1;\n", 'b.js': "const { A } = require('./a'); //! circular-import-partial-exports\nconsole.log(A);\n",
}, 'main.js');
add('imports', 'cjs-read-before-await', {
  'main.js': "require('./a');\n", 'a.js': "const b = require('./b');\nexports.A = 1;\n",
  'b.js': "const a = require('./a');\nasync function go() {\n  console.log(a.A);\n  await null;\n}\ngo(); //! circular-import-partial-exports\nexports.b = 2;\n",
}, 'main.js');
// A top-level await of a dynamic import whose module imports the awaiting one back never settles:
// node exits with code 13 (unsettled top-level await). `exitCode` is what real node must give when
// the entry runs alone (analysis-corpus.test.mjs runs each such case in its own process).
const awaitedImports = {
  direct: "const b = await import('./b.mjs'); //! circular-import-top-level-await",
  promiseAll: "const [b] = await Promise.all([import('./b.mjs')]); //! circular-import-top-level-await",
  inBlock: "let b;\nif (process.argv.length > 0) {\n  b = await import('./b.mjs'); //! circular-import-top-level-await\n}",
  destructured: "const { b } = await import('./b.mjs'); //! circular-import-top-level-await",
  parenthesized: "await (import('./b.mjs')); //! circular-import-top-level-await",
  thenChain: "const b = await import('./b.mjs').then((m) => m.b).catch(() => null).finally(() => {}); //! circular-import-top-level-await",
  allSettledElement: "await Promise.allSettled([Promise.resolve(1), import('./b.mjs')]); //! circular-import-top-level-await",
  allThenChain: "await Promise.all([import('./b.mjs')]).then(([m]) => m); //! circular-import-top-level-await",
  raceOnly: "await Promise.race([import('./b.mjs')]); //! circular-import-top-level-await",
  anyOnly: "await Promise.any([import('./b.mjs')]); //! circular-import-top-level-await",
  resolved: "await Promise.resolve(import('./b.mjs')); //! circular-import-top-level-await",
  forAwaitArray: "for await (const m of [import('./b.mjs')]) console.log(m.b); //! circular-import-top-level-await",
  // The promise kept in a variable first, then awaited at the top level (the finding is at the import).
  awaitedVariable: "const pending = import('./b.mjs'); //! circular-import-top-level-await\nawait pending;",
  awaitedLetVariable: "let pending = import('./b.mjs'); //! circular-import-top-level-await\nconst m = await pending;",
  variableInPromiseAll: "const pending = import('./b.mjs'); //! circular-import-top-level-await\nawait Promise.all([pending]);",
  variableOfThenChain: "const pending = import('./b.mjs').then((m) => m.b); //! circular-import-top-level-await\nawait pending;",
  variableAwaitedAfterExports: "const pending = import('./b.mjs'); //! circular-import-top-level-await\nexport const early = 1;\nawait pending;",
  // A branch that the file's constants pick, or one they cannot rule out.
  ternaryConstantTrue: "const wanted = true;\nawait (wanted ? import('./b.mjs') : null); //! circular-import-top-level-await",
  ternaryUnknown: "await (process.argv.length > 0 ? import('./b.mjs') : null); //! circular-import-top-level-await",
  orAfterFalse: "const lazy = false;\nawait (lazy || import('./b.mjs')); //! circular-import-top-level-await",
  nullishAfterNull: "const cached = null;\nawait (cached ?? import('./b.mjs')); //! circular-import-top-level-await",
  andAfterTrue: "await (true && import('./b.mjs')); //! circular-import-top-level-await",
  // The constant a condition reads is the one in scope there, not the file's of the same name.
  blockConstantShadowsFalse: "const debug = false;\n{\n  const debug = true;\n  if (debug) {\n    await import('./b.mjs'); //! circular-import-top-level-await\n  }\n}",
  // A reassignment that may not run leaves the import what the await may wait for.
  conditionallyReassigned: "let pending = import('./b.mjs'); //! circular-import-top-level-await\nif (process.argv.length > 99) pending = null;\nawait pending;",
  // An array holding the promise, waited for through a combinator, a spread or for await.
  arrayVariableAll: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\nawait Promise.all(pending);",
  arrayVariableAllSettled: "const pending = [Promise.resolve(1), import('./b.mjs')]; //! circular-import-top-level-await\nawait Promise.allSettled(pending);",
  arrayVariableDestructured: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\nconst [{ b }] = await Promise.all(pending);",
  arrayVariableSpread: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\nawait Promise.all([...pending, Promise.resolve(1)]);",
  arrayVariableRaceOnly: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\nawait Promise.race(pending);",
  arrayVariableForAwait: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\nfor await (const m of pending) console.log(m.b);",
  arrayPushed: "const pending = [];\npending.push(import('./b.mjs')); //! circular-import-top-level-await\nawait Promise.all(pending);",
  arrayAllHeld: "const all = Promise.all([import('./b.mjs')]); //! circular-import-top-level-await\nconst [m] = await all;",
  // A helper of the file the top level awaits, which returns or awaits the import.
  helperArrowReturns: "const load = () => import('./b.mjs'); //! circular-import-top-level-await\nawait load();",
  helperAsyncReturns: "async function load() {\n  return import('./b.mjs'); //! circular-import-top-level-await\n}\nconst m = await load();",
  helperAsyncAwaits: "async function load() {\n  const m = await import('./b.mjs'); //! circular-import-top-level-await\n  return m.b;\n}\nconst pending = load();\nawait pending;",
  // Each call of the helper runs it again: the second call's promise is the one awaited.
  helperCalledTwice: "const load = () => import('./b.mjs'); //! circular-import-top-level-await\nload().catch(() => {});\nawait load();",
  helperLetNeverReassigned: "let load = () => import('./b.mjs'); //! circular-import-top-level-await\nawait load();",
  // A helper held by a `const` object literal of the file, called as its method.
  helperObjectArrow: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nawait loaders.load();",
  helperObjectMethod: "const loaders = {\n  load() {\n    return import('./b.mjs'); //! circular-import-top-level-await\n  },\n};\nawait loaders.load();",
  helperObjectAsyncMethodAwaits: "const loaders = {\n  a: () => 1,\n  async b() {\n    const m = await import('./b.mjs'); //! circular-import-top-level-await\n    return m.b;\n  },\n};\nconsole.log(await loaders.b());",
  // Reads that change nothing keep the helper trusted: a member read of the object, an alias of the function.
  helperObjectMemberReadFirst: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconsole.log(typeof loaders.load, typeof loaders['load']);\nawait loaders.load();",
  helperFunctionAliased: "const load = () => import('./b.mjs'); //! circular-import-top-level-await\nconst alias = load;\nconsole.log(typeof alias);\nawait load();",
  helperFunctionDeclarationCalledBeforeIt: "await load();\nfunction load() {\n  return import('./b.mjs'); //! circular-import-top-level-await\n}",
  // An async generator a top-level for await iterates to its end: its await of the import is the loop's.
  asyncGeneratorForAwait: "async function* modules() {\n  const m = await import('./b.mjs'); //! circular-import-top-level-await\n  yield m;\n}\nfor await (const m of modules()) console.log(m.b);",
  asyncGeneratorObjectKeptForAwait: "async function* modules() {\n  const m = await import('./b.mjs'); //! circular-import-top-level-await\n  yield m;\n}\nconst it = modules();\nfor await (const m of it) console.log(m.b);",
  asyncGeneratorLoopBreaksAfterImport: "async function* modules() {\n  const m = await import('./b.mjs'); //! circular-import-top-level-await\n  yield m;\n}\nfor await (const m of modules()) {\n  console.log(m.b);\n  break;\n}",
  // Uses that cannot change a member: typeof and a spread only read the object; a frozen one cannot change (what freeze returns is the same frozen object).
  helperObjectTypeof: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconsole.log(typeof loaders);\nawait loaders.load();",
  helperObjectSpread: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconst copy = { ...loaders };\nconsole.log(Object.keys(copy));\nawait loaders.load();",
  helperObjectFrozen: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nObject.freeze(loaders);\nawait loaders.load();",
  helperObjectFrozenKept: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconst frozen = Object.freeze(loaders);\nconsole.log(Object.isFrozen(frozen));\nawait loaders.load();",
  // Object.keys/values/entries, a source of Object.assign and JSON.stringify without a replacer only read it (node 20: exit 13 each).
  helperObjectKeysValuesEntries: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconsole.log(Object.keys(loaders), Object.values(loaders).length, Object.entries(loaders).length);\nawait loaders.load();",
  helperObjectAssignedFrom: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconst copy = Object.assign({}, loaders);\nconsole.log(typeof copy.load);\nawait loaders.load();",
  helperObjectAssignedOntoOther: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconst other = {};\nObject.assign(other, loaders, { load: async () => 1 });\nawait loaders.load();",
  helperObjectStringified: "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\nconsole.log(JSON.stringify(loaders), JSON.stringify(loaders, null, 2));\nawait loaders.load();",
};
for (const [site, line] of Object.entries(awaitedImports)) {
  add('imports', `tla-${site}`, {
    'a.mjs': `${line}\nexport const a = 'A';\nconsole.log('loaded');\n`,
    'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
  }, 'a.mjs', { exitCode: 13 });
}
add('imports', 'tla-through-chain', {
  'a.mjs': "await import('./b.mjs'); //! circular-import-top-level-await\nexport const a = 'A';\n",
  'b.mjs': "import { c } from './c.mjs';\nexport const b = c;\n",
  'c.mjs': "import './a.mjs';\nexport const c = 'C';\n",
}, 'a.mjs', { exitCode: 13 });
// An exported helper object: a module this file imports statically (here c.mjs, in a cycle with it)
// may replace a member before the call (through a function the file calls, or a global it set), and
// the import never runs (exit 0; reported before as never settling). Without a static import (or
// only a node: built-in one) nothing else can hold the object while the file loads (exit 13).
const loadersLiteral = "const loaders = {\n  load: () => import('./b.mjs'), //! circular-import-top-level-await\n};\n";
const patcherOf = (importLine) => `${importLine}\nexport function patch() {\n  loaders.load = async () => ({ b: 'stub' });\n}\n`;
const exportedLoaders = {
  'ok-tla-object-exported-patched-by-imported-function': [`import { patch } from './c.mjs';\n${loadersLiteral}export { loaders };\npatch();`, patcherOf("import { loaders } from './a.mjs';"), 0],
  'ok-tla-object-export-const-patched-by-imported-function': [`import { patch } from './c.mjs';\nexport ${loadersLiteral}patch();`, patcherOf("import { loaders } from './a.mjs';"), 0],
  'ok-tla-object-exported-patched-through-global': [`import './c.mjs';\nexport ${loadersLiteral}globalThis.patch();`, "import { loaders } from './a.mjs';\nglobalThis.patch = () => {\n  loaders.load = async () => ({ b: 'stub' });\n};\n", 0],
  'ok-tla-object-export-default-patched-by-imported-function': [`import { patch } from './c.mjs';\n${loadersLiteral}export default loaders;\npatch();`, patcherOf("import loaders from './a.mjs';"), 0],
  'tla-helperObjectExportedDefault': [`${loadersLiteral}export default loaders;`, undefined, 13],
  'tla-helperObjectExportedWithBuiltinImport': [`import { readFileSync } from 'node:fs';\nexport ${loadersLiteral}console.log(typeof readFileSync);`, undefined, 13],
};
for (const [name, [code, patcher, exitCode]] of Object.entries(exportedLoaders)) {
  add('imports', name, {
    'a.mjs': `${exitCode === 0 ? code.replace(/ \/\/!.*$/m, '') : code}\nawait loaders.load();\nexport const a = 'A';\nconsole.log('loaded');\n`,
    'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
    ...(patcher ? { 'c.mjs': patcher } : {}),
  }, 'a.mjs', { exitCode });
}
// The awaiting module need not be the first file of the folder: its full facts are made when the
// cycles of the sketched graph are settled, and only they know the await (was: no finding when the
// awaiting module sorted after the module it imports).
add('imports', 'tla-awaiting-module-sorted-last', {
  'z.mjs': "await import('./b.mjs'); //! circular-import-top-level-await\nexport const z = 'Z';\n",
  'b.mjs': "import { z } from './z.mjs';\nexport const b = 'B' + z;\n",
}, 'z.mjs', { exitCode: 13 });
add('imports', 'tla-awaiting-main-through-helper', {
  'main.mjs': "const load = () => import('./b.mjs'); //! circular-import-top-level-await\nconst { b } = await load();\nexport const name = 'main';\nconsole.log(b);\n",
  'b.mjs': "import { name } from './main.mjs';\nexport const b = () => name;\n",
}, 'main.mjs', { exitCode: 13 });
add('imports', 'ok-tla-awaiting-module-sorted-last-not-awaited', {
  'z.mjs': "import('./b.mjs').then((m) => console.log(m.b));\nexport const z = 'Z';\n",
  'b.mjs': "import { z } from './z.mjs';\nexport const b = 'B' + z;\n",
}, 'z.mjs', { exitCode: 0 });
add('imports', 'tla-back-to-importer', {
  'main.mjs': "import { a } from './a.mjs';\nconsole.log(a);\n",
  'a.mjs': "await import('./b.mjs'); //! circular-import-top-level-await\nexport const a = 'A';\n",
  'b.mjs': "import './main.mjs';\nexport const b = 'B';\n",
}, 'main.mjs', { exitCode: 13 });
// A wait, or the push or variable that keeps the import, under a condition or in a loop the file's
// constants do not settle may not run: a warning (here it does not run, and node exits 0). A
// condition they settle is certain: an error.
const mayNotWait = {
  ifUnknown: ["if (process.argv.length > 99) await import('./b.mjs'); //! circular-import-top-level-await", 0, 'warning'],
  loopZeroTimes: "for (let i = 0; i < 0; i++) await import('./b.mjs'); //! circular-import-top-level-await",
  pushedConditionally: "const pending = [];\nif (process.argv.length > 99) pending.push(import('./b.mjs')); //! circular-import-top-level-await\nawait Promise.all(pending);",
  pushedInLoop: "const pending = [];\nfor (const name of []) pending.push(import(`./${name}.mjs`), import('./b.mjs')); //! circular-import-top-level-await\nawait Promise.all(pending);",
  variableAwaitedConditionally: "const pending = import('./b.mjs'); //! circular-import-top-level-await\nif (process.argv.length > 99) await pending;",
  // Elements taken out of the array (or written over) before the wait: the import may be gone.
  arrayPopped: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\npending.pop();\nawait Promise.all(pending);",
  arrayLengthZero: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\npending.length = 0;\nawait Promise.all(pending);",
  arrayElementReplaced: "const pending = [import('./b.mjs')]; //! circular-import-top-level-await\npending[0] = null;\nawait Promise.all(pending);",
};
for (const [site, code] of Object.entries(mayNotWait)) {
  const [line, exitCode, severity] = Array.isArray(code) ? code : [code, 0, 'warning'];
  add('imports', `tla-may-not-wait-${site}`, {
    'a.mjs': `${line}\nexport const a = 'A';\n`,
    'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
  }, 'a.mjs', { exitCode, severity });
}
add('imports', 'tla-if-constant-true', {
  'a.mjs': "const debug = true;\nif (debug) await import('./b.mjs'); //! circular-import-top-level-await\nexport const a = 'A';\n",
  'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
}, 'a.mjs', { exitCode: 13, severity: 'error' });
add('imports', 'tla-if-constant-compared-true', {
  'a.mjs': "const mode = 'eager';\nif (mode === 'eager' || process.argv.length > 99) await import('./b.mjs'); //! circular-import-top-level-await\nexport const a = 'A';\n",
  'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
}, 'a.mjs', { exitCode: 13, severity: 'error' });
// Several imports in one array (or one held Promise.all): each of them is waited for, the cyclic one
// wherever it stands (c.mjs loads fine on its own).
const twoImports = {
  arrayTwoImports: "const pending = [import('./b.mjs'), import('./c.mjs')]; //! circular-import-top-level-await\nawait Promise.all(pending);",
  arrayPushedTwice: "const pending = [];\npending.push(import('./b.mjs')); //! circular-import-top-level-await\npending.push(import('./c.mjs'));\nawait Promise.all(pending);",
  allHeldTwoImports: "const all = Promise.all([import('./b.mjs'), import('./c.mjs')]); //! circular-import-top-level-await\nawait all;",
};
const withTwoImports = (name, code, exitCode) => add('imports', name, {
  'a.mjs': `${code}\nexport const a = 'A';\n`,
  'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
  'c.mjs': "export const c = 'C';\n",
}, 'a.mjs', { exitCode });
for (const [site, code] of Object.entries(twoImports)) withTwoImports(`tla-${site}`, code, 13);
// A race of the two settles with c.mjs, and a.mjs then finishes loading.
withTwoImports('ok-tla-array-two-imports-race', "const pending = [import('./b.mjs'), import('./c.mjs')];\nawait Promise.race(pending);", 0);
// Look-alikes that load fine: the import not awaited at the top level, awaited inside a function or
// an async IIFE, a module that does not import back, one that imports back only lazily.
const notAwaited = {
  then: "import('./b.mjs').then((m) => console.log(m.b));",
  inFunction: "async function load() {\n  const m = await import('./b.mjs');\n  console.log(m.b);\n}\nload();",
  asyncIife: "(async () => {\n  const m = await import('./b.mjs');\n  console.log(m.b);\n})();",
  // An await above the import that settles without it: the race ends with the timer, then b loads.
  raceWithTimer: "await Promise.race([import('./b.mjs'), new Promise((resolve) => setTimeout(resolve, 100))]);",
  raceChainWithTimer: "await Promise.race([import('./b.mjs').then((m) => m.b), new Promise((resolve) => setTimeout(resolve, 100))]);",
  anyWithValue: "await Promise.any([import('./b.mjs'), Promise.resolve(1)]);",
  awaitedLogArgument: "console.log(await Promise.race([import('./b.mjs'), 1]));",
  voidThenAwait: "void import('./b.mjs');\nawait null;",
  variableNeverAwaited: "const pending = import('./b.mjs');\nconsole.log(typeof pending);",
  variableAwaitedInFunction: "const pending = import('./b.mjs');\nexport const later = async () => (await pending).b;",
  variableReassigned: "let pending = import('./b.mjs');\npending = null;\nawait pending;",
  ternaryConstantFalse: "const wanted = false;\nawait (wanted ? import('./b.mjs') : null);",
  ifFalse: "if (false) {\n  await import('./b.mjs');\n}",
  ifConstantFalse: "const debug = false;\nif (debug) {\n  await import('./b.mjs');\n}",
  ifConstantComparedFalse: "const mode = 'lazy';\nif (mode === 'eager') {\n  await import('./b.mjs');\n}",
  nullishAfterObject: "const cached = { b: 1 };\nawait (cached ?? import('./b.mjs'));",
  // The awaited name is a loop's or a catch's own binding, not the variable holding the import.
  forOfShadowsVariable: "const pending = import('./b.mjs');\nfor (const pending of [1]) {\n  await pending;\n}",
  forLetShadowsVariable: "const pending = import('./b.mjs');\nfor (let pending = 0; pending < 1; pending++) await pending;",
  catchShadowsVariable: "const pending = import('./b.mjs');\ntry {\n  throw 1;\n} catch (pending) {\n  await pending;\n}",
  // An array of promises awaited itself is not waited for; a race with a timer ends with the timer.
  arrayVariableAwaitedItself: "const pending = [import('./b.mjs')];\nawait pending;",
  arrayVariableRaceWithTimer: "const pending = [import('./b.mjs'), new Promise((resolve) => setTimeout(resolve, 100))];\nawait Promise.race(pending);",
  arrayVariableReassigned: "let pending = [import('./b.mjs')];\npending = [];\nawait Promise.all(pending);",
  arrayVariableAwaitedInFunction: "const pending = [import('./b.mjs')];\nexport const later = () => Promise.all(pending);",
  // The helper runs at load time, but nothing at the top level waits for its promise.
  helperNotAwaited: "async function load() {\n  return import('./b.mjs');\n}\nload();",
  helperAwaitedInFunction: "const load = () => import('./b.mjs');\nexport const later = async () => (await load()).b;",
  helperAwaitsOtherImport: "async function load() {\n  import('./b.mjs');\n  await null;\n}\nawait load();",
  // The awaited call's name is another binding: a block's own, a parameter, or the helper's name assigned another function first.
  helperShadowedInBlock: "const load = () => import('./b.mjs');\n{\n  const load = async () => 1;\n  await load();\n}",
  helperShadowedByParameter: "const load = () => import('./b.mjs');\nconst run = async (load) => load();\nawait run(async () => 1);",
  helperReassigned: "let load = () => import('./b.mjs');\nload = async () => 1;\nawait load();",
  arrayPushedToBlockArray: "{\n  const pending = [];\n  pending.push(import('./b.mjs'));\n}\nconst pending = [];\nawait Promise.all(pending);",
  // An object's method that is not the importing one, replaced, overridden, or a block's own object.
  objectMethodNotAwaited: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nloaders.load();",
  objectOtherMethodAwaited: "const loaders = {\n  load: () => import('./b.mjs'),\n  other: async () => 1,\n};\nawait loaders.other();",
  objectMethodReassigned: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nloaders.load = async () => 1;\nawait loaders.load();",
  objectMethodAssignedOver: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nObject.assign(loaders, { load: async () => 1 });\nawait loaders.load();",
  objectKeyOverriddenLater: "const loaders = {\n  load: () => import('./b.mjs'),\n  ...{ load: async () => 1 },\n};\nawait loaders.load();",
  objectShadowedInBlock: "const loaders = {\n  load: () => import('./b.mjs'),\n};\n{\n  const loaders = { load: async () => 1 };\n  await loaders.load();\n}",
  // The object reached through another reference, or its own `this`, and replaced there (review rv9 #3).
  objectMethodReplacedThroughAlias: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nconst alias = loaders;\nalias.load = async () => ({ b: 'stub' });\nconsole.log((await loaders.load()).b);",
  objectMethodReplacedThroughShorthand: "const loaders = {\n  load: () => import('./b.mjs'),\n};\n({ loaders }).loaders.load = async () => 1;\nawait loaders.load();",
  objectMethodReplacedThroughArray: "const loaders = {\n  load: () => import('./b.mjs'),\n};\n[loaders][0].load = async () => 1;\nawait loaders.load();",
  objectMethodReplacedByDestructuring: "const loaders = {\n  load: () => import('./b.mjs'),\n};\n[loaders.load] = [async () => 1];\nawait loaders.load();",
  objectMethodReplacedThroughThis: "const loaders = {\n  load: () => import('./b.mjs'),\n  stub() {\n    this.load = async () => 1;\n  },\n};\nloaders.stub();\nawait loaders.load();",
  objectMethodReplacedByEval: "const loaders = {\n  load: () => import('./b.mjs'),\n};\neval('loaders.load = async () => 1');\nawait loaders.load();",
  // Called before its declaration: the call throws (a ReferenceError, or a TypeError for a `var`), caught here.
  objectMethodCalledBeforeDeclaration: "try {\n  await loaders.load();\n} catch (error) {\n  console.log(error.name);\n}\nconst loaders = {\n  load: () => import('./b.mjs'),\n};",
  helperCalledBeforeDeclaration: "try {\n  await load();\n} catch (error) {\n  console.log(error.name);\n}\nconst load = () => import('./b.mjs');",
  helperVarCalledBeforeDeclaration: "try {\n  await load();\n} catch (error) {\n  console.log(error.name);\n}\nvar load = () => import('./b.mjs');",
  helperCalledBeforeDeclarationThroughFunction: "async function start() {\n  return load();\n}\ntry {\n  await start();\n} catch (error) {\n  console.log(error.name);\n}\nconst load = () => import('./b.mjs');",
  // A plain named helper replaced in the other ways (the same flaw).
  helperFunctionDeclarationReassigned: "function load() {\n  return import('./b.mjs');\n}\nload = async () => 1;\nawait load();",
  helperReassignedByDestructuring: "let load = () => import('./b.mjs');\n[load] = [async () => 1];\nawait load();",
  helperReassignedByEval: "let load = () => import('./b.mjs');\neval('load = async () => 1');\nawait load();",
  // A freeze of the file's own `Object`, a spread and then a write, a frozen copy with another member: the import never runs.
  objectFreezeOfOwnObject: "const Object = { freeze: (o) => {\n  o.load = async () => 1;\n  return o;\n} };\nconst loaders = {\n  load: () => import('./b.mjs'),\n};\nObject.freeze(loaders);\nawait loaders.load();",
  objectSpreadThenAssigned: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nconst copy = { ...loaders };\nObject.assign(loaders, { load: async () => 1 });\nawait loaders.load();",
  objectFrozenCopyWithOtherMember: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nconst frozen = Object.freeze({ ...loaders, load: async () => 1 });\nawait frozen.load();",
  // A replacer of JSON.stringify runs with the object (under the key '') as `this`, and the file's own JSON may write it (node 20: exit 0).
  objectStringifiedWithReplacer: "const loaders = {\n  load: () => import('./b.mjs'),\n};\nJSON.stringify(loaders, function (key, value) {\n  if (key === '') this[''].load = async () => 1;\n  return value;\n});\nawait loaders.load();",
  objectStringifiedByOwnJson: "const JSON = { stringify: (o) => {\n  o.load = async () => 1;\n} };\nconst loaders = {\n  load: () => import('./b.mjs'),\n};\nJSON.stringify(loaders);\nawait loaders.load();",
  // (A for await left at the generator's first yield still waits for an import before that yield: see tla-asyncGeneratorLoopBreaksAfterImport.)
  // A for await left at the generator's first yield: the import after it never runs.
  asyncGeneratorLoopBreaksFirst: "async function* modules() {\n  yield 1;\n  const m = await import('./b.mjs');\n  yield m;\n}\nfor await (const m of modules()) {\n  console.log(m);\n  break;\n}",
  // A generator helper: the call makes the generator object and runs none of its body.
  helperGeneratorReturns: "function* load() {\n  return import('./b.mjs');\n}\nawait load();",
  helperAsyncGeneratorAwaits: "const load = async function* () {\n  await import('./b.mjs');\n};\nawait load();",
};
for (const [site, code] of Object.entries(notAwaited)) {
  add('imports', `ok-tla-${site}`, {
    'a.mjs': `${code}\nexport const a = 'A';\n`,
    'b.mjs': "import { a } from './a.mjs';\nexport const b = 'B' + a;\n",
  }, 'a.mjs', { exitCode: 0 });
}
// Two modules that each await an import() of the other, directly or through a third module's
// static import (both awaits are part of the deadlock), and a look-alike whose way back is lazy.
const awaitedImportOf = (specifier) => `await import('${specifier}'); //! circular-import-top-level-await\n`;
const mutualAwaits = {
  'tla-mutual': { 'b.mjs': `${awaitedImportOf('./a.mjs')}export const b = 'B';\n` },
  'tla-mutual-through-static': { 'b.mjs': `${awaitedImportOf('./c.mjs')}export const b = 'B';\n`, 'c.mjs': "import './a.mjs';\nexport const c = 'C';\n" },
};
for (const [name, files] of Object.entries(mutualAwaits)) {
  add('imports', name, { 'a.mjs': `${awaitedImportOf('./b.mjs')}export const a = 'A';\n`, ...files }, 'a.mjs', { exitCode: 13 });
}
add('imports', 'ok-tla-mutual-one-side-lazy', {
  'a.mjs': "await import('./b.mjs');\nexport const a = 'A';\n",
  'b.mjs': "export const b = 'B';\nexport const load = () => import('./a.mjs');\nawait import('./c.mjs');\n",
  'c.mjs': "export const c = 'C';\n",
}, 'a.mjs', { exitCode: 0 });
add('imports', 'ok-tla-no-cycle', {
  'a.mjs': "const { b } = await import('./b.mjs');\nexport const a = 'A' + b;\n",
  'b.mjs': "export const b = 'B';\n",
}, 'a.mjs', { exitCode: 0 });
add('imports', 'ok-tla-lazy-back', {
  'a.mjs': "const { b } = await import('./b.mjs');\nexport const a = 'A' + b;\n",
  'b.mjs': "export const b = 'B';\nexport const later = () => import('./a.mjs');\n",
}, 'a.mjs', { exitCode: 0 });
// CommonJS.
const cjsReads = {
  destructure: "const { late } = require('./a'); //! circular-import-partial-exports\nconsole.log(late);",
  property: "const a = require('./a');\nconsole.log(a.late); //! circular-import-partial-exports",
  wholeObject: "const a = require('./a');\nconsole.log(a); //! circular-import-partial-exports",
  requireProperty: "console.log(require('./a').late); //! circular-import-partial-exports",
  calledAtLoad: "const a = require('./a');\nfunction show() {\n  return a.late;\n}\nshow(); //! circular-import-partial-exports",
  spread: "const a = require('./a');\nconst copy = { ...a }; //! circular-import-partial-exports",
};
for (const [site, body] of Object.entries(cjsReads)) {
  add('imports', `cjs-${site}`, {
    'main.js': "require('./a');\n",
    'a.js': "exports.early = 1;\nrequire('./b');\nexports.late = 2;\n",
    'b.js': `${body}\n`,
  }, 'main.js');
  add('imports', `ok-cjs-${site}-assigned-first`, {
    'main.js': "require('./a');\n",
    'a.js': "exports.early = 1;\nexports.late = 2;\nrequire('./b');\n",
    'b.js': `${body.replace(/ \/\/!.*$/m, '')}\n`,
  }, 'main.js');
}
// A require inside a method of a `const` object literal runs at load time when the method is called then.
add('imports', 'cjs-require-in-object-method', {
  'main.js': "require('./a');\n",
  'a.js': "exports.early = 1;\nconst loaders = {\n  b() {\n    return require('./b');\n  },\n};\nloaders.b();\nexports.late = 2;\n",
  'b.js': "const { late } = require('./a'); //! circular-import-partial-exports\nconsole.log(late);\n",
}, 'main.js');
add('imports', 'ok-cjs-require-in-object-method-called-later', {
  'main.js': "require('./a').loaders.b();\n",
  'a.js': "exports.early = 1;\nconst loaders = {\n  b() {\n    return require('./b');\n  },\n};\nexports.loaders = loaders;\nexports.late = 2;\n",
  'b.js': "const { late } = require('./a');\nconsole.log(late);\n",
}, 'main.js');
// Put on the exports after the call (directly, or through a function called first): no other module
// holds the object before that statement, so the call runs the file's method. One put there before
// the call may be changed by a module that runs in between (here c.js replaces the method: b.js never
// loads); such a call is not followed.
const requiringLoaders = "exports.early = 1;\nconst loaders = {\n  b() {\n    return require('./b');\n  },\n};\n";
const lateReader = "const { late } = require('./a'); //! circular-import-partial-exports\nconsole.log(late);\n";
add('imports', 'cjs-require-in-object-method-exported-after', {
  'main.js': "require('./a');\n", 'a.js': `${requiringLoaders}loaders.b();\nexports.loaders = loaders;\nexports.late = 2;\n`, 'b.js': lateReader,
}, 'main.js');
add('imports', 'cjs-require-in-object-method-module-exports-after', {
  'main.js': "require('./a');\n", 'a.js': `${requiringLoaders}loaders.b();\nmodule.exports.loaders = loaders;\nexports.late = 2;\n`, 'b.js': lateReader,
}, 'main.js');
add('imports', 'cjs-require-in-object-method-through-function-exported-after', {
  'main.js': "require('./a');\n", 'a.js': `${requiringLoaders}function start() {\n  return loaders.b();\n}\nstart();\nexports.loaders = loaders;\nexports.late = 2;\n`, 'b.js': lateReader,
}, 'main.js');
add('imports', 'ok-cjs-object-method-replaced-by-module-after-export', {
  'main.js': "require('./a');\n", 'a.js': `${requiringLoaders}exports.loaders = loaders;\nrequire('./c');\nloaders.b();\nexports.late = 2;\n`,
  'b.js': lateReader.replace(/ \/\/!.*$/m, ''), 'c.js': "require('./a').loaders.b = () => null;\n",
}, 'main.js');
// A require in a generator's body runs when a top-level for-of iterates it; not when the generator is only made.
add('imports', 'cjs-require-in-generator-iterated', {
  'main.js': "require('./a');\n", 'a.js': "exports.early = 1;\nfunction* parts() {\n  yield require('./b');\n}\nfor (const part of parts()) console.log(typeof part);\nexports.late = 2;\n", 'b.js': lateReader,
}, 'main.js');
add('imports', 'ok-cjs-require-in-generator-not-iterated', {
  'main.js': "require('./a');\n", 'a.js': "exports.early = 1;\nfunction* parts() {\n  yield require('./b');\n}\nconst pending = parts();\nconsole.log(typeof pending);\nexports.late = 2;\n",
  'b.js': lateReader.replace(/ \/\/!.*$/m, ''),
}, 'main.js');
// A `var` of the same name assigns another function over the function declaration (hoisted first), so the require never runs.
add('imports', 'ok-cjs-var-over-function-declaration', {
  'main.js': "require('./a');\n",
  'a.js': "exports.early = 1;\nvar load = () => null;\nfunction load() {\n  return require('./b');\n}\nload();\nexports.late = 2;\n",
  'b.js': "const { late } = require('./a');\nconsole.log(late);\n",
}, 'main.js');
add('imports', 'cjs-seed-module1-module2', {
  'main.js': "require('./module1');\n",
  'module1.js': "exports.a = 1;\nrequire('./module2');\nexports.b = 2;\nexports.c = 3;\n",
  'module2.js': "const Module1 = require('./module1');\nconsole.log('Module1 is partially loaded here', Module1); //! circular-import-partial-exports\n",
}, 'main.js');
add('imports', 'cjs-replaced-exports', {
  'main.js': "require('./a');\n",
  'a.js': "require('./b');\nmodule.exports = { name: 'a' };\n",
  'b.js': "const a = require('./a'); //! circular-import-replaced-exports\nexports.later = () => a.name;\n",
}, 'main.js');
// A require whose value is dropped only loads the module (readable-stream's stream/promises.js: `require('../../lib/stream.js')`).
add('imports', 'ok-cjs-replaced-exports-value-dropped', {
  'main.js': "require('./a');\n",
  'a.js': "require('./b');\nmodule.exports = { name: 'a' };\n",
  'b.js': "require('./a');\nexports.later = () => 1;\n",
}, 'main.js');
add('imports', 'cjs-module-exports-property', {
  'main.js': "require('./a');\n",
  'a.js': "require('./b');\nmodule.exports.late = 2;\n",
  'b.js': "const { late } = require('./a'); //! circular-import-partial-exports\n",
}, 'main.js');
add('imports', 'ok-cjs-lazy-require', {
  'main.js': "require('./a');\n",
  'a.js': "require('./b');\nexports.late = 2;\n",
  'b.js': "exports.get = () => require('./a').late;\n",
}, 'main.js');
add('imports', 'ok-cjs-used-in-function', {
  'main.js': "require('./a');\n",
  'a.js': "require('./b');\nexports.late = 2;\n",
  'b.js': "const a = require('./a');\nexports.get = () => a.late;\n",
}, 'main.js');
add('imports', 'ok-no-cycle', {
  'main.mjs': "import { A } from './a.mjs';\nconsole.log(A.name);\n",
  'a.mjs': "import { B } from './b.mjs';\nexport class A extends B {}\n",
  'b.mjs': 'export class B {}\n',
}, 'main.mjs');
add('imports', 'ok-seed-esm-functions', {
  'main.mjs': "import { foo } from './a.mjs';\nconsole.log(typeof foo);\n",
  'a.mjs': "import { bar } from './b.mjs';\nexport function foo() {\n  bar();\n}\n",
  'b.mjs': "import { foo } from './a.mjs';\nexport function bar() {\n  if (Math.random()) {\n    foo();\n  }\n}\n",
}, 'main.mjs');
add('imports', 'ok-function-read-at-load', {
  'main.mjs': "import './a.mjs';\n",
  'a.mjs': "import './b.mjs';\nexport function helper() {\n  return 1;\n}\n",
  'b.mjs': "import { helper } from './a.mjs';\nconsole.log(helper());\n",
}, 'main.mjs');
add('imports', 'ok-dynamic-import', {
  'main.mjs': "import './a.mjs';\n",
  'a.mjs': "import('./b.mjs');\nexport const value = 1;\n",
  'b.mjs': "import { value } from './a.mjs';\nconsole.log(value);\n",
}, 'main.mjs');
add('imports', 'ok-type-only-cycle', {
  'main.ts': "import { A } from './a';\nconsole.log(A.name);\n",
  'a.ts': "import type { B } from './b';\nexport class A {\n  b?: B;\n}\n",
  'b.ts': "import { A } from './a';\nexport class B extends A {}\n",
}, null);
add('imports', 'ok-type-used-only-as-type', {
  'main.ts': "import { A } from './a';\nconsole.log(A.name);\n",
  'a.ts': "import { B } from './b';\nexport class A {\n  b?: B;\n}\n",
  'b.ts': "import { A } from './a';\nexport class B extends A {}\n",
}, null);
// Entered through the reading module, the module it reads finishes first: no hazard.
add('imports', 'ok-esm-entered-through-reader', {
  'main.mjs': "import './b.mjs';\n",
  'a.mjs': "import './b.mjs';\nexport const value = 1;\n",
  'b.mjs': "import { value } from './a.mjs';\nconsole.log(value);\n",
}, 'main.mjs');
add('imports', 'ts-cycle-extends', {
  'main.ts': "import { A } from './a';\nconsole.log(A.name);\n",
  'a.ts': "import { B } from './b';\nexport class A {}\nexport const make = () => new B();\n",
  'b.ts': "import { A } from './a';\nexport class B extends A {} //! circular-import-load-time\n",
}, null);
add('imports', 'ts-paths-cycle', {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', paths: { '@app/*': ['./src/*'] } } }),
  'src/main.ts': "import { A } from '@app/a';\nconsole.log(A);\n",
  'src/a.ts': "import { B } from '@app/b';\nexport const A = 1;\nexport const useB = () => B;\n",
  'src/b.ts': "import { A } from '@app/a';\nexport const B = A + 1; //! circular-import-load-time\n",
}, null);
add('imports', 'index-file-cycle', {
  'main.mjs': "import './lib/index.mjs';\n",
  'lib/index.mjs': "import './b.mjs';\nexport const config = { debug: true };\n",
  'lib/b.mjs': "import { config } from './index.mjs';\nconsole.log(config.debug); //! circular-import-load-time\n",
}, 'main.mjs');
add('imports', 'package-imports-cycle', {
  'package.json': JSON.stringify({ name: 'corpus-imports', type: 'module', imports: { '#a': './a.js' } }),
  'main.js': "import './a.js';\n",
  'a.js': "import './b.js';\nexport const settings = 1;\n",
  'b.js': "import { settings } from '#a';\nconsole.log(settings); //! circular-import-load-time\n",
}, 'main.js');

// ---------------------------------------------------------------- leaks
single('leaks', 'implicit-global-top', 'a = 10; //! leak-implicit-global\n');
single('leaks', 'implicit-global-in-function', 'function init() {\n  counter = 0; //! leak-implicit-global\n}\ninit();\n');
single('leaks', 'implicit-global-typo', 'let total = 0;\nfunction add(n) {\n  totl = total + n; //! leak-implicit-global\n}\n');
single('leaks', 'implicit-global-in-loop', 'for (let i = 0; i < 3; i++) {\n  last = i; //! leak-implicit-global\n}\n');
single('leaks', 'implicit-global-chained', 'let x;\nx = y = 5; //! leak-implicit-global\n');
single('leaks', 'implicit-global-callback', '[1, 2].forEach((n) => {\n  lastSeen = n; //! leak-implicit-global\n});\n');
for (const target of ['global', 'globalThis', 'window', 'self']) {
  single('leaks', `global-assignment-${target}`, `${target}.cache = {}; //! leak-global-assignment\n`);
}
single('leaks', 'global-assignment-element', "global['registry'] = []; //! leak-global-assignment\n");
single('leaks', 'global-assignment-in-function', 'function boot() {\n  globalThis.config = { a: 1 }; //! leak-global-assignment\n}\n');
single('leaks', 'closure-seed', 'function out(){\n    const bigData = new Buffer(10);\n    inner = function(){ //! leak-closure-on-global\n        void bigData;\n    }\n}\n');
single('leaks', 'closure-arrow-global', 'function setup() {\n  const rows = new Array(1e6).fill(0);\n  global.report = () => rows.length; //! leak-closure-on-global\n}\n');
single('leaks', 'closure-window', 'function mount() {\n  const data = Buffer.alloc(1024);\n  window.getData = function () { //! leak-closure-on-global\n    return data;\n  };\n}\n');
single('leaks', 'closure-globalThis-param', 'function track(session) {\n  globalThis.current = () => session; //! leak-closure-on-global\n}\n');
// Globals that already exist, are let go of, or hold nothing (process's tests, lodash/fp, playwright-core, isexe's tests).
single('leaks', 'ok-global-fake-restored', "var oldClear = clearTimeout;\nfunction fake() {\n  var ok = true;\n  clearTimeout = function () {\n    ok = false;\n  };\n  return function cleanup() {\n    clearTimeout = oldClear;\n    return ok;\n  };\n}\nfake()();\n");
single('leaks', 'ok-global-existing-guarded', "if (typeof _ == 'function' && typeof _.runInContext == 'function') {\n  _ = convert(_.runInContext());\n}\nfunction convert(lodash) {\n  return lodash;\n}\n");
single('leaks', 'ok-global-closure-deletes-itself', "function screenshot() {\n  const cleanups = [];\n  window.__cleanup = () => {\n    for (const c of cleanups) c();\n    delete window.__cleanup;\n  };\n}\n");
single('leaks', 'ok-global-set-to-nothing', "function setup() {\n  global.Promise = null;\n  globalThis.previous = undefined;\n}\n");
// Globals only browsers have do not exist in Node.js 20 (`typeof localStorage` is 'undefined'): in a
// Node file assigning one creates a global (review rv12 #2: node prints [ 'localStorage', 'navigator' ]).
// Where the file does not show where it runs, only globals both have count as existing (headless Chromium:
// `Buffer = Uint8Array` adds `Buffer` to `Object.keys(window)`; node 20: `sessionStorage = ...` adds `sessionStorage`).
single('leaks', 'implicit-global-browser-only-name-in-node-file', "const fs = require('fs');\nfunction init() {\n  localStorage = new Map(); //! leak-implicit-global\n  navigator = { userAgent: 'node' }; //! leak-implicit-global\n}\ninit();\nconsole.log(Object.keys(globalThis).filter((k) => k === 'localStorage' || k === 'navigator'));\n");
single('leaks', 'implicit-global-browser-only-name-anywhere', 'function init() {\n  sessionStorage = new Map(); //! leak-implicit-global\n}\ninit();\n');
single('leaks', 'implicit-global-node-only-name-anywhere', 'function init() {\n  Buffer = Uint8Array; //! leak-implicit-global\n}\ninit();\n');
single('leaks', 'ok-global-browser-name-in-browser-file', "function logout() {\n  document.cookie = '';\n  location = '/login';\n}\nlogout();\n");
single('leaks', 'ok-global-node-only-name-in-node-file', "const assert = require('assert');\nfunction fakeImmediate() {\n  setImmediate = (fn) => fn();\n}\nfakeImmediate();\n");
single('leaks', 'global-assignment-flag-in-function', "function setup() {\n  global.TESTING_WINDOWS = true; //! leak-global-assignment\n}\n");
single('leaks', 'global-assignment-umd-twice', "(function () {\n  var Lib = { version: 1 };\n  if (typeof self !== 'undefined') {\n    self.Lib = Lib; //! leak-global-assignment\n  } else if (typeof window !== 'undefined') {\n    window.Lib = Lib; //! leak-global-assignment\n  }\n})();\n");
single('leaks', 'implicit-global-other-name-guarded', "function sync(path, options) {\n  if (typeof options == 'function') cb = options; //! leak-implicit-global\n  return path;\n}\n");
single('leaks', 'closure-window-replaced-by-closure', "function mount() {\n  const data = Buffer.alloc(1024);\n  window.getData = () => data; //! leak-closure-on-global\n}\nfunction unmount() {\n  window.getData = () => null; //! leak-global-assignment\n}\n");
const emitterPrelude = "const EventEmitter = require('events');\nconst bus = new EventEmitter();\n";
single('leaks', 'listener-called-in-loop', `${emitterPrelude}function handle(id) {\n  bus.on('done', () => console.log(id)); //! leak-listener-repeated\n}\nfor (let i = 0; i < 3; i++) handle(i);\n`);
single('leaks', 'listener-in-loop-body', `${emitterPrelude}for (const id of [1, 2, 3]) {\n  bus.on('done', () => console.log(id)); //! leak-listener-repeated\n}\n`);
single('leaks', 'listener-in-interval', `${emitterPrelude}const t = setInterval(() => {\n  bus.on('tick', () => {}); //! leak-listener-repeated\n}, 1000);\nclearInterval(t);\n`);
single('leaks', 'listener-per-request', "const http = require('http');\nconst EventEmitter = require('events');\nconst bus = new EventEmitter();\nhttp.createServer((req, res) => {\n  bus.on('shutdown', () => res.end()); //! leak-listener-repeated\n});\n");
single('leaks', 'listener-process-per-request', "const http = require('http');\nhttp.createServer((req, res) => {\n  process.on('SIGTERM', () => res.end()); //! leak-listener-repeated\n});\n");
single('leaks', 'listener-window-in-loop', "for (let i = 0; i < 10; i++) {\n  window.addEventListener('resize', () => console.log(i)); //! leak-listener-repeated\n}\n");
single('leaks', 'listener-document-handler-registered', "function onClick() {\n  document.addEventListener('keydown', () => {}); //! leak-listener-repeated\n}\ndocument.addEventListener('click', onClick);\n");
single('leaks', 'listener-express-route', `${emitterPrelude}const app = { get() {} };\napp.get('/', (req, res) => {\n  bus.on('update', () => res.write('x')); //! leak-listener-repeated\n});\n`);
single('leaks', 'listener-while-loop', `${emitterPrelude}let n = 0;\nwhile (n++ < 3) {\n  bus.addListener('x', () => n); //! leak-listener-repeated\n}\n`);
single('leaks', 'listener-on-data-handler', `${emitterPrelude}const source = new EventEmitter();\nsource.on('data', (chunk) => {\n  bus.on('flush', () => chunk); //! leak-listener-repeated\n});\n`);
// A helper that registers on its first argument and hands back what to remove (playwright-core's
// eventsHelper, called per socket and per request): the receiver gets no listener.
single('leaks', 'ok-listener-helper-on-argument', `${emitterPrelude}const Events = { Close: 'close' };\nconst eventsHelper = {\n  addEventListener(emitter, eventName, handler) {\n    emitter.on(eventName, handler);\n    return { emitter, eventName, handler };\n  },\n  removeEventListeners(listeners) {\n    for (const l of listeners) l.emitter.removeListener(l.eventName, l.handler);\n  },\n};\nfunction track(socket) {\n  const listeners = [\n    eventsHelper.addEventListener(socket, 'connect', () => console.log('connected')),\n    eventsHelper.addEventListener(socket, Events.Close, () => eventsHelper.removeEventListeners(listeners)),\n  ];\n}\nbus.on('socket', track);\n`);
single('leaks', 'listener-with-options-in-loop', "for (let i = 0; i < 10; i++) {\n  window.addEventListener('resize', () => console.log(i), { passive: true }); //! leak-listener-repeated\n}\n");
single('leaks', 'interval-dropped', 'setInterval(() => console.log("tick"), 1000); //! leak-interval-not-cleared\n');
single('leaks', 'interval-stored-never-cleared', 'const timer = setInterval(() => {}, 1000); //! leak-interval-not-cleared\n');
single('leaks', 'interval-unref', 'setInterval(() => {}, 1000).unref(); //! leak-interval-not-cleared\n');
single('leaks', 'interval-window', 'window.setInterval(() => {}, 1000); //! leak-interval-not-cleared\n');
single('leaks', 'interval-in-function', 'function start(data) {\n  setInterval(() => console.log(data), 500); //! leak-interval-not-cleared\n}\nstart([1]);\n');
single('leaks', 'interval-property-never-cleared', 'class Poller {\n  start() {\n    this.timer = setInterval(() => {}, 100); //! leak-interval-not-cleared\n  }\n}\n');
single('leaks', 'interval-cleared-other', 'const a = setInterval(() => {}, 10); //! leak-interval-not-cleared\nconst b = setInterval(() => {}, 10);\nclearInterval(b);\n');
// A local handle returned to the caller, who clears it (the MCP SDK's armSseKeepAlive in playwright-core's utilsBundle).
// A table filled by a callback that top-level code runs once, while the module loads (markdown-it's rules_inline/escape.mjs).
single('leaks', 'ok-collection-filled-at-load-by-callback', "const ESCAPED = [];\nfor (let i = 0; i < 256; i++) ESCAPED.push(0);\n'\\\\!\"#$%&'.split('').forEach(function (ch) {\n  ESCAPED[ch.charCodeAt(0)] = 1;\n});\nexport default function isEscaped(code) {\n  return ESCAPED[code] === 1;\n}\n");
// A comparator that top-level code hands to sort runs before sort returns, and never later: the same as a forEach callback.
single('leaks', 'ok-collection-filled-at-load-by-comparator', "const compared = [];\n[3, 1, 2].sort(function (a, b) {\n  compared.push(a);\n  return a - b;\n});\nexport default function wasCompared(n) {\n  return compared.includes(n);\n}\n");
single('leaks', 'collection-filled-by-callback-in-function', "const seen = []; //! leak-growing-collection\nexport function record(items) {\n  items.forEach(function (item) {\n    seen.push(item);\n  });\n}\n");
single('leaks', 'ok-interval-handle-returned', "function arm(ms, onTick) {\n  const timer = setInterval(onTick, ms);\n  timer.unref?.();\n  return timer;\n}\nconst keepAlive = arm(1000, () => {});\nclearInterval(keepAlive);\n");
// A handle only logged or formatted is not handed on (review rv12 #1; node 20 never exits); one passed to an unknown function is.
single('leaks', 'interval-local-handle-logged', "function start() {\n  const timer = setInterval(() => console.log('tick'), 1000); //! leak-interval-not-cleared\n  console.log('started', timer);\n}\nstart();\n");
single('leaks', 'interval-local-handle-stringified', "function start() {\n  const timer = setInterval(() => console.log('tick'), 1000); //! leak-interval-not-cleared\n  console.log(String(timer), JSON.stringify({ id: 1 }, null, 2));\n  process.stdout.write(`${timer}\\n`);\n}\nstart();\n");
single('leaks', 'ok-interval-handle-passed-to-unknown-function', "function start(register) {\n  const timer = setInterval(() => console.log('tick'), 1000);\n  register(timer);\n}\nmodule.exports = start;\n");
single('leaks', 'interval-local-unref-only', "function start() {\n  const timer = setInterval(() => {}, 100); //! leak-interval-not-cleared\n  timer.unref();\n}\nstart();\n");
single('leaks', 'growing-map', 'const seen = new Map(); //! leak-growing-collection\nfunction remember(k, v) {\n  seen.set(k, v);\n}\n');
single('leaks', 'growing-set', 'const ids = new Set(); //! leak-growing-collection\nfunction track(id) {\n  ids.add(id);\n}\n');
single('leaks', 'growing-array-push', 'const log = []; //! leak-growing-collection\nfunction record(e) {\n  log.push(e);\n}\n');
single('leaks', 'growing-array-unshift', 'const recent = []; //! leak-growing-collection\nfunction note(e) {\n  recent.unshift(e);\n}\n');
single('leaks', 'growing-object-keys', 'const cache = {}; //! leak-growing-collection\nfunction put(k, v) {\n  cache[k] = v;\n}\n');
single('leaks', 'growing-in-handler', "const http = require('http');\nconst requests = []; //! leak-growing-collection\nhttp.createServer((req) => {\n  requests.push(req);\n});\n");
single('leaks', 'growing-let-map', 'let sessions = new Map(); //! leak-growing-collection\nconst login = (id) => sessions.set(id, { at: Date.now() });\n');
single('leaks', 'timer-per-request', "const http = require('http');\nhttp.createServer((req, res) => {\n  setTimeout(() => console.log(req.url), 60 * 1000); //! leak-timer-retains\n  res.end();\n});\n");
single('leaks', 'timer-in-loop', 'function schedule(job) {\n  setTimeout(() => job.run(), 30000); //! leak-timer-retains\n}\nfor (const job of [{ run() {} }]) schedule(job);\n');
single('leaks', 'timer-in-handler', `${emitterPrelude}bus.on('message', (message) => {\n  const copy = { ...message };\n  setTimeout(function () { //! leak-timer-retains\n    console.log(copy);\n  }, 120000);\n});\n`);
single('leaks', 'ok-timer-short', "const http = require('http');\nhttp.createServer((req, res) => {\n  setTimeout(() => res.end(req.url), 10);\n});\n");
single('leaks', 'ok-timer-cleared', "const http = require('http');\nhttp.createServer((req, res) => {\n  const timer = setTimeout(() => res.end(req.url), 60000);\n  res.on('finish', () => clearTimeout(timer));\n});\n");
single('leaks', 'ok-timer-captures-nothing-local', "const http = require('http');\nlet hits = 0;\nhttp.createServer((req, res) => {\n  setTimeout(() => { hits = 0; }, 60000);\n  res.end();\n});\n");
single('leaks', 'ok-timer-once-at-load', 'const config = { ttl: 1 };\nsetTimeout(() => console.log(config), 60000);\n');
// Look-alikes.
single('leaks', 'ok-declared', 'let a;\na = 10;\nfunction f() {\n  let b;\n  b = 1;\n}\n');
single('leaks', 'ok-strict', "'use strict';\nfunction f() {\n  let b = 1;\n  return b;\n}\n");
single('leaks', 'ok-module', 'export function f() {\n  const b = 1;\n  return b;\n}\n');
single('leaks', 'ok-window-onload', 'window.onload = function () {};\n');
single('leaks', 'ok-exports', 'exports.a = 1;\nmodule.exports.b = 2;\n');
single('leaks', 'ok-closure-local-only', 'function out() {\n  const big = new Buffer(10);\n  const inner = () => big;\n  return inner;\n}\n');
single('leaks', 'ok-global-function-no-capture', 'global.helper = function () {\n  return 1;\n};\n'.replace('global.helper', 'const helperHolder = {};\nhelperHolder.helper'));
single('leaks', 'ok-listener-once', `${emitterPrelude}function handle(id) {\n  bus.once('done', () => console.log(id));\n}\nfor (let i = 0; i < 3; i++) handle(i);\n`);
single('leaks', 'ok-listener-removed', `${emitterPrelude}function handle() {\n  const l = () => {};\n  bus.on('done', l);\n  bus.off('done', l);\n}\nfor (let i = 0; i < 3; i++) handle();\n`);
single('leaks', 'ok-listener-signal', "function handle(signal) {\n  window.addEventListener('resize', () => {}, { signal });\n}\nfor (let i = 0; i < 3; i++) handle(null);\n");
single('leaks', 'ok-listener-once-option', "for (let i = 0; i < 3; i++) {\n  window.addEventListener('load', () => {}, { once: true });\n}\n");
single('leaks', 'ok-listener-per-request-object', "const http = require('http');\nhttp.createServer((req, res) => {\n  req.on('data', (c) => c);\n  req.on('end', () => res.end());\n});\n");
single('leaks', 'ok-listener-top-level', `${emitterPrelude}bus.on('ready', () => {});\n`);
single('leaks', 'ok-listener-local-emitter', "const EventEmitter = require('events');\nfor (let i = 0; i < 3; i++) {\n  const local = new EventEmitter();\n  local.on('x', () => i);\n}\n");
single('leaks', 'ok-interval-cleared', 'const t = setInterval(() => {}, 10);\nclearInterval(t);\n');
single('leaks', 'ok-interval-self-cleared', 'const t = setInterval(() => {\n  clearInterval(t);\n}, 10);\n');
single('leaks', 'ok-interval-returned', 'function start() {\n  return setInterval(() => {}, 10);\n}\nclearInterval(start());\n');
single('leaks', 'ok-interval-property-cleared', 'class P {\n  start() {\n    this.timer = setInterval(() => {}, 10);\n  }\n  stop() {\n    clearInterval(this.timer);\n  }\n}\n');
single('leaks', 'ok-timeout', 'setTimeout(() => {}, 10);\n');
single('leaks', 'ok-map-bounded', 'const seen = new Map();\nfunction remember(k, v) {\n  if (seen.size > 100) seen.clear();\n  seen.set(k, v);\n}\n');
single('leaks', 'ok-array-shifted', 'const log = [];\nfunction record(e) {\n  log.push(e);\n  if (log.length > 10) log.shift();\n}\n');
single('leaks', 'ok-object-deleted', 'const cache = {};\nfunction put(k, v) {\n  cache[k] = v;\n}\nfunction drop(k) {\n  delete cache[k];\n}\n');
single('leaks', 'ok-setup-only', 'const list = [];\nlist.push(1);\nlist.push(2);\n');
single('leaks', 'ok-weakmap', 'const meta = new WeakMap();\nfunction tag(o) {\n  meta.set(o, 1);\n}\n');
single('leaks', 'ok-local-collection', 'function build() {\n  const out = [];\n  out.push(1);\n  return out;\n}\n');
single('leaks', 'ok-exported-collection', 'export const registry = new Map();\nexport function register(k, v) {\n  registry.set(k, v);\n}\n');

single('leaks', 'ok-setup-registry', 'const errors = {};\nfunction E(code, message) {\n  errors[code] = message;\n}\nE("ERR_A", "a");\nE("ERR_B", "b");\nmodule.exports = errors;\n'.replace('module.exports = errors;\n', ''));
single('leaks', 'ok-memo-cache', 'const compiled = new Map();\nexport function compile(source) {\n  let result = compiled.get(source);\n  if (!result) {\n    result = source.length;\n    compiled.set(source, result);\n  }\n  return result;\n}\n');
single('leaks', 'ok-memo-or-assign', 'const snippets = {};\nexport function use(code) {\n  return snippets[code] || (snippets[code] = { code });\n}\n');

export { cases };

/** Labels of a case: [{ file, line, code }]. */
export function labelsOf(testCase) {
  const labels = [];
  for (const [file, text] of Object.entries(testCase.files)) {
    text.split('\n').forEach((line, index) => {
      const match = /\/\/! ([\w -]+)$/.exec(line);
      if (match) for (const code of match[1].trim().split(/\s+/)) labels.push({ file, line: index + 1, code });
    });
  }
  return labels;
}

// Errors as the real runtimes word and print them: `e.message` for errors QuickJS creates (which
// the engine must reword in V8's terms), Node's crash report for uncaught exceptions and unhandled
// rejections (stderr, exit code 1, nothing after it), `process.on('uncaughtException')`, and
// Chromium's "Uncaught ..." console lines. Every expectation is measured by running the same
// program in real Node 20 / Chromium in the same test.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, withChromium, chromiumSkipReason, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: () => undefined };

async function predict(code, model, fileName) {
  const result = await predictor.predict({ fileName, text: code, models: [model] }, host);
  return result.models[model];
}

const texts = (result, stream) => result.output.filter((line) => line.stream === stream).map((line) => line.text);

/** Runs the program in real Node, then predicts it under the same file name, and compares everything. */
async function compareWithNode(code) {
  const real = await runNode(code);
  const result = await predict(code, 'node', real.filePath);
  assert.deepEqual(texts(result, 'stdout'), splitLines(real.stdout), 'stdout');
  assert.deepEqual(texts(result, 'stderr'), splitLines(real.stderr), 'stderr');
  assert.equal(result.exitCode, real.exitCode, 'exit code');
}

test('error messages in V8 words (errors QuickJS creates)', async () => {
  await compareWithNode(`
const probes = [
  () => { x; let x = 1; },
  () => undefinedVariable,
  () => { const o = {}; o.foo(); },
  () => { const o = { a: {} }; o.a.b(); },
  () => null.x,
  () => { let u; u.y.z; },
  () => { const c = 1; c = 2; },
  () => { function deep() { deep(); } deep(); },
  () => { for (const v of 5) {} },
  () => { class X {} X(); },
  () => { new Promise(); },
  () => { const { a } = null; },
  () => { [].reduce((a, b) => a); },
  () => { const n = null; n.x = 1; },
  () => { const s = 1; new s(); },
];
for (const probe of probes) {
  try { probe(); console.log('no error'); }
  catch (e) { console.log(e.name + ': ' + e.message, e instanceof RangeError, e.constructor.name); }
}
`);
});

test('the message reaches promise handlers and async catch blocks in V8 words', async () => {
  await compareWithNode(`
Promise.resolve().then(() => null.x).catch((e) => console.log('catch:', e.message));
(async () => { try { await undefined; undefinedFn(); } catch (e) { console.log('async:', e.message); } })();
`);
});

const CRASHES = {
  'uncaught TypeError in a function called from the main script': `console.log('before');
function f() {
  const o = {};
  o.missing();
}
setTimeout(() => console.log('never'), 0);
f();
`,
  'rethrown error: the header quotes the throw statement': `function f() {
  const e = new Error('x');
  throw e;
}
f();
`,
  'thrown string': "console.log(1)\nthrow 'abc';\n",
  'thrown object': 'throw { a: 1 }\n',
  'error in a timer callback': 'setTimeout(function named() { null.x }, 5)\n',
  'error in an immediate': 'setImmediate(function im() { null.y })\n',
  'error in a nextTick callback': 'process.nextTick(function nt() { null.y })\n',
  'error in a then callback': 'Promise.resolve().then(function th() { null.y })\n',
  'infinite recursion': 'function g() { g(); }\ng();\n',
  'async function rejection nobody handles': `async function boom() { throw new Error('boom'); }
boom();
setTimeout(() => console.log('never'), 0);
console.log('sync');
`,
  'rejection handled too late': `const p = Promise.reject(new Error('late'));
setTimeout(() => p.catch(() => console.log('caught late')), 0);
`,
  'rejection with a non-error reason': 'Promise.reject(42)\n',
  'rejection with an object reason': 'Promise.reject({ a: 1 })\n',
  'handled rejections do not crash': `async function f() { throw new TypeError('x'); }
async function g() { try { await f(); } catch (e) { console.log('caught', e.message); } }
g().then(() => console.log('done'));
f().catch((e) => console.log('caught2', e.message));
new Promise((_, reject) => reject(new Error('in executor'))).catch((e) => console.log(e.message));
Promise.all([f(), 1]).catch((e) => console.log('all', e.message));
process.on('exit', (c) => console.log('exit', c));
`,
  'process.on uncaughtException keeps the process alive': `process.on('uncaughtException', (e, origin) => console.log('handler', e.message, origin));
setTimeout(() => { throw new Error('in timer'); }, 0);
setTimeout(() => console.log('still running'), 5);
Promise.reject(new Error('rej'));
`,
  'process.exit stops everything but exit listeners': `process.on('exit', (code) => console.log('exit', code));
setTimeout(() => console.log('never'), 0);
Promise.resolve().then(() => { console.log('micro'); process.exit(3); console.log('not after exit'); });
console.log('main');
`,
  'process.exitCode': 'process.exitCode = 4;\nconsole.log("done");\n',
};

for (const [name, code] of Object.entries(CRASHES)) {
  test(`node crash report: ${name}`, async () => {
    await compareWithNode(code);
  });
}

test('browser: uncaught errors are reported and later tasks still run', { skip: chromiumSkipReason ?? false }, async () => {
  const code = `console.log('start');
setTimeout(() => { null.x; }, 0);
setTimeout(() => { console.log('later task'); }, 5);
Promise.reject(new Error('boom'));
try { process.exit(1); } catch (e) { console.log(e.message); }
`;
  await withChromium(async (runInPage) => {
    const [result, real] = await Promise.all([predict(code, 'browser', '/virtual/main.js'), runInPage(code)]);
    const actual = real.messages.map((message) => message.text);
    assert.deepEqual(result.output.map((line) => line.text), actual);
  });
});

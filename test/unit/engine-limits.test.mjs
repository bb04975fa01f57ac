// The engine's mechanisms beyond output order: budgets that end a run with the right `stopped`
// reason and what was printed so far (compared with the first lines real Node prints before it is
// killed), the worker surviving a runaway program, `why`/`cause` on every line, values marked
// `varying`, and which models apply to a file.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor, applicableModels } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: () => undefined };

async function predict(code, { model = 'node', budgets = {}, fileName = '/virtual/main.js' } = {}) {
  const result = await predictor.predict({ fileName, text: code, models: [model], budgets }, host);
  return result.models[model];
}
const stdout = (result) => result.output.filter((line) => line.stream === 'stdout').map((line) => line.text);

/** 1-based line of the first occurrence of `needle` in `code` (positions are found by text). */
const lineOf = (code, needle) => code.slice(0, code.indexOf(needle)).split('\n').length;

test('an interval never cleared stops at the virtual-time budget with the first runs printed', async () => {
  const code = "let n = 0;\nsetInterval(() => { n += 1; console.log('tick', n); }, 10);\n";
  const [result, real] = await Promise.all([
    predict(code, { budgets: { virtualTimeMs: 55 } }),
    runNode(code, { timeoutMs: 4000 }),
  ]);
  assert.equal(result.stopped, 'virtual-time');
  assert.ok(result.notes.some((note) => /forever/.test(note)), result.notes.join('\n'));
  assert.ok(real.timedOut, 'real node keeps running');
  assert.equal(stdout(result).length, 5);
  // Real node printed for as long as it was allowed to; its first lines are the prediction's.
  const realLines = splitLines(real.stdout).slice(0, 5);
  assert.deepEqual(stdout(result).slice(0, realLines.length), realLines);
});

test('a 5 MB program is not parsed or run: every model stops with file-size and says why', async () => {
  // The robustness fuzz's pathological program (test/robustness/fuzz-documents.mjs): its
  // preparation and QuickJS compile took over 12 s, which no CPU budget could interrupt.
  const unit = 'for (let i = 0; i < 3; i++) { setTimeout(() => console.log("t", i), 0); Promise.resolve(i).then((v) => console.log("p", v)); }\n';
  const code = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
  const result = await predictor.predict({ fileName: '/virtual/big.js', text: code, models: ['node', 'browser'], budgets: { timeMs: 300 }, trace: true }, host);
  for (const model of ['node', 'browser']) {
    const modelResult = result.models[model];
    assert.equal(modelResult.stopped, 'file-size', model);
    assert.deepEqual(modelResult.output, [], model);
    // Never run, so no exit code.
    assert.equal(modelResult.exitCode, null, model);
    assert.equal(modelResult.trace, undefined, model);
    assert.deepEqual(modelResult.notes, [`The file is ${Math.ceil(code.length / 1024)} KB, over the 512 KB limit for prediction (budgets.fileSizeKb), so it was not run: preparing and compiling a file this large takes seconds before any of it runs, and the time budget cannot stop that.`], model);
    // The note's localisable form, for the editor's language.
    assert.deepEqual(Object.values(modelResult.noteParts).map((part) => part.args), [[5121, 512]], model);
  }
});

test('budgets.fileSizeKb is the limit: exactly that many units of text run, one more is refused', async () => {
  const line = "console.log('ran');\n";
  const code = `${line}${' '.repeat(2 * 1024 - line.length - 1)}\n`;
  assert.equal(code.length, 2 * 1024);
  const [atLimit, overLimit, real] = await Promise.all([
    predict(code, { budgets: { fileSizeKb: 2 } }),
    predict(`${code} `, { budgets: { fileSizeKb: 2 } }),
    runNode(code),
  ]);
  assert.equal(atLimit.stopped, null);
  assert.deepEqual(stdout(atLimit), splitLines(real.stdout));
  assert.equal(overLimit.stopped, 'file-size');
  assert.deepEqual(stdout(overLimit), []);
  assert.deepEqual(overLimit.notes, ['The file is 3 KB, over the 2 KB limit for prediction (budgets.fileSizeKb), so it was not run: preparing and compiling a file this large takes seconds before any of it runs, and the time budget cannot stop that.']);
});

test('a module the program loads is held to budgets.fileSizeKb: the run stops where it is loaded, keeping what was printed before', async () => {
  // The reviewer's repro, scaled to a 2 KB budget: node prints 'start', then loads the module.
  const unit = 'for (let i = 0; i < 3; i++) { setTimeout(() => console.log("t", i), 0); Promise.resolve(i).then((v) => console.log("p", v)); }\n';
  const dep = `${unit.repeat(Math.ceil(2500 / unit.length))}module.exports = 1;\n`;
  const entry = 'console.log("start"); const d = require("./dep.js"); console.log("dep", d);\n';
  const files = { '/virtual/main.js': entry, '/virtual/dep.js': dep };
  const moduleHost = { readFile: (path) => files[path] };
  const run = async (fileSizeKb) => (await predictor.predict({ fileName: '/virtual/main.js', text: entry, models: ['node'], budgets: { fileSizeKb } }, moduleHost)).models.node;
  const [refused, raised, real] = await Promise.all([run(2), run(3), runNode(entry, { extraFiles: { 'dep.js': dep } })]);
  const realLines = splitLines(real.stdout);
  assert.equal(refused.stopped, 'file-size');
  // What node printed before the require, and nothing after it.
  assert.deepEqual(stdout(refused), realLines.slice(0, realLines.indexOf('start') + 1));
  assert.deepEqual(refused.notes, [`Stopped where the program loads /virtual/dep.js (line 1): the module is ${Math.ceil(dep.length / 1024)} KB, over the 2 KB limit for prediction (budgets.fileSizeKb), and compiling a file this large takes seconds that the time budget cannot stop.`]);
  assert.equal(raised.stopped, null);
  assert.deepEqual(stdout(raised), realLines);
});

test('an ES module or a TypeScript module the program imports is held to budgets.fileSizeKb too', async () => {
  const big = `export const size = ${JSON.stringify('x'.repeat(3000))}.length;\n`;
  const files = {
    '/virtual/main.mjs': 'import { size } from "./dep.mjs";\nconsole.log(size);\n',
    '/virtual/dep.mjs': big,
    '/virtual/main.js': 'console.log("start");\nrequire("./dep.ts");\n',
    '/virtual/dep.ts': `const size: number = ${JSON.stringify('x'.repeat(3000))}.length;\nconsole.log(size);\n`,
  };
  const moduleHost = { readFile: (path) => files[path] };
  for (const [fileName, model] of [['/virtual/main.mjs', 'node-esm'], ['/virtual/main.js', 'node']]) {
    const result = (await predictor.predict({ fileName, text: files[fileName], models: [model], budgets: { fileSizeKb: 2 } }, moduleHost)).models[model];
    assert.equal(result.stopped, 'file-size', fileName);
    assert.ok(/^Stopped where the program loads \/virtual\/dep\.(mjs|ts)\b.* the module is 3 KB, over the 2 KB limit/.test(result.notes[0]), result.notes.join('\n'));
  }
});

test('an imported ES module is measured without its byte order mark, as the entry and CommonJS modules are', async () => {
  // Exactly 2 KB of text after the mark: within a 2 KB budget, so it runs as in node.
  const body = 'export default 1;\n';
  const dep = `\ufeff${body}${' '.repeat(2 * 1024 - body.length - 1)}\n`;
  assert.equal(dep.length, 2 * 1024 + 1);
  const entry = 'import d from "./dep.mjs";\nconsole.log(d);\n';
  const files = { '/virtual/main.mjs': entry, '/virtual/dep.mjs': dep };
  const result = (await predictor.predict({ fileName: '/virtual/main.mjs', text: entry, models: ['node-esm'], budgets: { fileSizeKb: 2 } }, { readFile: (path) => files[path] })).models['node-esm'];
  const real = await runNode(entry, { extraFiles: { 'dep.mjs': dep }, fileName: 'main.mjs' });
  assert.equal(result.stopped, null, result.notes.join('\n'));
  assert.deepEqual(stdout(result), splitLines(real.stdout));
});

test('a file whose compile uses up the CPU budget says so and prints nothing, as CommonJS, as an ES module and as a script', async () => {
  // 420 KB of block scopes, each with a binding: QuickJS compiles them in ~180 ms here, and the
  // compile and the run's own set-up scale alike with the machine's speed, so a 20 ms budget is
  // used up by the compile on any machine. The mechanism is what is checked: the budget ran out
  // before the program started, so its first line is not printed and the endless loop after the
  // blocks is not blamed.
  const code = `console.log('start');\n${'{ let a = 1; a++; }\n'.repeat(20_000)}while (true) {}\n`;
  for (const [fileName, model] of [['/virtual/main.js', 'node'], ['/virtual/main.mjs', 'node-esm'], ['/virtual/main.js', 'browser']]) {
    const result = await predict(code, { model, fileName, budgets: { timeMs: 20 } });
    assert.equal(result.stopped, 'time-budget', model);
    assert.deepEqual(stdout(result), [], model);
    assert.equal(result.notes.length, 1, model);
    assert.match(result.notes[0], /^Stopped after 20 ms of CPU time \(the time budget\): the budget ran out before the program started, compiling the file took \d+ ms of it: a file this large needs a larger time budget\.$/, model);
  }
});

test('an endless loop stops at the CPU budget, keeping what was printed before it', async () => {
  const result = await predict("console.log('before');\nwhile (true) {}\n", { budgets: { timeMs: 300 } });
  assert.equal(result.stopped, 'time-budget');
  assert.deepEqual(stdout(result), ['before']);
});

test('a run stopped by its CPU budget is not run again under the other timing assumptions, and says so', async () => {
  // A top-level setTimeout(0)/setImmediate race, then an endless loop: every rerun would spend the
  // whole budget again. The race's other order is not listed, so the prediction says it may exist.
  const code = "setTimeout(() => console.log('timeout'), 0);\nsetImmediate(() => { console.log('immediate'); while (true) {} });\n";
  const result = await predict(code, { budgets: { timeMs: 300 } });
  assert.equal(result.stopped, 'time-budget');
  assert.deepEqual(result.alternatives, []);
  assert.equal(result.deterministic, false);
  assert.ok(result.notes.some((note) => /other timing assumptions were not tried/.test(note)), result.notes.join('\n'));
});

test('a promise storm and a nextTick storm stop at the CPU budget and say which queue never emptied', async () => {
  const promises = await predict('function f() { Promise.resolve().then(f); }\nf();\n', { budgets: { timeMs: 300 } });
  assert.equal(promises.stopped, 'time-budget');
  assert.ok(promises.notes.some((note) => /microtask queue never emptied/.test(note)), promises.notes.join('\n'));
  const ticks = await predict('function t() { process.nextTick(t); }\nt();\n', { budgets: { timeMs: 300 } });
  assert.equal(ticks.stopped, 'time-budget');
  assert.ok(ticks.notes.some((note) => /nextTick queue never emptied/.test(note)), ticks.notes.join('\n'));
});

test('too many output lines stop at the output budget', async () => {
  const result = await predict('for (let i = 0; i < 1000; i++) console.log(i);\n', { budgets: { outputLines: 50 } });
  assert.equal(result.stopped, 'output-limit');
  assert.equal(result.output.length, 50);
  assert.equal(result.output[49].text, '49');
});

test('memory growth stops at the memory budget', async () => {
  const result = await predict('const keep = [];\nwhile (true) keep.push(Array.from({ length: 10000 }, (_, i) => i + keep.length));\n', { budgets: { memoryBytes: 8 * 1024 * 1024, timeMs: 5000 } });
  assert.equal(result.stopped, 'memory');
});

test('deep recursion is a RangeError as in Node, and the worker keeps working afterwards', async () => {
  const code = 'function down(n) { return down(n + 1) + 1; }\ntry { down(0); } catch (e) { console.log(e.name, e.message, e instanceof RangeError); }\n';
  const [result, real] = await Promise.all([predict(code), runNode(code)]);
  assert.deepEqual(stdout(result), splitLines(real.stdout));
  const next = await predict("console.log('still fine');\n");
  assert.deepEqual(stdout(next), ['still fine']);
});

test('every line carries source, why and a causal record pointing at the scheduling call', async () => {
  const code = [
    "console.log('main');",
    'setTimeout(function later() {',
    "  console.log('timer');",
    "  Promise.resolve().then(() => console.log('micro'));",
    '}, 5);',
    "process.nextTick(() => console.log('tick'));",
    "(async () => { await null; console.log('resumed'); })();",
  ].join('\n');
  const result = await predict(code);
  const byText = Object.fromEntries(result.output.map((line) => [line.text, line]));
  assert.equal(byText.main.source, 'main');
  assert.equal(byText.tick.source, 'nextTick');
  assert.equal(byText.tick.cause.scheduledBy, 'process.nextTick');
  assert.equal(byText.tick.cause.scheduledAt.line, lineOf(code, 'process.nextTick'));
  assert.equal(byText.timer.source, 'timers');
  assert.equal(byText.timer.cause.scheduledBy, 'setTimeout');
  assert.equal(byText.timer.cause.scheduledAt.line, lineOf(code, 'setTimeout'));
  assert.match(byText.timer.why, /setTimeout at line 2 \(5 ms -> 5 ms\).*timers phase/);
  assert.equal(byText.micro.source, 'microtask');
  assert.equal(byText.micro.cause.scheduledBy, '.then');
  assert.equal(byText.micro.cause.parent.scheduledBy, 'setTimeout');
  assert.equal(byText.resumed.cause.scheduledBy, 'await');
  assert.equal(byText.resumed.cause.scheduledAt.line, lineOf(code, 'await null'));
  for (const line of result.output) {
    assert.ok(line.why.length > 10, `why for ${line.text}`);
    assert.equal(line.line, lineOf(code, `'${line.text}'`), `line of ${line.text}`);
  }
  assert.ok(byText.micro.cause.runStep > byText.timer.cause.runStep);
});

test('clock and randomness make a line varying', async () => {
  const result = await predict("console.log('fixed');\nconsole.log(Date.now() > 0);\nconsole.log(Math.random() < 1);\nconsole.log(typeof performance.now());\n");
  assert.deepEqual(result.output.map((line) => !!line.varying), [false, true, true, true]);
});

test('applicableModels leaves out the models a file cannot run under, with the reason', () => {
  const node = applicableModels("const fs = require('fs');\nprocess.nextTick(() => {});\n", '/p/a.js');
  assert.deepEqual(node.models, ['node', 'node-legacy']);
  assert.match(node.skipped.browser, /require/);
  assert.match(node.skipped['node-esm'], /require/);
  const esm = applicableModels("import { readFile } from 'node:fs';\nconsole.log(1);\n", '/p/a.mjs');
  assert.ok(!esm.models.includes('browser') && !esm.models.includes('node-legacy'));
  const portable = applicableModels("setTimeout(() => console.log('x'));\n", '/p/a.js');
  assert.deepEqual(portable.models, ['node', 'node-esm', 'node-legacy', 'browser']);
  const dom = applicableModels("document.body.appendChild(document.createElement('p'));\n", '/p/a.js');
  assert.deepEqual(dom.models, ['browser']);
});

// Tests of the differential harness itself: the oracle helpers capture what the runtimes do, the
// directive parser and the comparison rules behave as documented in corpus.mjs. The programs here
// are chosen so that what the runtime does is not in question (an explicit exit code, an explicit
// write); runtime output that could vary is only ever compared with itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSkipReason, legacyNodeSkipReason, runNode, runNodeLegacy, splitLines, withChromium } from '../helpers/oracle.mjs';
import { comparePrediction, normalizeNodeStderr, observedFromNode, parseDirectives } from './corpus.mjs';

test('runNode captures stdout, stderr and the exit code, and cleans up its directory', async () => {
  const run = await runNode("process.stdout.write('out\\n'); process.stderr.write('err\\n'); process.exitCode = 3;");
  assert.equal(run.stdout, 'out\n');
  assert.equal(run.stderr, 'err\n');
  assert.equal(run.exitCode, 3);
  assert.equal(run.timedOut, false);
  const { existsSync } = await import('node:fs');
  assert.equal(existsSync(run.dir), false);
});

test('runNode runs .mjs as an ES module and .js as CommonJS', async () => {
  const probe = "console.log(typeof require === 'function' ? 'cjs' : 'esm');";
  assert.equal((await runNode(probe)).stdout, 'cjs\n');
  assert.equal((await runNode(probe, { esm: true })).stdout, 'esm\n');
});

test('runNode kills a program that does not finish', async () => {
  const run = await runNode('setInterval(() => {}, 1000);', { timeoutMs: 500 });
  assert.equal(run.timedOut, true);
});

test('runNodeLegacy runs a real Node 10', async (t) => {
  const skip = await legacyNodeSkipReason();
  if (skip) {
    t.skip(skip);
    return;
  }
  const run = await runNodeLegacy('console.log(process.version.split(".")[0]);');
  assert.equal(run.stdout, 'v10\n');
});

test('normalizeNodeStderr reduces a real crash report to its error line', async () => {
  const run = await runNode("console.error('printed first');\nthrow new TypeError('boom');\n");
  assert.equal(run.exitCode, 1);
  assert.deepEqual(normalizeNodeStderr(run.stderr, run.filePath), ['printed first', 'TypeError: boom']);
});

test('normalizeNodeStderr keeps warnings with the process id replaced', () => {
  const text = '(node:4242) Warning: something\n(Use `node --trace-warnings ...` to show where the warning was created)\n';
  assert.deepEqual(normalizeNodeStderr(text, null), ['(node:PID) Warning: something']);
});

test('parseDirectives reads models and nondeterministic, with documented defaults', () => {
  assert.deepEqual(parseDirectives('// models: node browser\n// nondeterministic\nconsole.log(1);'), { models: ['node', 'browser'], nondeterministic: true });
  assert.deepEqual(parseDirectives('// nondeterministic: node-legacy\nconsole.log(1);').nondeterministic, ['node-legacy']);
  assert.deepEqual(parseDirectives('console.log(1);').models, ['node', 'node-esm', 'browser']);
  assert.deepEqual(parseDirectives("const fs = require('fs');").models, ['node']);
  assert.deepEqual(parseDirectives('process.nextTick(() => {});').models, ['node', 'node-esm']);
  assert.deepEqual(parseDirectives("import fs from 'fs';").models, ['node-esm']);
  assert.deepEqual(parseDirectives('console.log(1);', { isModule: true }).models, ['node-esm']);
  assert.throws(() => parseDirectives('// models: nodejs\n'), /unknown model/);
});

test('comparePrediction: equal output passes; order, stderr, exit code and honesty are checked', () => {
  const observed = observedFromNode({ stdout: 'a\nb\n', stderr: '', exitCode: 0, timedOut: false, filePath: '/x/main.js' });
  const line = (text, stream = 'stdout') => ({ stream, text, line: 0, column: 0, source: 'main', why: '' });
  const prediction = (texts, extra = {}) => ({ output: texts.map((text) => line(text)), exitCode: 0, deterministic: true, alternatives: [], stopped: null, notes: [], ...extra });
  assert.deepEqual(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: prediction(['a', 'b']) }), []);
  assert.equal(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: prediction(['b', 'a']) }).length, 1);
  assert.equal(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: prediction(['a', 'b'], { exitCode: 1 }) }).length, 1);
  const withStderr = prediction(['a', 'b']);
  withStderr.output.push(line('Error: x', 'stderr'));
  assert.equal(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: withStderr }).length, 1);
  // A nondeterministic program: the real order may be an alternative, but only an honest prediction passes.
  const honest = prediction(['b', 'a'], { deterministic: false, alternatives: [['a', 'b']] });
  assert.deepEqual(comparePrediction({ model: 'node', nondeterministic: true, observed, prediction: honest }), []);
  const overconfident = prediction(['a', 'b']);
  assert.equal(comparePrediction({ model: 'node', nondeterministic: true, observed, prediction: overconfident }).length, 1);
  // Alternatives do not rescue a program that is deterministic in reality.
  assert.equal(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: honest }).length, 1);
  assert.equal(comparePrediction({ model: 'node', nondeterministic: false, observed, prediction: prediction(['a', 'b'], { stopped: 'time-budget' }) }).length, 1);
});

test('withChromium reports console messages and uncaught errors in order, as DevTools words them', { skip: chromiumSkipReason ?? false }, async () => {
  await withChromium(async (runInPage) => {
    const first = await runInPage("console.log('one', 2);\nsetTimeout(() => console.log('three'), 40);\nPromise.reject(new Error('rejected'));\nthrow new Error('thrown');\n");
    const texts = first.messages.map((message) => message.text);
    assert.equal(texts[0], 'one 2');
    assert.equal(texts[texts.length - 1], 'three');
    assert.deepEqual([...first.errors].sort(), ['Uncaught (in promise) Error: rejected', 'Uncaught Error: thrown']);
    assert.equal(texts.length, 4);
    // Each program gets a fresh page: globals do not leak from one program to the next.
    const second = await runInPage("var leaked = 1;\nconsole.log(typeof leaked);");
    const third = await runInPage('console.log(typeof leaked);');
    assert.deepEqual(second.messages.map((message) => message.text), ['number']);
    assert.deepEqual(third.messages.map((message) => message.text), ['undefined']);
  });
});

test('splitLines drops only the final empty line', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('a\n'), ['a']);
  assert.deepEqual(splitLines('a\n\n'), ['a', '']);
  assert.deepEqual(splitLines('a\r\nb'), ['a', 'b']);
});

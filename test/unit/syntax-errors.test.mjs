// Syntax errors as real Node reports them: a table of common mistakes, each written as the entry
// file (CommonJS `main.js` and ES module `main.mjs`) and, for a subset, as a file the entry
// requires or imports. Node's crash report (the file and line, the quoted line, the caret under the
// offending text, the `SyntaxError: ...` line) and the exit code are measured by running real node
// on the same files in this test, then compared with the prediction; the stack frames under the
// message are Node's internals and are compared elsewhere (engine-errors, modules).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumSkipReason, splitLines, withChromium } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());
/** The files on disk (reading a directory throws, which also answers undefined). */
const host = {
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Typical mistakes (each file gets a final newline, as an editor saves it). */
const MISTAKES = [
  'function f() {\n  console.log(1);\n',
  'if (true) {\n  console.log(1);\n} else {\n',
  'const g = () => {\n  return 1;\n',
  'let let = 1;',
  'const s = `abc;\nconsole.log(s);',
  "console.log('a';",
  '}',
  'const o = { a: 1 b: 2 };',
  'const a = [1 2];',
  "const s = 'abc;",
  'const x;',
  'return 1;',
  'function f() { await 1; }',
  'let a = 1;\nlet a = 2;',
  'function () {}',
  'class A { constructor() {} constructor() {} }',
  'const f = (a, b => a + b;',
  'for (let i = 0; i < 3; i++ {}',
  'if x > 1 { }',
  "import fs from 'fs';\nlet y = ;",
  'export const a = 1;\nlet b = ;',
  'break;',
  'continue;',
  "'use strict';\nlet x = 08;",
  'const {a, b} = ;',
  'a ?? b || c;',
  'const r = /abc;',
  'async () => { await };',
  '1++;',
  'try { }',
  'function f(...a, b) {}',
  'const el = <div></div>;',
  'let x: number = 1;',
  'const x = 1,;',
  'function f() { return }}',
  'let x = 1;\nconst x = 2;',
  'console.log("a")\n.then(;',
  'for (const x of [1]) {\n  console.log(x);\n}}',
  'const x = 1\nconst y = 2 +\n',
  'let x = "unterminated\nconsole.log(x);',
  'class A { #x; m() { return this.#y; } }',
];

/** The mistakes also written in a required (CommonJS) or imported (ES module) file. */
const IN_DEPENDENCY = [0, 3, 4, 7, 17, 38];

/** Node's crash report down to the `SyntaxError: ...` line (its internal frames follow). */
function crashHeader(lines) {
  const end = lines.findIndex((line) => /^\s+at /.test(line));
  return end < 0 ? lines : lines.slice(0, end);
}

function runRealNode(file, cwd) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'NODE_TEST_CONTEXT']) delete env[name];
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ lines: splitLines(output), exitCode }));
  });
}

/** Every case as { name, directory, entry, files }, written to disk by `run`. */
function cases(root) {
  const all = [];
  for (const [index, mistake] of MISTAKES.entries()) {
    const text = `${mistake}\n`;
    all.push({ name: `#${index} main.js ${JSON.stringify(mistake)}`, files: { 'main.js': text }, entry: 'main.js', model: 'node' });
    all.push({ name: `#${index} main.mjs ${JSON.stringify(mistake)}`, files: { 'main.mjs': text }, entry: 'main.mjs', model: 'node-esm' });
    if (!IN_DEPENDENCY.includes(index)) continue;
    all.push({ name: `#${index} required lib.js ${JSON.stringify(mistake)}`, files: { 'main.js': "console.log('before');\nrequire('./lib.js');\n", 'lib.js': text }, entry: 'main.js', model: 'node' });
    all.push({ name: `#${index} imported lib.mjs ${JSON.stringify(mistake)}`, files: { 'main.mjs': "import './lib.mjs';\nconsole.log('main');\n", 'lib.mjs': text }, entry: 'main.mjs', model: 'node-esm' });
  }
  return all.map((entry, number) => ({ ...entry, directory: join(root, String(number)) }));
}

test('syntax errors: Node\'s crash report for common mistakes, in CommonJS and ES module files, entry and dependency', async () => {
  const root = mkdtempSync(join(tmpdir(), 'looplens-syntax-errors-'));
  try {
    const all = cases(root);
    for (const { directory, files } of all) {
      mkdirSync(directory, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    }
    // Real node runs a few at a time (each is a process start); the predictions run one by one.
    const reals = new Array(all.length);
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < all.length) {
        const index = next++;
        reals[index] = await runRealNode(join(all[index].directory, all[index].entry), all[index].directory);
      }
    }));
    const wrong = [];
    for (const [index, { name, directory, entry, files, model }] of all.entries()) {
      const file = join(directory, entry);
      const result = await predictor.predict({ fileName: file, text: files[entry], models: [model] }, host);
      const predicted = result.models[model];
      const real = reals[index];
      const expected = crashHeader(real.lines);
      const actual = crashHeader(predicted.output.map((line) => line.text));
      if (JSON.stringify(expected) !== JSON.stringify(actual) || real.exitCode !== predicted.exitCode) {
        wrong.push(`${name}\n  real:      ${JSON.stringify(expected)} (exit ${real.exitCode})\n  predicted: ${JSON.stringify(actual)} (exit ${predicted.exitCode})`);
      }
    }
    assert.equal(wrong.length, 0, `${wrong.length} of ${all.length} differ:\n${wrong.join('\n')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** The mistakes also loaded as a page's classic script in Chromium. */
const IN_BROWSER = [0, 3, 4, 5, 7, 10, 12, 19, 20, 28, 31, 35, 39, 40];

test('syntax errors: Chromium\'s "Uncaught SyntaxError: ..." for a page script', chromiumSkipReason ? { skip: chromiumSkipReason } : {}, async () => {
  const wrong = [];
  await withChromium(async (runInPage) => {
    for (const index of IN_BROWSER) {
      const text = `${MISTAKES[index]}\n`;
      const real = await runInPage(text);
      const result = await predictor.predict({ fileName: '/page/main.js', text, models: ['browser'] }, host);
      const predicted = result.models.browser.output.map((line) => line.text);
      const expected = real.messages.map((message) => message.text);
      if (JSON.stringify(predicted) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(MISTAKES[index])}\n  real:      ${JSON.stringify(expected)}\n  predicted: ${JSON.stringify(predicted)}`);
    }
  }, { quietMs: 100 });
  assert.equal(wrong.length, 0, `${wrong.length} of ${IN_BROWSER.length} differ:\n${wrong.join('\n')}`);
});

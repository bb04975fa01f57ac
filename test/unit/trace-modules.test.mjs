// Programs of several files: each file is instrumented on its own, with ids continuing from the
// previous file's (`idBase` = the previous result's `nextId`), and the recorder gets the tables of
// all of them. The seed's module cycles run as in real Node, including an ES module whose hoisted
// function is called by a module it imports before its own body has run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runNode, instrumentText } from './trace-harness.mjs';

function instrumentAll(files) {
  let idBase = 0;
  const table = [];
  const code = {};
  for (const [name, text] of Object.entries(files)) {
    const result = instrumentText(text, name, { idBase });
    assert.deepEqual(result.errors, []);
    idBase = result.nextId;
    table.push(...result.functions);
    code[name] = result.code;
  }
  return { code, table };
}

function check(files, entry) {
  const original = runNode(files[entry], entry, { extraFiles: Object.fromEntries(Object.entries(files).filter(([name]) => name !== entry)) });
  const { code, table } = instrumentAll(files);
  const traced = runNode(code[entry], entry, { mode: 'record', table, extraFiles: Object.fromEntries(Object.entries(code).filter(([name]) => name !== entry)) });
  assert.equal(traced.stdout, original.stdout);
  assert.equal(traced.exitCode, original.exitCode);
  assert.equal(new Set(table.map((info) => info.id)).size, table.length, 'ids are unique across files');
  return traced.trace;
}

test('the seed ES-module cycle: b calls a\'s hoisted foo before a\'s body ran', () => {
  const dir = join(root, 'examples/esm-cycle');
  const files = { 'a.mjs': readFileSync(join(dir, 'a.mjs'), 'utf8'), 'b.mjs': readFileSync(join(dir, 'b.mjs'), 'utf8') };
  // Make the cycle bite: b calls bar() (and so a's foo) while it is still loading.
  files['b.mjs'] = files['b.mjs'].replace("console.log('b.mjs evaluated", "let depth = 0;\nexport function callFooOnce() { if (depth++ === 0) foo(); }\ncallFooOnce();\nconsole.log('b.mjs evaluated");
  files['a.mjs'] = files['a.mjs'].replace('    bar(); // (2)', '    console.log(\'foo ran\');');
  const trace = check(files, 'a.mjs');
  const names = trace.contexts.map((ctx) => ctx.name);
  assert.deepEqual(names.slice(0, 4), ['b.mjs', 'callFooOnce', 'foo', 'a.mjs']);
  const foo = trace.contexts[2];
  // a's module context did not exist yet when foo ran, so foo has no recorded lexical parent.
  assert.equal(foo.lexicalParentId, null);
  assert.equal(foo.callerId, 1);
  assert.equal(trace.contexts[0].kind, 'module');
});

test('the seed CommonJS cycle: module2 sees module1 partially loaded', () => {
  const dir = join(root, 'examples/commonjs-cycle');
  const files = { 'module1.js': readFileSync(join(dir, 'module1.js'), 'utf8'), 'module2.js': readFileSync(join(dir, 'module2.js'), 'utf8') };
  const trace = check(files, 'module1.js');
  assert.deepEqual(trace.contexts.map((ctx) => [ctx.name, ctx.callerId]), [['module1.js', null], ['module2.js', 0]]);
  // require() is a synchronous call: the required module's top level runs inside the requiring one.
  assert.equal(trace.contexts[1].thisReason.includes('CommonJS'), true);
});

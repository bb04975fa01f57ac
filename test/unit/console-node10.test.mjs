// The sandbox's Node console in legacy mode (the node-legacy model) against a real Console of
// Node 10.24.1 in a child process: the same calls, with process.hrtime replaced by the same fake
// clock on both sides, must write the same text to the same streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureNode10 } from '../../scripts/oracle/fetch-node10.mjs';

const require = createRequire(import.meta.url);
const { createConsole } = require('../../dist/test/console.js');

let node10;
let skip = false;
try {
  node10 = await ensureNode10();
} catch (error) {
  skip = `no Node 10 binary: ${error.message}`;
}

const preamble = `
  class Foo { constructor() { this.a = 1; this.b = 'two'; } }
  const circular = { name: 'root' }; circular.self = circular;
`;

const scripts = [
  "c.log('hello', 1, 'x', { a: 'it\\'s' }); c.info([1, 'two', [3, [4, [5]]]]); c.warn('warned'); c.error(new Map([[1, { a: 1 }]]), new Set(['s']))",
  "c.log('%s is %d years and %c styled', 'Bob', 42.5, 'css', 'extra'); c.log(1, 'quoted when first is not a string', [2]); c.log('%s', { a: 1 }, 10n, -0, function f() { return 1; }, Symbol('s'), null)",
  "c.log(new Foo(), circular, Foo, function () {}, async () => {}, function* gen() {}, Symbol('s'), null, undefined)",
  "c.log(Array.from({ length: 30 }, (_, i) => i)); c.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc', delta: 'dddddddddd' })",
  "c.group('Group A'); c.log('inside'); c.group(); c.log({ a: 1, b: { c: 'multi\\nline' } }); c.warn('warn inside'); c.groupEnd(); c.groupEnd(); c.log('outside')",
  "c.count(); c.count(); c.count('x'); c.countReset(); c.count()",
  "c.assert(true, 'never'); c.assert(false); c.assert(false, 'msg %s', 'x'); c.assert(0, { a: 1 })",
  "c.dir({ a: { b: { c: { d: 1 } } } }); c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 }); c.dir('str')",
  "c.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]); c.table({ alice: { age: 30, city: 'Paris' }, bob: { age: 25 } }); c.table([1, 'two', { three: 3 }])",
  "c.table([{ a: 1, b: 2 }, { a: 3, c: 4 }], ['a', 'c']); c.table(new Map([['k1', { v: 1 }], ['k2', 'str']])); c.table(new Set([1, 'a', [2]])); c.table('x')",
  "c.time(); c.time('lap'); c.timeEnd(); c.timeEnd('lap'); c.time('t'); c.timeEnd('t')",
];

// The fake clock: 0 at every start, 1234.5678 ms at every end.
const fakeHrtime = `(start) => (start ? [1, 234567800] : [5, 0])`;

test('the legacy Node console writes what a real Node 10 Console writes', { skip }, () => {
  const childScript = `
    const { Console } = require('console');
    const { Writable } = require('stream');
    process.hrtime = ${fakeHrtime};
    const results = ${JSON.stringify(scripts)}.map((script) => {
      const records = [];
      const stream = (name) => new Writable({ write(chunk, encoding, callback) { records.push([name, chunk.toString()]); callback(); } });
      const c = new Console({ stdout: stream('stdout'), stderr: stream('stderr') });
      new Function('c', ${JSON.stringify(preamble)} + script)(c);
      return records;
    });
    process.stdout.write(JSON.stringify(results));`;
  const expected = JSON.parse(execFileSync(node10, ['-e', childScript]).toString());
  const merge = (records) => {
    const merged = [];
    for (const [stream, text] of records) {
      const last = merged[merged.length - 1];
      if (last && last[0] === stream) last[1] += text;
      else merged.push([stream, text]);
    }
    return merged;
  };
  const mismatches = [];
  scripts.forEach((script, i) => {
    const records = [];
    // Starts read 0 and ends 1234.5678, as the fake hrtime reports to Node 10.
    let clock = 0;
    const sandboxConsole = createConsole({
      flavor: 'node',
      legacy: true,
      write: (stream, text) => records.push([stream, text]),
      now: () => clock,
      stack: () => '',
    });
    const timed = (method, reading) => (...args) => {
      clock = reading;
      sandboxConsole[method](...args);
    };
    const c = { ...sandboxConsole, time: timed('time', 0), timeEnd: timed('timeEnd', 1234.5678), timeLog: timed('timeLog', 1234.5678) };
    new Function('c', preamble + script)(c);
    const actual = merge(records);
    try {
      assert.deepEqual(actual, merge(expected[i]));
    } catch {
      mismatches.push(`${script}\n--- node 10:\n${JSON.stringify(merge(expected[i]), null, 1)}\n--- sandbox:\n${JSON.stringify(actual, null, 1)}`);
    }
  });
  assert.deepEqual(mismatches, []);
});

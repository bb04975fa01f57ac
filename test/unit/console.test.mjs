// The sandbox's Node-flavoured console against a real `console.Console` of the Node running the
// tests: both receive the same calls; what each writes to stdout and stderr must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { preamble } from './inspect-corpus.mjs';

const require = createRequire(import.meta.url);
const { createConsole } = require('../../dist/test/console.js');

// Each script is a function body that receives a console as `c`.
const scripts = [
  "c.log('hello'); c.info('info', 1); c.debug({ a: 1 }); c.warn('warned'); c.error(new Error('bad').message)",
  "c.log('%s is %d years', 'Bob', 42, 'extra'); c.log(); c.log(''); c.log(undefined); c.log(null, -0, 1n)",
  "c.log({ a: { b: { c: { d: 1 } } } }, [1, [2, [3, [4]]]]); c.log(new Map([[1, { x: 1 }]]), new Set(['a']))",
  "c.group('Group A'); c.log('inside'); c.group(); c.log({ a: 1, b: { c: 'multi\\nline' } }); c.warn('warn inside'); c.groupEnd(); c.log('back one'); c.groupEnd(); c.groupEnd(); c.log('outside')",
  "c.groupCollapsed('collapsed', 1); c.log(Array.from({ length: 30 }, (_, i) => i)); c.groupEnd()",
  "c.group('x'); c.error(Object.assign(new Error('indented error'), { stack: 'Error: indented error\\n    at f (/x.js:1:1)\\n    at g (/x.js:2:2)' })); c.groupEnd()",
  "c.count(); c.count(); c.count('x'); c.count('default'); c.countReset(); c.count(); c.count(undefined); c.count(1); c.count('1')",
  "c.assert(true, 'never'); c.assert(false); c.assert(false, 'msg %s', 'x'); c.assert(0, { a: 1 }); c.assert(null, 'a', 'b')",
  "c.dir({ a: { b: { c: { d: 1 } } } }); c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 }); c.dir('str'); c.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; } })",
  "c.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }])",
  "c.table([[1, 2], [3, 4, 5]])",
  "c.table({ alice: { age: 30, city: 'Paris' }, bob: { age: 25 } })",
  "c.table([1, 'two', { three: 3 }])",
  "c.table([{ a: 1, b: 2 }, { a: 3, c: 4 }], ['a', 'c'])",
  "c.table(new Map([['k1', { v: 1 }], ['k2', 'str']]))",
  "c.table(new Set([1, 'a', [2]]))",
  "c.table('not tabular'); c.table(5); c.table(null)",
  "c.table([{ name: '中文', value: 'ascii' }, { name: 'x', value: 'longer value here' }])",
  "c.table([{ nested: { deep: { deeper: 1 } }, arr: [1, 2, 3, 4, 5], obj: { a: 1, b: 2, c: 3 } }])",
  "c.table([])", "c.table({})", "c.table([[]])",
  "c.log(new Foo(), circular); c.error(circular)",
  "c.trace('here %d', 5)", "c.trace()",
];

function capture() {
  const records = [];
  const stream = (name) => new Writable({
    write(chunk, _encoding, callback) {
      records.push([name, chunk.toString()]);
      callback();
    },
  });
  return { records, stdout: stream('stdout'), stderr: stream('stderr') };
}

function joined(records) {
  // Adjacent writes to the same stream are one text; Node may split or merge writes differently.
  const merged = [];
  for (const [stream, text] of records) {
    const last = merged[merged.length - 1];
    if (last && last[0] === stream) last[1] += text;
    else merged.push([stream, text]);
  }
  return merged;
}

async function runReal(script, clock) {
  const { records, stdout, stderr } = capture();
  const real = new Console({ stdout, stderr, colorMode: false });
  const warnings = [];
  const originalHrtime = process.hrtime;
  const originalEmitWarning = process.emitWarning;
  // Node's console.time reads process.hrtime; a fake clock makes the durations comparable.
  process.hrtime = (start) => {
    const nowNs = BigInt(Math.round(clock() * 1e6));
    if (!start) return [Number(nowNs / 1000000000n), Number(nowNs % 1000000000n)];
    const delta = nowNs - (BigInt(start[0]) * 1000000000n + BigInt(start[1]));
    return [Number(delta / 1000000000n), Number(delta % 1000000000n)];
  };
  process.emitWarning = (message) => warnings.push(String(message));
  try {
    new Function('c', preamble + script)(real);
  } finally {
    process.hrtime = originalHrtime;
    process.emitWarning = originalEmitWarning;
  }
  await new Promise((resolve) => setImmediate(resolve));
  return { output: joined(records), warnings };
}

function runSandbox(script, clock, stack = () => '') {
  const records = [];
  const warnings = [];
  const sandboxConsole = createConsole({
    flavor: 'node',
    write: (stream, text) => records.push([stream, text]),
    now: clock,
    stack,
    emitWarning: (message) => warnings.push(message),
  });
  new Function('c', preamble + script)(sandboxConsole);
  return { output: joined(records), warnings };
}

test('the Node console writes what a real Console writes', async () => {
  const mismatches = [];
  for (const script of scripts.filter((s) => !s.startsWith('c.trace'))) {
    const expected = await runReal(script, () => 0);
    const actual = runSandbox(script, () => 0);
    try {
      assert.deepEqual(actual, expected);
    } catch {
      mismatches.push(`${script}\n--- node:\n${JSON.stringify(expected, null, 1)}\n--- sandbox:\n${JSON.stringify(actual, null, 1)}`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test('console.time, timeLog and timeEnd print the virtual durations as Node formats them', async () => {
  const durations = [0, 0.1234, 1.5, 999.9996, 1000, 1234.5678, 59999, 60000, 61234.5, 3600000, 3723004.5];
  for (const duration of durations) {
    const script = "c.time(); c.time('lap'); c.time('lap'); c.timeLog('lap', 'extra', { a: 1 }); c.timeEnd(); c.timeEnd('lap'); c.timeEnd('lap'); c.timeLog('missing')";
    // The clock reads 0 at the first call of each label and `duration` afterwards.
    const makeClock = () => {
      let calls = 0;
      return () => (calls++ < 2 ? 0 : duration);
    };
    const expected = await runReal(script, makeClock());
    const actual = runSandbox(script, makeClock());
    assert.deepEqual(actual, expected, `duration ${duration}`);
  }
});

test('console.trace writes "Trace: message" and the stack on stderr', async () => {
  for (const script of scripts.filter((s) => s.startsWith('c.trace'))) {
    const expected = await runReal(script, () => 0);
    const frames = '    at userFunction (/work/file.js:3:11)\n    at Object.<anonymous> (/work/file.js:5:1)';
    const actual = runSandbox(script, () => 0, () => frames);
    assert.equal(actual.output.length, 1);
    assert.equal(actual.output[0][0], expected.output[0][0]);
    // Node's frames are the test's own; the header line is what must agree.
    assert.equal(actual.output[0][1].split('\n')[0], expected.output[0][1].split('\n')[0]);
    assert.equal(actual.output[0][1], `${expected.output[0][1].split('\n')[0]}\n${frames}\n`);
  }
});

test('the Node console has the methods of the real one, and the profiler ones print nothing', async () => {
  // `Console` (the class) and `context` (a named copy of the console) are left to the engine.
  const notModelled = new Set(['Console', 'context']);
  const expectedMethods = Object.keys(console).filter((key) => typeof console[key] === 'function' && !notModelled.has(key)).sort();
  const sandboxConsole = createConsole({ flavor: 'node', write: () => {}, now: () => 0, stack: () => '' });
  assert.deepEqual(Object.keys(sandboxConsole).filter((key) => expectedMethods.includes(key)).sort(), expectedMethods);
  // These live only on the global console, so a plain node process is the oracle here.
  const script = "c.profile('p'); c.profileEnd('p'); c.timeStamp('t'); c.log(c.createTask('task').run(() => 'ran'))";
  const { spawnSync } = await import('node:child_process');
  const real = spawnSync(process.execPath, ['-e', `const c = console; ${script}`], { encoding: 'utf8' });
  const sandbox = runSandbox(script, () => 0);
  assert.deepEqual(sandbox.output, [['stdout', real.stdout]]);
  assert.equal(real.stderr, '');
});

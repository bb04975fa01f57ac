// The same formatting code, run inside QuickJS (the engine the sandbox really uses), must print what
// Node's util.inspect prints for the same values. This catches engine differences: function names,
// property order, regular-expression and Unicode support, Function.prototype.toString.
// Error stacks are left out: QuickJS writes its own stack format, which the engine translates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import fc from 'fast-check';
import { preamble, values, withOptions, formatCalls } from './inspect-corpus.mjs';

function bundle(name) {
  const code = readFileSync(fileURLToPath(new URL(`../../dist/test/${name}.js`, import.meta.url)), 'utf8');
  return `(function () { var module = { exports: {} }; var exports = module.exports; ${code}\n; return module.exports; })()`;
}

// Values whose text legitimately depends on the engine rather than on the formatter.
const engineSpecific = [
  /Error|stack/, // QuickJS stack text; translated to V8's form by the engine, not here (see the next test).
  /'%o', function/, // V8 gives sloppy functions own `arguments` and `caller` properties; QuickJS does not.
];
const portable = (expression) => !engineSpecific.some((pattern) => pattern.test(expression));

// Options as source text, so that Infinity and null survive the trip into both engines.
function optionsSource(options) {
  if (options === undefined) return 'undefined';
  return `({ ${Object.entries(options).map(([key, value]) => `${key}: ${value === Infinity ? 'Infinity' : JSON.stringify(value)}`).join(', ')} })`;
}

// Node's answers come from a separate plain `node` process: the test runner itself enables async
// hooks, which add `async_id` symbols to every promise it prints.
function nodeExpectations(jobs) {
  const script = `
    const util = require('node:util');
    process.on('unhandledRejection', () => {});
    const preamble = ${JSON.stringify(preamble)};
    const jobs = ${JSON.stringify(jobs)};
    const values = jobs.map((job) => new Function(preamble + '\\nreturn (' + job.source + ');')());
    setImmediate(() => {
      process.stdout.write(JSON.stringify(jobs.map((job, i) => {
        const options = new Function('return ' + job.options)();
        return job.kind === 'format' ? util.format(...values[i]) : util.inspect(values[i], options);
      })));
    });`;
  // The script goes through stdin: a large corpus does not fit in a command line.
  return JSON.parse(execFileSync(process.execPath, ['-'], { input: script, maxBuffer: 1 << 26 }).toString());
}

async function runInQuickJS(jobs) {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const vm = QuickJS.newContext();
  try {
    // The host hook the engine installs: QuickJS tells the embedder a promise's state.
    const promiseState = vm.newFunction('promiseState', (handle) => {
      const state = vm.getPromiseState(handle);
      if (state.type === 'fulfilled' && state.notAPromise) {
        state.value.dispose();
        return vm.undefined;
      }
      const result = vm.newObject();
      vm.setProp(result, 'state', vm.newString(state.type));
      if (state.type === 'fulfilled') {
        vm.setProp(result, 'value', state.value);
        state.value.dispose();
      } else if (state.type === 'rejected') {
        vm.setProp(result, 'value', state.error);
        state.error.dispose();
      }
      return result;
    });
    vm.setProp(vm.global, '__promiseState', promiseState);
    promiseState.dispose();
    const setup = vm.evalCode(`globalThis.LoopLensInspect = ${bundle('inspect')};
      LoopLensInspect.setPromiseInspector((value) => __promiseState(value));`);
    vm.unwrapResult(setup).dispose();
    const script = `(${function runJobs(preamble, jobs) {
      const { inspect, format } = globalThis.LoopLensInspect;
      return JSON.stringify(jobs.map(({ kind, source, options }) => {
        try {
          const value = new Function(`${preamble}\nreturn (${source});`)();
          return kind === 'format' ? format(...value) : inspect(value, new Function(`return ${options}`)());
        } catch (error) {
          return `threw ${error && error.message}`;
        }
      }));
    }})(${JSON.stringify(preamble)}, ${JSON.stringify(jobs)})`;
    const handle = vm.unwrapResult(vm.evalCode(script));
    // Let promise reactions settle before the promises are inspected a second time.
    vm.runtime.executePendingJobs();
    const first = JSON.parse(vm.getString(handle));
    handle.dispose();
    const secondHandle = vm.unwrapResult(vm.evalCode(script));
    const second = JSON.parse(vm.getString(secondHandle));
    secondHandle.dispose();
    return { first, second };
  } finally {
    vm.dispose();
  }
}

test('inside QuickJS, inspect and format print what Node prints', async () => {
  const jobs = [
    ...values.filter(portable).map((source) => ({ kind: 'inspect', source, options: 'undefined' })),
    ...withOptions.filter(([source]) => portable(source)).map(([source, options]) => ({ kind: 'inspect', source, options: optionsSource(options) })),
    ...formatCalls.filter(portable).map((source) => ({ kind: 'format', source, options: 'undefined' })),
    { kind: 'inspect', source: 'Promise.resolve({ settled: [1, 2] })', options: 'undefined' },
    { kind: 'inspect', source: "Promise.reject(Object.assign(new RangeError('x'), { stack: 'RangeError: x\\n    at f (a.js:1:1)' }))", options: 'undefined' },
    { kind: 'inspect', source: 'new Promise(() => {})', options: 'undefined' },
  ];
  assert.ok(jobs.length >= 150, `only ${jobs.length} portable cases`);
  const { second } = await runInQuickJS(jobs);
  const expected = nodeExpectations(jobs);
  const mismatches = [];
  for (const [i, job] of jobs.entries()) {
    if (second[i] !== expected[i]) mismatches.push(`${job.source} ${job.options}\n--- node:\n${expected[i]}\n--- quickjs:\n${second[i]}`);
  }
  assert.deepEqual(mismatches, []);
});

test('inside QuickJS, an error whose stack holds only frames prints with the V8 header', async () => {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const vm = QuickJS.newContext();
  try {
    vm.unwrapResult(vm.evalCode(`globalThis.LoopLensInspect = ${bundle('inspect')};`)).dispose();
    const handle = vm.unwrapResult(vm.evalCode(`(() => {
      function thrower() { return Object.assign(new TypeError('bad'), { code: 'E_BAD' }); }
      const error = thrower();
      return JSON.stringify({ stack: error.stack, printed: LoopLensInspect.inspect({ error }), browser: LoopLensInspect.browserFormat([error]) });
    })()`));
    const { stack, printed, browser } = JSON.parse(vm.getString(handle));
    handle.dispose();
    assert.match(stack, /^ +at thrower/);
    // Node, given the same frames under V8's header, must print the same text.
    const script = `const e = Object.assign(new TypeError('bad'), { code: 'E_BAD' });
      e.stack = 'TypeError: bad\\n' + ${JSON.stringify(stack)}.replace(/\\n+$/, '');
      process.stdout.write(require('node:util').inspect({ error: e }));`;
    assert.equal(printed, execFileSync(process.execPath, ['-e', script]).toString());
    assert.equal(browser, `TypeError: bad\n${stack.replace(/\n+$/, '')}`);
  } finally {
    vm.dispose();
  }
});

test('inside QuickJS, tracked proxies print as their target without running traps', async () => {
  const program = `
    const calls = [];
    const logged = [];
    const p = new Proxy({ a: 1, nested: { b: 2 } }, { get(t, k) { calls.push(String(k)); return Reflect.get(t, k); } });
    const { proxy: revoked, revoke } = Proxy.revocable([1], {});
    revoke();
    logged.push(inspect(p), inspect([p, new Proxy([1, 2], {})]), inspect(revoked), format('%o', p));
    logged.push(String(calls.length), String(typeof Proxy.revocable), String(Proxy.name), String(Proxy.prototype));
    JSON.stringify(logged);`;
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const vm = QuickJS.newContext();
  let actual;
  try {
    vm.unwrapResult(vm.evalCode(`globalThis.LoopLensInspect = ${bundle('inspect')}; LoopLensInspect.installProxyTracking();
      globalThis.inspect = LoopLensInspect.inspect; globalThis.format = LoopLensInspect.format;`)).dispose();
    const handle = vm.unwrapResult(vm.evalCode(program));
    actual = JSON.parse(vm.getString(handle));
    handle.dispose();
  } finally {
    vm.dispose();
  }
  const script = `const { inspect, format } = require('node:util'); process.stdout.write(eval(${JSON.stringify(program)}));`;
  const expected = JSON.parse(execFileSync(process.execPath, ['-e', script]).toString());
  assert.deepEqual(actual, expected);
  assert.equal(actual[4], '0');
});

test('inside QuickJS, tracked Map and Set iterators show the entries they still hold', async () => {
  const program = `
    const out = [];
    const m = new Map([['a', 1], ['b', { x: [1, 2] }], ['c', 3]]);
    const s = new Set([1, 'x', [2]]);
    const keys = m.keys();
    out.push(inspect(keys));
    keys.next();
    out.push(inspect(keys), inspect(m.entries()), inspect(m.values()), inspect(m[Symbol.iterator]()));
    keys.next(); keys.next(); keys.next();
    out.push(inspect(keys), inspect(new Map().keys()));
    out.push(inspect(s.values()), inspect(s.entries()), inspect(s.keys()), inspect(s[Symbol.iterator]()));
    const tagged = m.entries(); tagged.extra = 1;
    out.push(inspect(tagged), inspect({ deep: { deeper: { it: m.entries() } } }), inspect([m.keys()], { depth: 0 }));
    out.push(inspect(new Map(Array.from({ length: 120 }, (_, i) => [i, i])).keys()));
    const viaForOf = [];
    for (const [k] of m) viaForOf.push(k);
    out.push(viaForOf.join(), [...s].length, Array.from(m.keys()).join(), String(Map.prototype.entries === Map.prototype[Symbol.iterator]),
      String(Set.prototype.keys === Set.prototype.values), Map.prototype.keys.name, String(Map.prototype.keys.length), typeof Map.prototype.keys.prototype);
    JSON.stringify(out);`;
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const vm = QuickJS.newContext();
  let actual;
  try {
    vm.unwrapResult(vm.evalCode(`globalThis.LoopLensInspect = ${bundle('inspect')}; LoopLensInspect.installCollectionIteratorTracking();
      globalThis.inspect = LoopLensInspect.inspect;`)).dispose();
    const handle = vm.unwrapResult(vm.evalCode(program));
    actual = JSON.parse(vm.getString(handle));
    handle.dispose();
  } finally {
    vm.dispose();
  }
  const script = `const { inspect } = require('node:util'); process.stdout.write(eval(${JSON.stringify(program)}));`;
  const expected = JSON.parse(execFileSync(process.execPath, ['-e', script]).toString());
  assert.deepEqual(actual, expected);
});

// Random values written as source, built in QuickJS and in a plain node process alike.
const leafSource = fc.oneof(
  fc.string({ maxLength: 90 }).map((text) => JSON.stringify(text)),
  fc.constantFrom("'it\\'s'", "`say \"hi\" it's`", "'tab\\there'", "'中文字符串'", "'😀 emoji'", '-0', 'NaN', '-Infinity', 'undefined', 'null', 'true',
    "Symbol('s')", 'Symbol()', 'function named() {}', '() => 1', 'class K {}', 'class L extends Array {}', 'async function af() {}', 'function* g() {}',
    'new Date(0)', '/x+/gi', 'new Uint8Array(3)', 'new ArrayBuffer(2)', 'new Number(-0)', "new String('ab')", 'Object.create(null)',
    "({ get g() { return 1; }, set s(v) {} })", 'new WeakSet()', 'function () {}.bind(null)', 'Math.max.bind(Math)'),
  fc.integer().map(String), fc.double({ noNaN: true }).map((number) => (Object.is(number, -0) ? '-0' : String(number))), fc.bigInt().map((big) => `${big}n`),
);
const keySource = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a', 'b', '0', '7', 'long_key_name', 'with space', "q'uote")).map((key) => JSON.stringify(key));
const { valueSource } = fc.letrec((tie) => ({
  valueSource: fc.oneof({ depthSize: 'small' }, leafSource, tie('objectSource'), tie('arraySource'), tie('mapSource'), tie('setSource')),
  objectSource: fc.array(fc.tuple(keySource, tie('valueSource')), { maxLength: 8 })
    .map((entries) => `({ ${entries.map(([key, value]) => `${key}: ${value}`).join(', ')} })`),
  arraySource: fc.array(fc.option(tie('valueSource'), { nil: '' }), { maxLength: 14 }).map((items) => `[${items.join(', ')}${items.at(-1) === '' ? ',' : ''}]`),
  mapSource: fc.array(fc.tuple(tie('valueSource'), tie('valueSource')), { maxLength: 3 }).map((entries) => `new Map([${entries.map(([k, v]) => `[${k}, ${v}]`).join(', ')}])`),
  setSource: fc.array(tie('valueSource'), { maxLength: 4 }).map((items) => `new Set([${items.join(', ')}])`),
}));

test('inside QuickJS, random values print as plain node prints them (fast-check)', async () => {
  const sources = fc.sample(valueSource, 250);
  const jobs = sources.map((source) => ({ kind: 'inspect', source, options: 'undefined' }));
  const { second } = await runInQuickJS(jobs);
  const expected = nodeExpectations(jobs);
  const mismatches = [];
  jobs.forEach((job, i) => {
    if (second[i] !== expected[i]) mismatches.push(`${job.source}\n--- node:\n${expected[i]}\n--- quickjs:\n${second[i]}`);
  });
  assert.deepEqual(mismatches.slice(0, 5), []);
});

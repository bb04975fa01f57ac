// The recorder where it really runs: bundled for ES2020 and evaluated inside QuickJS
// (quickjs-emscripten-core + the single-file release build), with the instrumented fixture
// programs, promise jobs run one at a time by the host (each job its own `job()` id). The same
// expected.json files as in real Node must hold, with a small value formatter standing in for
// the sandbox's util.inspect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, instrumentText, checkTrace, fixtureCases } from './trace-harness.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const { newQuickJSWASMModuleFromVariant } = require('quickjs-emscripten-core');
const variant = require('@jitl/quickjs-singlefile-cjs-release-sync').default;

const recorderBundle = esbuild.buildSync({
  entryPoints: [join(root, 'server/src/engine/sandbox/trace.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: '__ll_trace_module',
  platform: 'neutral',
  target: 'es2020',
}).outputFiles[0].text;

// Enough of util.inspect's format for the fixtures' values (strings quoted, functions and classes
// by name, plain and class-instance objects, arrays, errors as `Name: message`).
const MINI_INSPECT = `
function __miniInspect(value, depth) {
  depth = depth || 0;
  if (typeof value === 'string') return "'" + value + "'";
  if (typeof value === 'function') {
    if (/^class\\b/.test(Function.prototype.toString.call(value))) return '[class ' + value.name + ']';
    var prefix = Object.getPrototypeOf(value).constructor.name;
    return '[' + prefix + (value.name ? ': ' + value.name : ' (anonymous)') + ']';
  }
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof Error) return value.name + ': ' + value.message;
  if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (Array.isArray(value)) return value.length ? '[ ' + value.map(function (v) { return __miniInspect(v, depth + 1); }).join(', ') + ' ]' : '[]';
  var keys = Object.keys(value);
  var ctor = Object.getPrototypeOf(value) && Object.getPrototypeOf(value).constructor;
  var name = ctor && ctor !== Object ? ctor.name + ' ' : '';
  if (!keys.length) return name + '{}';
  return name + '{ ' + keys.map(function (k) {
    // Like util.inspect, never run a getter: that would run user code the program did not run.
    var descriptor = Object.getOwnPropertyDescriptor(value, k);
    if (descriptor.get || descriptor.set) return k + ': [' + (descriptor.get ? 'Getter' : '') + (descriptor.get && descriptor.set ? '/' : '') + (descriptor.set ? 'Setter' : '') + ']';
    return k + ': ' + __miniInspect(descriptor.value, depth + 1);
  }).join(', ') + ' }';
}
`;

async function runInQuickJS(code, fileName, table, { traced = true } = {}) {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const runtime = QuickJS.newRuntime();
  runtime.setMaxStackSize(256 * 1024);
  const vm = runtime.newContext();
  const lines = [];
  let job = 0;
  try {
    const print = vm.newFunction('__host_print', (handle) => {
      lines.push(vm.getString(handle));
    });
    vm.setProp(vm.global, '__host_print', print);
    print.dispose();
    const jobId = vm.newFunction('__host_job', () => vm.newNumber(job));
    vm.setProp(vm.global, '__host_job', jobId);
    jobId.dispose();

    const setup = `${recorderBundle}\n${MINI_INSPECT}
      var __steps = 0, __lineIndex = 0;
      var __recorder = __ll_trace_module.createTraceRecorder({
        functions: ${JSON.stringify(table)},
        now: function () { return 0; }, step: function () { return ++__steps; },
        currentSource: function () { return __host_job() === 0 ? 'main' : 'microtask'; },
        job: function () { return __host_job(); },
        inspect: function (value) { return __miniInspect(value, 0); },
      });
      if (${traced}) Object.defineProperty(globalThis, '__ll_trace', { value: __recorder.hooks, enumerable: false });
      globalThis.console = { log: function () {
        var parts = [];
        for (var i = 0; i < arguments.length; i++) parts.push(typeof arguments[i] === 'string' ? arguments[i] : __miniInspect(arguments[i], 0));
        __host_print(parts.join(' '));
        __recorder.onOutput(__lineIndex++);
      } };
      var module = { exports: {} };`;
    vm.unwrapResult(vm.evalCode(setup, 'setup.js')).dispose();

    // CommonJS as Node runs it: the module wrapper, opened on line 1 so the user's lines stay put.
    const isModule = fileName.endsWith('.mjs');
    const source = isModule
      ? code
      : `(function (exports, require, module, __filename, __dirname) {${code}\n}).call(module.exports, module.exports, undefined, module, ${JSON.stringify(fileName)}, '/');`;
    const result = vm.evalCode(source, fileName, { type: isModule ? 'module' : 'global' });
    if (result.error) {
      const error = vm.dump(result.error);
      result.error.dispose();
      throw new Error(`QuickJS threw: ${JSON.stringify(error)}`);
    }
    result.value.dispose();
    while (runtime.hasPendingJob()) {
      job++;
      const step = runtime.executePendingJobs(1);
      if (step.error) step.error.dispose();
    }
    if (!traced) return { trace: null, lines };
    const dumped = vm.unwrapResult(vm.evalCode('JSON.stringify(__recorder.dump())'));
    const trace = JSON.parse(vm.getString(dumped));
    dumped.dispose();
    return { trace, lines };
  } finally {
    vm.dispose();
    runtime.dispose();
  }
}

for (const fixture of fixtureCases()) {
  test(`trace of ${fixture.name} inside QuickJS`, async () => {
    const instrumented = instrumentText(fixture.text, fixture.inputName);
    const { trace, lines } = await runInQuickJS(instrumented.code, fixture.inputName, instrumented.functions);
    const problems = checkTrace(trace, fixture.expected, { sourceText: fixture.text, outputLines: lines });
    assert.deepEqual(problems, []);
  });
}

// Hooks must not add or remove jobs inside QuickJS either: the order corpus's programs that need
// nothing but the language and console.log (no timers, no Node APIs) print the same lines
// instrumented and as written.
const orderDir = join(root, 'test/fixtures/trace/order');
const languageOnly = readdirSync(orderDir)
  .filter((name) => name.endsWith('.js'))
  .filter((name) => !/setTimeout|setImmediate|setInterval|process|require|queueMicrotask|module\.|__filename|\.stack\b/.test(readFileSync(join(orderDir, name), 'utf8')));

test('enough language-only programs to compare inside QuickJS', () => {
  assert.ok(languageOnly.length >= 15, `only ${languageOnly.length}`);
});

const todo = {
};

for (const name of languageOnly) {
  test(`instrumented ${name} prints what the original prints inside QuickJS`, { todo: todo[name] }, async () => {
    const text = readFileSync(join(orderDir, name), 'utf8');
    const instrumented = instrumentText(text, name);
    const original = await runInQuickJS(text, name, [], { traced: false });
    const traced = await runInQuickJS(instrumented.code, name, instrumented.functions);
    assert.ok(original.lines.length > 0);
    assert.deepEqual(traced.lines, original.lines);
    assert.ok(traced.trace.contexts.length > 0);
  });
}

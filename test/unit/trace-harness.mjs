// Shared helpers for the trace tests: instrument a program with dist/core.js and run it in real
// Node, either with a no-op `__ll_trace` (to prove the hooks change nothing) or with the real
// recorder (to read the trace it produces). Not a test file itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
export const ts = require('typescript');
export const corePath = join(root, 'dist/core.js');
export const core = require(corePath);

/**
 * Hooks that do nothing but hand values back: the cheapest possible `__ll_trace` (plus the
 * Function.prototype.toString repair the recorder always installs).
 */
const NOOP_PRELUDE = `
require(${JSON.stringify(corePath)}).restoreFunctionSource();
Object.defineProperty(globalThis, '__ll_trace', { enumerable: false, value: {
  enter() { return null; }, ret(c, v) { return v; }, exit() {}, suspend(c, l, col, v) { return v; },
  resumed(c, v) { return v; }, caught() {}, sync() {}, loop() {}, loopEnd() {},
} });
`;

/**
 * The real recorder (from dist/core.js) in Node: util.inspect for values, async_hooks for job
 * boundaries (each callback or promise job has its own execution async id), every line written
 * to stdout/stderr reported with onOutput, and the trace written to a file at exit.
 */
const RECORD_PRELUDE = `
const { createTraceRecorder } = require(${JSON.stringify(corePath)});
const util = require('util');
const asyncHooks = require('async_hooks');
const fs = require('fs');
asyncHooks.createHook({ init() {} }).enable();
let steps = 0;
const recorder = createTraceRecorder({
  functions: JSON.parse(fs.readFileSync(process.env.LL_TRACE_TABLE, 'utf8')),
  now: () => 0,
  step: () => ++steps,
  currentSource: () => (asyncHooks.executionAsyncId() === 1 ? 'main' : 'task'),
  job: () => asyncHooks.executionAsyncId(),
  inspect: (value) => util.inspect(value, { depth: 1, breakLength: Infinity, customInspect: false, getters: false, showProxy: false }),
  cap: Number(process.env.LL_TRACE_CAP || 10000),
});
Object.defineProperty(globalThis, '__ll_trace', { enumerable: false, value: recorder.hooks });
let lineIndex = 0;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    const text = String(chunk);
    for (let i = 0; i < text.length; i++) if (text[i] === '\\n') recorder.onOutput(lineIndex++);
    return write(chunk, ...rest);
  };
}
process.on('exit', () => fs.writeFileSync(process.env.LL_TRACE_OUT, JSON.stringify(recorder.dump())));
`;

/**
 * Run `code` as `fileName` in a fresh temp folder with real node.
 * mode: 'plain' (no prelude), 'noop' or 'record' (then `table` is the static table and the result has `trace`).
 * extraFiles: { name: text } written beside it (other modules of the program).
 */
export function runNode(code, fileName, { mode = 'plain', table = [], cap, timeoutMs = 20000, extraFiles = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'll-trace-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, code);
    for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, name), text);
    const args = [];
    const env = { ...process.env, NODE_OPTIONS: '' };
    if (mode !== 'plain') {
      const prelude = join(dir, 'prelude.cjs');
      writeFileSync(prelude, mode === 'noop' ? NOOP_PRELUDE : RECORD_PRELUDE);
      args.push('--require', prelude);
      env.LL_TRACE_TABLE = join(dir, 'table.json');
      env.LL_TRACE_OUT = join(dir, 'trace.json');
      if (cap) env.LL_TRACE_CAP = String(cap);
      writeFileSync(env.LL_TRACE_TABLE, JSON.stringify(table));
    }
    args.push(file);
    const result = spawnSync(process.execPath, args, { cwd: dir, env, encoding: 'utf8', timeout: timeoutMs });
    const tracePath = join(dir, 'trace.json');
    const trace = mode === 'record' && existsSync(tracePath) ? JSON.parse(readFileSync(tracePath, 'utf8')) : undefined;
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status, trace };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function instrumentText(text, fileName, options) {
  return core.instrument(ts, text, fileName, options);
}

/** 0-based offset of a 1-based line and column in `text`. */
function offsetOf(text, line, column) {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/**
 * Compare a recorded trace with a fixture's expected.json (see test/fixtures/trace/README.md).
 * Returns a list of human-readable problems; empty when the trace matches.
 */
export function checkTrace(trace, expected, { sourceText, outputLines }) {
  const problems = [];
  const actual = trace.contexts;
  if (expected.count !== undefined && actual.length !== expected.count) {
    problems.push(`expected ${expected.count} contexts, got ${actual.length}: ${actual.map((c) => c.name).join(', ')}`);
  }
  const matched = [];
  let from = 0;
  expected.contexts.forEach((want, index) => {
    const found = actual.findIndex((ctx, i) => i >= from && ctx.name === want.name && (want.kind === undefined || ctx.kind === want.kind));
    if (found < 0) {
      problems.push(`#${index} ${want.name}: no matching context after id ${from - 1}`);
      matched.push(null);
      return;
    }
    from = found + 1;
    const ctx = actual[found];
    matched.push(ctx);
    const where = `#${index} ${want.name} (id ${ctx.id})`;
    const refers = (ref, id) => {
      if (ref === null) return id === null;
      if (typeof ref === 'string' && ref.startsWith('#')) return matched[Number(ref.slice(1))]?.id === id;
      return id !== null && actual[id]?.name === ref;
    };
    if (want.at !== undefined) {
      const start = offsetOf(sourceText, ctx.range.line, ctx.range.column);
      if (!sourceText.startsWith(want.at, start)) problems.push(`${where}: range starts at ${JSON.stringify(sourceText.slice(start, start + 30))}`);
    }
    if (want.parent !== undefined && !refers(want.parent, ctx.lexicalParentId)) problems.push(`${where}: lexical parent ${ctx.lexicalParentId}, expected ${want.parent}`);
    if (want.caller !== undefined && !refers(want.caller, ctx.callerId)) problems.push(`${where}: caller ${ctx.callerId}, expected ${want.caller}`);
    if (want.this !== undefined && ctx.thisValue !== want.this) problems.push(`${where}: this ${JSON.stringify(ctx.thisValue)}, expected ${JSON.stringify(want.this)}`);
    if (want.thisReason !== undefined && !ctx.thisReason.includes(want.thisReason)) problems.push(`${where}: thisReason ${JSON.stringify(ctx.thisReason)}`);
    if (want.args !== undefined && JSON.stringify(ctx.args) !== JSON.stringify(want.args)) problems.push(`${where}: args ${JSON.stringify(ctx.args)}`);
    if (want.creationOrder !== undefined) {
      const names = ctx.creation.map((binding) => binding.name);
      if (JSON.stringify(names) !== JSON.stringify(want.creationOrder)) problems.push(`${where}: creation order ${JSON.stringify(names)}`);
    }
    for (const [name, kind] of Object.entries(want.kinds ?? {})) {
      const binding = ctx.creation.find((b) => b.name === name);
      if (binding?.kind !== kind) problems.push(`${where}: binding ${name} kind ${binding?.kind}, expected ${kind}`);
    }
    for (const [name, text] of Object.entries(want.declaredAt ?? {})) {
      const binding = ctx.creation.find((b) => b.name === name);
      const start = binding && binding.line ? offsetOf(sourceText, binding.line, binding.column) : -1;
      if (start < 0 || !sourceText.startsWith(text, start)) problems.push(`${where}: ${name} declared at ${start < 0 ? 'nowhere' : JSON.stringify(sourceText.slice(start, start + 20))}`);
    }
    for (const [phase, bindings] of [['creation', ctx.creation], ['exit', ctx.exit]]) {
      if (want[phase] === undefined) continue;
      if (want[phase] === null) {
        if (bindings !== null) problems.push(`${where}: ${phase} should be null`);
        continue;
      }
      if (bindings === null) {
        problems.push(`${where}: no ${phase} snapshot`);
        continue;
      }
      for (const [name, value] of Object.entries(want[phase])) {
        const binding = bindings.find((b) => b.name === name);
        if (!binding) problems.push(`${where}: ${phase} has no ${name}`);
        else if (binding.value !== value) problems.push(`${where}: ${phase} ${name} = ${JSON.stringify(binding.value)}, expected ${JSON.stringify(value)}`);
      }
    }
    if (want.outcome !== undefined) {
      const outcome = ctx.outcome ?? { kind: null, value: '' };
      if (outcome.kind !== want.outcome.kind) problems.push(`${where}: outcome ${outcome.kind}, expected ${want.outcome.kind}`);
      if (want.outcome.value !== undefined && outcome.value !== want.outcome.value) problems.push(`${where}: outcome value ${JSON.stringify(outcome.value)}, expected ${JSON.stringify(want.outcome.value)}`);
      if (want.outcome.valueStartsWith !== undefined && !outcome.value.startsWith(want.outcome.valueStartsWith)) problems.push(`${where}: outcome value ${JSON.stringify(outcome.value)}`);
    }
    if (want.suspensions !== undefined) {
      if (ctx.suspensions.length !== want.suspensions.length) problems.push(`${where}: ${ctx.suspensions.length} suspensions, expected ${want.suspensions.length}`);
      want.suspensions.forEach((suspension, i) => {
        const got = ctx.suspensions[i];
        if (!got) return;
        const start = offsetOf(sourceText, got.at.line, got.at.column);
        if (!sourceText.startsWith(suspension.at, start)) problems.push(`${where}: suspension ${i} at ${JSON.stringify(sourceText.slice(start, start + 30))}`);
        if ((got.resumeStep !== null) !== suspension.resumed) problems.push(`${where}: suspension ${i} resumeStep ${got.resumeStep}`);
        // Steps may be coarse (the engine counts one per job), so a generator resumed in the same job shares its step.
        if (got.resumeStep !== null && got.resumeStep < got.suspendStep) problems.push(`${where}: suspension ${i} resumed before it suspended`);
      });
    }
    if (want.printed !== undefined) {
      const printed = ctx.printed.map((i) => outputLines[i]);
      if (JSON.stringify(printed) !== JSON.stringify(want.printed)) problems.push(`${where}: printed ${JSON.stringify(printed)}`);
    }
  });
  return problems;
}

/** The fixture cases in test/fixtures/trace/<case>/ (input.js or input.mjs, expected.json). */
export function fixtureCases() {
  return readdirSync(join(root, 'test/fixtures/trace'))
    .filter((name) => existsSync(join(root, 'test/fixtures/trace', name, 'expected.json')))
    .sort()
    .map((name) => {
      const inputName = existsSync(join(root, 'test/fixtures/trace', name, 'input.mjs')) ? 'input.mjs' : 'input.js';
      return {
        name,
        inputName,
        text: readFileSync(join(root, 'test/fixtures/trace', name, inputName), 'utf8'),
        expected: JSON.parse(readFileSync(join(root, 'test/fixtures/trace', name, 'expected.json'), 'utf8')),
      };
    });
}


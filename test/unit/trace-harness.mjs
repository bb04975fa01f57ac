// Shared helpers for the trace tests: instrument a program with dist/core.js and run it in real
// Node, either with a no-op `__ll_trace` (to prove the hooks change nothing) or with the real
// recorder (to read the trace it produces). Not a test file itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
export const ts = require('typescript');
export const corePath = join(root, 'dist/core.js');
export const core = require(corePath);

/** Hooks that do nothing but hand values back: the cheapest possible `__ll_trace`. */
const NOOP_PRELUDE = `
Object.defineProperty(globalThis, '__ll_trace', { enumerable: false, value: {
  enter() { return null; }, ret(c, v) { return v; }, exit() {}, suspend(c, l, col, v) { return v; },
  resumed(c, v) { return v; }, caught() {}, sync() {},
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
  inspect: (value) => util.inspect(value, { depth: 1, breakLength: Infinity }),
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
 */
export function runNode(code, fileName, { mode = 'plain', table = [], cap, timeoutMs = 20000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'll-trace-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, code);
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

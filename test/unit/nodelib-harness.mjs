// Runs a program against the sandbox's Node library (server/src/engine/sandbox/node) inside
// QuickJS, driven by a small stand-in for the engine's event loop, so the library can be checked
// against real node before (and independently of) the engine's Predictor.
//
// The stand-in loop follows Node 20: after the main script and after every callback the tick
// queue is drained, then all promise jobs, repeated until both are empty; then loop iterations:
// due timers (by due time, then creation order), I/O completions (host.scheduleIO), immediates
// (the queue as it was when the phase began); the clock jumps to the next timer when nothing else
// is pending; 'beforeExit' when the loop is empty, then 'exit'.
//
// Exports: runInSandbox(code, { fileName, cwd, files }) -> { stdout, stderr, exitCode, stopped }

import { build } from 'esbuild';
import { readableStreamPatches } from '../../server/src/engine/sandbox/node/build/readable-stream-patches.mjs';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The code inside QuickJS: the fake host, the globals, and the stand-in loop's steps.
const ENTRY = `
import { createNodeRuntime } from './server/src/engine/sandbox/node/index.ts';
import { inspect, format, formatWithOptions } from './server/src/engine/sandbox/inspect.ts';
import { createConsole } from './server/src/engine/sandbox/console.ts';

const g = globalThis;
const config = g.__nl_config;
const EXIT = { looplensExit: true };
const UNSUPPORTED = { looplensUnsupported: true };
const state = { ticks: [], timers: [], immediates: [], io: [], clock: 0, seq: 0, exitCode: 0, exited: false, stopped: null, out: [] };
const files = new Map(Object.entries(config.files));
const dirs = new Set(config.dirs);

const host = {
  model: 'node',
  nextTick(fn) { state.ticks.push(fn); },
  setTimer(fn, delay, repeat) {
    delay = Number(delay);
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    const timer = { id: ++state.seq, fn, delay, repeat, due: state.clock + delay, ref: true };
    state.timers.push(timer);
    return timer.id;
  },
  clearTimer(id) { state.timers = state.timers.filter((t) => t.id !== id); },
  refTimer(id, ref) { for (const t of state.timers) if (t.id === id) t.ref = ref; },
  setImmediate(fn) { const id = ++state.seq; state.immediates.push({ id, fn }); return id; },
  clearImmediate(id) { state.immediates = state.immediates.filter((i) => i.id !== id); },
  scheduleIO(fn, label) { const id = ++state.seq; state.io.push({ id, fn, label }); return id; },
  write(stream, text) { state.out.push([stream, text]); },
  now() { return state.clock; },
  hrtimeNs() { return state.clock * 1e6; },
  markVarying() {},
  note() {},
  unsupported(what) { state.stopped = 'unsupported: ' + what; throw UNSUPPORTED; },
  fsRead(path) { return files.get(path); },
  fsWrite(path, text) { files.set(path, text); },
  fsRemove(path) { return files.delete(path) || dirs.delete(path); },
  fsList(path) {
    if (!dirs.has(path)) return undefined;
    const prefix = path === '/' ? '/' : path + '/';
    const names = new Set();
    for (const p of [...files.keys(), ...dirs]) if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]);
    return [...names];
  },
  fsStat(path) {
    if (files.has(path)) return { isFile: true, isDirectory: false, size: new TextEncoderLite().length(files.get(path)) };
    if (dirs.has(path)) return { isFile: false, isDirectory: true, size: 4096 };
    return undefined;
  },
  exit(code) { state.exitCode = code; state.exited = true; throw EXIT; },
  setExitCode(code) { state.exitCode = code; },
  reportUncaught() {},
  caller() { return null; },
  cwd: config.cwd,
  fileName: config.fileName,
  argv: ['/usr/local/bin/node', config.fileName],
  env: { HOME: '/home/user', PATH: '/usr/bin' },
};
function TextEncoderLite() {}
TextEncoderLite.prototype.length = (text) => unescape(encodeURIComponent(text)).length;

// The engine's timers exist before the Node runtime is created, as in the bootstrap.
class Timeout {
  constructor(fn, delay, args, repeat) {
    this._id = host.setTimer(() => fn(...args), delay, repeat);
    this._repeat = repeat;
  }
  ref() { host.refTimer(this._id, true); return this; }
  unref() { host.refTimer(this._id, false); return this; }
  hasRef() { return state.timers.some((t) => t.id === this._id && t.ref); }
  [Symbol.toPrimitive]() { return this._id; }
}
class Immediate { constructor(id) { this._id = id; } }
g.setTimeout = function setTimeout(fn, delay, ...args) { return new Timeout(fn, delay, args, false); };
g.setInterval = function setInterval(fn, delay, ...args) { return new Timeout(fn, delay, args, true); };
g.clearTimeout = g.clearInterval = function clearTimeout(t) { if (t) host.clearTimer(typeof t === 'object' ? t._id : t); };
g.setImmediate = function setImmediate(fn, ...args) { return new Immediate(host.setImmediate(() => fn(...args))); };
g.clearImmediate = function clearImmediate(i) { if (i) host.clearImmediate(i._id); };
g.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
// The engine installs Node's global performance on the virtual clock.
g.performance = { now: () => state.clock, timeOrigin: 0 };

const runtime = createNodeRuntime(host, { inspect, format, formatWithOptions });
const { process, builtins, globals, hooks } = runtime;
// The bootstrap configures the runtime for each run (the entry file's argv and working directory).
hooks.configure();
for (const [name, value] of Object.entries(globals)) g[name] = value;
g.process = process;
g.global = g;
g.console = createConsole({
  flavor: 'node',
  // As the engine's console does: straight to the host (the runtime joins held-back partial lines).
  write: (stream, text) => host.write(stream, text),
  now: () => state.clock,
  stack: () => '',
  emitWarning: (message) => process.emitWarning(message),
});


function require(name) {
  const load = builtins[name];
  if (!load) throw new Error("Cannot find module '" + name + "'");
  return load();
}

function guard(fn) {
  if (state.exited || state.stopped) return;
  try {
    fn();
  } catch (error) {
    if (error === EXIT || error === UNSUPPORTED) return;
    if (error && error.code === 'ERR_LOOPLENS_EXIT') return;
    let handled = false;
    try {
      handled = hooks.dispatchUncaught(error, 'uncaughtException');
    } catch (inner) {
      if (inner === EXIT || inner === UNSUPPORTED) return;
      error = inner;
    }
    if (!handled) {
      hooks.writeStderr(inspect(error) + '\\n');
      state.exitCode = 1;
      state.stopped = 'crash';
    }
  }
}

g.__nl = {
  runMain(main) {
    const module = { exports: {} };
    guard(() => main.call(module.exports, module.exports, require, module, config.fileName, config.cwd));
  },
  runTicks() {
    let ran = 0;
    while (state.ticks.length > 0 && !state.exited && !state.stopped) {
      const fn = state.ticks.shift();
      ran++;
      guard(fn);
    }
    return ran;
  },
  // One phase step; returns what it did so the driver can drain between callbacks.
  nextTimer() {
    const due = state.timers.filter((t) => t.due <= state.clock).sort((a, b) => a.due - b.due || a.id - b.id)[0];
    if (!due) return false;
    if (due.repeat) due.due = state.clock + due.delay;
    else state.timers = state.timers.filter((t) => t !== due);
    guard(due.fn);
    return true;
  },
  takeIO() { const list = state.io; state.io = []; return list.length; },
  takeIOList() { const list = state.io; state.io = []; g.__nl_io = list; return list.length; },
  runIO(index) { guard(g.__nl_io[index].fn); },
  takeImmediates() { g.__nl_imm = state.immediates; state.immediates = []; return g.__nl_imm.length; },
  runImmediate(index) {
    const item = g.__nl_imm[index];
    guard(item.fn);
  },
  alive() { return state.timers.some((t) => t.ref) || state.io.length > 0 || state.immediates.length > 0; },
  advance() {
    if (state.io.length > 0 || state.immediates.length > 0) return;
    const next = state.timers.filter((t) => t.ref).sort((a, b) => a.due - b.due)[0];
    if (next && next.due > state.clock) state.clock = next.due;
  },
  beforeExit() { guard(() => hooks.emitBeforeExit()); },
  exit() { guard(() => hooks.emitExit()); },
  finished() { return state.exited || Boolean(state.stopped); },
  result() { hooks.flush(); return JSON.stringify({ out: state.out, exitCode: process.exitCode ?? state.exitCode, stopped: state.stopped }); },
};
`;

let bundlePromise;
async function bundle() {
  bundlePromise ??= build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'nodelib-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'error',
    plugins: [readableStreamPatches],
  }).then((result) => result.outputFiles[0].text);
  return bundlePromise;
}

let quickJSPromise;
function quickJS() {
  quickJSPromise ??= newQuickJSWASMModuleFromVariant(variant);
  return quickJSPromise;
}

/** Parent directories of a path, for the fake file system. */
function parents(path) {
  const list = [];
  let current = path;
  while (current !== '/' && current !== '') {
    current = dirname(current);
    list.push(current);
  }
  return list;
}

export async function runInSandbox(code, options = {}) {
  const cwd = options.cwd ?? '/work/project';
  const fileName = options.fileName ?? `${cwd}/main.js`;
  const files = { [fileName]: code, ...(options.files ?? {}) };
  const dirs = new Set(['/', '/tmp', cwd, ...parents(cwd)]);
  for (const path of Object.keys(files)) for (const parent of parents(path)) dirs.add(parent);
  const [source, module] = await Promise.all([bundle(), quickJS()]);
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(128 * 1024 * 1024);
  runtime.setMaxStackSize(512 * 1024);
  // Generous: the machine running the tests may be heavily loaded, and this checks behaviour, not speed.
  const deadline = Date.now() + (options.timeoutMs ?? 30000);
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const context = runtime.newContext();
  try {
    const evaluate = (text, name = 'harness.js') => {
      const result = context.evalCode(text, name);
      if (result.error) {
        const error = context.dump(result.error);
        result.error.dispose();
        throw new Error(`sandbox error: ${JSON.stringify(error)}`);
      }
      const value = context.dump(result.value);
      result.value.dispose();
      return value;
    };
    evaluate(`globalThis.__nl_config = ${JSON.stringify({ cwd, fileName, files, dirs: [...dirs] })};`);
    const bundleStartedAt = Date.now();
    evaluate(source, "sandbox.js");
    if (process.env.NODELIB_TIMING) console.error("bundle evaluation ms", Date.now() - bundleStartedAt);
    const call = (expression) => evaluate(`__nl.${expression}`);
    const drain = () => {
      for (;;) {
        const ticks = call('runTicks()');
        const jobs = runtime.executePendingJobs(-1);
        if (jobs.error) {
          jobs.error.dispose();
        }
        const ranJobs = jobs.error ? 1 : jobs.value;
        if (ticks === 0 && ranJobs === 0) return;
        if (call('finished()')) return;
      }
    };
    evaluate(`__nl.runMain(function (exports, require, module, __filename, __dirname) {${code}\n})`, fileName);
    drain();
    let iterations = 0;
    for (;;) {
      if (call('finished()')) break;
      if (!call('alive()')) {
        call('beforeExit()');
        drain();
        if (!call('alive()') || call('finished()')) break;
      }
      if (++iterations > 10000) break;
      while (!call('finished()') && call('nextTimer()')) drain();
      const ioCount = call('takeIOList()');
      for (let i = 0; i < ioCount && !call('finished()'); i++) {
        call(`runIO(${i})`);
        drain();
      }
      const immediateCount = call('takeImmediates()');
      for (let i = 0; i < immediateCount && !call('finished()'); i++) {
        call(`runImmediate(${i})`);
        drain();
      }
      call('advance()');
    }
    call('exit()');
    drain();
    const result = JSON.parse(call('result()'));
    const stdout = result.out.filter(([stream]) => stream === 'stdout').map(([, text]) => text).join('');
    const stderr = result.out.filter(([stream]) => stream === 'stderr').map(([, text]) => text).join('');
    return { stdout, stderr, exitCode: result.exitCode, stopped: result.stopped };
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

// The sandbox bootstrap: the first code evaluated in every fresh QuickJS context. It takes the host
// primitives from `__looplens_host` (and deletes that global so user code cannot reach them),
// installs the globals of the model (console, timers, queueMicrotask, and for Node: process,
// require of built-ins, Buffer, global; for the browser: window, document, MessageChannel, ...),
// and registers the hooks the worker calls (`__looplens_boot`, deleted by the worker right after).

import type { HostPrimitives } from './host';
import { createTimers } from './timers';
import { errorHeader, v8Frames } from './stacks';

const global = globalThis as any;
const host: HostPrimitives = global.__looplens_host;
delete global.__looplens_host;

const isNode = host.model !== 'browser';
const isModule = host.model === 'node-esm';
const promiseThen = Promise.prototype.then;

// ---- Errors as V8 prints them ----

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as Error).stack === 'string' && 'message' in value);
}

/** How Node (or Chromium) prints an uncaught value, and where it was thrown. */
function describeError(error: unknown): { header: string; report: string; isError: boolean; stack: string } {
  if (isErrorLike(error)) {
    const quickjsStack = typeof error.stack === 'string' ? error.stack : '';
    const frames = v8Frames(quickjsStack, isModule);
    const header = errorHeader(error);
    return { header, report: [header, ...frames].join('\n'), isError: true, stack: quickjsStack };
  }
  const text = basicInspect(error);
  return { header: text, report: text, isError: false, stack: '' };
}

// ---- console (a minimal stand-in until the inspect helper's console is wired in) ----

function basicInspect(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'symbol' || typeof value === 'bigint') return typeof value === 'bigint' ? `${value}n` : value.toString();
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function makeConsole(): Record<string, (...args: unknown[]) => void> {
  const line = (args: unknown[]) => `${args.map(basicInspect).join(' ')}\n`;
  const out = (...args: unknown[]) => host.write('stdout', line(args));
  const err = (...args: unknown[]) => host.write('stderr', line(args));
  return { log: out, info: out, debug: out, error: err, warn: err, trace: err };
}

// ---- timers and microtasks ----

const reportUncaughtError: (error: unknown) => void = (error) => host.reportUncaught(error, 'uncaughtException');

const timers = createTimers({
  host,
  invalidCallback(value) {
    const error = new TypeError(`The "callback" argument must be of type function. Received ${basicInspect(value)}`);
    (error as any).code = 'ERR_INVALID_ARG_TYPE';
    return error;
  },
  reportMicrotaskError: (error) => reportUncaughtError(error),
  promiseThen,
});

function defineGlobal(name: string, value: unknown): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
}

defineGlobal('console', makeConsole());
for (const [name, value] of Object.entries(timers)) {
  // queueMicrotask arrived in Node 11: the legacy model's programs see it missing, as on Node 10.
  if (name === 'queueMicrotask' && host.model === 'node-legacy') continue;
  if (value) defineGlobal(name, value);
}

// Node < 11's three-tick `await` (see engine/legacyAwait.ts, which wraps every await operand).
if (host.model === 'node-legacy') {
  const OriginalPromise = Promise;
  defineGlobal('__looplens_legacyAwait', (value: unknown) => new OriginalPromise((resolve) => resolve(value)));
}

// ---- Node: process, require, module ----

type Listener = (...args: unknown[]) => void;
const processListeners = new Map<string, Listener[]>();

function createProcess(): Record<string, unknown> {
  let exitCode: number | undefined;
  const on = (event: string, listener: Listener) => {
    const list = processListeners.get(event) ?? [];
    list.push(listener);
    processListeners.set(event, list);
    return proc;
  };
  const proc: Record<string, unknown> = {
    nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]) {
      if (typeof callback !== 'function') throw timersInvalid(callback);
      host.nextTick(() => callback(...args));
    },
    exit(code?: number) {
      if (code !== undefined) exitCode = code;
      host.exit(exitCode ?? 0);
    },
    get exitCode() {
      return exitCode;
    },
    set exitCode(code: number | undefined) {
      exitCode = code;
      host.setExitCode(code ?? 0);
    },
    on,
    addListener: on,
    once(event: string, listener: Listener) {
      const wrapper: Listener = (...args) => {
        off(event, wrapper);
        listener(...args);
      };
      return on(event, wrapper);
    },
    argv: host.argv.slice(),
    env: { ...host.env },
    platform: 'linux',
    version: 'v20.20.2',
    cwd: () => host.cwd,
  };
  const off = (event: string, listener: Listener) => {
    const list = processListeners.get(event);
    if (list) processListeners.set(event, list.filter((entry) => entry !== listener));
    return proc;
  };
  proc.off = off;
  proc.removeListener = off;
  return proc;
}

function timersInvalid(value: unknown): TypeError {
  const error = new TypeError(`The "callback" argument must be of type function. Received ${basicInspect(value)}`);
  (error as any).code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

function emitProcessEvent(event: string, ...args: unknown[]): boolean {
  const list = processListeners.get(event);
  if (!list || list.length === 0) return false;
  for (const listener of list.slice()) listener.apply(nodeProcess, args);
  return true;
}

const nodeProcess = isNode ? createProcess() : undefined;

function nodeRequire(name: string): unknown {
  host.unsupported(`require('${name}')`);
  throw new Error(`Cannot find module '${name}'`);
}

if (isNode) {
  defineGlobal('process', nodeProcess);
  defineGlobal('global', global);
}

// ---- Hooks for the worker ----

const boot = {
  /** Calls the CommonJS wrapper of the user's file as Node's Module._compile does. */
  runMain(mainFunction: (...args: unknown[]) => unknown) {
    const module = { exports: {}, id: '.', filename: host.fileName, loaded: false, children: [], paths: [] };
    const dirname = host.fileName.slice(0, host.fileName.lastIndexOf('/')) || '/';
    mainFunction.call(module.exports, module.exports, nodeRequire, module, host.fileName, dirname);
    module.loaded = true;
  },
  /** process.on('uncaughtException') listeners; true when one handled the error. */
  handleUncaught(error: unknown, origin: string): boolean {
    if (!isNode) return false;
    return emitProcessEvent('uncaughtException', error, origin);
  },
  emitProcessEvent(event: string, code: number): void {
    emitProcessEvent(event, code);
  },
  describeError,
};

Object.defineProperty(global, '__looplens_boot', { value: boot, configurable: true, enumerable: false });

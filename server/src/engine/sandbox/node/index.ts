// Node's library inside the sandbox: `createNodeRuntime` builds `process` and the table of
// built-in modules (`require('fs')`, `require('node:events')`, ...) on top of the host
// primitives. The bootstrap (../index.ts) installs `process`, `Buffer` and the other globals and
// wires `require` to `builtins`; the engine calls `hooks` at the points of the loop Node does.
import pathBrowserify from 'path-browserify';
import { createUntrackedProxy } from '../inspect';
import type * as AbortModule from './abort';
import type * as AssertModule from './assert';
import type * as BufferModule from './buffer';
import { createEvents } from './events';
import type * as FsModule from './fs';
import type { InspectDeps, NodeHost } from './host-contract';
import { createOs } from './os';
import { createProcess, type ProcessHooks } from './process';
import { connectStreamsToProcess, createStdioStream, loadStream } from './stream';
import { createTimers, createTimersPromises } from './timers';
import type * as UtilModule from './util';
import type * as UrlModule from './url';
import { createQuerystring } from './querystring';

export type { NodeHost, InspectDeps } from './host-contract';
export type { ProcessHooks } from './process';

export interface NodeRuntime {
  process: any;
  /** Built-in modules by name, each with and without the `node:` prefix; call to load. */
  builtins: Record<string, () => unknown>;
  /** Globals Node has and QuickJS lacks: Buffer, TextEncoder/TextDecoder, AbortController/AbortSignal, URL/URLSearchParams. */
  globals: Record<string, unknown>;
  hooks: ProcessHooks;
  /** A DOMException as Node's own code makes one (structuredClone's DataCloneError); undefined in node-legacy (Node 10 has none). */
  domException?: (message: string, name: string) => Error;
}

/** Modules the sandbox cannot model: requiring one stops the run as unsupported, never a silent fake. */
const UNSUPPORTED_MODULES = [
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'cluster',
  'worker_threads',
  'vm',
  'tls',
  'dns',
  'dns/promises',
  'crypto',
  'zlib',
  'readline',
  'readline/promises',
  'repl',
  'inspector',
  'module',
  'v8',
  'async_hooks',
  'tty',
  'trace_events',
  'wasi',
  'diagnostics_channel',
];

/**
 * A module LoopLens cannot model. Requiring it succeeds (a file may load `http` and never use it,
 * and then Node prints nothing special); the first use of any of its members stops the run as
 * unsupported, naming the member.
 */
function unsupportedModule(host: NodeHost, name: string): unknown {
  return createUntrackedProxy(Object.create(null) as object, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then' || property === '__esModule') return undefined;
      host.unsupported(`require('${name}').${property}`);
      return undefined;
    },
    has: () => false,
    ownKeys: () => [],
  });
}

/** util.promisify.custom (node/util.ts, a lazily compiled chunk, has the same registered symbol). */
const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');

export function createNodeRuntime(host: NodeHost, deps: InspectDeps): NodeRuntime {
  const holder: { process?: any } = {};
  const cache = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T) => (): T => {
    if (!cache.has(name)) cache.set(name, make());
    return cache.get(name) as T;
  };
  // Buffer (with the buffer package), URL, util, fs and assert are lazily compiled chunks
  // (../build/lazy-chunks.mjs): each is required on first use, and the globals Buffer, URL, ...
  // are getters until then (../index.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bufferChunk = () => require('./buffer') as typeof BufferModule;
  const bufferModule = once('buffer', () => bufferChunk().createBuffer((message, type, code) => holder.process.emitWarning(message, type, code)));
  const BufferClass = () => bufferModule().Buffer;
  // The emitter's (and Buffer's) warnings and ticks go through `process`, which is itself an
  // emitter: the holder breaks that cycle.
  const EventEmitter = createEvents({
    inspect: deps.inspect,
    emitWarning: (warning) => holder.process.emitWarning(warning),
    nextTick: (fn, ...args) => holder.process.nextTick(fn, ...args),
  });
  const created = createProcess({ host, EventEmitter, inspect: deps.inspect, createStdio: createStdioStream });
  const proc = created.process;
  holder.process = proc;
  connectStreamsToProcess(proc);

  const global = globalThis as any;
  // The engine's timers as they are now, before any program code runs. Node's `timers` module,
  // timers/promises and AbortSignal.timeout call Node's internal timers, never the globals, so a
  // program that replaces globalThis.setTimeout does not reach them; these references keep that so.
  const engineTimers = {
    setTimeout: global.setTimeout,
    clearTimeout: global.clearTimeout,
    setInterval: global.setInterval,
    clearInterval: global.clearInterval,
    setImmediate: global.setImmediate,
    clearImmediate: global.clearImmediate,
  };
  // `util.promisify(setTimeout)` resolves after the delay in Node; the globals are the engine's.
  const timersPromises = createTimersPromises(engineTimers);
  for (const [name, custom] of [
    ['setTimeout', timersPromises.setTimeout],
    ['setImmediate', timersPromises.setImmediate],
  ] as const) {
    if (typeof global[name] === 'function' && !global[name][promisifyCustom]) {
      Object.defineProperty(global[name], promisifyCustom, { value: custom, enumerable: false, configurable: true, writable: true });
    }
  }

  // EventTarget, Event, CustomEvent, AbortController and AbortSignal: a lazily compiled chunk,
  // connected to this process's ticks and warnings when first loaded.
  const abortChunk = once('abort', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./abort') as typeof AbortModule;
    chunk.configureEventTargets({
      nextTick: (fn) => holder.process.nextTick(fn),
      emitWarning: (warning) => holder.process.emitWarning(warning),
      // performance.now(): Node's time origin is ~25 ms before the script (the bootstrap's global performance).
      now: () => 25 + (host.loopTime ? host.loopTime() : 0),
      markVarying: (what) => host.markVarying(what),
      setTimeout: engineTimers.setTimeout,
    });
    return chunk;
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const url = once('url', () => (require('./url') as typeof UrlModule).createUrl({ host, cwd: () => proc.cwd() }));
  const globals: Record<string, unknown> = {
    get Buffer() {
      return BufferClass();
    },
    get TextEncoder() {
      return bufferChunk().TextEncoder;
    },
    get TextDecoder() {
      return bufferChunk().TextDecoder;
    },
    get AbortController() {
      return abortChunk().AbortController;
    },
    get AbortSignal() {
      return abortChunk().AbortSignal;
    },
    get URL() {
      return url().URL;
    },
    get URLSearchParams() {
      return url().URLSearchParams;
    },
    // Node 16+ globals QuickJS lacks; Latin-1 strings as the HTML standard defines them.
    btoa(data: unknown) {
      const text = String(data);
      if ([...text].some((ch) => ch.charCodeAt(0) > 0xff)) {
        const error = new Error('Invalid character');
        error.name = 'InvalidCharacterError';
        throw error;
      }
      return BufferClass().from(text, 'latin1').toString('base64');
    },
    atob(data: unknown) {
      return BufferClass().from(String(data).replace(/[\t\n\f\r ]/g, ''), 'base64').toString('latin1');
    },
  };
  // Node 15+ (CustomEvent 19+): the legacy model's Node 10 has none of them.
  if (host.model !== 'node-legacy') {
    Object.defineProperties(globals, {
      EventTarget: { get: () => abortChunk().EventTarget, enumerable: true },
      Event: { get: () => abortChunk().Event, enumerable: true },
      CustomEvent: { get: () => abortChunk().CustomEvent, enumerable: true },
      DOMException: { get: () => abortChunk().DOMException, enumerable: true },
    });
  }

  const util = once('util', () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./util') as typeof UtilModule).createUtil({
      inspect: deps.inspect,
      format: deps.format,
      formatWithOptions: (deps as { formatWithOptions?: (options: object, ...args: unknown[]) => string }).formatWithOptions,
      nextTick: (fn, ...args) => proc.nextTick(fn, ...args),
      emitWarning: (warning, type, code) => proc.emitWarning(warning, type, code),
      Buffer: BufferClass(),
      TextEncoder: bufferChunk().TextEncoder,
      TextDecoder: bufferChunk().TextDecoder,
    }),
  );
  // fs and assert are lazily compiled chunks (../build/lazy-chunks.mjs): required here, on first use.
  const assert = once('assert', () =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./assert') as typeof AssertModule).createAssert({
      inspect: deps.inspect,
      caller: (host as { caller?: () => { line: number; column: number } | null }).caller?.bind(host),
      readSource: () => host.fsRead(host.fileName),
    }),
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = once('fs', () => (require('./fs') as typeof FsModule).createFs({ host, Buffer: BufferClass(), cwd: () => proc.cwd() }));
  const stream = () => loadStream();

  const table: Record<string, () => unknown> = {
    process: () => proc,
    events: () => EventEmitter,
    buffer: bufferModule,
    util,
    'util/types': () => (util() as { types: unknown }).types,
    assert,
    'assert/strict': () => (assert() as { strict: unknown }).strict,
    path: () => pathBrowserify,
    'path/posix': () => pathBrowserify,
    fs: () => (fs() as { fs: unknown }).fs,
    'fs/promises': () => (fs() as { promises: unknown }).promises,
    stream,
    'stream/promises': () => stream().promises,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    string_decoder: once('string_decoder', () => require('string_decoder/')),
    timers: once('timers', () => ({ ...createTimers(engineTimers), promises: timersPromises })),
    'timers/promises': () => timersPromises,
    os: once('os', () => createOs(host)),
    url,
    querystring: once('querystring', createQuerystring),
    // The engine's global `performance` (virtual clock); observers of real performance are not modelled.
    perf_hooks: once('perf_hooks', () => ({
      performance: global.performance,
      PerformanceObserver: function PerformanceObserver() {
        host.unsupported('PerformanceObserver');
      },
      monitorEventLoopDelay: () => {
        host.unsupported('perf_hooks.monitorEventLoopDelay()');
      },
    })),
    console: () => global.console,
  };
  for (const name of UNSUPPORTED_MODULES) table[name] = once(name, () => unsupportedModule(host, name));
  const builtins: Record<string, () => unknown> = {
    // Only reachable with the prefix in Node.
    'node:test': () => {
      host.unsupported("require('node:test')");
      return undefined;
    },
  };
  for (const [name, load] of Object.entries(table)) {
    builtins[name] = load;
    builtins[`node:${name}`] = load;
  }
  const domException = host.model === 'node-legacy' ? undefined : (message: string, name: string) => abortChunk().domException(message, name) as unknown as Error;
  return { process: proc, builtins, globals, hooks: created.hooks, domException };
}

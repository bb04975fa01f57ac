// Node's `process` object on top of the host primitives. Only what touches the event loop or the
// machine is written here (nextTick, exit, warnings, the clock); the EventEmitter behaviour comes
// from `events`.
import type { NodeHost } from './host-contract';
import { invalidArgType, nodeError, validateFunction } from './errors';
import { kEnhanceStack, nodeFrameCaller } from './events';

type Emitter = {
  emit(type: string | symbol, ...args: unknown[]): boolean;
  listenerCount(type: string | symbol): number;
  on(type: string | symbol, fn: (...args: any[]) => unknown): unknown;
};

export interface ProcessHooks {
  /** Node writes these strings to fd 1/2 as they are; the host wants whole lines, so a partial line is held back until its newline (or `flush`). */
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /** Writes out any held-back partial line. Call when the run ends. */
  flush(): void;
  /** The loop is empty: emits 'beforeExit' (the host then checks whether new work was scheduled). */
  emitBeforeExit(): void;
  /** The process is ending normally: emits 'exit' once, with the exit code. */
  emitExit(): void;
  /**
   * Offers an uncaught exception or unhandled rejection to the program's own listeners, as Node
   * does. Returns true when a listener handled it; false when the host must print the crash
   * report and end the run with exit code 1.
   */
  /** `fromPromise`: Node's triggerUncaughtException(error, true), whose listeners see the origin 'unhandledRejection'. */
  dispatchUncaught(error: unknown, origin: 'uncaughtException' | 'unhandledRejection', promise?: unknown, fromPromise?: boolean): boolean;
  /** Current `process.exitCode` (undefined when never set). */
  exitCode(): number | undefined;
  /**
   * Takes the file's own facts (argv, working directory) from the host. Called when a run is
   * configured: one prepared context serves every file of a model, so they are not known earlier.
   */
  configure(): void;
}

export interface ProcessDeps {
  host: NodeHost;
  EventEmitter: any;
  inspect: (value: unknown, options?: Record<string, unknown>) => string;
  /** Builds `process.stdout`/`process.stderr` lazily (they are streams, and streams load late). */
  createStdio: (fd: 1 | 2, write: (text: string) => void) => unknown;
}

const NODE_VERSION = 'v20.20.2';
const DEFAULT_PID = 4242;

export function createProcess(deps: ProcessDeps): { process: any; hooks: ProcessHooks } {
  const { host, EventEmitter } = deps;

  // A constructor named `process`, as in Node, so `process.constructor.name` and inspect agree.
  const ProcessConstructor = function process() {} as unknown as { prototype: object };
  Object.defineProperty(ProcessConstructor, 'name', { value: 'process', configurable: true });
  Object.setPrototypeOf(ProcessConstructor.prototype, EventEmitter.prototype);
  const proc: any = Object.create(ProcessConstructor.prototype);
  EventEmitter.init.call(proc);

  const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  // Every write to fd 1/2 must pass through the held-back partial line, including the console's,
  // which calls `host.write` directly: `process.stdout.write('a'); console.log('b')` prints one
  // line `ab` in Node. So the host's `write` is wrapped to prepend what is held back.
  const rawWrite = host.write.bind(host) as (stream: 'stdout' | 'stderr', text: string) => unknown;
  try {
    host.write = ((stream: 'stdout' | 'stderr', text: string) => {
      const held = pending[stream];
      if (held === '') return rawWrite(stream, text);
      pending[stream] = '';
      return rawWrite(stream, held + text);
    }) as NodeHost['write'];
  } catch {}
  function writeTo(stream: 'stdout' | 'stderr', text: string): void {
    const joined = pending[stream] + text;
    const lastNewline = joined.lastIndexOf('\n');
    if (lastNewline < 0) {
      pending[stream] = joined;
      return;
    }
    pending[stream] = joined.slice(lastNewline + 1);
    rawWrite(stream, joined.slice(0, lastNewline + 1));
  }
  const writeStdout = (text: string) => writeTo('stdout', text);
  const writeStderr = (text: string) => writeTo('stderr', text);

  let exitCode: number | undefined;
  let exiting = false;

  const pid = host.pid ?? DEFAULT_PID;
  // Set with argv by `hooks.configure` when a run starts (the entry file is not known before).
  let cwd = '/';

  // Node's processTicksAndRejections calls a tick's callback on a line of its own for one to four
  // arguments and on another for more (measured in node 20.20.2; none: line 77, the stacks' default).
  const tickCallers = [
    nodeFrameCaller('process', 'processTicksAndRejections', 'node:internal/process/task_queues:81:21'),
    nodeFrameCaller('process', 'processTicksAndRejections', 'node:internal/process/task_queues:82:21'),
    nodeFrameCaller('process', 'processTicksAndRejections', 'node:internal/process/task_queues:83:21'),
    nodeFrameCaller('process', 'processTicksAndRejections', 'node:internal/process/task_queues:84:21'),
    nodeFrameCaller('process', 'processTicksAndRejections', 'node:internal/process/task_queues:85:22'),
  ];
  function nextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
    validateFunction(callback, 'callback');
    if (exiting) return;
    const caller = tickCallers[Math.min(args.length, tickCallers.length) - 1];
    host.nextTick(args.length === 0 ? () => callback() : () => caller(callback, undefined, undefined, args));
  }

  function hrtime(previous?: [number, number]): [number, number] {
    const ns = host.hrtimeNs();
    let seconds = Math.floor(ns / 1e9);
    let nanos = Math.floor(ns - seconds * 1e9);
    if (previous !== undefined) {
      if (!Array.isArray(previous)) throw invalidArgType('time', 'an instance of Array', previous);
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = function bigint(): bigint {
    return BigInt(Math.floor(host.hrtimeNs()));
  };

  function validateExitCode(code: unknown): number | undefined {
    if (code === undefined || code === null) return undefined;
    if (typeof code === 'string' && /^-?\d+$/.test(code)) return Number(code);
    if (typeof code !== 'number' || !Number.isInteger(code)) {
      throw invalidArgType('code', 'of type number', code);
    }
    return code;
  }

  let warningHintShown = false;
  function onWarning(warning: any): void {
    if (!(warning instanceof Error)) return;
    const isDeprecation = warning.name === 'DeprecationWarning';
    if (isDeprecation && proc.noDeprecation) return;
    let message = `(node:${pid}) `;
    if ((warning as { code?: string }).code) message += `[${(warning as { code?: string }).code}] `;
    message += typeof warning.toString === 'function' ? `${warning.toString()}` : `${warning.name}: ${warning.message}`;
    if (typeof (warning as { detail?: unknown }).detail === 'string') message += `\n${(warning as { detail?: string }).detail}`;
    if (!warningHintShown) {
      const flag = isDeprecation ? '--trace-deprecation' : '--trace-warnings';
      message += `\n(Use \`node ${flag} ...\` to show where the warning was created)`;
      warningHintShown = true;
    }
    writeStderr(`${message}\n`);
  }

  function emitWarning(warning: unknown, typeOrOptions?: unknown, code?: unknown, _ctor?: unknown): void {
    let detail: string | undefined;
    let type: string | undefined;
    if (typeOrOptions !== null && typeof typeOrOptions === 'object' && !Array.isArray(typeOrOptions)) {
      const options = typeOrOptions as { type?: string; code?: string; detail?: string };
      type = options.type || 'Warning';
      code = options.code;
      if (typeof options.detail === 'string') detail = options.detail;
    } else if (typeof typeOrOptions === 'function') {
      type = 'Warning';
    } else {
      type = (typeOrOptions as string | undefined) || 'Warning';
    }
    if (typeof code === 'function') code = undefined;
    let warningObject: Error & { code?: unknown; detail?: string };
    if (typeof warning === 'string') {
      warningObject = new Error(warning);
      warningObject.name = String(type);
      if (code !== undefined) warningObject.code = code;
      if (detail !== undefined) warningObject.detail = detail;
    } else if (warning instanceof Error) {
      warningObject = warning;
    } else {
      throw invalidArgType('warning', 'of type string or an instance of Error', warning);
    }
    if (warningObject.name === 'DeprecationWarning') {
      if (proc.noDeprecation) return;
      if (proc.throwDeprecation) throw warningObject;
    }
    nextTick(() => proc.emit('warning', warningObject));
  }

  function exit(code?: unknown): never {
    const validated = validateExitCode(code);
    if (validated !== undefined) {
      exitCode = validated;
      host.setExitCode(validated);
    }
    if (!exiting) {
      exiting = true;
      proc._exiting = true;
      proc.emit('exit', exitCode ?? 0);
    }
    host.exit(exitCode ?? 0);
    // The host stops the run inside `exit`; if it ever returns, nothing else may run either.
    throw nodeError(Error, 'ERR_LOOPLENS_EXIT', 'process.exit() returned');
  }

  function memoryUsage() {
    host.markVarying('process.memoryUsage()');
    return { rss: 45_000_000, heapTotal: 6_000_000, heapUsed: 4_500_000, external: 400_000, arrayBuffers: 17_000 };
  }
  memoryUsage.rss = function rss() {
    host.markVarying('process.memoryUsage.rss()');
    return 45_000_000;
  };

  let stdout: unknown;
  let stderr: unknown;
  const unsupported = (what: string) => () => {
    host.unsupported(what);
  };

  const properties: Record<string, unknown> = {
    // Node reports the command it was started with.
    // title, argv and execPath come from the host's argv when a run is configured (hooks.configure).
    title: 'node',
    version: NODE_VERSION,
    versions: {
      node: NODE_VERSION.slice(1),
      acorn: '8.14.0',
      ada: '2.9.2',
      ares: '1.34.5',
      brotli: '1.1.0',
      cjs_module_lexer: '1.4.1',
      icu: '77.1',
      llhttp: '8.1.3',
      modules: '115',
      napi: '10',
      nghttp2: '1.64.0',
      openssl: '3.0.15+quic',
      simdutf: '6.0.3',
      tz: '2025b',
      undici: '6.21.2',
      unicode: '16.0',
      uv: '1.46.0',
      uvwasi: '0.0.21',
      v8: '11.3.244.8-node.26',
      zlib: '1.3.0.1-motley-82a5fec',
    },
    arch: 'x64',
    platform: 'linux',
    release: { name: 'node', lts: 'Iron' },
    argv: [] as string[],
    argv0: 'node',
    execArgv: [],
    execPath: '',
    env: { ...host.env },
    pid,
    ppid: pid - 1,
    config: { target_defaults: {}, variables: {} },
    features: { inspector: true, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true },
    noDeprecation: false,
    throwDeprecation: false,
    traceDeprecation: false,
    nextTick,
    hrtime,
    memoryUsage,
    emitWarning,
    exit,
    cwd: () => cwd,
    chdir(directory: unknown) {
      if (typeof directory !== 'string') throw invalidArgType('directory', 'of type string', directory);
      const stat = host.fsStat(directory);
      if (!stat || !stat.isDirectory) {
        const error = new Error(`ENOENT: no such file or directory, chdir ${cwd} -> '${directory}'`) as any;
        Object.assign(error, { errno: -2, code: 'ENOENT', syscall: 'chdir', path: cwd, dest: directory });
        throw error;
      }
      cwd = directory.startsWith('/') ? directory : `${cwd}/${directory}`;
    },
    uptime() {
      host.markVarying('process.uptime()');
      return host.now() / 1000;
    },
    cpuUsage() {
      host.markVarying('process.cpuUsage()');
      return { user: 30_000, system: 10_000 };
    },
    resourceUsage() {
      host.markVarying('process.resourceUsage()');
      return { userCPUTime: 30_000, systemCPUTime: 10_000, maxRSS: 45_000 };
    },
    umask: () => 0o22,
    getuid: () => 1000,
    getgid: () => 1000,
    geteuid: () => 1000,
    getegid: () => 1000,
    kill: unsupported('process.kill()'),
    abort: unsupported('process.abort()'),
    binding: unsupported('process.binding()'),
    dlopen: unsupported('process.dlopen()'),
    setUncaughtExceptionCaptureCallback: unsupported('process.setUncaughtExceptionCaptureCallback()'),
    hasUncaughtExceptionCaptureCallback: () => false,
  };
  for (const [key, value] of Object.entries(properties)) {
    Object.defineProperty(proc, key, { value, writable: true, configurable: true, enumerable: typeof value !== 'function' || key === 'nextTick' });
  }
  Object.defineProperty(proc, 'exitCode', {
    get: () => exitCode,
    set: (value: unknown) => {
      const validated = validateExitCode(value);
      exitCode = validated;
      host.setExitCode(validated ?? 0);
    },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, 'stdout', {
    get: () => (stdout ??= deps.createStdio(1, writeStdout)),
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, 'stderr', {
    get: () => (stderr ??= deps.createStdio(2, writeStderr)),
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, 'stdin', {
    get: () => {
      host.unsupported('process.stdin');
      return undefined;
    },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proc, Symbol.toStringTag, { value: 'process', configurable: true, enumerable: false, writable: true });

  proc.on('warning', onWarning);

  const emitter = proc as Emitter;
  const hooks: ProcessHooks = {
    configure() {
      const argv = host.argv;
      cwd = host.cwd;
      proc.title = argv[0] ?? 'node';
      proc.argv = argv.slice();
      proc.execPath = argv[0] ?? '/usr/local/bin/node';
    },
    writeStdout,
    writeStderr,
    flush() {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (pending[stream]) rawWrite(stream, pending[stream]);
        pending[stream] = '';
      }
    },
    emitBeforeExit() {
      if (exiting) return;
      emitter.emit('beforeExit', exitCode ?? 0);
    },
    emitExit() {
      if (exiting) return;
      exiting = true;
      proc._exiting = true;
      emitter.emit('exit', exitCode ?? 0);
    },
    dispatchUncaught(error, origin, promise, fromPromise) {
      if (origin === 'unhandledRejection') {
        if (emitter.listenerCount('unhandledRejection') > 0) {
          emitter.emit('unhandledRejection', error, promise);
          return true;
        }
        // Node 20 (--unhandled-rejections=throw) turns the rejection into an uncaught exception.
        if (emitter.listenerCount('uncaughtException') === 0) return false;
        const reason =
          error instanceof Error
            ? error
            : Object.assign(
                nodeError(
                  Error,
                  'ERR_UNHANDLED_REJECTION',
                  `This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${deps.inspect(error)}".`,
                ),
                {},
              );
        emitter.emit('uncaughtExceptionMonitor', reason, origin);
        emitter.emit('uncaughtException', reason, origin);
        return true;
      }
      const reportedOrigin = fromPromise ? 'unhandledRejection' : origin;
      emitter.emit('uncaughtExceptionMonitor', error, reportedOrigin);
      if (emitter.listenerCount('uncaughtException') === 0) {
        // Node adds where an unhandled 'error' event was emitted to the crash report.
        const enhance = error !== null && typeof error === 'object' ? (error as Record<symbol, unknown>)[kEnhanceStack] : undefined;
        if (typeof enhance === 'function') {
          try {
            Object.defineProperty(error, 'stack', { value: enhance(), writable: true, configurable: true, enumerable: false });
          } catch {}
        }
        return false;
      }
      emitter.emit('uncaughtException', error, reportedOrigin);
      return true;
    },
    exitCode: () => exitCode,
  };
  return { process: proc, hooks };
}

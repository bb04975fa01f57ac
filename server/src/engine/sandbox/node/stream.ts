// Node's `stream` module: `readable-stream` 4, which is Node 18's lib/stream mirrored for other
// engines. It reaches `process.nextTick` through the `process` npm shim (which would otherwise
// defer with setTimeout); that shim is pointed at the sandbox's own process here, before any
// stream is created, so every deferred step lands on Node's tick queue as it does in Node.
import processShim from 'process/browser.js';

export function connectStreamsToProcess(proc: any): void {
  const shim = processShim as any;
  shim.nextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => proc.nextTick(fn, ...args);
  shim.env = proc.env;
  shim.version = proc.version;
  shim.versions = proc.versions;
  shim.platform = proc.platform;
  shim.browser = false;
  shim.emitWarning = (...args: unknown[]) => proc.emitWarning(...args);
  // `pipe()` leaves process.stdout/stderr open at the source's end, as Node does; it compares the
  // destination with these.
  Object.defineProperty(shim, 'stdout', { get: () => proc.stdout, configurable: true });
  Object.defineProperty(shim, 'stderr', { get: () => proc.stderr, configurable: true });
}

/**
 * Loads the stream library on first use (it is the largest part of the bundle, and most programs
 * never touch it). The modules are CommonJS and are required lazily on purpose.
 */
let streamModule: any;
export function loadStream(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  streamModule ??= require('readable-stream/lib/stream.js');
  return streamModule;
}

export function loadStreamPromises(): any {
  return loadStream().promises;
}

/** `process.stdout`/`process.stderr`: Writables whose writes reach the host synchronously, as Node's do for files and pipes. */
export function createStdioStream(fd: 1 | 2, write: (text: string) => void): any {
  const { Writable } = loadStream();
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding: string, callback: () => void) {
      write(typeof chunk === 'string' ? chunk : String(chunk));
      callback();
    },
  });
  stream.fd = fd;
  stream._type = 'pipe';
  stream._isStdio = true;
  // A program ending stdout must not end the process' output stream, as in Node.
  stream.destroySoon = stream.destroy;
  stream._destroy = (error: unknown, callback: (error?: unknown) => void) => callback(error);
  return stream;
}

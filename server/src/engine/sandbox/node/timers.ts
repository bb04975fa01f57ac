// `timers` re-exports the engine's timers; `timers/promises` builds the promise forms on them, so
// scheduling (and therefore order) is exactly the globals'. Both receive the timers as they were
// before the program ran (node/index.ts), as Node's modules keep theirs when a program replaces
// globalThis.setTimeout.
import { invalidArgType } from './errors';

type Signal = { aborted: boolean; reason?: unknown; addEventListener(type: string, fn: () => void, options?: object): void; removeEventListener(type: string, fn: () => void): void };

function abortError(signal: Signal): Error {
  const error = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
  error.name = 'AbortError';
  error.code = 'ABORT_ERR';
  error.cause = signal.reason;
  return error;
}

export function createTimers(engineTimers: any): Record<string, unknown> {
  return {
    setTimeout: engineTimers.setTimeout,
    clearTimeout: engineTimers.clearTimeout,
    setInterval: engineTimers.setInterval,
    clearInterval: engineTimers.clearInterval,
    setImmediate: engineTimers.setImmediate,
    clearImmediate: engineTimers.clearImmediate,
  };
}

export function createTimersPromises(engineTimers: any): Record<string, unknown> {
  function withSignal<T>(options: { signal?: Signal } | undefined, start: (resolve: (v: T) => void) => unknown, cancel: (handle: unknown) => void): Promise<T> {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      return Promise.reject(invalidArgType('options', 'of type object', options));
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<T>((resolve, reject) => {
      let onAbort: (() => void) | undefined;
      const handle = start((value) => {
        if (signal && onAbort) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (signal) {
        onAbort = () => {
          cancel(handle);
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  const setTimeoutPromise = (delay?: number, value?: unknown, options?: { signal?: Signal; ref?: boolean }) =>
    withSignal(options, (resolve) => engineTimers.setTimeout(() => resolve(value), delay), (handle) => engineTimers.clearTimeout(handle));
  const setImmediatePromise = (value?: unknown, options?: { signal?: Signal; ref?: boolean }) =>
    withSignal(options, (resolve) => engineTimers.setImmediate(() => resolve(value)), (handle) => engineTimers.clearImmediate(handle));

  /** An async iterator yielding `value` every `delay` ms; ticks that arrive while nobody waits are counted, as in Node. */
  function setIntervalPromise(delay?: number, value?: unknown, options?: { signal?: Signal }): AsyncIterableIterator<unknown> {
    const signal = options?.signal;
    let notYielded = 0;
    let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
    let failed: ((error: unknown) => void) | undefined;
    let done = false;
    const interval = engineTimers.setInterval(() => {
      notYielded++;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        failed = undefined;
        notYielded--;
        resolve({ value, done: false });
      }
    }, delay);
    const stop = () => {
      done = true;
      engineTimers.clearInterval(interval);
    };
    if (signal) {
      signal.addEventListener(
        'abort',
        () => {
          stop();
          if (failed) failed(abortError(signal));
        },
        { once: true },
      );
    }
    return {
      next() {
        if (signal?.aborted) {
          stop();
          return Promise.reject(abortError(signal));
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (notYielded > 0) {
          notYielded--;
          return Promise.resolve({ value, done: false });
        }
        return new Promise((resolve, reject) => {
          waiting = resolve;
          failed = reject;
        });
      },
      return() {
        stop();
        if (waiting) waiting({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  return {
    setTimeout: setTimeoutPromise,
    setImmediate: setImmediatePromise,
    setInterval: setIntervalPromise,
    scheduler: {
      wait: (delay: number, options?: { signal?: Signal }) => setTimeoutPromise(delay, undefined, options),
      yield: () => setImmediatePromise(),
    },
  };
}

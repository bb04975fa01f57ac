// Unhandled-rejection detection without an engine hook.
//
// quickjs-emscripten exposes no promise-rejection tracker (JS_SetHostPromiseRejectionTracker is not
// exported), so LoopLens reconstructs what V8 tells Node and Chromium from what it can see:
//
//  - Promises it knows: made by `new Promise` (the global constructor is wrapped so the executor's
//    `reject` is seen), by `then`/`catch`/`finally` (the derived promise), by `Promise.reject` and
//    the combinators. Each is watched; the host reveals its state (`host.promiseState`).
//  - Handling: `Promise.prototype.then` is patched to mark its receiver handled (catch and finally
//    and the combinators all go through `then`); `await x` is rewritten by the engine to
//    `await __looplens_awaited(x)`, which marks `x` handled and returns it unchanged (no extra job).
//  - Async functions' own promises never pass through user-visible code when nobody uses them, so
//    the engine wraps every async function body in `try { ... } catch (e) { __looplens_asyncThrew(e);
//    throw e }`. Each such throw is a pending record; a record is settled when some handled promise
//    turns out to be rejected with the same reason (one promise per record, oldest first).
//
// After every microtask drain the host calls `process()`: a watched promise that is rejected and
// not handled, or a record no handled promise accounts for, is an unhandled rejection — the
// moment Node's processPromiseRejections and Chromium's "notify about rejected promises" look.
// Every wrapper runs synchronously and adds no promise job, so tick counts stay the engine's own.

import type { HostPrimitives } from './host';

export interface RejectionTracker {
  /** Reports what is unhandled now (called by the host after each drain). */
  process(): void;
  /** Marks a promise handled (await sites, host-side `then` calls). */
  markHandled(promise: unknown): void;
}

export interface RejectionDeps {
  host: HostPrimitives;
  onUnhandled(reason: unknown, promise: unknown): void;
  /** Node < 15: a warning (or the program's listener) instead of a crash; the program goes on. */
  legacyWarning?: (reason: unknown, promise: unknown) => void;
  /**
   * A promise already reported as unhandled got a handler: Node's `rejectionHandled` event (or its
   * PromiseRejectionHandledWarning), with the rejection's number in the order of the reports.
   */
  onRejectionHandled?: (promise: unknown, rejectionId: number) => void;
  /**
   * Called for every `then` registration before the real `then` runs: the causality layer wraps
   * the callbacks here (and must return callbacks that call the originals exactly once).
   */
  wrapReactions?: (onFulfilled: unknown, onRejected: unknown, api: string, promise: Promise<unknown>) => [unknown, unknown];
  /** Called with every `await` operand (before the await takes it); the trace's queue snapshots list the continuation. */
  onAwait?: (value: unknown) => void;
  /**
   * Chromium reports an unhandled rejection from a task it posts after the microtask checkpoint
   * (measured: a due timer's error is reported first); a promise handled before that task runs is
   * not reported. When given, reports go through this instead of happening at once.
   */
  deferReport?: (report: () => void) => void;
  /** Translates an engine error into V8's words before user code sees it as a rejection reason. */
  translate?: (reason: unknown) => unknown;
}

interface ThrowRecord {
  reason: unknown;
  settled: boolean;
  /** When it happened, on the same counter as watched promises (see `sequence`). */
  at: number;
}

export function installRejectionTracking(deps: RejectionDeps): RejectionTracker {
  const { host } = deps;
  const global = globalThis as any;
  const OriginalPromise: PromiseConstructor = global.Promise;
  const originalThen = OriginalPromise.prototype.then;

  const handled = new WeakSet<object>();
  /** Known promises not yet known to be handled and settled. */
  let watched: object[] = [];
  /** Handled promises that may still explain an async function's throw record. */
  let handledPool: object[] = [];
  let records: ThrowRecord[] = [];
  const reported = new WeakSet<object>();
  /** The number of each reported promise (Node's rejection id), and how many reports there were. */
  const reportIds = new WeakMap<object, number>();
  let reportCount = 0;
  /** Reported promises that got a handler since the last `process`, in that order. */
  let handledLate: object[] = [];

  const isPromise = (value: unknown): value is Promise<unknown> => value instanceof OriginalPromise;

  // Node reports unhandled rejections in the order they happened, and exits at the first: watched
  // promises and throw records share one counter so that a drain's reports keep that order.
  let sequence = 0;
  const watchedAt = new WeakMap<object, number>();
  const watch = (promise: unknown) => {
    if (isPromise(promise) && !handled.has(promise)) {
      watched.push(promise);
      watchedAt.set(promise, ++sequence);
    }
  };
  const markHandled = (promise: unknown) => {
    if (!isPromise(promise) || handled.has(promise)) return;
    handled.add(promise);
    handledPool.push(promise);
    if (reportIds.has(promise)) handledLate.push(promise);
  };

  // ---- catch/finally: name the API for the `then` they call ----
  let apiName: string | null = null;
  for (const name of ['catch', 'finally'] as const) {
    const original = OriginalPromise.prototype[name] as (...args: unknown[]) => unknown;
    const wrapper = {
      [name](this: unknown, ...args: unknown[]) {
        const outer = apiName;
        apiName = `.${name}`;
        try {
          return original.apply(this, args);
        } finally {
          apiName = outer;
        }
      },
    }[name];
    Object.defineProperty(OriginalPromise.prototype, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
  }
  const currentApi = () => apiName;

  // ---- then: marks the receiver handled, watches the derived promise ----
  const patchedThen = function then(this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) {
    markHandled(this);
    let fulfilled = onFulfilled;
    let rejected = onRejected;
    if (deps.translate) {
      const translate = deps.translate;
      // An error a callback throws is translated as it leaves the callback, as a caught one is: the
      // operands the rewrite remembered for its message (a computed key) are the throw's only until
      // other promise jobs run before anything sees the rejection.
      if (typeof fulfilled === 'function') {
        const userFulfilled = fulfilled as (value: unknown) => unknown;
        fulfilled = function (value: unknown) {
          try {
            return userFulfilled(value);
          } catch (error) {
            throw translate(error);
          }
        };
      }
      if (typeof rejected === 'function') {
        const userRejected = rejected as (reason: unknown) => unknown;
        rejected = function (reason: unknown) {
          try {
            return userRejected(translate(reason));
          } catch (error) {
            throw translate(error);
          }
        };
      }
    }
    if (deps.wrapReactions) [fulfilled, rejected] = deps.wrapReactions(fulfilled, rejected, currentApi() ?? '.then', this);
    const derived = originalThen.call(this, fulfilled as never, rejected as never);
    watch(derived);
    return derived;
  };
  Object.defineProperty(patchedThen, 'name', { value: 'then' });
  Object.defineProperty(OriginalPromise.prototype, 'then', { value: patchedThen, writable: true, configurable: true, enumerable: false });

  // ---- new Promise: wrap the executor so rejections are seen ----
  function Promise(this: unknown, executor: unknown): unknown {
    if (!new.target) throw new TypeError("Promise constructor cannot be invoked without 'new'");
    if (typeof executor !== 'function') return Reflect.construct(OriginalPromise, [executor], new.target === Promise ? OriginalPromise : new.target);
    const created = Reflect.construct(OriginalPromise, [executor], new.target === Promise ? OriginalPromise : new.target);
    watch(created);
    return created;
  }
  // Same prototype object: instanceof, inspect and subclassing all see the real Promise.
  Promise.prototype = OriginalPromise.prototype;
  Object.defineProperty(Promise, 'length', { value: 1 });
  for (const name of ['resolve', 'reject', 'all', 'allSettled', 'any', 'race'] as const) {
    const original = (OriginalPromise as any)[name];
    if (typeof original !== 'function') continue;
    const wrapper = {
      [name](this: unknown, ...args: unknown[]) {
        // Called on the wrapper itself, behave exactly as the real static (identity of
        // Promise.resolve(p) === p included); on a subclass, let the subclass construct.
        const receiver = this === Promise || this === undefined ? OriginalPromise : this;
        const outer = apiName;
        if (name !== 'resolve' && name !== 'reject') apiName = `Promise.${name}`;
        let result: unknown;
        try {
          result = original.apply(receiver, args);
        } finally {
          apiName = outer;
        }
        if (name !== 'resolve') watch(result);
        return result;
      },
    }[name];
    Object.defineProperty(Promise, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(Promise, Symbol.species, { get() { return this; }, configurable: true });
  Object.setPrototypeOf(Promise, Function.prototype);
  Object.defineProperty(global, 'Promise', { value: Promise, writable: true, configurable: true, enumerable: false });

  // ---- hooks the engine's rewrite calls ----
  Object.defineProperty(global, '__looplens_awaited', {
    value: (value: unknown) => {
      markHandled(value);
      if (deps.onAwait) deps.onAwait(value);
      return value;
    },
    enumerable: false,
    configurable: true,
    writable: false,
  });
  Object.defineProperty(global, '__looplens_asyncThrew', {
    value: (reason: unknown) => {
      // Translated as a caught error is (the body's catch is where the program could first see it):
      // the operands the rewrite remembered for its message are the throw's only until more code runs.
      records.push({ reason: deps.translate ? deps.translate(reason) : reason, settled: false, at: ++sequence });
    },
    enumerable: false,
    configurable: true,
    writable: false,
  });

  const stateOf = (promise: object) => host.promiseState(promise);

  const report = (reason: unknown, promise: unknown) => {
    reportCount += 1;
    if (promise) reportIds.set(promise as object, reportCount);
    if (deps.legacyWarning) deps.legacyWarning(reason, promise);
    else if (deps.deferReport) {
      deps.deferReport(() => {
        if (promise && handled.has(promise as object)) return;
        deps.onUnhandled(reason, promise);
      });
    } else deps.onUnhandled(reason, promise);
  };

  return {
    markHandled,
    process() {
      // 0. Node's processPromiseRejections first says which reported rejections were handled since.
      if (handledLate.length > 0) {
        const late = handledLate;
        handledLate = [];
        for (const promise of late) deps.onRejectionHandled?.(promise, reportIds.get(promise) ?? 0);
      }
      // 1. Records of async-function throws explained by a handled promise with that reason.
      if (records.length > 0) {
        const rejectedHandled = handledPool.filter((promise) => stateOf(promise)?.state === 'rejected');
        const used = new Set<object>();
        for (const record of records) {
          const match = rejectedHandled.find((promise) => !used.has(promise) && stateOf(promise)?.value === record.reason);
          if (match) {
            used.add(match);
            record.settled = true;
          }
        }
        // Watched promises rejected with a record's reason explain it too (they are reported
        // themselves when unhandled, so the record must not be reported a second time).
        for (const record of records) {
          if (record.settled) continue;
          const match = watched.find((promise) => !used.has(promise) && !handled.has(promise) && stateOf(promise)?.state === 'rejected' && stateOf(promise)?.value === record.reason);
          if (match) {
            used.add(match);
            record.settled = true;
          }
        }
      }
      // 2. Known promises, rejected and not handled.
      const due: { at: number; reason: unknown; promise: unknown }[] = [];
      const stillWatched: object[] = [];
      for (const promise of watched) {
        if (handled.has(promise)) continue;
        const state = stateOf(promise);
        if (!state || state.state === 'pending') {
          stillWatched.push(promise);
          continue;
        }
        if (state.state === 'rejected' && !reported.has(promise)) {
          reported.add(promise);
          due.push({ at: watchedAt.get(promise) ?? 0, reason: state.value, promise });
        }
      }
      watched = stillWatched;
      // 3. Async-function throws nobody accounted for.
      const open = records.filter((record) => !record.settled);
      records = [];
      for (const record of open) due.push({ at: record.at, reason: record.reason, promise: undefined });
      due.sort((a, b) => a.at - b.at);
      for (const item of due) report(item.reason, item.promise);
      // Handled promises only matter while throw records may still need them.
      handledPool = handledPool.filter((promise) => stateOf(promise)?.state === 'pending');
    },
  };
}

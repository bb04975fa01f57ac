// The execution-context trace recorder. Runs INSIDE QuickJS (ES2020, no Node APIs); the code
// rewritten by `engine/instrument.ts` calls its hooks.
//
// What the engine must do when a PredictRequest has `trace: true`:
//
//   1. In the host (not the worker), for the entry file and for every other user file it loads,
//      each with the previous file's `nextId` as `idBase` (ids must be unique across the run):
//        const result = instrument(ts, text, fileName, { moduleKind, idBase });   // engine/instrument.ts
//      Run `result.code` instead of `text` (when `result.errors` is non-empty, `code` is the
//      original text: run it untraced, the syntax error is the program's own). The line count is
//      unchanged; map columns read from stack traces of instrumented code (console call sites,
//      crash reports) back with `result.toOriginal(line, column)`.
//   2. Send the `result.functions` tables (plain JSON, concatenated over files) to the worker.
//   3. In the sandbox bootstrap, before the user's code runs:
//        const recorder = createTraceRecorder({
//          functions,                     // the static table from step 2
//          now: () => host.now(), step: () => <engine step counter>,
//          currentSource: () => <'main' | 'nextTick' | 'microtask' | 'timers' | ...>,
//          job: () => <a number that changes whenever the engine starts a new callback or job>,
//          inspect: (value) => <short one-line inspect that runs no user code: Node's options
//                                   customInspect: false, getters: false>,
//        });
//        Object.defineProperty(globalThis, '__ll_trace', { value: recorder.hooks, enumerable: false, configurable: false, writable: false });
//      `job()` is called once per hook; `step()` and `currentSource()` only when `job()` changed.
//      Creating the recorder also wraps `Function.prototype.toString` (restoreFunctionSource) so
//      instrumented functions print as written; pass `restoreFunctionSource: false` to do it
//      yourself with `stripInstrumentation`; and it wraps the global `Proxy` (registerProxies) so
//      that a proxy is formatted as its target, without running traps (`proxyTargetOf` is exported
//      for the console's inspect too; pass `registerProxies: false` to install it yourself). From the console's write path call
//      `recorder.onOutput(indexOfTheOutputLine)` for each output line, and
//      `recorder.onUncaught(error)` where an exception reaches the event loop. Without `job`, a
//      context left by an exception that no instrumented `catch` saw is only closed when one of
//      its callers runs a hook again, or at `dump()`.
//   4. At the end of the run evaluate `recorder.dump()` and put the result (an `ExecutionTrace`,
//      plain JSON) into `ModelResult.trace`.
//
// Hooks called by instrumented code (all synchronous; they never create or await promises, and
// every hook that takes a value returns it unchanged, so job and tick counts stay the original's):
//   enter(id, snapshot) -> ctx     at the start of a body (after directives)
//   ret(ctx, value) -> value       at `return value`, and for an arrow's concise body
//   exit(ctx)                      when the body falls off its end
//   suspend(ctx, line, column, value) -> value   just before `await` / `yield` takes its operand
//   resumed(ctx, value) -> value   with the value `await` / `yield` produced on resumption
//   caught(ctx, error?)            at the start of a `catch` block
//   sync(ctx)                      at the start of a `finally` block
//   loop(ctx, line, column)        before a `for await` loop (it suspends before every iteration,
//                                  with no hook; the loop body starts with `resumed(ctx, undefined)`)
//   loopEnd(ctx)                   after a `for await` loop
// `snapshot(k)` reads binding k of the static table's `bindings` (a ReferenceError means TDZ),
// -1 `this`, -2 `arguments`, -3 `new.target`, -4 the lexical parent's ctx.

import type { BindingSnapshot, ContextKind, ContextRecord, ExecutionTrace, OutputSource } from '../types';
import { msg, type LocalizableMessage } from '../../syntax/message';

/** What a context is, syntactically; decides which `this` rule applies. */
export type TracedRole =
  | 'top'
  | 'function'
  | 'arrow'
  | 'method'
  | 'accessor'
  | 'constructor'
  | 'derived-constructor'
  | 'class-field'
  | 'static-block';

export interface TracedBinding {
  name: string;
  kind: BindingSnapshot['kind'];
  /** 1-based position of the declaring name in the original text. */
  line: number;
  column: number;
}

/** One entry of the static table `instrument()` produces: a function, class field, static block or top level. */
export interface TracedFunction {
  id: number;
  name: string;
  kind: ContextKind;
  role: TracedRole;
  fileName: string;
  /** 1-based, in the original text. */
  range: { line: number; column: number; endLine: number; endColumn: number };
  /** The static function (or top level) it is nested in: the scope chain in the source. */
  parentId: number | null;
  /** Strict mode code (decides `this` of a plain call). */
  strict: boolean;
  /** The bindings its creation phase sets up, in order; index k is `snapshot(k)`. */
  bindings: TracedBinding[];
}

/**
 * Every fragment `instrument()` inserts is wrapped in these two comments. Removing each wrapped
 * fragment gives back the user's text exactly, which is how `Function.prototype.toString` of an
 * instrumented function still shows the source the user wrote.
 */
export const FRAGMENT_OPEN = '/*<ll*/';
export const FRAGMENT_CLOSE = '/*ll>*/';
// A concise arrow's text ends inside its closing fragment (the `}` that makes its body a block is
// the arrow's last character), hence the end of the text as the other way a fragment can end.
const FRAGMENT_PATTERN = /\/\*<ll\*\/[\s\S]*?(?:\/\*ll>\*\/|$)/g;

/** The original text of a piece of instrumented code (e.g. a function's `toString()`). */
export function stripInstrumentation(text: string): string {
  return text.indexOf(FRAGMENT_OPEN) < 0 ? text : text.replace(FRAGMENT_PATTERN, '');
}

/**
 * Make `Function.prototype.toString` return the user's own source for instrumented functions
 * (programs print functions' source, and util.inspect reads it to tell classes apart). It wraps
 * whatever `toString` is installed now (the bootstrap's, if it patched it), and reports itself as
 * native code, as the original does.
 */
export function restoreFunctionSource(): void {
  const previous = Function.prototype.toString;
  const replacement = {
    toString(this: unknown): string {
      const nativeName = posingAsNative.get(this as object);
      if (nativeName !== undefined) return `function ${nativeName}() { [native code] }`;
      return stripInstrumentation(previous.call(this as () => unknown));
    },
  }.toString;
  posingAsNative.set(replacement, 'toString');
  Object.defineProperty(Function.prototype, 'toString', { value: replacement, writable: true, enumerable: false, configurable: true });
}

/** Functions the trace put in place of built-ins, with the name their `toString()` must show. */
const posingAsNative = new WeakMap<object, string>();

/** Proxy -> its target, for every proxy created after `registerProxies()`. */
const proxyTargets = new WeakMap<object, object>();

/**
 * The target behind a proxy (unwrapping proxies of proxies), or undefined for anything else.
 * Formatting a proxy must not run its traps (Node's util.inspect shows the target and never
 * calls a trap); plain JavaScript cannot tell a proxy from an object, so the sandbox remembers
 * every proxy it hands out.
 */
export function proxyTargetOf(value: unknown): object | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  let target = proxyTargets.get(value as object);
  if (target === undefined) return undefined;
  for (let inner = proxyTargets.get(target); inner !== undefined; inner = proxyTargets.get(target)) target = inner;
  return target;
}

/**
 * Replace the global `Proxy` with one that records each proxy's target, indistinguishable for the
 * program: constructible only with `new`, no `prototype`, same `name`, `length`, `revocable` and
 * `toString()`. Idempotent.
 */
export function registerProxies(): void {
  const OriginalProxy = Proxy;
  if (posingAsNative.has(OriginalProxy)) return;
  function construct(this: unknown, target: object, handler: ProxyHandler<object>): object {
    if (new.target === undefined) throw new TypeError("Constructor Proxy requires 'new'");
    const proxy = new OriginalProxy(target, handler);
    proxyTargets.set(proxy, target);
    return proxy;
  }
  // A bound function is constructible, has no `prototype` (as Proxy has none) and forwards `new`.
  const replacement = construct.bind(undefined);
  Object.defineProperty(replacement, 'name', { value: 'Proxy', configurable: true });
  const revocable = {
    revocable(target: object, handler: ProxyHandler<object>): { proxy: object; revoke: () => void } {
      const pair = OriginalProxy.revocable(target, handler);
      proxyTargets.set(pair.proxy, target);
      return pair;
    },
  }.revocable;
  Object.defineProperty(replacement, 'revocable', { value: revocable, writable: true, enumerable: false, configurable: true });
  posingAsNative.set(replacement, 'Proxy');
  posingAsNative.set(revocable, 'revocable');
  Object.defineProperty(globalThis, 'Proxy', { value: replacement, writable: true, enumerable: false, configurable: true });
}

export interface TraceRecorderOptions {
  /** The static table from `instrument()` (all files of the run). */
  functions?: TracedFunction[];
  now(): number;
  step(): number;
  currentSource(): string;
  /** Changes whenever the engine starts a new callback or job; see the comment at the top. */
  job?(): number;
  inspect(value: unknown): string;
  /** Most contexts recorded (default 10,000). */
  cap?: number;
  /** Install `restoreFunctionSource()` (default true: instrumented functions must print as written). */
  restoreFunctionSource?: boolean;
  /** Install `registerProxies()` (default true: values are formatted without running proxy traps). */
  registerProxies?: boolean;
}

export interface TraceHooks {
  enter(id: number, snapshot: (index: number) => unknown): LiveContext | null;
  ret<T>(ctx: LiveContext | null, value: T): T;
  exit(ctx: LiveContext | null): void;
  suspend<T>(ctx: LiveContext | null, line: number, column: number, value: T): T;
  resumed<T>(ctx: LiveContext | null, value: T): T;
  caught(ctx: LiveContext | null, error?: unknown): void;
  sync(ctx: LiveContext | null): void;
  loop(ctx: LiveContext | null, line: number, column: number): void;
  loopEnd(ctx: LiveContext | null): void;
}

export interface TraceRecorder {
  hooks: TraceHooks;
  /** The console wrote output line `index` (an index into the model's output). */
  onOutput(index: number): void;
  /** An exception reached the event loop: every context still running was left by it. */
  onUncaught(error: unknown): void;
  dump(): ExecutionTrace;
}

/** The recorder's view of one running context; instrumented code holds it in `__ll_cN`. */
export interface LiveContext {
  record: ContextRecord;
  info: TracedFunction | undefined;
  snapshot: (index: number) => unknown;
  onStack: boolean;
  done: boolean;
  isConstruct: boolean;
  /** The `for await` loops it is inside (innermost last): it suspends there with no hook of its own. */
  loops: { line: number; column: number }[];
}

// The user's program runs after the recorder is created and may replace built-ins (a demo that
// counts Array.prototype.push calls, say); the recorder must neither call such replacements nor
// be fooled by them, so it keeps its own references and does not use array methods.
const ReferenceErrorClass = ReferenceError;
const stringify = JSON.stringify;
const parse = JSON.parse;

function append<T>(list: T[], item: T): void {
  list[list.length] = item;
}

function removeLast<T>(list: T[]): T | undefined {
  if (list.length === 0) return undefined;
  const item = list[list.length - 1];
  list.length = list.length - 1;
  return item;
}

const UNINITIALIZED = '<uninitialized>';
const releasedSnapshot = (): unknown => undefined;
const DEFAULT_CAP = 10_000;
const MAX_VALUE_LENGTH = 200;

/**
 * The built-in methods a value formatter calls, as they were when the sandbox started. A program
 * may replace them (`Array.prototype.push = ...` to count calls); Node's util.inspect uses its
 * own untouched copies (primordials), so formatting a trace value must not call the program's.
 */
const PRISTINE_METHODS: [object, string, unknown][] = [];
for (const [holder, names] of [
  [Array.prototype, ['push', 'pop', 'shift', 'unshift', 'slice', 'splice', 'join', 'map', 'filter', 'forEach', 'some', 'every', 'reduce', 'indexOf', 'includes', 'concat', 'sort', 'keys', 'entries', 'values', 'fill', 'find', 'findIndex', 'flat', 'reverse']],
  [String.prototype, ['slice', 'substring', 'replace', 'replaceAll', 'split', 'repeat', 'padStart', 'padEnd', 'includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'toLowerCase', 'toUpperCase', 'trim', 'trimEnd', 'trimStart', 'charCodeAt', 'codePointAt', 'charAt', 'normalize', 'match', 'search', 'concat']],
  [Object, ['keys', 'values', 'entries', 'assign', 'getOwnPropertyNames', 'getOwnPropertySymbols', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getPrototypeOf', 'defineProperty', 'is', 'freeze']],
  [Object.prototype, ['hasOwnProperty', 'toString', 'propertyIsEnumerable', 'isPrototypeOf']],
  [JSON, ['stringify', 'parse']],
  [Math, ['max', 'min', 'floor', 'round', 'abs', 'trunc', 'sqrt', 'log10']],
  [Number.prototype, ['toString', 'toFixed']],
  [RegExp.prototype, ['exec', 'test', 'toString']],
  [Map.prototype, ['get', 'set', 'has', 'forEach', 'entries', 'keys', 'values']],
  [Set.prototype, ['add', 'has', 'forEach', 'values']],
  [Function.prototype, ['call', 'apply', 'bind']],
] as [object, string[]][]) {
  for (const name of names) PRISTINE_METHODS.push([holder, name, (holder as Record<string, unknown>)[name]]);
}

/**
 * Runs `format` with the built-in methods the program replaced put back for its duration (and the
 * program's own back afterwards). Nothing is touched when nothing was replaced, the usual case.
 */
export function withPristineBuiltins<T>(format: () => T): T {
  // Indexes of the replaced entries, and the program's methods (written by index: `push` may be one of them).
  let replaced: number[] | null = null;
  let programs: unknown[] | null = null;
  for (let index = 0; index < PRISTINE_METHODS.length; index++) {
    const [holder, name, pristine] = PRISTINE_METHODS[index];
    const current = (holder as Record<string, unknown>)[name];
    if (current === pristine) continue;
    replaced ??= [];
    programs ??= [];
    replaced[replaced.length] = index;
    programs[programs.length] = current;
  }
  if (!replaced || !programs) return format();
  const swap = (pristine: boolean) => {
    for (let at = 0; at < replaced.length; at++) {
      const [holder, name, original] = PRISTINE_METHODS[replaced[at]];
      try {
        (holder as Record<string, unknown>)[name] = pristine ? original : programs[at];
      } catch {
        // A frozen or non-writable replacement stays: formatting may then call it.
      }
    }
  };
  swap(true);
  try {
    return format();
  } finally {
    swap(false);
  }
}

export function createTraceRecorder(opts: TraceRecorderOptions): TraceRecorder {
  const cap = opts.cap ?? DEFAULT_CAP;
  if (opts.restoreFunctionSource !== false) restoreFunctionSource();
  if (opts.registerProxies !== false) registerProxies();
  const table = new Map<number, TracedFunction>();
  for (const info of opts.functions ?? []) table.set(info.id, info);

  const contexts: ContextRecord[] = [];
  const stack: LiveContext[] = [];
  /** The latest context of each static function: the fallback for the lexical parent. */
  const latestByStaticId = new Map<number, number>();
  let capped = false;
  let maxStep = 0;
  let lastJob: number | undefined;
  /** Set while the recorder itself runs code that might call back into user code (inspect, snapshots). */
  let busy = false;

  // Calls into the host are the recorder's main cost inside QuickJS (measured: ~17 µs each against
  // ~40 µs for all the rest of a context's bookkeeping), so each hook asks the host at most one
  // question (`job()`), and reads `step()` and `currentSource()` again only when a new job began.
  let currentStep = 0;
  let currentSource = 'main';
  const refreshClock = (): void => {
    try {
      currentStep = opts.step();
    } catch {}
    try {
      currentSource = opts.currentSource();
    } catch {}
    if (currentStep > maxStep) maxStep = currentStep;
  };
  const step = (): number => currentStep;

  const show = (value: unknown): string => {
    // The global object is the usual `this` of sloppy plain calls; its full inspection is pages long.
    if (value === globalThis) return 'globalThis';
    // The common primitives need no formatter (util.inspect writes them exactly like this), and
    // skipping it halves the recorder's cost per context inside QuickJS.
    switch (typeof value) {
      case 'number':
        return value === 0 && 1 / value < 0 ? '-0' : `${value}`;
      case 'boolean':
      case 'undefined':
        return `${value}`;
      case 'bigint':
        return `${value}n`;
      default:
        if (value === null) return 'null';
    }
    // Node shows a proxy as its target, without running a trap.
    const target = proxyTargetOf(value);
    let text: string;
    try {
      text = `${opts.inspect(target === undefined ? value : target)}`;
    } catch {
      text = '<uninspectable>';
    }
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
  };

  /** Read one slot of a snapshot closure: a ReferenceError is a binding in its temporal dead zone. */
  const read = (ctx: LiveContext, index: number): { ok: true; value: unknown } | { ok: false; tdz: boolean } => {
    try {
      return { ok: true, value: ctx.snapshot(index) };
    } catch (error) {
      return { ok: false, tdz: error instanceof ReferenceErrorClass };
    }
  };

  const showArguments = (args: ArrayLike<unknown>): string => {
    let text = '{ ';
    for (let index = 0; index < args.length; index++) text += `${index}: ${show(args[index])}, `;
    return `${text}length: ${args.length} }`;
  };

  const snapshotBindings = (ctx: LiveContext, withPositions: boolean): BindingSnapshot[] => {
    const bindings: BindingSnapshot[] = [];
    const role = ctx.info?.role;
    if (role && role !== 'top' && role !== 'arrow' && role !== 'class-field' && role !== 'static-block') {
      const args = read(ctx, -2);
      if (args.ok && args.value && typeof args.value === 'object') {
        append(bindings, { name: 'arguments', kind: 'arguments', value: showArguments(args.value as ArrayLike<unknown>) });
      }
    }
    const declared = ctx.info ? ctx.info.bindings : [];
    for (let index = 0; index < declared.length; index++) {
      const binding = declared[index];
      const slot = read(ctx, index);
      const snapshot: BindingSnapshot = { name: binding.name, kind: binding.kind, value: slot.ok ? show(slot.value) : slot.tdz ? UNINITIALIZED : '<unreadable>' };
      if (withPositions) {
        snapshot.line = binding.line;
        snapshot.column = binding.column;
      }
      append(bindings, snapshot);
    }
    return bindings;
  };

  // Every reason is a message without arguments (its English text is its template), so the record
  // keeps the plain text and the editor can still look it up in its l10n bundle.
  const thisReasonOf = (info: TracedFunction | undefined, self: { ok: true; value: unknown } | { ok: false; tdz: boolean }, isConstruct: boolean): LocalizableMessage => {
    if (!info) return msg('unknown context');
    switch (info.role) {
      case 'top':
        if (info.kind === 'module') return msg('module top level: `this` is undefined');
        if (self.ok && self.value === globalThis) return msg('script top level: `this` is the global object');
        return msg('CommonJS top level: `this` is `module.exports`');
      case 'arrow':
        return msg('arrow function: `this` is inherited from the enclosing context');
      case 'class-field':
        return msg('class field initializer: `this` is the instance being initialised (the class itself for a static field)');
      case 'static-block':
        return msg('static block: `this` is the class');
      case 'derived-constructor':
        return msg('derived class constructor: `this` is uninitialised until `super()` returns');
      default:
        break;
    }
    if (isConstruct) return msg('called with `new`: `this` is the newly created object');
    if (!self.ok) return msg('unreadable');
    if (self.value === undefined) {
      return info.strict ? msg('plain call in strict code: `this` is undefined') : msg('`this` is undefined');
    }
    if (self.value === globalThis && !info.strict) return msg('plain call in sloppy code: `this` is the global object');
    if (info.role === 'accessor') return msg('property access: `this` is the object the getter or setter was found through');
    return msg('method call (or call/apply/bind): `this` is the receiver');
  };

  /** Contexts above `ctx` on the stack were left by an exception. */
  const unwindTo = (ctx: LiveContext | null, error: { value: unknown } | null): void => {
    while (stack.length > 0 && stack[stack.length - 1] !== ctx) {
      if (ctx !== null && !ctx.onStack) return;
      const top = removeLast(stack) as LiveContext;
      top.onStack = false;
      const loop = top.loops[top.loops.length - 1];
      if (loop && !error) {
        // Inside `for await`: it went to wait for the next value, it did not throw.
        // The latest step seen before this hook is the closest known bound of when it began waiting.
        append(top.record.suspensions, { suspendStep: maxStep, resumeStep: null, at: { ...loop } });
        top.record.outcome = { kind: 'suspended', value: '' };
        continue;
      }
      finish(top, 'throw', error ? show(error.value) : '<exception>');
    }
  };

  const finish = (ctx: LiveContext, kind: 'return' | 'throw', value: string): void => {
    if (ctx.done) return;
    ctx.done = true;
    ctx.record.outcome = { kind, value };
    ctx.record.exit = snapshotBindings(ctx, false);
    ctx.record.exitStep = step();
    closeSuspension(ctx);
    // The closure keeps the context's whole environment alive; once the exit snapshot is taken it is
    // no longer needed, and holding it would keep garbage the program itself released (leak demos).
    ctx.snapshot = releasedSnapshot;
  };

  const closeSuspension = (ctx: LiveContext): void => {
    const suspensions = ctx.record.suspensions;
    const last = suspensions[suspensions.length - 1];
    if (last && last.resumeStep === null) last.resumeStep = step();
  };

  /** The start of every hook: notice a new job (and unwind what the last one left), read the clock. */
  const checkJob = (): void => {
    if (!opts.job) {
      refreshClock();
      return;
    }
    let job: number | undefined;
    try {
      job = opts.job();
    } catch {}
    if (job === lastJob) return;
    lastJob = job;
    // A new callback or job started: whatever was still on the stack did not return normally.
    unwindTo(null, null);
    refreshClock();
  };

  /** A hook of `ctx` ran while `ctx` was off the stack: it was resumed (e.g. by a rejection or `gen.throw()`). */
  const ensureRunning = (ctx: LiveContext): void => {
    if (ctx.onStack || ctx.done) return;
    // Who resumed it: the context on top of the stack called next()/throw()/return() (a generator);
    // an await's continuation starts a job of its own, so the stack is empty and the job is the resumer.
    const suspensions = ctx.record.suspensions;
    const open = suspensions[suspensions.length - 1];
    if (open && open.resumeStep === null) {
      const caller = stack.length > 0 ? stack[stack.length - 1] : null;
      open.resumedBy = { callerId: caller ? caller.record.id : null, source: currentSource as OutputSource, step: step() };
    }
    closeSuspension(ctx);
    ctx.record.outcome = { kind: 'running', value: '' };
    ctx.onStack = true;
    append(stack, ctx);
  };

  /** Run a hook's body with the re-entrancy guard; a recorder bug must never break the user's program. */
  const guarded = (body: () => void): void => {
    if (busy) return;
    busy = true;
    try {
      body();
    } catch {
    } finally {
      busy = false;
    }
  };

  const hooks: TraceHooks = {
    enter(id, snapshot) {
      let created: LiveContext | null = null;
      guarded(() => {
        checkJob();
        if (contexts.length >= cap) {
          capped = true;
          return;
        }
        const info = table.get(id);
        const ctx: LiveContext = { record: null as unknown as ContextRecord, info, snapshot, onStack: true, done: false, isConstruct: false, loops: [] };
        const hasOwnThis = info !== undefined && info.role !== 'arrow' && info.role !== 'top' && info.role !== 'class-field' && info.role !== 'static-block';
        if (hasOwnThis) {
          const newTarget = read(ctx, -3);
          ctx.isConstruct = newTarget.ok && newTarget.value !== undefined;
        }
        const self = read(ctx, -1);
        const parent = read(ctx, -4);
        let lexicalParentId: number | null = null;
        if (parent.ok && parent.value && typeof parent.value === 'object' && 'record' in (parent.value as object)) {
          lexicalParentId = (parent.value as LiveContext).record.id;
        } else if (info && info.parentId !== null) {
          lexicalParentId = latestByStaticId.get(info.parentId) ?? null;
        }
        const args: string[] = [];
        if (hasOwnThis) {
          const argumentsSlot = read(ctx, -2);
          if (argumentsSlot.ok && argumentsSlot.value && typeof argumentsSlot.value === 'object') {
            const list = argumentsSlot.value as ArrayLike<unknown>;
            for (let index = 0; index < list.length; index++) append(args, show(list[index]));
          }
        }
        const source = currentSource;
        const caller = stack.length > 0 ? stack[stack.length - 1] : null;
        ctx.record = {
          id: contexts.length,
          kind: info ? info.kind : 'function',
          name: info ? info.name : `#${id}`,
          range: info ? { ...info.range } : { line: 0, column: 0, endLine: 0, endColumn: 0 },
          callerId: caller ? caller.record.id : null,
          lexicalParentId,
          thisValue: self.ok ? show(self.value) : self.tdz ? UNINITIALIZED : '<unreadable>',
          thisReason: thisReasonOf(info, self, ctx.isConstruct).message,
          args,
          creation: [],
          exit: null,
          outcome: { kind: 'running', value: '' },
          suspensions: [],
          source: source as OutputSource,
          enterStep: step(),
          exitStep: null,
          printed: [],
        };
        ctx.record.creation = snapshotBindings(ctx, true);
        if (!hasOwnThis && info && info.role === 'arrow') {
          // An arrow has no `arguments` of its own: its arguments are its parameters' values.
          for (let index = 0; index < ctx.record.creation.length; index++) {
            const binding = ctx.record.creation[index];
            if (binding.kind === 'param') append(args, binding.value);
          }
        }
        append(contexts, ctx.record);
        latestByStaticId.set(id, ctx.record.id);
        append(stack, ctx);
        created = ctx;
      });
      return created;
    },

    ret(ctx, value) {
      if (ctx) {
        guarded(() => {
          checkJob();
          ensureRunning(ctx);
          unwindTo(ctx, null);
          if (stack[stack.length - 1] === ctx) {
            removeLast(stack);
            ctx.onStack = false;
          }
          finish(ctx, 'return', show(value));
        });
      }
      return value;
    },

    exit(ctx) {
      if (!ctx) return;
      guarded(() => {
        checkJob();
        ensureRunning(ctx);
        unwindTo(ctx, null);
        if (stack[stack.length - 1] === ctx) {
          removeLast(stack);
          ctx.onStack = false;
        }
        // A constructor that falls off its end produces `this`.
        let value = 'undefined';
        if (ctx.isConstruct || ctx.info?.role === 'derived-constructor') {
          const self = read(ctx, -1);
          if (self.ok) value = show(self.value);
        }
        finish(ctx, 'return', value);
      });
    },

    suspend(ctx, line, column, value) {
      if (ctx) {
        guarded(() => {
          checkJob();
          ensureRunning(ctx);
          unwindTo(ctx, null);
          if (stack[stack.length - 1] === ctx) {
            removeLast(stack);
            ctx.onStack = false;
          }
          append(ctx.record.suspensions, { suspendStep: step(), resumeStep: null, at: { line, column } });
          ctx.record.outcome = { kind: 'suspended', value: show(value) };
        });
      }
      return value;
    },

    resumed(ctx, value) {
      if (ctx) {
        guarded(() => {
          checkJob();
          ensureRunning(ctx);
          unwindTo(ctx, null);
        });
      }
      return value;
    },

    caught(ctx, ...error) {
      if (!ctx) return;
      guarded(() => {
        checkJob();
        ensureRunning(ctx);
        unwindTo(ctx, error.length > 0 ? { value: error[0] } : null);
      });
    },

    sync(ctx) {
      if (!ctx) return;
      guarded(() => {
        checkJob();
        ensureRunning(ctx);
        unwindTo(ctx, null);
      });
    },

    loop(ctx, line, column) {
      if (!ctx) return;
      guarded(() => {
        checkJob();
        ensureRunning(ctx);
        unwindTo(ctx, null);
        // The loop first evaluates its iterable (possibly calling functions from this context),
        // then waits for each value; those waits are found when the job ends (see unwindTo).
        append(ctx.loops, { line, column });
      });
    },

    loopEnd(ctx) {
      if (!ctx) return;
      guarded(() => {
        checkJob();
        ensureRunning(ctx);
        unwindTo(ctx, null);
        removeLast(ctx.loops);
      });
    },
  };

  return {
    hooks,
    onOutput(index) {
      guarded(() => {
        const top = stack[stack.length - 1];
        if (top) append(top.record.printed, index);
      });
    },
    onUncaught(error) {
      guarded(() => unwindTo(null, { value: error }));
    },
    dump() {
      // Plain data: the trace crosses the worker boundary and the JSON output unchanged.
      return parse(stringify({ contexts, capped, steps: maxStep })) as ExecutionTrace;
    },
  };
}

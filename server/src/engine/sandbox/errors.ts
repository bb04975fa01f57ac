// Errors in V8's words. QuickJS words its messages its own way (measured: 4 of 81 probed messages
// matched V8's), and programs print `e.message`, so a prediction is only right if the sandbox says
// what V8 says.
//
// Design — translate when an error first becomes visible to the program, not when it is read:
//  - Errors the program constructs (`new Error('x')`, subclasses) go through wrapped constructors,
//    which give them a V8-shaped `stack` ("Error: x\n    at f (file:1:2)") at creation.
//  - Errors the engine throws (TypeError from `o.foo()`, ReferenceError from the TDZ, stack
//    overflow) are created inside QuickJS, out of reach. They become visible only by being caught
//    (`catch (e)`, rewritten by the engine to `catch (e) { e = __looplens_seen(e); ...`), by reaching
//    a rejection handler (the `then` patch translates the reason), or by escaping to the event
//    loop (the host translates before it reports). Each of those paths calls `translate` first.
//    Errors leaving an async function's body, a `then` callback or a `try` block with only a
//    `finally` are translated as they leave, before other code overwrites the operands the rewrite
//    remembered for their messages (a computed key).
//  QuickJS's `message` and `stack` are plain writable own properties, so translation rewrites them
//  in place and the object keeps its identity. Patching a `message` getter on Error.prototype
//  cannot work: the own property shadows it.
//
// Messages that name source text (`o.foo is not a function`, `5 is not iterable`) are rebuilt from
// the program text at the error's position, which QuickJS's stack gives as line:column.

import { moduleSourceOf, splitLocation } from './moduleSources';
import { dataProperty, isTrackedProxy, v8ReceiverText } from './inspect';
import { errorHeader, userPosition, v8Frames } from './stacks';
import { v8SyntaxError } from './syntaxErrors';
import { CALLBACK_ARRAY_METHODS } from './moduleProtocol';

/**
 * The value the last class definition extends (the rewrite's `__looplens_heritage`). QuickJS throws
 * right after evaluating it, before any other code runs, so the latest value is the failing one.
 */
let lastHeritage: { value: unknown } | null = null;

/**
 * The rewrite's item 11: the last value of each operand role, kept in the global
 * `__looplens_<role>` the rewritten program assigns (an assignment costs next to nothing in a hot
 * loop, where a call cost ~25% more CPU on a loop of pushes): `receiver`, `callback` with
 * `callbackMethod` (the method it was passed to) and `callbackReceiver` (a forEach's receiver),
 * `inKey`, `inTarget`, `instanceofTarget`, `writeTarget` (the receiver of a property write), `key`
 * and `writeKey` (a computed key that is not a literal, read or plainly written); and the last value a declaration or assignment
 * destructured with its site (the pattern's facts as JSON). NO_OPERAND when none is remembered.
 * The operation that fails runs right after its operands, so the latest values are the failing
 * ones; each is checked against the message before use, and forgotten once used.
 */
const NO_OPERAND = Symbol('no operand');
const OPERAND_ROLES = ['receiver', 'callback', 'callbackMethod', 'callbackReceiver', 'inKey', 'inTarget', 'instanceofTarget', 'writeTarget', 'key', 'writeKey'] as const;
type OperandRole = (typeof OPERAND_ROLES)[number];
const lastDestructure: { value: unknown; site: string } = { value: NO_OPERAND, site: '' };
/**
 * Marks lastDestructure.value as what `stepValue` finds: the value of a for-of or for-await step
 * (`__looplens_forOf`, `__looplens_forAwait`), looked up only when a message needs it, never through
 * a getter; null when it cannot be known so.
 */
const FOR_OF_STEP = Symbol('for-of step');
let stepValue: () => { value: unknown } | null = () => null;

/** A for-of or for-await step whose value a pattern in the loop's head destructures next (see FOR_OF_STEP). */
export function rememberLoopStep(value: () => { value: unknown } | null, site: string): void {
  stepValue = value;
  lastDestructure.value = FOR_OF_STEP;
  lastDestructure.site = site;
}

/** The remembered value of `role`, if `fits` it (a value that does not is some other operation's), forgotten once read. */
function takeOperand(role: OperandRole, fits: (value: unknown) => boolean): { value: unknown } | null {
  const global = globalThis as Record<string, unknown>;
  const value = global[`__looplens_${role}`];
  if (value === NO_OPERAND || !fits(value)) return null;
  global[`__looplens_${role}`] = NO_OPERAND;
  return { value };
}

/**
 * Whether `value` or an object on its prototype chain has an own property `key` whose descriptor
 * passes `fits`. The receiver the rewrite remembered may be an earlier write's (a write it did not
 * see, like a destructuring or Object.assign, leaves the last one in place), so a message names it
 * only when it really has the read-only or getter-only property that failed (review rv9 #4).
 */
function ownOrInheritedProperty(value: unknown, key: PropertyKey, fits: (descriptor: PropertyDescriptor) => boolean): boolean {
  try {
    for (let object = value as object | null; object !== null; object = Object.getPrototypeOf(object)) {
      const descriptor = Object.getOwnPropertyDescriptor(object, key);
      if (descriptor) return fits(descriptor);
    }
  } catch {
    // A proxy's trap threw: the receiver cannot be vouched for.
  }
  return false;
}

/** Where each thrown value was last thrown (objects), and the last thrown primitive. */
const throwSites = new WeakMap<object, { line: number; column: number }>();
let lastPrimitiveThrow: { value: unknown; line: number; column: number } | null = null;

/** The position of the `throw` statement that threw `value`, when the rewrite recorded it. */
export function throwSiteOf(value: unknown): { line: number; column: number } | null {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) return throwSites.get(value as object) ?? null;
  if (lastPrimitiveThrow && Object.is(lastPrimitiveThrow.value, value)) return { line: lastPrimitiveThrow.line, column: lastPrimitiveThrow.column };
  return null;
}

export interface V8ErrorOptions {
  isModule: boolean;
  /** The code exactly as QuickJS evaluated it (positions in stacks refer to this text). */
  evaluatedCode: string;
  fileName: string;
  /**
   * Chromium's V8 (newer than Node 20's) prints a built-in's callback that is not a function by
   * its type and value (`number 10 is not a function`, `object is not a function`), where Node
   * prints the value (`10`, `#<Object>`): measured in both.
   */
  callbacksByType?: boolean;
  /** The program runs in Chromium, whose V8 places some failures elsewhere than Node 20's (a rest pattern's). */
  chromium?: boolean;
  /** Node 10's V8 (6.8), which words and places a failed destructuring otherwise (measured in Node 10.24.1). */
  legacy?: boolean;
}

const translated = new WeakSet<object>();
/**
 * Where V8 places an error that QuickJS places elsewhere, in the user's text of the entry file: a
 * failed destructuring, which QuickJS places at the start of its function (V8: at the pattern).
 */
const pinnedPositions = new WeakMap<object, PinnedPosition>();
/** V8's stack frame position, and Node's crash caret where the message's location differs from it. */
interface PinnedPosition {
  line: number;
  column: number;
  header?: { line: number; column: number };
}
/** Found while one error's message is translated: where V8 places it (see pinnedPositions). */
let failurePosition: PinnedPosition | null = null;

/** Where Node's crash header quotes `error` when that is not its QuickJS stack's first frame. */
export function pinnedPositionOf(error: unknown): { line: number; column: number } | null {
  const pinned = error !== null && typeof error === 'object' ? pinnedPositions.get(error) : undefined;
  return pinned ? pinned.header ?? { line: pinned.line, column: pinned.column } : null;
}
/** QuickJS's own stack text of each error, kept for locating the throw site. */
const rawStacks = new WeakMap<object, string>();

let options: V8ErrorOptions = { isModule: false, evaluatedCode: '', fileName: '' };
let codeLines: string[] = [];

/** The program's evaluated code and its file arrive when a prepared context is configured for a run. */
export function setEvaluatedCode(code: string, fileName: string): void {
  options = { ...options, evaluatedCode: code, fileName };
  codeLines = code.split('\n');
}

export function rawStackOf(error: object): string | undefined {
  return rawStacks.get(error);
}

let linkErrorTranslator: ((error: Error) => boolean) | undefined;

/** V8's own SyntaxError for a file of the program (the host's `v8SyntaxError`), when the host has one. */
type CompileErrorOracle = (file: string, isModule: boolean) => { message: string; line: number; column: number; caretLength: number } | undefined;
let compileErrorOracle: CompileErrorOracle | undefined;

/** The module system hands over the host's V8 verdict on files that do not compile (sandbox/modules.ts). */
export function setCompileErrorOracle(oracle: CompileErrorOracle): void {
  compileErrorOracle = oracle;
}

/** The module system's rewording of QuickJS's linking errors (sandbox/modules.ts); true when it handled `error`. */
export function setLinkErrorTranslator(translator: (error: Error) => boolean): void {
  linkErrorTranslator = translator;
}

const ERROR_NAMES = ['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError'] as const;

export function installV8Errors(opts: V8ErrorOptions): { translate: (value: unknown) => unknown } {
  options = opts;
  codeLines = opts.evaluatedCode.split('\n');
  const global = globalThis as any;

  for (const name of ERROR_NAMES) {
    const Original = global[name] as ErrorConstructor;
    const Wrapped = {
      [name]: function (this: unknown, ...args: unknown[]) {
        const error = Reflect.construct(Original, args, new.target ?? Wrapped) as Error;
        fixCreatedStack(error, new.target !== undefined && new.target !== Wrapped ? new.target : undefined);
        return error;
      },
    }[name] as unknown as ErrorConstructor;
    Object.defineProperty(Wrapped, 'prototype', { value: Original.prototype, writable: false });
    Object.defineProperty(Original.prototype, 'constructor', { value: Wrapped, writable: true, configurable: true, enumerable: false });
    if (name !== 'Error') Object.setPrototypeOf(Wrapped, global.Error);
    Object.defineProperty(Wrapped, 'length', { value: 1 });
    Object.defineProperty(global, name, { value: Wrapped, writable: true, configurable: true, enumerable: false });
  }
  const WrappedError = global.Error;
  WrappedError.stackTraceLimit = 10;
  // Node and Chromium have Error.captureStackTrace; many libraries call it.
  WrappedError.captureStackTrace = function captureStackTrace(target: object, constructorOpt?: unknown) {
    if (target === null || typeof target !== 'object') throw new TypeError('Invalid argument');
    // QuickJS's own stack of a probe (its `stack` is already V8's text); this function's frame and
    // the Error wrapper's are the sandbox's, which v8Frames drops.
    const probe = new (Error as any)();
    const raw = rawStacks.get(probe) ?? '';
    const frames = v8Frames(typeof constructorOpt === 'function' ? framesBelowCallOf(raw, constructorOpt) : raw, options.isModule);
    Object.defineProperty(target, 'stack', { value: [errorHeader(target as Error), ...frames].join('\n'), writable: true, configurable: true, enumerable: false });
    // The stack is V8's already: an error-like target caught later must not be translated again
    // (translate would read this text as QuickJS's and rebuild it: a DOMException's last frame
    // gained ` ()`). Without frames (constructorOpt is one of the sandbox's own functions, as in
    // assert) it is left to translate, which finds the frames when the error is caught or reported.
    if (frames.length > 0) translated.add(target);
  };
  // V8's is not enumerable: `console.log(Error)` shows only `{ stackTraceLimit: 10 }` (measured).
  Object.defineProperty(WrappedError, 'captureStackTrace', { enumerable: false });
  // AggregateError: V8 keeps the message as given ('' when none), QuickJS too; only the stack.
  const OriginalAggregate = global.AggregateError;
  if (typeof OriginalAggregate === 'function') {
    const WrappedAggregate = function AggregateError(this: unknown, ...args: unknown[]) {
      const error = Reflect.construct(OriginalAggregate, args, new.target ?? WrappedAggregate) as Error;
      fixCreatedStack(error, new.target !== undefined && new.target !== WrappedAggregate ? new.target : undefined);
      return error;
    } as unknown as ErrorConstructor;
    Object.defineProperty(WrappedAggregate, 'prototype', { value: OriginalAggregate.prototype, writable: false });
    Object.defineProperty(OriginalAggregate.prototype, 'constructor', { value: WrappedAggregate, writable: true, configurable: true, enumerable: false });
    Object.setPrototypeOf(WrappedAggregate, WrappedError);
    Object.defineProperty(global, 'AggregateError', { value: WrappedAggregate, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(global, '__looplens_seen', { value: translate, writable: false, configurable: true, enumerable: false });
  // The rewrite's item 11: operands whose values V8's messages print, assigned by role.
  for (const role of OPERAND_ROLES) Object.defineProperty(global, `__looplens_${role}`, { value: NO_OPERAND, writable: true, configurable: true, enumerable: false });
  // A for-of head's pattern: each step's result is remembered as the value it destructures.
  Object.defineProperty(global, '__looplens_forOf', {
    value: (iterable: unknown, site: string) => forOfSteps(iterable, site),
    writable: false,
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(global, '__looplens_destructure', {
    value: (value: unknown, site: string) => {
      lastDestructure.value = value;
      lastDestructure.site = site;
      return value;
    },
    writable: false,
    configurable: true,
    enumerable: false,
  });
  // The rewrite's item 10: each value after `extends`, remembered for the message should it not be a constructor.
  Object.defineProperty(global, '__looplens_heritage', {
    value: (value: unknown) => {
      lastHeritage = { value };
      return value;
    },
    writable: false,
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(global, '__looplens_throwSite', {
    value: (value: unknown, line: number, column: number) => {
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) throwSites.set(value as object, { line, column });
      else lastPrimitiveThrow = { value, line, column };
      return value;
    },
    writable: false,
    configurable: true,
    enumerable: false,
  });
  return { translate };
}

/**
 * V8 leaves out every frame above the topmost call of Error.captureStackTrace's `constructorOpt`,
 * that call included, and all frames when it is not on the stack. QuickJS names a frame after the
 * function's `name`, so the call is the first program frame (outside the sandbox) of that name.
 */
function framesBelowCallOf(raw: string, fn: object, sandboxFramesToo = false): string {
  let name: unknown;
  try {
    name = Object.getOwnPropertyDescriptor(fn, 'name')?.value;
  } catch {
    return '';
  }
  const lines = raw.split('\n');
  const call = lines.findIndex((line) => {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(line);
    return match !== null && match[1] === name && (sandboxFramesToo || !/^(?:looplens:sandbox\.js|<looplens>)/.test(match[2] ?? ''));
  });
  return call < 0 ? '' : lines.slice(call + 1).join('\n');
}

/**
 * A program-made error: V8's stack shape, frames of the sandbox's own wrapper removed. An error
 * made through a subclass (`new MyError()`, whose constructor calls super) starts below the
 * subclass constructor's frame, as V8's Error constructor skips the frames up to new.target's
 * (measured: `new MyError('x')` has no `at new MyError` line), and has no frames at all when that
 * constructor is not running (`Reflect.construct(Error, [], MyError)`, measured too).
 */
function fixCreatedStack(error: Error, subclass?: object): void {
  const raw = typeof error.stack === 'string' ? error.stack : '';
  rawStacks.set(error, raw);
  translated.add(error);
  // The subclass may be the sandbox's own (assert's AssertionError, ...): its frame counts too.
  const framesRaw = subclass === undefined ? raw : framesBelowCallOf(raw, subclass, true);
  // Frames are taken now (Node's internal frames depend on the callback running now); the header
  // is formatted on first read, as V8 does, so `this.name = 'MyError'` in a subclass constructor
  // still shows in the stack.
  const frames = v8Frames(framesRaw, options.isModule);
  let formatted: string | undefined;
  try {
    Object.defineProperty(error, 'stack', {
      get() {
        formatted ??= [errorHeader(error), ...frames].join('\n');
        return formatted;
      },
      set(value: unknown) {
        Object.defineProperty(error, 'stack', { value, writable: true, configurable: true, enumerable: false });
      },
      configurable: true,
      enumerable: false,
    });
  } catch {}
}

/** Rewrites an engine-made error (message, name, stack) into V8's form; idempotent. */
export function translate(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || translated.has(value)) return value;
  if (!(value instanceof Error)) return value;
  try {
    return translateOnce(value);
  } catch {
    // Out of stack: a stack overflow passing through a `finally` deep in the recursion (rewrite
    // item 1) leaves no room to translate it there; it is translated where it is caught or reported.
    translated.delete(value);
    return value;
  }
}

/** Whether `failure` is QuickJS's own stack overflow. */
function isStackOverflow(failure: unknown): boolean {
  return failure instanceof Error && failure.name === 'InternalError' && failure.message === 'stack overflow';
}

function translateOnce(value: Error): unknown {
  translated.add(value);
  const error = value as Error & { [key: string]: unknown };
  const raw = typeof error.stack === 'string' ? error.stack : '';
  rawStacks.set(error, raw);
  // Errors of the module loader (a missing export) are worded by the module system, which knows the graph.
  if (linkErrorTranslator?.(error)) return error;
  const position = positionFromStack(raw);
  if (error.name === 'SyntaxError' && position && translateCompileError(error, raw, position)) return error;
  if (error.name === 'SyntaxError' && !position && translateUnplacedCompileError(error, raw)) return error;
  try {
    failurePosition = null;
    const rewritten = translateMessage(error, position, raw);
    // A place found for the error counts only when the top frame is the entry's (the file the rewrite and the host's positions are about).
    const pinned = failurePosition !== null && programPosition(raw.split('\n', 1)[0])?.lines === undefined ? failurePosition : null;
    failurePosition = null;
    if (pinned) pinnedPositions.set(error, pinned);
    if (rewritten) {
      if (rewritten.name && rewritten.name !== error.name) {
        const proto = (globalThis as any)[rewritten.name]?.prototype;
        if (proto) Object.setPrototypeOf(error, proto);
      }
      if (rewritten.message !== undefined) {
        Object.defineProperty(error, 'message', { value: rewritten.message, writable: true, configurable: true, enumerable: false });
      }
    }
    Object.defineProperty(error, 'stack', { value: [errorHeader(error), ...v8Frames(raw, options.isModule, pinned)].join('\n'), writable: true, configurable: true, enumerable: false });
  } catch (failure) {
    if (isStackOverflow(failure)) throw failure;
  }
  return error;
}

/** Carets Node puts under a syntax error's token in its crash header. */
const syntaxCarets = new WeakMap<object, number>();

export function syntaxCaretLength(error: unknown): number | undefined {
  return error !== null && typeof error === 'object' ? syntaxCarets.get(error) : undefined;
}

// Node 20.20.2's frames under a file that does not compile (measured).
const COMPILE_FRAMES = {
  commonjs: [
    '    at wrapSafe (node:internal/modules/cjs/loader:1464:18)',
    '    at Module._compile (node:internal/modules/cjs/loader:1495:20)',
    '    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)',
    '    at Module.load (node:internal/modules/cjs/loader:1266:32)',
    '    at Module._load (node:internal/modules/cjs/loader:1091:12)',
  ],
  commonjsMain: [
    '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
    '    at node:internal/main/run_main_module:28:49',
  ],
  commonjsRequired: [
    '    at Module.require (node:internal/modules/cjs/loader:1289:19)',
    '    at require (node:internal/modules/helpers:182:18)',
  ],
  module: [
    '    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)',
    '    at ModuleLoader.moduleStrategy (node:internal/modules/esm/translators:146:18)',
    '    at #translate (node:internal/modules/esm/loader:497:12)',
    '    at ModuleLoader.loadAndTranslate (node:internal/modules/esm/loader:544:27)',
  ],
  moduleEntry: ['    at async ModuleJob._link (node:internal/modules/esm/module_job:148:19)'],
};

/**
 * A file that does not compile (QuickJS's only frame is the bare error location): V8's message
 * for the offending token (syntaxErrors.ts) over Node's compile frames, the frames of the code
 * that required the file below them. False when `error` is not such an error.
 */
function translateCompileError(error: Error, raw: string, position: Position, alreadyMeasured?: ReturnType<CompileErrorOracle>): boolean {
  const [first, ...callers] = raw.split('\n');
  const bare = /^\s*at ([^\s()]+:\d+:\d+)\s*$/.exec(first);
  const location = bare ? splitLocation(bare[1]) : null;
  // JSON.parse's errors have a bare location too, in "<input>": only the program's own files compile.
  if (!location || (location.file !== options.fileName && !moduleSourceOf(location.file))) return false;
  const isEntry = location.file === options.fileName;
  const isModule = isEntry ? options.isModule : moduleSourceOf(location.file)?.isModule ?? false;
  try {
    // V8's own verdict where the host has one: its message, and the place its caret points at (an
    // unclosed block: the end of the input, where QuickJS stops at an earlier token).
    const measured = alreadyMeasured ?? compileErrorOracle?.(location.file, isModule);
    if (measured) {
      if (isEntry) throwSites.set(error, { line: measured.line, column: measured.column });
      else {
        const shift = measured.line === 1 ? moduleSourceOf(location.file)?.lineOneShift ?? 0 : 0;
        rawStacks.set(error, [`    at ${location.file}:${measured.line}:${measured.column + shift}`, ...callers].join('\n'));
      }
    }
    // Messages the general table words (a redeclaration) keep that wording; the others name the token.
    const known = measured ? null : translateMessage(error, position, raw);
    const v8 = measured ?? (known?.message !== undefined ? { message: known.message, caretLength: 1 } : v8SyntaxError(String(error.message), position.lines ?? codeLines, position.line, position.column));
    if (v8) {
      Object.defineProperty(error, 'message', { value: v8.message, writable: true, configurable: true, enumerable: false });
      syntaxCarets.set(error, v8.caretLength);
    }
    let frames: string[];
    if (isModule) frames = [...COMPILE_FRAMES.module, ...(isEntry ? COMPILE_FRAMES.moduleEntry : [])];
    else if (isEntry) frames = [...COMPILE_FRAMES.commonjs, ...COMPILE_FRAMES.commonjsMain];
    else frames = [...COMPILE_FRAMES.commonjs, ...COMPILE_FRAMES.commonjsRequired, ...v8Frames(callers.join('\n'), options.isModule)];
    Object.defineProperty(error, 'stack', { value: [errorHeader(error), ...frames.slice(0, 10)].join('\n'), writable: true, configurable: true, enumerable: false });
  } catch {}
  return true;
}

/**
 * A few of QuickJS's compile errors carry no position at all (an undeclared private name `#y`):
 * when the host's V8 says the entry does not compile, the error is the entry's, placed where V8
 * places it.
 */
function translateUnplacedCompileError(error: Error, raw: string): boolean {
  if (raw.trim() !== '') return false;
  // The oracle compiles the whole file in the host's V8: ask once and hand the answer on.
  const measured = compileErrorOracle?.(options.fileName, options.isModule);
  if (!measured) return false;
  return translateCompileError(error, `    at ${options.fileName}:1:1`, { line: 1, column: 1 }, measured);
}

interface Position {
  line: number;
  column: number;
  /** The evaluated lines of the file the position is in (the entry's when absent). */
  lines?: string[];
}

/** The error's first frame in the user's program: the entry, or a module of its graph the sandbox loaded. */
function positionFromStack(raw: string): Position | null {
  for (const frame of raw.split('\n')) {
    const position = programPosition(frame);
    if (position) return position;
  }
  return null;
}

/** The position a stack frame line gives in one of the program's files, or null. */
function programPosition(frame: string): Position | null {
  const location = splitLocation(/\((.*)\)$/.exec(frame)?.[1] ?? frame.replace(/^\s*at /, ''));
  if (!location) return null;
  if (location.file === options.fileName) return { line: location.line, column: location.column };
  const source = moduleSourceOf(location.file);
  return source ? { line: location.line, column: location.column, lines: source.lines } : null;
}

/** Where the function of the error's first program frame was called: the next frame, when it is the program's (not a built-in's). */
function callerPosition(raw: string): Position | null {
  const frames = raw.split('\n');
  const first = frames.findIndex((frame) => programPosition(frame) !== null);
  return first < 0 || first + 1 >= frames.length ? null : programPosition(frames[first + 1]);
}

/** The evaluated line a position is on. */
function lineAt(position: Position | null): string {
  if (!position) return '';
  return (position.lines ?? codeLines)[position.line - 1] ?? '';
}

/** The first frame's function name (QuickJS names the class for a class-constructor call). */
function firstFrameName(raw: string): string | null {
  const match = /^\s*at ([^\s(]+) \(/.exec(raw);
  return match ? match[1] : null;
}

/** Text of the evaluated code from a 1-based position to the end of its line. */
function textAt(position: Position | null): string {
  if (!position) return '';
  return lineAt(position).slice(position.column - 1);
}

function textBefore(position: Position | null): string {
  if (!position) return '';
  return lineAt(position).slice(0, position.column - 1);
}

/** The engine's own helpers inserted by the rewrite are not part of what V8 would quote. */
function stripHelpers(text: string): string {
  // `(__looplens_callbackMethod = "map", __looplens_callback = x/*@ll*/)`, `(__looplens_callback =
  // (0, () => x)/*@ll0*/))` and `__looplens_destructure(x, "{...}")` leave nothing but x, even when
  // the position splits them.
  return text
    .replace(/(?:0, )?\((?:__looplens_\w+ = (?:"\w*"|undefined), )*__looplens_\w+ = (?:\(0, )?/g, '')
    .replace(/\/\*@ll0\*\/\)\)|\/\*@ll(?:@\d+:\d+){0,2}\*\/\)/g, '')
    .replace(/__looplens_destructure\(/g, '')
    .replace(/, "\{(?:[^"\\]|\\.)*"\)/g, '')
    .replace(/__looplens_(?:awaited|legacyAwait|seen|heritage)\(/g, '(')
    .replace(/__looplens_forOf\(/g, '');
}

/**
 * The callee expression that ends just before `(` at `position`, as V8's CallPrinter shows it:
 * member chains verbatim, call results as `f(...)`.
 */
function calleeBefore(position: Position | null): string | null {
  const before = stripHelpers(textBefore(position)).replace(/\?\.$/, '').trimEnd();
  let index = before.length;
  let depth = 0;
  while (index > 0) {
    const char = before[index - 1];
    if (char === ')' || char === ']') depth += 1;
    else if (char === '(' || char === '[') {
      if (depth === 0) break;
      depth -= 1;
    } else if (depth === 0 && !/[\w$.#?]/.test(char)) break;
    index -= 1;
  }
  let callee = before.slice(index).replace(/^\?\./, '');
  if (!callee || /^\d/.test(callee)) return null;
  const operands = parenthesisedOperands(callee);
  // A comma expression (`(0, o.f)()`): V8 prints its operands spaced, a quoted key as a property;
  // a single parenthesised operand (`(o.f)()`) as itself.
  if (operands && operands.length > 1) return `(${operands.map((operand) => operand.replace(/\[\s*(['"])([A-Za-z_$][\w$]*)\1\s*\]/g, '.$2')).join(' , ')})`;
  if (operands && /^[\w$.#]+$/.test(operands[0])) callee = operands[0];
  // Arguments of inner calls collapse to (...), as V8 prints them.
  callee = callee.replace(/\((?:[^()]|\([^()]*\))*\)/g, '(...)');
  return callee;
}

/**
 * The comma-separated parts inside the parenthesis that opens `text` (quotes and nested brackets
 * skipped), and the index of the parenthesis that closes it: -1 when it does not close on this line
 * (the parts before the line ends are still complete); null when `text` does not open with one.
 */
function partsInParentheses(text: string): { parts: string[]; close: number } | null {
  if (!text.startsWith('(')) return null;
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 1;
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'" || char === '`') quote = char;
    else if (char === '(' || char === '[' || char === '{') depth++;
    else if (depth > 0 && (char === ')' || char === ']' || char === '}')) depth--;
    else if (depth === 0 && (char === ',' || char === ')')) {
      parts.push(text.slice(start, i).trim());
      if (char === ')') return { parts, close: i };
      start = i + 1;
    }
  }
  return { parts, close: -1 };
}

/** The operands of a parenthesised (comma) expression (`(0, o.f)`, `(o.f)`), or null for any other text. */
function parenthesisedOperands(text: string): string[] | null {
  const found = partsInParentheses(text);
  // The opening parenthesis must close at the very end: `(a)(b)` is not one parenthesised expression.
  return found && found.close === text.length - 1 ? found.parts : null;
}

const ASSIGNMENT_OPERATOR = /^\s*(?:=(?!=)|\+\+|--|[-+*/%&|^]=|\*\*=|<<=|>>>?=|&&=|\|\|=|\?\?=)/;

/**
 * The global accessor without a setter (Node's `crypto`) that strict code wrote as a bare name
 * (`crypto = {}`, `[crypto] = list`), or null. QuickJS places the error at the name, or for a plain
 * assignment at the assigned value, so a name assigned anywhere on the line counts too.
 */
function writtenGetterOnlyGlobal(position: Position | null): string | null {
  const isGetterOnlyGlobal = (name: string) => ownOrInheritedProperty(globalThis, name, (descriptor) => descriptor.get !== undefined && descriptor.set === undefined);
  const atPosition = /^[A-Za-z_$][\w$]*/.exec(stripHelpers(textAt(position)))?.[0];
  if (atPosition !== undefined && !/\.\s*$/.test(textBefore(position)) && isGetterOnlyGlobal(atPosition)) return atPosition;
  const assignedName = new RegExp(`(?:^|[^.\\w$])([A-Za-z_$][\\w$]*)${ASSIGNMENT_OPERATOR.source.slice(1)}`, 'g');
  for (const match of stripHelpers(lineAt(position)).matchAll(assignedName)) if (isGetterOnlyGlobal(match[1])) return match[1];
  return null;
}

/**
 * Whether `name` (the source's object expression) is a global name whose value is the global object:
 * globalThis, or window or self while they are still the global's own accessor or hold it (a local
 * of the same name is not seen).
 */
function namesGlobalObject(name: string): boolean {
  if (name !== 'globalThis' && name !== 'window' && name !== 'self') return false;
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
  if (descriptor === undefined) return false;
  return 'value' in descriptor ? descriptor.value === globalThis : name !== 'globalThis';
}

function translateMessage(error: Error, position: Position | null, raw: string): { name?: string; message?: string } | null {
  const message = String(error.message ?? '');
  const name = error.name;
  let match: RegExpExecArray | null;

  const operandMessage = translateOperandMessage(message, position, raw);
  if (operandMessage !== null) return { message: operandMessage };
  if (name === 'InternalError' && message === 'stack overflow') return { name: 'RangeError', message: 'Maximum call stack size exceeded' };
  // Promise.any's own AggregateError (program-made ones never get here: they are translated at creation).
  if (name === 'AggregateError' && message === '') return { message: 'All promises were rejected' };
  if ((match = /^(.+) is not initialized$/.exec(message))) {
    if (match[1] === 'this') return { message: "Must call super constructor in derived class before accessing 'this' or returning from derived constructor" };
    // In a for-of or for-in head, V8 places it at the iterable's own place: the last name of a
    // member chain (`items` in `for (const x of x.items)`; measured), where QuickJS places the name.
    const chain = /^([\w$]+)((?:\s*\.\s*[\w$]+)+)\s*[),]/.exec(textAt(position));
    if (chain && position && position.lines === undefined && /\bfor\s*\([^;]*\s(?:of|in)\s+$/.test(stripHelpers(textBefore(position)))) {
      const lastName = /[\w$]+$/.exec(chain[2])!;
      failurePosition = userPosition(position.line, position.column + chain[1].length + lastName.index, true);
    }
    return { message: `Cannot access '${match[1]}' before initialization` };
  }
  if ((match = /^'(.+)' is not defined$/.exec(message))) return { message: `${match[1]} is not defined` };
  if ((match = /^cannot read property '(.+)' of (undefined|null)$/.exec(message))) {
    if (match[1] === 'Symbol.iterator') return { message: notIterableMessage(match[2], position, raw) };
    return { message: `Cannot read properties of ${match[2]} (reading '${match[1]}')` };
  }
  if ((match = /^cannot read property of (undefined|null)$/.exec(message))) {
    // QuickJS leaves out a computed key (`list[0]`, `list[0]++`, placed at the operator); V8 names
    // it, which the source says when it is a literal.
    const here = stripHelpers(textAt(position));
    const member = MEMBER_AT.exec(here) ?? (ASSIGNMENT_OPERATOR.test(here) ? MEMBER_BEFORE.exec(stripHelpers(textBefore(position))) : null);
    if (member) return { message: `Cannot read properties of ${match[1]} (reading '${memberName(member)}')` };
    // A key that is not a literal: the rewrite remembered its value (`u[k]`, `u[k]()`, `u[k] += 1`).
    const key = atRememberedKey(position, 'key') ? takeOperand('key', () => true) : null;
    if (key && key.value === Symbol.iterator) return { message: `${match[1] === 'null' ? 'object null' : 'undefined'} is not iterable (cannot read property Symbol(Symbol.iterator))` };
    const keyText = key ? v8KeyText(key.value) : null;
    if (keyText !== null) return { message: `Cannot read properties of ${match[1]} (reading '${keyText}')` };
    return { message: `Cannot read properties of ${match[1]}` };
  }
  // QuickJS names a write's key converted to a string (a symbol by its description, an object by
  // its toString) and cuts a long one short, with the rest of the message; V8 prints the key's value.
  // A compound write (`u[k] += 1`, `u[k]++`, `u[k] ??= 1`) whose key is not a string, number or
  // symbol: QuickJS checks the receiver before converting the key, in its own words.
  if (message === 'value has no property' && atRememberedKey(position, 'key')) {
    const receiver = takeOperand('writeTarget', (value) => value === null || value === undefined);
    const key = receiver ? takeOperand('key', () => true) : null;
    if (receiver && key) {
      const keyText = v8KeyText(key.value);
      return { message: `Cannot read properties of ${String(receiver.value)}${keyText === null ? '' : ` (reading '${keyText}')`}` };
    }
  }
  if ((match = /^cannot set property '([\s\S]*?)(?:' of (undefined|null))?$/.exec(message))) {
    const converted = match[1];
    const complete = match[2] !== undefined;
    const fits = (value: unknown) => {
      if (isObject(value)) return true;
      const text = typeof value === 'symbol' ? value.description ?? '' : String(value);
      return complete ? text === converted : text.startsWith(converted);
    };
    const key = atRememberedKey(position, 'writeKey') ? takeOperand('writeKey', fits) : null;
    // A message cut short no longer says which: the receiver the rewrite remembered does.
    const receiver = complete ? match[2] : takeOperand('writeTarget', (value) => value === null || value === undefined)?.value === null ? 'null' : 'undefined';
    if (key) {
      const keyText = v8KeyText(key.value);
      return { message: keyText === null ? `Cannot set properties of ${receiver}` : `Cannot set properties of ${receiver} (setting '${keyText}')` };
    }
    if (complete) return { message: `Cannot set properties of ${receiver} (setting '${converted}')` };
  }
  if ((match = /^'(.+)' is read-only$/.exec(message))) {
    const here = textAt(position);
    const name = escapeRegExp(match[1]);
    const line = stripHelpers(lineAt(position));
    // QuickJS points `counter++` at the operator, not the name: the binding is also recognised
    // anywhere on the line as a bare name (not a property) that is assigned, incremented or decremented.
    const isBinding = (new RegExp(`^${name}`).test(here) && ASSIGNMENT_OPERATOR.test(here.slice(match[1].length)) && !/\.\s*$/.test(textBefore(position)))
      || new RegExp(`(?:^|[^.\\w$])${name}\\s*(?:=(?!=)|\\+\\+|--|[-+*/%&|^]=|\\*\\*=|<<=|>>>?=|&&=|\\|\\|=|\\?\\?=)`).test(line)
      || new RegExp(`(?:\\+\\+|--)\\s*${name}(?![\\w$.])`).test(line);
    if (isBinding) return { message: 'Assignment to constant variable.' };
    // V8 prints the receiver (`#<Point>`, '[object Array]', a function's source), which the rewrite
    // remembers at every property write; the source is read only for code it did not see.
    const written = takeOperand('writeTarget', (value) => isObject(value) && ownOrInheritedProperty(value, match![1], (descriptor) => descriptor.writable === false));
    const place = written ? storeTargetAt(position)?.place ?? null : null;
    if (place) failurePosition = place;
    if (written) return { message: `Cannot assign to read only property '${match[1]}' of ${typeof written.value === 'function' ? 'function' : 'object'} '${v8ReceiverText(written.value)}'` };
    // V8 names the object by its class; a module namespace (`import * as ns`) is '[object Module]'.
    const receiver = new RegExp(`([\\w$]+)\\s*\\.\\s*${name}\\s*=`).exec(line)?.[1];
    const lines = position?.lines ?? codeLines;
    const isNamespace = receiver !== undefined && lines.some((text) => new RegExp(`\\bimport\\s*\\*\\s*as\\s+${escapeRegExp(receiver)}\\b`).test(text));
    // An index into a frozen array: V8 names the receiver by its class, [object Array].
    const indexed = /^\d+$/.test(match[1]) && new RegExp(`\\[\\s*(['"]?)${name}\\1\\s*\\]\\s*=`).test(line);
    return { message: `Cannot assign to read only property '${match[1]}' of object '${isNamespace ? '[object Module]' : indexed ? '[object Array]' : '#<Object>'}'` };
  }
  if (message === 'no setter for property') {
    // A write the rewrite marked with V8's place (a destructuring target, a computed key, `++o.p`).
    const target = storeTargetAt(position);
    if (target) {
      const key = target.keyRole ? takeOperand(target.keyRole, (value) => typeof value !== 'object' && typeof value !== 'function') : null;
      const property = target.name ?? (key ? (typeof key.value === 'symbol' ? key.value : String(key.value)) : null);
      const written = property === null ? null : takeOperand('writeTarget', (value) => isObject(value) && ownOrInheritedProperty(value, property, (descriptor) => descriptor.get !== undefined && descriptor.set === undefined));
      if (property !== null && written) {
        if (target.place) failurePosition = target.place;
        return { message: `Cannot set property ${String(property)} of ${v8ReceiverText(written.value)} which has only a getter` };
      }
    }
    // QuickJS places a plain write after the receiver (`.v = 1`), a compound one at its operator (`.v += 1`).
    const compound = ASSIGNMENT_OPERATOR.test(textAt(position)) ? MEMBER_BEFORE.exec(stripHelpers(textBefore(position))) : null;
    // A plain write of a computed value (`.v = value`, `.v = a + 1`) is placed at the value: the
    // member is then the last one assigned before it.
    const assigned = compound ?? MEMBER_AT.exec(stripHelpers(textAt(position))) ?? [...stripHelpers(textBefore(position)).matchAll(MEMBER_ASSIGNED)].pop() ?? null;
    const written = assigned ? takeOperand('writeTarget', (value) => isObject(value) && ownOrInheritedProperty(value, memberName(assigned), (descriptor) => descriptor.get !== undefined && descriptor.set === undefined)) : null;
    if (assigned && written) return { message: `Cannot set property ${memberName(assigned)} of ${v8ReceiverText(written.value)} which has only a getter` };
    const globalName = writtenGetterOnlyGlobal(position);
    if (globalName !== null) return { message: `Cannot set property ${globalName} of ${v8ReceiverText(globalThis)} which has only a getter` };
  }
  if (message === 'object is not extensible') {
    // QuickJS places the error right after the receiver: `.name = `, `['name'] = `, `[3] = ` for
    // an assignment, `(target, 'name', ...)` after Object.defineProperty.
    const here = stripHelpers(textAt(position));
    const assigned = MEMBER_AT.exec(here);
    if (assigned && /^\s*=(?!=)/.test(here.slice(assigned[0].length))) {
      return { message: `Cannot add property ${memberName(assigned)}, object is not extensible` };
    }
    const defined = /^\(\s*[^,()]+,\s*(['"])(.*?)\1/.exec(here);
    if (defined && /\bdefineProperty\s*$/.test(textBefore(position))) return { message: `Cannot define property ${defined[2]}, object is not extensible` };
  }
  if (message === 'property is not configurable') {
    // Object.defineProperty of a non-configurable property with another descriptor: QuickJS places
    // it as above, after `defineProperty`; V8 names the key (measured in Node 20 and Chromium 150).
    const defined = /^\(\s*[^,()]+,\s*(['"])(.*?)\1/.exec(stripHelpers(textAt(position)));
    if (defined && /\bdefineProperty\s*$/.test(textBefore(position))) return { message: `Cannot redefine property: ${defined[2]}` };
  }
  if (message === 'could not delete property') {
    const deleted = MEMBER_AT.exec(stripHelpers(textAt(position)));
    const object = /\bdelete\s+([\w$.[\]'"]+)$/.exec(textBefore(position));
    if (deleted && object) {
      // V8 names the receiver by its class; an index is taken to mean an array (the source does not
      // say); the global object by its own name (the browser model's is #<Window>, measured in Chromium 150).
      const receiver = namesGlobalObject(object[1]) ? v8ReceiverText(globalThis) : deleted[4] !== undefined ? '[object Array]' : '#<Object>';
      return { message: `Cannot delete property '${memberName(deleted)}' of ${receiver}` };
    }
  }
  // QuickJS names the function (`max is not a constructor`, ` is not a constructor` for an arrow);
  // V8 quotes the expression after `new`, and a parenthesised literal is `(intermediate value)`.
  if (/ is not a constructor$/.test(message) && /\bnew\s+(?:[\w$.]+|\(.*\))$/.test(stripHelpers(textBefore(position)).trimEnd())) {
    const callee = calleeBefore(position);
    return { message: `${callee === null || callee.startsWith('(') ? '(intermediate value)' : callee} is not a constructor` };
  }
  if (message === 'not a function' || message === 'not a constructor') {
    const callee = calleeBefore(position);
    const isNew = /\bnew\s+[\w$.]*$/.test(stripHelpers(textBefore(position)).trimEnd());
    if (callee === 'Promise' && isNew) return { message: `Promise resolver ${callArgument(position, 0, true) ?? 'undefined'} is not a function` };
    const shown = callee ?? '(intermediate value)';
    return { message: `${shown} is not a ${isNew ? 'constructor' : 'function'}` };
  }
  if (message === 'value is not iterable') {
    const parameter = parameterDestructureMessage(position, raw, true);
    if (parameter) return { message: parameter };
    // Node 10 (measured): an array parameter's value without an iterator has it undefined, then called.
    if (options.legacy && !thrownByBuiltIn(raw) && destructuredParameters(position).some((pattern) => pattern.array)) return { message: 'undefined is not a function' };
    // A built-in iterating its literal argument (`new Set(5)`): V8 gives the value's type and value.
    const argument = thrownByBuiltIn(raw) ? callArgument(position, 0) : null;
    if (argument !== null && /^(?:-?[\d.e+]+|Infinity|-Infinity|NaN|true|false)$/.test(argument)) {
      return { message: `${/^(?:true|false)$/.test(argument) ? 'boolean' : 'number'} ${argument} is not iterable (cannot read property Symbol(Symbol.iterator))` };
    }
    const line = stripHelpers(lineAt(position));
    const forOf = /\bof\s+([^)]+?)\s*\)/.exec(line);
    if (forOf) return { message: `${forOf[1]} is not iterable` };
    const spread = /\.\.\.\s*([\w$.]+)/.exec(line);
    if (spread) return { message: spreadMessage(spread[1], position) };
    return { message: 'object is not iterable (cannot read property Symbol(Symbol.iterator))' };
  }
  if (message === "class constructors must be invoked with 'new'") {
    const className = firstFrameName(raw) ?? calleeBefore(position) ?? '';
    return { message: `Class constructor ${className} cannot be invoked without 'new'` };
  }
  if (message === 'cannot convert to object') {
    const line = lineAt(position);
    const destructure = /\{\s*([\w$]+)[^{}]*\}\s*=\s*(null|undefined)\b/.exec(line);
    if (destructure) return { message: options.legacy ? legacyDestructureMessage(destructure[1]) : `Cannot destructure property '${destructure[1]}' of '${destructure[2]}' as it is ${destructure[2]}.` };
    const parameter = parameterDestructureMessage(position, raw, false);
    if (parameter) return { message: parameter };
    return { message: 'Cannot convert undefined or null to object' };
  }
  // A top-level declaration naming a property of the global object that cannot be deleted (the
  // browser model's window, document, location): V8 fails the script before it runs with a
  // SyntaxError, a function declaration too (measured in Chromium 150: `let document`, `class
  // window`, `const location`, `function document(){}`); QuickJS says `redeclaration of 'x'`
  // (a SyntaxError) or, for a function, `cannot define variable 'x'` (a TypeError).
  if ((match = /^(?:redeclaration of|cannot define variable) '(.+)'$/.exec(message))) {
    return { name: 'SyntaxError', message: `Identifier '${match[1]}' has already been declared` };
  }
  if (/^invalid redefinition of (?:lexical|global) identifier/.test(message)) {
    const identifier = /^[\w$]+/.exec(textAt(position));
    return { message: `Identifier '${identifier ? identifier[0] : firstRedeclared(position?.lines?.join('\n') ?? options.evaluatedCode) ?? ''}' has already been declared` };
  }
  if ((match = /^private class field '(#.+)' does not exist$/.exec(message))) {
    return { message: `Cannot read private member ${match[1]} from an object whose class did not declare it` };
  }
  if (message === 'parent class must be constructor') {
    const heritage = lastHeritage;
    // The value the rewrite saw, unless it is a constructor after all: then it is not this class's
    // (code the rewrite never saw, as in eval), and the source is read as before.
    if (heritage && heritage.value !== null && !isConstructor(heritage.value)) return { message: `Class extends value ${v8ReceiverText(heritage.value)} is not a constructor or null` };
    const expression = /^([^{]*?)\s*\{/.exec(stripHelpers(textAt(position)))?.[1]?.trim() ?? '';
    return { message: `Class extends value ${extendsValueText(expression)} is not a constructor or null` };
  }
  if (message === 'parent prototype must be an object or null') {
    const prototype = lastHeritage && isConstructor(lastHeritage.value) ? dataProperty(lastHeritage.value as object, 'prototype') : undefined;
    if (prototype === null || (typeof prototype === 'object' || typeof prototype === 'function')) return null;
    return { message: `Class extends value does not have valid prototype property ${v8ReceiverText(prototype)}` };
  }
  const builtIn = translateBuiltInMessage(message, position);
  if (builtIn) return { message: builtIn };
  const simple = SIMPLE_MESSAGES[message];
  if (simple) return { message: simple };
  return null;
}

/**
 * A property write that failed, found by its receiver's marker (`/*@ll@line:column*\/`, rewrite.ts
 * storeFailureOffset; `@0:0` where the place is not known, a second `@line:column` for Chromium's).
 */
interface StoreTarget {
  /** Where V8 places the failure, in the user's text; null where the rewrite did not know. */
  place: { line: number; column: number } | null;
  /** The property's name when the source gives it (`.p`, `['p']`, `[0]`). */
  name: string | null;
  /** Else the role under which the rewrite remembered the computed key's value. */
  keyRole: 'key' | 'writeKey' | null;
}

/**
 * The property write QuickJS's error at `position` belongs to: the receiver wrapper whose member
 * QuickJS places it at (a plain or destructuring write: at the `.` or `[` after the receiver), right
 * after (a compound write: at its operator), or right before (`++o.p`: at the `++`). The entry's
 * code only (the marker's place is in the entry's coordinates).
 */
function storeTargetAt(position: Position | null): StoreTarget | null {
  if (!position || position.lines !== undefined) return null;
  const line = lineAt(position);
  const at = position.column - 1;
  for (const marker of line.matchAll(/\/\*@ll@(\d+):(\d+)(?:@(\d+):(\d+))?\*\/\)/g)) {
    const end = marker.index + marker[0].length;
    const rest = line.slice(end);
    const member = /^\s*(?:\.\s*([\w$]+)|\[\s*(?:(['"])(.*?)\2|(\d+))\s*\]|\[\(__looplens_(key|writeKey) = )/.exec(rest);
    if (!member) continue;
    let memberEnd = end + member[0].length;
    if (member[5] !== undefined) {
      const close = line.indexOf('/*@ll*/)]', memberEnd);
      if (close < 0) continue;
      memberEnd = close + '/*@ll*/)]'.length;
    }
    const memberStart = end + /^\s*/.exec(rest)![0].length;
    const wrapperStart = line.lastIndexOf('(__looplens_writeTarget = ', marker.index);
    const fits = at === memberStart
      || (at >= memberEnd && /^\s*$/.test(line.slice(memberEnd, at)) && ASSIGNMENT_OPERATOR.test(line.slice(at)))
      || (wrapperStart >= 0 && /^(?:\+\+|--)\s*$/.test(line.slice(at, wrapperStart)));
    if (!fits) continue;
    return {
      // Chromium's V8 places some elsewhere (the marker's second place).
      place: marker[1] === '0' ? null : options.chromium && marker[3] !== undefined ? { line: Number(marker[3]), column: Number(marker[4]) } : { line: Number(marker[1]), column: Number(marker[2]) },
      name: member[1] ?? member[3] ?? member[4] ?? null,
      keyRole: (member[5] as 'key' | 'writeKey' | undefined) ?? null,
    };
  }
  return null;
}

/**
 * Whether QuickJS placed the error at a computed key whose value the rewrite remembered in `role`
 * (it places a failed read or write of `u[k]` at the `[`, rewritten `[(__looplens_key = k/*@ll*\/)]`).
 */
function atRememberedKey(position: Position | null, role: 'key' | 'writeKey'): boolean {
  const here = textAt(position);
  const opening = `(__looplens_${role} = `;
  if (!/^\[\s*/.test(here)) return false;
  const rest = here.replace(/^\[\s*/, '');
  if (rest !== '') return rest.startsWith(opening);
  // `[` ends the line, the key starts the next.
  const next = position ? (position.lines ?? codeLines)[position.line] ?? '' : '';
  return next.trimStart().startsWith(opening);
}

/**
 * A computed key as V8 prints it in "Cannot read properties of undefined (reading 'x')": its
 * side-effect-free string (a symbol `Symbol(s)`, an object `#<Map>`, a function its source), or null
 * where V8 leaves the key out: an object whose string would be `[object ...]` (an array, a Date, a
 * RegExp, an object with a toString of its own; measured in Node 20).
 */
function v8KeyText(key: unknown): string | null {
  if (!isObject(key) || typeof key === 'function') return typeof key === 'symbol' ? key.toString() : v8ReceiverText(key);
  const text = v8ReceiverText(key);
  return text.startsWith('[object ') ? null : text;
}

const isObject = (value: unknown): value is object => value !== null && (typeof value === 'object' || typeof value === 'function');
const isFrozenOrSealedArray = (value: unknown) => Array.isArray(value) && !Object.isExtensible(value);

/** Whether `value` is a Set or a Map (their brand: a subclass counts, a look-alike does not). */
function isSetOrMap(value: unknown): boolean {
  for (const has of [Set.prototype.has, Map.prototype.has]) {
    try {
      has.call(value, undefined);
      return true;
    } catch {}
  }
  return false;
}

/**
 * Messages that print an operand's value, remembered by the rewrite's item 11 (see `lastOperands`):
 * null when the message is not one of them or the value is not at hand.
 */
function translateOperandMessage(message: string, position: Position | null, raw: string): string | null {
  const nativeMethod = /^\s*at (\w+) \(native\)\s*$/.exec(raw.split('\n', 1)[0])?.[1];
  if (message === 'object is not extensible' && (nativeMethod === 'push' || nativeMethod === 'unshift' || nativeMethod === 'splice')) {
    const receiver = takeOperand('receiver', isFrozenOrSealedArray);
    if (!receiver) return null;
    const length = (receiver.value as unknown[]).length;
    // V8 adds the new elements from the highest index down (unshift and splice move the others up first).
    let index = length;
    if (nativeMethod === 'unshift') index = length + callArgumentCount(position) - 1;
    if (nativeMethod === 'splice') {
      const start = Number(callArgument(position, 0));
      const deleted = Number(callArgument(position, 1));
      if (!Number.isInteger(start) || !Number.isInteger(deleted)) return null;
      const removed = Math.max(0, Math.min(deleted, length - (start < 0 ? Math.max(length + start, 0) : Math.min(start, length))));
      index = length + callArgumentCount(position) - 2 - removed - 1;
    }
    return `Cannot add property ${index}, object is not extensible`;
  }
  if (message === 'could not delete property' && (nativeMethod === 'pop' || nativeMethod === 'shift' || nativeMethod === 'splice')) {
    // Elements move down and the last index is deleted (measured for pop, shift and splice).
    const receiver = takeOperand('receiver', isFrozenOrSealedArray);
    return receiver ? `Cannot delete property '${(receiver.value as unknown[]).length - 1}' of [object Array]` : null;
  }
  // A callback method called with no arguments at all: the callback is undefined.
  if (message === 'not a function' && nativeMethod !== undefined && CALLBACK_METHODS.has(nativeMethod) && stripHelpers(textAt(position)).startsWith('(') && callArgumentCount(position) === 0) {
    return builtInCallbackMessage(nativeMethod, undefined) ?? 'undefined is not a function';
  }
  let match: RegExpExecArray | null;
  if (message === 'not an object' || (/^'.+' is read-only$/.test(message) && nativeMethod === undefined)) {
    // QuickJS places a plain or logical write at its member (`.x = 1`, `.x ||= 1`), a compound one
    // at its operator after the member (`.x += 1`, `[0]++`), a prefixed one at its operator before
    // the operand (`--s[0]`).
    const here = stripHelpers(textAt(position));
    const before = stripHelpers(textBefore(position));
    const plain = MEMBER_AT.exec(here);
    const operand = /^\s*(?:\+\+|--)\s*([^;,)}]*)/.exec(here)?.[1].trimEnd();
    const prefixed = operand === undefined ? null : MEMBER_BEFORE.exec(operand);
    const compound = ASSIGNMENT_OPERATOR.test(here) ? MEMBER_BEFORE.exec(before) : null;
    const written = plain && ASSIGNMENT_OPERATOR.test(here.slice(plain[0].length)) ? plain : compound ?? prefixed;
    // The text the receiver ends: before the member, which is at the position only for a plain write.
    const receiverText = written === null || written === plain ? before : written === compound ? before.slice(0, written.index) : (operand ?? '').slice(0, written.index);
    const receiver = written === null ? null : primitiveReceiver(receiverText);
    if (written && receiver !== null) {
      const property = memberName(written);
      const shown = `${typeof receiver} '${String(receiver)}'`;
      // A string's own index and length are read-only properties; anything else would be created.
      const own = typeof receiver === 'string' && (property === 'length' || (/^\d+$/.test(property) && Number(property) < receiver.length));
      return own ? `Cannot assign to read only property '${property}' of ${shown}` : `Cannot create property '${property}' on ${shown}`;
    }
  }
  if ((match = /^'(.+)' is read-only$/.exec(message)) && nativeMethod !== undefined && takeOperand('receiver', isFrozenOrSealedArray)) {
    return `Cannot assign to read only property '${match[1]}' of object '[object Array]'`;
  }
  // Only the callback of the method that fails: one remembered for an earlier call (`db.find(query)`
  // names its argument too) is not the value `new Promise(5)` or `[2, 1].sort(5)` complains about.
  if (message === 'not a function' && nativeMethod !== undefined && takeOperand('callbackMethod', (method) => method === nativeMethod)) {
    const callback = takeOperand('callback', (value) => typeof value !== 'function');
    // Node prints a Set's or Map's forEach callback by type and value, as Chromium prints every one (measured).
    const receiver = nativeMethod === 'forEach' ? takeOperand('callbackReceiver', isSetOrMap) : null;
    // The Promise constructor's executor is printed by value in both runtimes (measured).
    if (callback && nativeMethod === 'Promise') return `Promise resolver ${v8ReceiverText(callback.value)} is not a function`;
    const own = callback ? builtInCallbackMessage(nativeMethod, callback.value) : null;
    if (own !== null) return own;
    if (callback) return `${options.callbacksByType || receiver ? v8DefaultCallSite(callback.value) : v8ReceiverText(callback.value)} is not a function`;
  }
  if (message === "invalid 'in' operand") {
    const target = takeOperand('inTarget', (value) => !isObject(value));
    const key = takeOperand('inKey', () => true);
    if (!target || !key) return null;
    return `Cannot use 'in' operator to search for '${v8ReceiverText(key.value)}' in ${v8ReceiverText(target.value)}`;
  }
  if (message === "invalid 'instanceof' right operand") {
    const target = takeOperand('instanceofTarget', (value) => typeof value !== 'function');
    if (target) return `Right-hand side of 'instanceof' is ${isObject(target.value) ? 'not callable' : 'not an object'}`;
  }
  if (message === "operand 'prototype' property is not an object") {
    const target = takeOperand('instanceofTarget', (value) => typeof value === 'function');
    if (target) return `Function has non-object prototype '${v8ReceiverText(dataProperty(target.value as object, 'prototype'))}' in instanceof check`;
  }
  if (lastDestructure.value !== NO_OPERAND && (message === 'cannot convert to object' || message === 'value is not iterable' || /^cannot read property 'Symbol\.iterator' of /.test(message)) && nativeMethod === undefined) {
    // A for-of step's value, unless a getter stands for it (reading it would run program code).
    const step = lastDestructure.value === FOR_OF_STEP ? stepValue() : null;
    const value = lastDestructure.value !== FOR_OF_STEP ? lastDestructure.value : step ? step.value : NO_OPERAND;
    const destructured = value === NO_OPERAND ? null : destructureMessage(value, lastDestructure.site, message === 'cannot convert to object');
    if (destructured !== null) lastDestructure.value = NO_OPERAND;
    return destructured;
  }
  return null;
}

/** Array methods that take a callback (QuickJS names the native frame after the method). */
const CALLBACK_METHODS = new Set(CALLBACK_ARRAY_METHODS);

/**
 * The built-ins whose message for a callback that is not a function is their own (measured): a
 * comparator of sort or toSorted ("The comparison function must be either a function or
 * undefined", and Chromium adds the value), and Node's flatMap mapper (Chromium prints it by type,
 * as its other callbacks). Null for the others.
 */
function builtInCallbackMessage(method: string, value: unknown): string | null {
  if (method === 'sort' || method === 'toSorted') return `The comparison function must be either a function or undefined${options.chromium ? `: ${v8ReceiverText(value)}` : ''}`;
  if (method === 'flatMap' && !options.chromium) return 'flatMap mapper function is not callable';
  return null;
}

/**
 * V8's message for destructuring a value that cannot be: an object pattern on undefined or null
 * names the pattern's first property and quotes the value's source text; an array pattern on a
 * value that is not iterable quotes a name or literal, and gives any other expression's type and
 * value (V8's default call site: `object null`, `number 5`). Null when the remembered value could
 * not have failed this way (it belongs to some other destructuring).
 */
/**
 * `iterable` as a for-of loop with a pattern in its head sees it, each step's result remembered as
 * what the pattern destructures (lastDestructure, FOR_OF_STEP). The same iteration: the program's
 * own iterator, its next method read once, return() forwarded when the loop closes it. A value that
 * is not iterable is handed back unchanged, so the loop fails with its own error where it fails.
 */
function forOfSteps(iterable: unknown, site: string): unknown {
  if (iterable === null || iterable === undefined) return iterable;
  const method = (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== 'function') return iterable;
  return {
    [Symbol.iterator]() {
      const iterator = Reflect.apply(method, iterable, []) as { next?: unknown; return?: unknown };
      if (!isObject(iterator)) return iterator;
      const next = iterator.next;
      return {
        next() {
          const result = Reflect.apply(next as () => unknown, iterator, []);
          rememberLoopStep(() => ownDataValue(result, 'value'), site);
          return result;
        },
        return() {
          const close = iterator.return;
          return close === undefined || close === null ? { done: true, value: undefined } : Reflect.apply(close as () => unknown, iterator, []);
        },
      };
    },
  };
}

/** `key` of `object` along its prototype chain as a data property, `{ value: undefined }` when none, undefined behind an accessor or a proxy. */
function ownOrInheritedData(object: object, key: PropertyKey): { value: unknown } | undefined {
  for (let holder: object | null = object; holder !== null; holder = Object.getPrototypeOf(holder) as object | null) {
    if (isTrackedProxy(holder)) return undefined;
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    if (descriptor) return 'value' in descriptor ? { value: descriptor.value } : undefined;
  }
  return { value: undefined };
}

/** The value of an own data property of `object` (not a proxy), else null (an accessor, or none). */
function ownDataValue(object: unknown, key: string): { value: unknown } | null {
  if (!isObject(object) || isTrackedProxy(object)) return null;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor ? { value: descriptor.value } : null;
}

function destructureMessage(value: unknown, siteJson: string, objectPattern: boolean): string | null {
  let site: { array: boolean; first: string | null; defaulted: boolean; text: string; name: boolean; callee?: string | null; reads?: boolean; at?: number[]; nested?: [string | number, string | null, number, number][] };
  try {
    site = JSON.parse(siteJson);
  } catch {
    return null;
  }
  const message = destructureSiteMessage(value, site, objectPattern);
  // The rewrite's positions: Node's frame, Node's crash caret, Chromium's frame, [Node 10's frame].
  const at = site.at;
  const legacyAt = options.legacy && Array.isArray(at) && at.length === 8 ? { line: at[6], column: at[7] } : null;
  if (message === null && Array.isArray(site.nested)) {
    const nested = nestedDestructureMessage(value, site.nested, objectPattern);
    // Node 10 places a pattern's failure inside an array pattern at the array pattern's value
    // (measured; inside an object pattern elsewhere, not worked out: Node 20's place is kept).
    if (nested !== null && legacyAt && site.array) failurePosition = legacyAt;
    return nested;
  }
  if (message !== null && Array.isArray(at) && at.length >= 6) {
    failurePosition = legacyAt ?? (options.chromium ? { line: at[4], column: at[5] } : { line: at[0], column: at[1], header: { line: at[2], column: at[3] } });
  }
  return message;
}

/** Node 10's message for an object pattern over undefined or null (measured in Node 10.24.1). */
function legacyDestructureMessage(first: string | null): string {
  return first === null ? "Cannot destructure 'undefined' or 'null'." : `Cannot destructure property \`${first}\` of 'undefined' or 'null'.`;
}

function destructureSiteMessage(value: unknown, site: { array: boolean; first: string | null; defaulted: boolean; text: string; name: boolean; callee?: string | null; reads?: boolean }, objectPattern: boolean): string | null {
  if (objectPattern) {
    if (site.array || (value !== undefined && value !== null)) return null;
    // Node 10 (measured): one wording for undefined and null, a first property with a default too.
    if (options.legacy && !site.reads) return legacyDestructureMessage(site.first);
    const shown = value === null ? 'null' : 'undefined';
    // A for-of head's assignment pattern reads its first property (measured).
    if (site.reads) return site.first === null ? `Cannot read properties of ${shown}` : `Cannot read properties of ${shown} (reading '${site.first}')`;
    // A first property with a default is read before anything is destructured (measured).
    if (site.first !== null && site.defaulted) return `Cannot read properties of ${shown} (reading '${site.first}')`;
    if (site.first !== null) return `Cannot destructure property '${site.first}' of '${site.text}' as it is ${shown}.`;
    return `Cannot destructure '${site.text}' as it is ${shown}.`;
  }
  if (!site.array || (isObject(value) && typeof dataProperty(value, Symbol.iterator) === 'function') || typeof value === 'string') return null;
  if (site.callee) return `${site.callee} is not a function or its return value is not iterable`;
  if (site.name) return `${site.text} is not iterable`;
  // Node 10 quotes an assignment's name or literal too (`[a] = v`: "v is not iterable", measured).
  if (options.legacy && /^(?:[\w$]+|\{\}|\[\]|-?\d[\d.]*|'[^'\\]*'|"[^"\\]*")$/.test(site.text)) return `${site.text} is not iterable`;
  return `${v8DefaultCallSite(value)} is not iterable (cannot read property Symbol(Symbol.iterator))`;
}

/**
 * A nested object pattern (`{ a: { b } }`, `[{ b }]`) over a missing value: V8 reads the inner
 * pattern's first property from it ("Cannot read properties of undefined (reading 'b')", placed at
 * that property's target; measured). A nested array pattern (`[[a]]`, `first` null) over a value
 * that is not iterable: "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))"
 * at its `[`. The value is found without running getters or proxy traps: the first nested pattern
 * whose value it cannot destructure, when that is the kind of failure QuickJS reported
 * (`objectPattern`), unless a getter or a proxy stands in the way (then which one failed is not known).
 */
function nestedDestructureMessage(value: unknown, nested: [string | number, string | null, number, number][], objectPattern: boolean): string | null {
  if (!isObject(value) || isTrackedProxy(value)) return null;
  for (const [key, first, line, column] of nested) {
    // An array pattern takes its elements from an iterator: only an array's are known to be its indices.
    if (typeof key === 'number' && !Array.isArray(value)) return null;
    let holder: object | null = value;
    let descriptor: PropertyDescriptor | undefined;
    while (holder !== null && !isTrackedProxy(holder) && (descriptor = Object.getOwnPropertyDescriptor(holder, String(key))) === undefined) holder = Object.getPrototypeOf(holder) as object | null;
    if (holder !== null && (isTrackedProxy(holder) || !descriptor || !('value' in descriptor))) return null;
    const inner: unknown = holder === null ? undefined : descriptor?.value;
    if (first === null) {
      if (typeof inner === 'string') continue;
      if (isObject(inner)) {
        const iterator = isTrackedProxy(inner) ? undefined : ownOrInheritedData(inner, Symbol.iterator);
        if (iterator === undefined) return null;
        if (typeof iterator.value === 'function') continue;
      }
      if (objectPattern) return null;
      failurePosition = { line, column };
      return `${v8DefaultCallSite(inner)} is not iterable (cannot read property Symbol(Symbol.iterator))`;
    }
    if (inner !== undefined && inner !== null) continue;
    if (!objectPattern) return null;
    failurePosition = { line, column };
    return options.legacy ? legacyDestructureMessage(first) : `Cannot read properties of ${String(inner)} (reading '${first}')`;
  }
  return null;
}

/**
 * How V8 names a value when it has no source text for it (its BuildDefaultCallSite): the type,
 * then the value for strings, numbers, booleans and null (`string "hello"`, `number 5`, `object null`).
 */
function v8DefaultCallSite(value: unknown): string {
  if (value === null) return 'object null';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** How many arguments the call at `position` passes (its text starts with the argument list). */
function callArgumentCount(position: Position | null): number {
  let count = 0;
  while (callArgumentText(position, count) !== null) count++;
  return count;
}

/**
 * Messages of built-in functions whose V8 wording names the function or the offending argument,
 * which QuickJS's message leaves out: both are read from the call in the source (the callee before
 * the position, a literal argument). An argument that is not a literal cannot be read: the message
 * then says what V8 says without the value.
 */
function translateBuiltInMessage(message: string, position: Position | null): string | null {
  const callee = calleeBefore(position);
  if (message === 'not an object' && callee) {
    let match: RegExpExecArray | null;
    if ((match = /^(Reflect\.[\w$]+|Object\.definePropert(?:y|ies))$/.exec(callee))) return `${match[1]} called on non-object`;
    if ((match = /^Promise\.(resolve|reject)\.(?:call|apply)$/.exec(callee))) return `Promise${match[1] === 'resolve' ? 'Resolve' : 'Reject'} called on non-object`;
    if (callee === 'Object.setPrototypeOf') return prototypeMessage(callArgument(position, 1));
  }
  if (message === 'not a prototype' && callee === 'Object.create') return prototypeMessage(callArgument(position, 0));
  if (message === 'invalid number of digits') {
    if (callee?.endsWith('.toPrecision')) return 'toPrecision() argument must be between 1 and 100';
    if (callee?.endsWith('.toExponential')) return 'toExponential() argument must be between 0 and 100';
    return 'toFixed() digits argument must be between 0 and 100';
  }
  if (message === 'invalid repeat count') {
    const count = callee?.endsWith('.repeat') ? callArgument(position, 0) : null;
    return count === null ? 'Invalid count value' : `Invalid count value: ${count}`;
  }
  if (message === 'invalid target') {
    return callee?.endsWith('.register') ? 'FinalizationRegistry.prototype.register: invalid target' : 'WeakRef: invalid target';
  }
  if (message === 'invalid code point' && callee === 'String.fromCodePoint') {
    const codePoint = callArgument(position, 0);
    return codePoint === null || callArgument(position, 1) !== null ? null : `Invalid code point ${codePoint}`;
  }
  let match: RegExpExecArray | null;
  // `Map.prototype.get.call(receiver, ...)`: V8 names the method and the receiver.
  if ((match = /^((?:Weak)?(?:Map|Set)\.prototype\.[\w$]+)\.(?:call|apply)$/.exec(callee ?? '')) && / object expected$/.test(message)) {
    const receiver = callArgument(position, 0, true);
    return receiver === null ? null : `Method ${match[1]} called on incompatible receiver ${receiver}`;
  }
  if (callee === 'RegExp' && /\bRegExp$/.test(stripHelpers(textBefore(position)).trimEnd())) return regExpMessage(message, position);
  return null;
}

/**
 * Spreading a value that is not iterable: V8 names it inside an array literal (`[...obj]`), and
 * speaks of spread syntax in a call's arguments (`f(...obj)`). The innermost bracket open before the
 * position tells which.
 */
function spreadMessage(spread: string, position: Position | null): string {
  const before = stripHelpers(textBefore(position));
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const char = before[i];
    if (char === ')' || char === ']' || char === '}') depth++;
    else if (char === '(' || char === '[' || char === '{') {
      if (depth === 0) {
        if (char === '[') return `${spread} is not iterable`;
        break;
      }
      depth--;
    }
  }
  return 'Spread syntax requires ...iterable[Symbol.iterator] to be a function';
}

/**
 * Iterating undefined or null: V8 names the iterated expression of a for-of, and a built-in that
 * iterates its argument (`Array.from(u)`, `new Set(u)`) says what it could not read.
 */
function notIterableMessage(value: string, position: Position | null, raw: string): string {
  // A built-in iterating its argument, or an array pattern among the parameters of the function
  // QuickJS points at (V8 has no source text for an argument).
  // QuickJS's message says which of the two the argument was; V8 prints null by type.
  if (destructuredParameters(position).some((parameter) => parameter.array)) {
    // Node 10 (measured): undefined's iterator cannot be read; another value's is undefined, then called.
    if (options.legacy) return value === 'undefined' || value === 'null' ? `Cannot read property 'Symbol(Symbol.iterator)' of ${value}` : 'undefined is not a function';
    return `${value === 'null' ? 'object null' : value} is not iterable (cannot read property Symbol(Symbol.iterator))`;
  }
  if (thrownByBuiltIn(raw)) return `${value} is not iterable (cannot read property Symbol(Symbol.iterator))`;
  const forOf = /\bof\s+([\w$.]+)\s*\)/.exec(stripHelpers(lineAt(position)));
  if (forOf) return `${forOf[1]} is not iterable`;
  return `${value} is not iterable`;
}

interface ParameterPattern {
  index: number;
  array: boolean;
  /** An object pattern's first property when V8 names it (a plain name without a default), else null. */
  first: string | null;
  /** The first property has a default: V8 reads it first ("Cannot read properties of ..."). */
  defaulted: boolean;
  /**
   * The evaluated column V8 places this pattern's failure at (measured in Node 20): an array
   * pattern's at the last place V8 recorded before it (lastRecordedOffset of the patterns before it),
   * else at the parameter list's `(`, an object pattern's at its first property's target (the
   * name of a shorthand or a rest, `b` in `a: b`), or at the pattern when it is empty or its first
   * key is computed. Null when the parameters were read from text the rewrite's helpers changed.
   */
  caretColumn: number | null;
}

/**
 * The destructuring patterns among the parameters of the function that starts at `position`
 * (where QuickJS places a parameter's destructuring error), with their indices.
 */
function destructuredParameters(position: Position | null): ParameterPattern[] {
  // A function, an arrow, or a method (QuickJS places a method at its name).
  const HEAD = /^((?:async\s+)?(?:function\b[^(]*|(?:static\s+)?(?:async\s+)?(?:[gs]et\s+)?(?:\*\s*)?[\w$#]+\s*)?)(\([^()]*\))\s*(?:=>|\{)/;
  if (!position) return [];
  const text = textAt(position);
  // Columns are counted in the evaluated text; where helpers of the rewrite sit in the list, only the stripped text is read.
  const exact = HEAD.exec(text);
  const head = exact ?? HEAD.exec(stripHelpers(text));
  if (!head) return [];
  const listColumn = position.column + head[1].length;
  const patterns: ParameterPattern[] = [];
  // An array pattern fails where V8 last recorded a position: in a pattern before it, else at `(`.
  let recorded = 0;
  partsWithOffsets(head[2]).forEach(({ text: parameter, offset }, index) => {
    const column = (from: number) => (exact ? listColumn + offset + from : null);
    // Node 10 places every parameter pattern's failure at the list's `(` (measured).
    if (parameter.startsWith('[')) patterns.push({ index, array: true, first: null, defaulted: false, caretColumn: exact ? listColumn + (options.legacy ? 0 : recorded) : null });
    const last = parameter.startsWith('[') || parameter.startsWith('{') ? lastRecordedOffset(parameter) : null;
    if (last !== null) recorded = offset + last;
    if (!parameter.startsWith('{')) return;
    const property = /^\{\s*([\w$]+)\s*(=?)/.exec(parameter);
    const opening = /^\{\s*/.exec(parameter)![0].length;
    const key = /^(\.\.\.\s*)?([\w$]+|'[^']*'|"[^"]*")(\s*:\s*)?/.exec(parameter.slice(opening));
    // Chromium places a rest at the pattern, Node 20 at its name (measured).
    let caret = 0;
    if (key && key[3]) caret = opening + key[0].length;
    else if (key && !(key[1] && options.chromium)) caret = opening + (key[1]?.length ?? 0);
    patterns.push({ index, array: false, first: property?.[1] ?? null, defaulted: property?.[2] === '=', caretColumn: column(options.legacy ? -offset : caret) });
  });
  return patterns;
}

/**
 * The offset in a parameter pattern's text of the last place V8 records while destructuring it
 * (measured in Node 20, review rv9 #7): its last binding name, depth first (`c` in `{ a, c }`, `n` in
 * `{ a: { n } }`, `r` in `{ ...r }`, `a` in `{ ["k"]: a = 1 }`), or an empty object pattern's `{`;
 * null when it records nothing (`[]`). Keys, computed keys, strings and defaults are skipped.
 */
function lastRecordedOffset(pattern: string): number | null {
  /** The index of the `,` or closing bracket that ends the expression starting at `from`. */
  const endOfExpression = (from: number): number => {
    let depth = 0;
    for (let i = from; i < pattern.length; i++) {
      const char = pattern[i];
      if (char === '"' || char === "'" || char === '`') {
        const close = pattern.indexOf(char, i + 1);
        if (close < 0) return pattern.length;
        i = close;
      } else if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) {
        if (depth === 0) return i;
        depth--;
      } else if (char === ',' && depth === 0) return i;
    }
    return pattern.length;
  };
  const brackets: string[] = [];
  let afterColon = false;
  let last: number | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    const name = /^[A-Za-z_$][\w$]*/.exec(pattern.slice(i));
    if (name) {
      // A name followed by `:` is a key; any other is a binding.
      if (!/^\s*:/.test(pattern.slice(i + name[0].length))) last = i;
      i += name[0].length - 1;
    } else if (char === '=') i = endOfExpression(i + 1) - 1;
    else if (char === '"' || char === "'") i = Math.max(pattern.indexOf(char, i + 1), i);
    else if (char === '[' && brackets[brackets.length - 1] === '{' && !afterColon) i = endOfExpression(i + 1);
    else if (char === '{' || char === '[') {
      if (char === '{' && /^\{\s*\}/.test(pattern.slice(i))) last = i;
      brackets.push(char);
      afterColon = false;
    } else if (char === '}' || char === ']') brackets.pop();
    else if (char === ':') afterColon = true;
    else if (char === ',') afterColon = false;
  }
  return last;
}

/** Places a failed parameter pattern where V8 does (see ParameterPattern.caretColumn). */
function pinParameter(position: Position | null, pattern: ParameterPattern): void {
  if (position && position.lines === undefined && pattern.caretColumn !== null) failurePosition = userPosition(position.line, pattern.caretColumn, true);
}

/**
 * V8's message for a parameter pattern that fails, when the call site says which argument failed
 * and what it was: the first pattern with no argument (undefined), or with a literal undefined,
 * null or number argument. V8 prints such a value by type ("of 'object null' as it is null",
 * "number 5 is not iterable"). Null when the function has no such pattern, or the value is not
 * known (called by a built-in, `[..].map(({ x }) => x)`, or with an argument that is not a literal):
 * the caller's generic message is then said rather than a guess.
 */
function parameterDestructureMessage(position: Position | null, raw: string, arrayPattern: boolean): string | null {
  const patterns = destructuredParameters(position);
  // Which pattern failed is known for certain when only one has the failing kind; the call below may tell otherwise.
  const ofKind = patterns.filter((pattern) => pattern.array === arrayPattern);
  if (ofKind.length === 1) pinParameter(position, ofKind[0]);
  let caller = callerPosition(raw);
  // QuickJS places a call in tail position (`return connect()`) at `return`: the arguments follow the callee.
  const callee = caller ? /^(?:return\s+)?[\w$.]+\s*(?=\()/.exec(textAt(caller)) : null;
  if (caller && callee) caller = { ...caller, column: caller.column + callee[0].length };
  if (patterns.length === 0 || !stripHelpers(textAt(caller)).startsWith('(')) return null;
  const count = callArgumentCount(caller);
  for (const pattern of patterns) {
    const argument = pattern.index < count ? callArgumentText(caller, pattern.index) : 'undefined';
    if (argument === null || argument.startsWith('...')) return null;
    let value: unknown;
    if (argument === 'undefined' || argument === 'void 0') value = undefined;
    else if (argument === 'null') value = null;
    else if (/^-?\d+(?:\.\d+)?$/.test(argument)) value = Number(argument);
    // Anything else that is not a literal object or array (which this pattern takes) is not known.
    else if (/^[[{]/.test(argument)) continue;
    else return null;
    if (pattern.array !== arrayPattern) return null;
    const shown = v8DefaultCallSite(value);
    if (pattern.array) {
      pinParameter(position, pattern);
      // Node 10 (measured): undefined's iterator cannot be read; a number's is undefined, then called.
      if (options.legacy) return value === undefined || value === null ? `Cannot read property 'Symbol(Symbol.iterator)' of ${String(value)}` : 'undefined is not a function';
      return `${shown} is not iterable (cannot read property Symbol(Symbol.iterator))`;
    }
    if (value !== undefined && value !== null) continue;
    pinParameter(position, pattern);
    if (options.legacy) return legacyDestructureMessage(pattern.first);
    // A first property with a default is read before anything is destructured (measured).
    if (pattern.defaulted) return pattern.first === null ? null : `Cannot read properties of ${String(value)} (reading '${pattern.first}')`;
    return pattern.first === null ? `Cannot destructure '${shown}' as it is ${String(value)}.` : `Cannot destructure property '${pattern.first}' of '${shown}' as it is ${String(value)}.`;
  }
  return null;
}

/** The comma-separated parts of a parenthesised list (brackets respected), trimmed, with their offsets in the list. */
function partsWithOffsets(list: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 1;
  const take = (end: number) => {
    const part = list.slice(start, end);
    const text = part.trim();
    if (text !== '') parts.push({ text, offset: start + part.length - part.trimStart().length });
  };
  for (let i = 1; i < list.length - 1; i++) {
    const char = list[i];
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 0) {
      take(i);
      start = i + 1;
    }
  }
  take(list.length - 1);
  return parts;
}

/**
 * A primitive receiver of a property write in strict code ("Cannot create property 'x' on string
 * 'abc'"): a literal ending the text before the written member, or the value the rewrite's item 11
 * took at the write (`h.s.x = 1`, `s.x += 1` where s may be a parameter or a `let` of another scope).
 */
function primitiveReceiver(textBeforeMember: string): string | number | boolean | null {
  const before = textBeforeMember.trimEnd();
  const literal = /(?:^|[^\w$.])((['"])(?:[^\\'"]|\\.)*\2|\d+(?:\.\d+)?|true|false)$/.exec(before);
  if (!literal) {
    const written = takeOperand('writeTarget', (value) => ['string', 'number', 'boolean'].includes(typeof value));
    return written ? (written.value as string | number | boolean) : null;
  }
  const text = literal[1];
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d/.test(text)) return Number(text);
  return stringLiteralValue(text);
}

/** Whether the error comes from inside a built-in function (QuickJS's first frame `at from (native)`). */
function thrownByBuiltIn(raw: string): boolean {
  return /^\s*at [^\n]*\(native\)\s*$/.test(raw.split('\n', 1)[0]);
}

/** QuickJS's reasons for a pattern `new RegExp` rejects, in V8's words. */
const REGEXP_REASONS: Record<string, string> = {
  "expecting ')'": 'Unterminated group',
  'extraneous characters at the end': "Unmatched ')'",
  'nothing to repeat': 'Nothing to repeat',
  'invalid class range': 'Range out of order in character class',
  'invalid repetition count': 'numbers out of order in {} quantifier',
  'duplicate group name': 'Duplicate capture group name',
};

/** `new RegExp(pattern, flags)` with literal arguments: V8 quotes the pattern and flags (or the flags alone). */
function regExpMessage(message: string, position: Position | null): string | null {
  const pattern = callArgument(position, 0);
  const flags = callArgument(position, 1) ?? '';
  if (message === 'invalid regular expression flags') return callArgument(position, 1) === null ? null : `Invalid flags supplied to RegExp constructor '${flags}'`;
  if (pattern === null) return null;
  let reason = REGEXP_REASONS[message];
  // QuickJS says `unexpected end` for both: a pattern ending in a lone backslash, or an open class.
  if (message === 'unexpected end') reason = /(?:^|[^\\])(?:\\\\)*\\$/.test(pattern) ? '\\ at end of pattern' : 'Unterminated character class';
  return reason === undefined ? null : `Invalid regular expression: /${pattern}/${flags}: ${reason}`;
}

function prototypeMessage(value: string | null): string {
  return `Object prototype may only be an Object or null${value === null ? '' : `: ${value}`}`;
}

/**
 * The value of the call's `index`th argument as V8 prints it in a message, when the source gives it
 * as a literal (a number, a quoted string without escapes, true, false, undefined); null otherwise.
 */
function callArgument(position: Position | null, index: number, asReceiver = false): string | null {
  const argument = callArgumentText(position, index);
  return argument === null ? null : literalValueText(argument, asReceiver);
}

/** The source text of the call's `index`th argument (the text at `position` starts with the argument list), or null. */
function callArgumentText(position: Position | null, index: number): string | null {
  const argument = partsInParentheses(stripHelpers(textAt(position)))?.parts[index];
  return argument === undefined || argument === '' ? null : argument;
}

/**
 * A literal's value as V8 prints it in a message: numbers (decimal, hex, octal, binary), quoted
 * strings (escapes included), true, false, undefined, null, Infinity, NaN; with `asReceiver`, an
 * object or array literal by its class. Null for any other expression, whose value the source does not give.
 */
function literalValueText(expression: string, asReceiver: boolean): string | null {
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(expression) || /^0(?:x[\da-f]+|o[0-7]+|b[01]+)$/i.test(expression)) return String(Number(expression));
  const quoted = stringLiteralValue(expression);
  if (quoted !== null) return quoted;
  if (/^(?:true|false|undefined|null|Infinity|-Infinity|NaN)$/.test(expression)) return expression;
  if (asReceiver && expression.startsWith('{')) return '#<Object>';
  if (asReceiver && expression.startsWith('[')) return '[object Array]';
  return null;
}

/** The value of a quoted string literal (escapes included), or null for anything else. */
function stringLiteralValue(text: string): string | null {
  const match = /^(['"])((?:[^\\'"]|\\.|(?!\1)['"])*)\1$/.exec(text);
  if (!match) return null;
  try {
    // The body as a double-quoted JSON string: a single-quoted literal's \' and bare " are rewritten.
    return JSON.parse(`"${match[2].replace(/\\'/g, "'").replace(/(^|[^\\])((?:\\\\)*)"/g, '$1$2\\"')}"`) as string;
  } catch {
    return null;
  }
}

/**
 * V8's text for the value after `extends`, which QuickJS's message does not carry. Literals are
 * read from the source; any other expression (a name, a property) is taken to be undefined, which
 * is what a class sees when its base comes from a module still loading in a cycle or from a
 * missing export: by far the common case, but an assumption.
 */
function extendsValueText(expression: string): string {
  return literalValueText(expression, true) ?? 'undefined';
}

/** Whether `value` can be called with `new` (Reflect.construct accepts only a constructor as new.target). */
function isConstructor(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  try {
    Reflect.construct(Object, [], value);
    return true;
  } catch {
    return false;
  }
}

/** QuickJS does not always locate a redeclaration: the first name declared twice in the program. */
function firstRedeclared(code: string): string | null {
  const seen = new Set<string>();
  const pattern = /\b(?:function\*?|var|let|const|class)\s+([A-Za-z_$][\w$]*)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(code))) {
    if (seen.has(match[1])) return match[1];
    seen.add(match[1]);
  }
  return null;
}

/** A member access at the start of a text: `.name`, `['name']` or `[3]`. */
const MEMBER_AT = /^\s*(?:\.\s*([\w$]+)|\[\s*(?:(['"])(.*?)\2|(\d+))\s*\])/;

/** A member access at the end of a text, with the same groups as MEMBER_AT. */
const MEMBER_BEFORE = /(?:\.\s*([\w$]+)|\[\s*(?:(['"])(.*?)\2|(\d+))\s*\])\s*$/;

/** Every member access assigned with `=` in a text, with the same groups as MEMBER_AT. */
const MEMBER_ASSIGNED = /(?:\.\s*([\w$]+)|\[\s*(?:(['"])(.*?)\2|(\d+))\s*\])\s*=(?![=>])/g;

function memberName(match: RegExpExecArray): string {
  return match[1] ?? match[3] ?? match[4];
}

/** QuickJS messages whose V8 counterpart needs no source text. */
const SIMPLE_MESSAGES: Record<string, string> = {
  'invalid array length': 'Invalid array length',
  'cannot convert symbol to string': 'Cannot convert a Symbol value to a string',
  'cannot convert bigint to number': 'Cannot mix BigInt and other types, use explicit conversions',
  'empty array': 'Reduce of empty array with no initial value',
  'invalid value used as WeakMap key': 'Invalid value used as weak map key',
  'invalid value used as WeakSet key': 'Invalid value used in weak set',
  'expecting hex digit': 'URI malformed',
  'object is not extensible': '#<Object> is not extensible',
  'Promise object expected': 'Method Promise.prototype.then called on incompatible receiver',
  'circular reference': 'Converting circular structure to JSON',
  'radix must be between 2 and 36': 'toString() radix argument must be between 2 and 36',
  'bad normalization form': 'The normalization form should be one of NFC, NFD, NFKC, NFKD.',
  // QuickJS says this only in Date.prototype.toISOString, where V8 says the other.
  'Date value is NaN': 'Invalid time value',
  // Only Object.prototype has an immutable prototype (other exotic objects: Proxy traps say otherwise).
  'prototype is immutable': "Immutable prototype object 'Object.prototype' cannot have their prototype set",
  'division by zero': 'Division by zero',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

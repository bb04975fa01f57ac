// QuickJS stack traces rewritten in V8's shape. QuickJS keeps only the frames in `error.stack`
// ("    at f (/x.js:1:31)"), V8 starts with the error's header ("TypeError: msg"), names anonymous,
// native and top-level frames differently, points call frames at the callee's name rather than
// at `(`, and Node adds its own internal frames under the user's (Module._compile for the main
// script, listOnTimeout for timers, ...). Frames of the sandbox's own wrappers are dropped, and
// positions are mapped back to the user's text (the engine's rewrite and the CommonJS wrapper
// move columns on some lines; see engine/rewrite.ts).

/** The name QuickJS shows for the CommonJS wrapper function around the user's module body. */
export const MAIN_WRAPPER_NAME = '__looplens_main';

import { moduleSourceOf, splitLocation, type ModuleSource } from './moduleSources';

const SANDBOX_FILES = ['looplens:sandbox.js', '<looplens>'];

/** V8's default Error.stackTraceLimit. */
const STACK_TRACE_LIMIT = 10;

/** Node 20.20.2's own frames under a crash in the main script (measured). */
const NODE_MAIN_FRAMES = [
  '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
  '    at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)',
  '    at Module.load (node:internal/modules/cjs/loader:1266:32)',
  '    at Module._load (node:internal/modules/cjs/loader:1091:12)',
  '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)',
  '    at node:internal/main/run_main_module:28:49',
];
/** Node 20.20.2's frames between a required module's body and the require() call (measured). */
const NODE_REQUIRE_FRAMES = [
  ...NODE_MAIN_FRAMES.slice(0, 4),
  '    at Module.require (node:internal/modules/cjs/loader:1289:19)',
  '    at require (node:internal/modules/helpers:182:18)',
];
/** Node 20.20.2's frames under the synchronous part of an ES module's body (measured). */
const NODE_ESM_FRAMES = [
  '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
  '    at async ModuleLoader.import (node:internal/modules/esm/loader:606:24)',
  '    at async asyncRunEntryPointWithESMLoader (node:internal/modules/run_main:117:5)',
];
const NODE_SOURCE_FRAMES: Record<string, string[]> = {
  timers: ['    at listOnTimeout (node:internal/timers:581:17)', '    at process.processTimers (node:internal/timers:519:7)'],
  check: ['    at process.processImmediate (node:internal/timers:483:21)'],
  nextTick: ['    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)'],
};

/**
 * Node's frame under a promise job: none when V8's own microtask checkpoint runs it (nothing was on
 * the tick queue), processTicksAndRejections's when that function drains the microtasks.
 */
function microtaskCallerFrames(): string[] {
  if (context.currentSource() !== 'microtask') return [];
  const frames = queueMicrotaskCallbackRunning ? QUEUE_MICROTASK_FRAMES : [];
  if (!context.insideProcessTicks?.()) return frames;
  return [...frames, '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'];
}

/** Node 20.20.2 runs a queueMicrotask callback through an AsyncResource (measured). */
const QUEUE_MICROTASK_FRAMES = [
  '    at node:internal/process/task_queues:140:7',
  '    at AsyncResource.runInAsyncScope (node:async_hooks:206:9)',
  '    at AsyncResource.runMicrotask (node:internal/process/task_queues:137:8)',
];
let queueMicrotaskCallbackRunning = false;

/** Called by the timers (sandbox/timers.ts) around each queueMicrotask callback. */
export function setQueueMicrotaskCallbackRunning(running: boolean): void {
  queueMicrotaskCallbackRunning = running;
}

/**
 * The name V8 prints for a frame of the entry file at `position` (the user's text), where the
 * function's definition says more than QuickJS's name: the innermost function containing the
 * position decides. `quickjsName` fills in `{name}` (computed keys, accessors' "get x").
 */
function definedFrameName(quickjsName: string, position: { line: number; column: number }): string | null {
  let best: [number, number, number, number, string | null] | null = null;
  for (const entry of context.frameNames ?? []) {
    const [startLine, startColumn, endLine, endColumn] = entry;
    const startsBefore = startLine < position.line || (startLine === position.line && startColumn <= position.column);
    const endsAfter = endLine > position.line || (endLine === position.line && endColumn >= position.column);
    if (!startsBefore || !endsAfter) continue;
    // Entries come in source order, outer before inner: a later containing entry is more inner.
    best = entry;
  }
  const template = best?.[4];
  if (!template || (quickjsName === '<anonymous>' && template.includes('{name}'))) return null;
  const property = quickjsName.replace(/^[gs]et /, '');
  return template.split('{name}').join(quickjsName).split('{property}').join(property);
}

/**
 * V8 names a frame called with `new` "new F" (QuickJS: "F"). Whether it was is read from the call
 * site, the frame below: its position (V8's convention) is at the `new` keyword of the expression.
 */
function calledWithNew(caller: ParsedFrame | undefined): boolean {
  if (!caller || caller.sandbox || caller.native) return false;
  const location = parseLocation(caller.location);
  if (!location) return false;
  const position = userPosition(location.line, location.column);
  const lineText = context.evaluatedLines[location.line - 1] ?? '';
  const evaluatedColumn = v8Column(lineText, location.column);
  return /^new\b/.test(lineText.slice(evaluatedColumn - 1)) && position.line === location.line;
}

/** Natives V8 prints with their holder ("Array.forEach"); QuickJS prints the bare name. */
const NATIVE_HOLDERS: Record<string, string> = {
  forEach: 'Array.forEach', map: 'Array.map', filter: 'Array.filter', reduce: 'Array.reduce', reduceRight: 'Array.reduceRight',
  some: 'Array.some', every: 'Array.every', find: 'Array.find', findIndex: 'Array.findIndex', findLast: 'Array.findLast',
  flatMap: 'Array.flatMap', sort: 'Array.sort', from: 'Function.from', parse: 'JSON.parse', stringify: 'JSON.stringify',
  replace: 'String.replace', replaceAll: 'String.replaceAll',
};

export interface FrameContext {
  model: string;
  isModule: boolean;
  fileName: string;
  /** The evaluated code's lines (positions in QuickJS stacks refer to them). */
  evaluatedLines: string[];
  /** Columns the CommonJS wrapper adds to line 1. */
  lineOneShift: number;
  /** Per-line maps from evaluated columns to the user's columns. */
  columnMaps: Record<string, number[]>;
  /**
   * V8's names for the frames of the entry's functions, by extent in the user's text
   * ([startLine, startColumn, endLine, endColumn, name]; engine/frameNames.ts).
   */
  frameNames?: [number, number, number, number, string | null][];
  /** The queue or phase now running (for Node's internal frames under the user's). */
  currentSource(): string;
  /** Node: whether microtasks now run inside processTicksAndRejections (ticks were queued). */
  insideProcessTicks?(): boolean;
}

let context: FrameContext = {
  model: 'node',
  isModule: false,
  fileName: '',
  evaluatedLines: [],
  lineOneShift: 0,
  columnMaps: {},
  currentSource: () => 'main',
};

/**
 * Whether an immediate's callback is running now. Node sets `immediate._onImmediate = null` as soon
 * as the callback returns or throws, and V8 finds a frame's "[as _onImmediate]" name by looking the
 * function up on the receiver when the stack is formatted: a stack read inside the callback has
 * it, while an uncaught error's crash report, formatted afterwards, prints "Immediate.im" (or
 * "Immediate.<anonymous>"). Timeouts keep `_onTimeout`, so theirs never changes.
 */
let immediateCallbackRunning = false;

/** Called by the timers (sandbox/timers.ts) around each immediate's callback. */
export function setImmediateCallbackRunning(running: boolean): void {
  immediateCallbackRunning = running;
}

export function configureFrames(next: FrameContext): void {
  context = next;
}

/** `Name: message` as V8's Error.prototype.toString prints it in stack headers. */
export function errorHeader(error: { name?: unknown; message?: unknown }): string {
  let name: string;
  let message: string;
  try {
    name = error.name === undefined ? 'Error' : String(error.name);
    message = error.message === undefined ? '' : String(error.message);
  } catch {
    return 'Error';
  }
  if (!name) return message;
  if (!message) return name;
  return `${name}: ${message}`;
}

/**
 * V8 points a call frame at the callee's name (`o.|missing()`, `|g()`), a `new` at the keyword,
 * a failed property read at the property name; QuickJS at the `(` or the `.`.
 */
function v8Column(lineText: string, column: number): number {
  const index = column - 1;
  const char = lineText[index];
  if (char === '(') {
    let start = index;
    while (start > 0 && /\s/.test(lineText[start - 1])) start -= 1;
    let end = start;
    while (start > 0 && /[\w$#]/.test(lineText[start - 1])) start -= 1;
    if (start === end) return column;
    const before = lineText.slice(0, start);
    const newMatch = /\bnew\s+$/.exec(before);
    if (newMatch) return newMatch.index + 1;
    end = start;
    return end + 1;
  }
  // A failed property read points at the name, except on a call's result (`f().x`), where V8
  // keeps the dot (measured).
  if (char === '.' && /[\w$#]/.test(lineText[index + 1] ?? '')) return isCallResult(lineText.slice(0, index)) ? column : column + 1;
  if (char === '?' && lineText[index + 1] === '.') return column + 2;
  return column;
}

/**
 * Whether the member chain that `before` ends with contains a call (`f().x`, `o.m().a.b`): V8 then
 * points a failed read at the dot. A parenthesised head (`(f()).x`) and `new F()` are not calls.
 */
function isCallResult(before: string): boolean {
  let end = before.length;
  let calls = 0;
  while (end > 0) {
    const text = before.slice(0, end).trimEnd();
    const last = text[text.length - 1];
    if (last === ')' || last === ']') {
      let depth = 0;
      let open = text.length - 1;
      for (; open >= 0; open--) {
        const char = text[open];
        if (char === ')' || char === ']') depth += 1;
        else if ((char === '(' || char === '[') && --depth === 0) break;
      }
      if (open < 0) return false;
      const previous = text.slice(0, open).trimEnd();
      // A group that follows no callee is the chain's head (a parenthesised expression).
      if (last === ')' && (!/[\w$)\]]$/.test(previous) || /\b(?:if|while|for|switch|return|typeof|void|await|in|of|new|case|throw)$/.test(previous))) return calls > 0;
      if (last === ')') calls += 1;
      end = previous.length;
      continue;
    }
    const name = /[\w$#]+$/.exec(text);
    if (!name) return calls > 0;
    const start = text.length - name[0].length;
    const previous = text.slice(0, start);
    if (/\??\.$/.test(previous)) {
      end = previous.replace(/\??\.$/, '').length;
      continue;
    }
    // The chain's head: `new Head(...)` constructs, so its first argument list is no call.
    if (/\bnew\s+$/.test(previous) && calls > 0) calls -= 1;
    return calls > 0;
  }
  return calls > 0;
}

/** Maps an evaluated-code position to the user's text, in V8's column convention. */
export function userPosition(line: number, column: number): { line: number; column: number } {
  const lineText = context.evaluatedLines[line - 1] ?? '';
  let mapped = v8Column(lineText, column);
  if (line === 1) mapped = Math.max(1, mapped - context.lineOneShift);
  const map = context.columnMaps[String(line)];
  if (map) mapped = map[Math.min(mapped, map.length - 1)] ?? mapped;
  return { line, column: mapped };
}

/** Maps a position in an imported module's evaluated code to its file's text, in V8's column convention. */
function modulePosition(source: ModuleSource, line: number, column: number): { line: number; column: number } {
  let mapped = v8Column(source.lines[line - 1] ?? '', column);
  if (line === 1) mapped = Math.max(1, mapped - source.lineOneShift);
  return { line, column: mapped };
}

/** Where an error happened, in whichever file of the module graph: what Node's crash header quotes. */
export interface SourceSite {
  file: string;
  line: number;
  column: number;
  /** The file is the entry (whose positions the host maps itself). */
  isEntry: boolean;
  isModule: boolean;
  /** The file's text of that line (the wrapper or prologue removed). */
  lineText: string;
}

/** The first frame in a file of the user's program (the entry or an imported module). */
export function firstUserSite(quickjsStack: string): SourceSite | null {
  for (const raw of quickjsStack.split('\n')) {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(raw);
    // A syntax error's only frame is a bare location ("at /x.js:3:2").
    const location = match ? splitLocation(match[2] || match[1]) : null;
    if (!location) continue;
    if (location.file === context.fileName) {
      const position = userPosition(location.line, location.column);
      return { ...position, file: location.file, isEntry: true, isModule: context.isModule, lineText: '' };
    }
    const source = moduleSourceOf(location.file);
    if (!source) continue;
    const position = modulePosition(source, location.line, location.column);
    let lineText = source.lines[position.line - 1] ?? '';
    if (position.line === 1) lineText = lineText.slice(source.lineOneShift);
    return { ...position, file: location.file, isEntry: false, isModule: source.isModule, lineText };
  }
  return null;
}

/** The first frame of the user's file in a QuickJS stack, as a V8-style position in the user's text. */
export function firstUserPosition(quickjsStack: string): { line: number; column: number } | null {
  for (const raw of quickjsStack.split('\n')) {
    const location = parseLocation(raw);
    if (location) return userPosition(location.line, location.column);
  }
  return null;
}

function parseLocation(frame: string): { line: number; column: number } | null {
  const file = context.fileName;
  const index = frame.lastIndexOf(`${file}:`);
  if (index < 0 || !file) return null;
  const match = /^:(\d+):(\d+)/.exec(frame.slice(index + file.length));
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

interface ParsedFrame {
  name: string;
  location: string;
  sandbox: boolean;
  native: boolean;
}

/** Rewrites QuickJS frame lines into V8's wording; drops sandbox frames; adds Node's own. */
export function v8Frames(quickjsStack: string, isModule = context.isModule): string[] {
  const parsed: ParsedFrame[] = [];
  for (const raw of quickjsStack.split('\n')) {
    const match = /^\s*at (.*?)(?: \((.*)\))?$/.exec(raw);
    if (!match) continue;
    const name = match[1];
    const location = match[2] ?? '';
    parsed.push({ name, location, sandbox: SANDBOX_FILES.some((file) => location.startsWith(file)), native: location === 'native' });
  }
  const frames: string[] = [];
  let reachedMain = false;
  // Node calls timer and immediate callbacks as methods of their Timeout/Immediate objects, so
  // V8 names the bottom user frame after them ("Timeout.f [as _onTimeout]").
  const source = context.model === 'browser' ? '' : context.currentSource();
  let callbackFrame = -1;
  if (source === 'timers' || source === 'check') {
    for (let index = parsed.length - 1; index >= 0; index--) {
      if (!parsed[index].sandbox && !parsed[index].native) {
        callbackFrame = index;
        break;
      }
    }
  }
  parsed.forEach((frame, index) => {
    if (frame.sandbox) return;
    // A native called by the sandbox's own wrappers (Reflect.construct, Function.prototype.call).
    if (frame.native && (parsed[index - 1]?.sandbox || parsed[index + 1]?.sandbox)) return;
    // V8 shows no frame for Function.prototype.call and apply: the called function sits right on its caller.
    if (frame.native && (frame.name === 'call' || frame.name === 'apply')) return;
    if (frame.native) {
      frames.push(`    at ${NATIVE_HOLDERS[frame.name] ?? frame.name} (<anonymous>)`);
      return;
    }
    const where = formatLocation(parsed[index - 1]?.name.startsWith('set ') ? atAssignment(frame.location) : frame.location, isModule);
    if (index === callbackFrame && frame.name !== MAIN_WRAPPER_NAME && frame.name !== '<eval>') {
      const anonymous = frame.name === '<anonymous>';
      const name = source === 'timers'
        ? (anonymous ? 'Timeout._onTimeout' : `Timeout.${frame.name} [as _onTimeout]`)
        : immediateCallbackRunning
          ? (anonymous ? 'Immediate._onImmediate' : `Immediate.${frame.name} [as _onImmediate]`)
          : `Immediate.${anonymous ? '<anonymous>' : frame.name}`;
      frames.push(`    at ${name} (${where})`);
    } else if (frame.name === MAIN_WRAPPER_NAME) {
      frames.push(`    at Object.<anonymous> (${where})`);
      // A module body below which user code still runs was loaded by that code's require().
      if (parsed.slice(index + 1).some((below) => !below.sandbox && !below.native)) frames.push(...NODE_REQUIRE_FRAMES);
      reachedMain = true;
    } else if (frame.name === '<eval>') {
      frames.push(`    at ${where}`);
      reachedMain = true;
    } else {
      const location = parseLocation(frame.location);
      const defined = location ? definedFrameName(frame.name, userPosition(location.line, location.column)) : null;
      if (defined) frames.push(`    at ${defined} (${where})`);
      else if (frame.name === '<anonymous>') frames.push(`    at ${where}`);
      else if (calledWithNew(parsed[index + 1])) frames.push(`    at new ${frame.name} (${where})`);
      else frames.push(`    at ${frame.name} (${where})`);
    }
  });
  if (context.model !== 'browser') {
    if (reachedMain && !isModule) frames.push(...NODE_MAIN_FRAMES);
    // An ES module graph's bodies run inside ModuleJob.run until their first await.
    // (QuickJS names a module body's frame like any anonymous function: the bottom user frame is it.)
    else if (isModule && context.currentSource() === 'main' && frames.length > 0) frames.push(...NODE_ESM_FRAMES);
    else if (!reachedMain) frames.push(...(NODE_SOURCE_FRAMES[context.currentSource()] ?? microtaskCallerFrames()));
  }
  return frames.slice(0, STACK_TRACE_LIMIT);
}

/**
 * A setter runs from an assignment, where V8 points the caller's frame at the `=` (QuickJS: at the
 * property). Returns the location moved there, or unchanged when the text is not `.name =`.
 */
function atAssignment(location: string): string {
  const match = /^(.*):(\d+):(\d+)$/.exec(location);
  if (!match || match[1] !== context.fileName) return location;
  const lineText = context.evaluatedLines[Number(match[2]) - 1] ?? '';
  const from = Number(match[3]) - 1;
  const assignment = /^\.?[\w$]+\s*=(?!=)/.exec(lineText.slice(from));
  if (!assignment) return location;
  return `${match[1]}:${match[2]}:${from + assignment[0].length}`;
}

function formatLocation(location: string, isModule: boolean): string {
  const file = context.fileName;
  let text = location;
  const index = file ? location.lastIndexOf(`${file}:`) : -1;
  if (index >= 0) {
    const match = /^:(\d+):(\d+)/.exec(location.slice(index + file.length));
    if (match) {
      const position = userPosition(Number(match[1]), Number(match[2]));
      text = `${file}:${position.line}:${position.column}`;
    }
  } else {
    // Another file of the module graph: its own wrapper or prologue, and its own kind (a CommonJS
    // file under an ES module entry is named by its path, an ES module by its URL).
    const split = splitLocation(location);
    const source = split ? moduleSourceOf(split.file) : undefined;
    if (split && source) {
      const position = modulePosition(source, split.line, split.column);
      text = `${split.file}:${position.line}:${position.column}`;
      if (context.model !== 'browser') return source.isModule && text.startsWith('/') ? `file://${text}` : text;
    }
  }
  if (isModule && text.startsWith('/')) return `file://${text}`;
  if (context.model === 'browser' && text.startsWith('/')) return `http://127.0.0.1${text}`;
  return text;
}

/** The whole V8-style stack: header, then frames. */
export function v8Stack(error: { name?: unknown; message?: unknown }, quickjsStack: string, isModule = context.isModule): string {
  return [errorHeader(error), ...v8Frames(quickjsStack, isModule)].join('\n');
}

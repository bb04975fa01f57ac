// Leak patterns in plain JS/TS: implicit globals, values stored on the global object, closures
// stored on globals that keep their whole scope (and its big data) alive, listeners added by code
// that runs repeatedly without a matching removal, intervals that are never cleared, and
// module-level collections that only grow. Each rule stays silent on the cleared, removed,
// bounded and `once` variants.
import type * as TS from 'typescript';
import { isStrictAt, rangeOf } from '../syntax/index';
import { fixTitle, frameOf, lineOf, makeFinding, related, skipOuter, type FileContext } from './context';
import { msg, type LocalizableMessage } from '../syntax/message';
import type { QuickFix } from './types';
import { SYNC_ARRAY_CALLBACK_METHODS } from './builtins';

/** Free names that name the host's own objects; assigning them is not an implicit global. */
const HOST_NAMES = new Set(['exports', 'module', 'require', '__dirname', '__filename', 'globalThis', 'window', 'self', 'global', 'document', 'process', 'console']);
const GLOBAL_OBJECT_NAMES = new Set(['global', 'globalThis', 'window', 'self']);
const ADD_LISTENER_METHODS = new Set(['on', 'addListener', 'addEventListener', 'prependListener']);
const REMOVE_LISTENER_METHODS = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners']);
/** Callbacks of these run once per event/request/tick: code inside them runs repeatedly. */
const REPEATING_CALLBACK_FUNCTIONS = new Set(['setInterval', 'createServer', 'requestAnimationFrame']);
const REPEATING_CALLBACK_METHODS = new Set([
  'on', 'addListener', 'addEventListener', 'prependListener', 'setInterval', 'createServer', 'use', 'get', 'post', 'put',
  'patch', 'delete', 'all', 'handle', 'subscribe',
]);
const GROW_METHODS = new Set(['set', 'add', 'push', 'unshift']);
const SHRINK_METHODS = new Set(['delete', 'clear', 'shift', 'pop', 'splice']);
/** Operators that compare a collection's size with a limit, or (as `length = n`) truncate it. */
const SIZE_BOUND_OPERATORS = new Set<TS.SyntaxKind>();

export function checkLeaks(context: FileContext): void {
  checkGlobals(context);
  checkClosuresOnLongLivedObjects(context);
  checkListeners(context);
  // Which calls are global timer calls is asked once per check, for both timer rules.
  const timers = timerCalls(context);
  checkIntervals(context, timers);
  checkGrowingCollections(context);
  checkLongTimers(context, timers);
}

/** A call of a global timer function, and which one (`globalTimerFunction`). */
interface TimerCall {
  call: TS.CallExpression;
  timerFunction: string;
}

/** The file's calls of global timer functions, in the order of the file index. */
function timerCalls(context: FileContext): TimerCall[] {
  const timers: TimerCall[] = [];
  for (const call of context.index.calls) {
    const timerFunction = globalTimerFunction(context, call);
    if (timerFunction) timers.push({ call, timerFunction });
  }
  return timers;
}

/** Timers this long, set by code that runs per request/event/iteration, outlive what they capture by far. */
const LONG_TIMER_MS = 10_000;

/** The value of a delay written as a numeric literal or a product/sum of them (`60 * 1000`). */
function literalDelay(ts: typeof TS, expression: TS.Expression | undefined): number | undefined {
  if (!expression) return undefined;
  const node = skipOuter(ts, expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isBinaryExpression(node)) {
    const left = literalDelay(ts, node.left);
    const right = literalDelay(ts, node.right);
    if (left === undefined || right === undefined) return undefined;
    if (node.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return left * right;
    if (node.operatorToken.kind === ts.SyntaxKind.PlusToken) return left + right;
  }
  return undefined;
}

function checkLongTimers(context: FileContext, timerCallsOfFile: readonly TimerCall[]): void {
  const ts = context.ts;
  const sourceFile = context.sourceFile;
  const timers: TS.CallExpression[] = [];
  const cleared = new Set<TS.Node>();
  for (const { call: node, timerFunction } of timerCallsOfFile) {
      if (timerFunction === 'setTimeout') timers.push(node);
      if (timerFunction === 'clearTimeout' && node.arguments[0]) {
        const argument = skipOuter(ts, node.arguments[0]);
        const target = ts.isIdentifier(argument) ? context.resolver.declarationsOf(argument)[0] : undefined;
        if (target) cleared.add(target);
      }
  }
  for (const call of timers) {
    const delay = literalDelay(ts, call.arguments[1]);
    const callback = call.arguments[0] ? skipOuter(ts, call.arguments[0]) : undefined;
    if (delay === undefined || delay < LONG_TIMER_MS || !callback || (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback))) continue;
    const holder = call.parent;
    if (ts.isVariableDeclaration(holder) && cleared.has(holder)) continue;
    const why = repeatedContext(context, call);
    if (!why) continue;
    // What the callback keeps: parameters and locals of the function that runs repeatedly.
    const owner = frameOf(ts, call);
    const kept = capturedLocals(context, callback).filter((declaration) => frameOf(ts, declaration) === owner || declaration.parent === owner);
    if (kept.length === 0) continue;
    const names = kept.map((declaration) => `'${(declaration as TS.NamedDeclaration).name?.getText(sourceFile)}'`).join(', ');
    context.findings.push(makeFinding('leak-timer-retains', call.expression,
      msg('This {0}-second timer is set {1} and its callback keeps {2} alive until it fires, long after the work that created {3} is done. ' +
        'A pending timer keeps its callback, and through its closure the scope it was created in, reachable; under load these pile up. Clear the timer when the work finishes (keep the handle and call clearTimeout), or capture only the small values the callback needs.',
      Math.round(delay / 1000), why, names, kept.length === 1 ? msg('it') : msg('them')),
      { related: kept.map((declaration) => related(declaration, msg('kept alive until the timer fires'))) }));
  }
}

function isFreeName(context: FileContext, identifier: TS.Identifier): boolean {
  return context.resolver.declarationsOf(identifier).length === 0;
}

/** Local variables of enclosing functions that a function reads: what a stored closure keeps alive. */
function capturedLocals(context: FileContext, fn: TS.FunctionLikeDeclaration): TS.Declaration[] {
  const ts = context.ts;
  const captured = new Set<TS.Declaration>();
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const declaration = context.resolver.declarationsOf(node)[0];
      if (declaration && declaration.getSourceFile() === context.sourceFile) {
        const declarationFrame = frameOf(ts, declaration);
        // Declared outside this function, inside some enclosing function (not the module top level).
        if (!ts.isSourceFile(declarationFrame) && !isInside(declaration, fn) && declarationFrame !== fn &&
            !ts.isFunctionDeclaration(declaration) && !ts.isClassDeclaration(declaration)) captured.add(declaration);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return [...captured];
}

function isInside(node: TS.Node, container: TS.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}

function looksBig(context: FileContext, declaration: TS.Declaration): boolean {
  const ts = context.ts;
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const text = declaration.initializer.getText(context.sourceFile);
  return /\b(Buffer|ArrayBuffer|Uint8Array|Float64Array|Array|readFileSync|alloc|fill)\b|\.repeat\(/.test(text);
}

/**
 * Standard globals that already exist both in Node.js (20) and in browsers: assigning one replaces
 * it (a test's fake `setTimeout`), it creates nothing. Each checked with `typeof X` in node 20 and in headless Chromium (file:// page).
 */
const EXISTING_GLOBALS = new Set(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
  'queueMicrotask', 'structuredClone', 'fetch', 'atob', 'btoa',
  'Promise', 'Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Array', 'Object', 'Function', 'String', 'Number', 'Boolean',
  'BigInt', 'Date', 'RegExp', 'Error', 'JSON', 'Math', 'Reflect', 'Proxy', 'Intl', 'URL', 'URLSearchParams', 'TextEncoder',
  'TextDecoder', 'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'Headers', 'Request', 'Response', 'FormData',
  'performance', 'crypto']);
/** Globals only Node.js has (node 20; in Chromium `Buffer = Uint8Array` in a sloppy script adds `Buffer` to `Object.keys(window)`). */
const NODE_ONLY_GLOBALS = new Set(['setImmediate', 'clearImmediate', 'Buffer']);
/**
 * Globals only browsers have: `typeof X` is 'undefined' in node 20 for each, so in a Node file
 * assigning one creates a global (`localStorage = new Map()` adds `localStorage` to `Object.keys(globalThis)`).
 */
const BROWSER_ONLY_GLOBALS = new Set(['requestAnimationFrame', 'cancelAnimationFrame', 'WebSocket', 'XMLHttpRequest', 'navigator',
  'location', 'localStorage', 'sessionStorage', 'alert']);
/** Free names only a Node.js file reads (CommonJS's and node's own). */
const NODE_FILE_NAMES = ['require', 'module', 'exports', '__dirname', '__filename', 'process'];
/** Free names only a browser file reads. */
const BROWSER_FILE_NAMES = ['window', 'document'];

/**
 * Where the file runs, as far as it shows: 'node' when it reads a free name only Node.js has
 * (`require`, `module`, `process`, ...) and none only browsers have (`window`, `document`),
 * 'browser' the other way round, undefined when it shows neither or both.
 */
function fileEnvironment(context: FileContext): 'node' | 'browser' | undefined {
  const readsFree = (names: readonly string[]): boolean => names.some((name) =>
    context.identifiersNamed(context.ts.escapeLeadingUnderscores(name)).some((identifier) => isFreeName(context, identifier)));
  const node = readsFree(NODE_FILE_NAMES);
  const browser = readsFree(BROWSER_FILE_NAMES);
  return node === browser ? undefined : node ? 'node' : 'browser';
}

/**
 * Whether a global of this name already exists where the file runs (see `fileEnvironment`): one
 * both Node.js and browsers have, or one only the file's environment has. When the file does not
 * show where it runs, only the globals both have count.
 */
function existingGlobal(context: FileContext, name: string): boolean {
  if (EXISTING_GLOBALS.has(name)) return true;
  const nodeOnly = NODE_ONLY_GLOBALS.has(name);
  if (!nodeOnly && !BROWSER_ONLY_GLOBALS.has(name)) return false;
  return fileEnvironment(context) === (nodeOnly ? 'node' : 'browser');
}

/**
 * The global properties the file lets go of: deleted (`delete window.x`) or set back to null or
 * undefined or to the value it had (`x = null`, `x = undefined`, `var saved = clearTimeout; ... clearTimeout =
 * saved`), by name, each with the nodes that do it (a global set so is not kept "until the program ends").
 */
function releasedGlobals(context: FileContext): Map<string, TS.Node[]> {
  const ts = context.ts;
  const released = new Map<string, TS.Node[]>();
  const add = (name: string | undefined, node: TS.Node): void => {
    if (name === undefined) return;
    const list = released.get(name);
    if (list) list.push(node);
    else released.set(name, [node]);
  };
  for (const node of context.index.assignments) {
    if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const name = globalPropertyName(context, node.left);
    if (name !== undefined && (isNoValue(context, skipOuter(ts, node.right)) || isSavedGlobal(context, node.right, name))) add(name, node);
  }
  for (const identifier of context.index.identifiers) {
    if (!ts.isIdentifier(identifier) || !GLOBAL_OBJECT_NAMES.has(identifier.text)) continue;
    const access = identifier.parent;
    if ((ts.isPropertyAccessExpression(access) || ts.isElementAccessExpression(access)) && access.expression === identifier && ts.isDeleteExpression(access.parent)) {
      add(globalPropertyName(context, access), access.parent);
    }
  }
  return released;
}

/** A variable that saved the global's earlier value (`var oldClear = clearTimeout`), handed back to it. */
function isSavedGlobal(context: FileContext, value: TS.Expression, name: string): boolean {
  const ts = context.ts;
  const node = skipOuter(ts, value);
  if (!ts.isIdentifier(node)) return false;
  const declaration = context.resolver.declarationsOf(node)[0];
  return !!declaration && ts.isVariableDeclaration(declaration) && !!declaration.initializer && globalPropertyName(context, declaration.initializer) === name;
}

/** `null`, `void x` or the global `undefined`: no value at all. */
function isNoValue(context: FileContext, node: TS.Expression): boolean {
  const ts = context.ts;
  return node.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(node) || (ts.isIdentifier(node) && node.text === 'undefined' && isFreeName(context, node));
}

/** The name of the global property an assignment target or access denotes: `x` (undeclared), `window.x`, `globalThis['x']`. */
function globalPropertyName(context: FileContext, target: TS.Expression): string | undefined {
  const ts = context.ts;
  const node = skipOuter(ts, target);
  if (ts.isIdentifier(node)) return isFreeName(context, node) ? node.text : undefined;
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return undefined;
  const holder = skipOuter(ts, node.expression);
  if (!ts.isIdentifier(holder) || !GLOBAL_OBJECT_NAMES.has(holder.text) || !isFreeName(context, holder)) return undefined;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const key = node.argumentExpression;
  return ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) ? key.text : key.getText(context.sourceFile);
}

/** Whether an assignment runs only where `typeof name` was tested to be defined (`if (typeof _ == 'function') _ = ...`). */
function guardedAsDefined(context: FileContext, node: TS.Node, name: string): boolean {
  const ts = context.ts;
  let child = node;
  for (let current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isFunctionLike(current)) return false;
    if (ts.isIfStatement(current) && current.thenStatement === child && testsDefined(ts, current.expression, name, 0)) return true;
  }
  return false;
}

function testsDefined(ts: typeof TS, condition: TS.Expression, name: string, depth: number): boolean {
  const node = skipOuter(ts, condition);
  if (!ts.isBinaryExpression(node) || depth > 8) return false;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return testsDefined(ts, node.left, name, depth + 1) || testsDefined(ts, node.right, name, depth + 1);
  const typeOf = [node.left, node.right].map((side) => skipOuter(ts, side)).find(ts.isTypeOfExpression);
  const literal = [node.left, node.right].map((side) => skipOuter(ts, side)).find(ts.isStringLiteral);
  if (!typeOf || !literal || !ts.isIdentifier(skipOuter(ts, typeOf.expression)) || (skipOuter(ts, typeOf.expression) as TS.Identifier).text !== name) return false;
  const equal = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken;
  const unequal = operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken;
  return (equal && literal.text !== 'undefined') || (unequal && literal.text === 'undefined');
}

function checkGlobals(context: FileContext): void {
  const ts = context.ts;
  const reportedNames = new Set<string>();
  let released: Map<string, TS.Node[]> | undefined;
  // Whether the file lets go of a global elsewhere than this assignment (computed on the first report).
  const releasedElsewhere = (name: string, node: TS.Node): boolean => (released ??= releasedGlobals(context)).get(name)?.some((other) => other !== node) ?? false;
  const check = (node: TS.BinaryExpression): void => {
    // Only plain `=` creates a global: a compound assignment reads the missing name first and throws.
    if (node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = skipOuter(ts, node.left);
    const right = skipOuter(ts, node.right);
    // The captured locals are asked for at most once per assignment, on paths that report; no
    // closure to memoise them (it would allocate a context on every assignment of the file).
    const closure = ts.isFunctionExpression(right) || ts.isArrowFunction(right) ? right : undefined;
    if (ts.isIdentifier(left) && !HOST_NAMES.has(left.text) && isFreeName(context, left)) {
      if (isStrictAt(ts, left, context.isModule)) return;
      // A global that exists already is replaced, not created; one the file sets back is not kept.
      if (closure && releasedElsewhere(left.text, node)) return;
      const captured = closure ? capturedLocals(context, closure) : [];
      if (captured.length > 0) {
        reportClosure(context, node, left.text, captured);
        return;
      }
      if (reportedNames.has(left.text) || existingGlobal(context, left.text) || guardedAsDefined(context, node, left.text)) return;
      reportedNames.add(left.text);
      context.findings.push(makeFinding('leak-implicit-global', left,
        msg('Assigning to undeclared \'{0}\' creates a property of the global object, which lives until the program ends. ' +
          'In sloppy code an assignment that finds no binding on the scope chain falls through to the global object instead of failing; declare the variable with let or const (in strict code this line would throw a ReferenceError).', left.text),
        { fixes: declareFix(context, node, left) }));
      return;
    }
    if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
      const target = skipOuter(ts, left.expression);
      if (!ts.isIdentifier(target) || !GLOBAL_OBJECT_NAMES.has(target.text) || !isFreeName(context, target)) return;
      const captured = closure ? capturedLocals(context, closure) : [];
      const propertyName = ts.isPropertyAccessExpression(left) ? left.name.text : left.argumentExpression.getText(context.sourceFile);
      // Browser event handler properties (window.onload = ...) are the platform's API, not storage.
      if (/^on[a-z]+$/.test(propertyName)) return;
      // null and undefined keep nothing alive; a property the file deletes or sets back is not kept.
      if (isNoValue(context, right)) return;
      const key = globalPropertyName(context, left);
      if (key !== undefined && releasedElsewhere(key, node)) return;
      if (captured.length > 0) {
        reportClosure(context, node, `${target.text}.${propertyName}`, captured);
        return;
      }
      context.findings.push(makeFinding('leak-global-assignment', left,
        msg('\'{0}\' stores a value on the global object, where it stays reachable until the program ends. ' +
          'Globals are never collected; keep the value in a module-level or local variable, or delete the property when done.', left.getText(context.sourceFile))));
    }
  };
  for (const assignment of context.index.assignments) check(assignment);
}

/** The closures a stored value holds directly: the value itself, or the functions and methods of an object literal. */
function closuresOf(ts: typeof TS, value: TS.Expression): TS.FunctionLikeDeclaration[] {
  const expression = skipOuter(ts, value);
  if (ts.isFunctionExpression(expression) || ts.isArrowFunction(expression)) return [expression];
  if (!ts.isObjectLiteralExpression(expression)) return [];
  const closures: TS.FunctionLikeDeclaration[] = [];
  for (const property of expression.properties) {
    if (ts.isMethodDeclaration(property) || ts.isGetAccessorDeclaration(property) || ts.isSetAccessorDeclaration(property)) closures.push(property);
    else if (ts.isPropertyAssignment(property)) {
      const initializer = skipOuter(ts, property.initializer);
      if (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) closures.push(initializer);
    }
  }
  return closures;
}

/**
 * Closures that a function stores on a module-level object (`registry[name] = () => rows[0]`,
 * `handlers.set(name, () => snapshot)`): that object lives as long as the module, and so does the
 * scope each closure keeps. Only reported when a kept local looks large, because storing small
 * callbacks in a registry is ordinary code. Globals are `checkGlobals`' part.
 */
function checkClosuresOnLongLivedObjects(context: FileContext): void {
  const ts = context.ts;
  for (const assignment of context.index.assignments) {
    if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = skipOuter(ts, assignment.left);
    if (!ts.isPropertyAccessExpression(left) && !ts.isElementAccessExpression(left)) continue;
    reportBigClosures(context, assignment.left, left.expression, assignment.right);
  }
  for (const call of context.index.calls) {
    const callee = skipOuter(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !GROW_METHODS.has(callee.name.text)) continue;
    for (const argument of call.arguments) reportBigClosures(context, call, callee.expression, argument);
  }
}

function reportBigClosures(context: FileContext, at: TS.Node, holder: TS.Expression, value: TS.Expression): void {
  const ts = context.ts;
  // The cheapest test first: most stored values are not closures.
  const closures = closuresOf(ts, value);
  if (closures.length === 0) return;
  // Module-level code runs once and has no enclosing locals to keep.
  if (ts.isSourceFile(frameOf(ts, at))) return;
  const root = rootIdentifier(ts, holder);
  // The global object is checkGlobals' part, `this` and locals die with their owner.
  if (!root || (GLOBAL_OBJECT_NAMES.has(root.text) && isFreeName(context, root)) || !context.resolver.declarationsOf(root)[0] || !isLongLived(context, holder)) return;
  const captured = new Set<TS.Declaration>();
  for (const closure of closures) for (const declaration of capturedLocals(context, closure)) captured.add(declaration);
  const big = [...captured].filter((declaration) => looksBig(context, declaration));
  if (big.length === 0) return;
  const names = big.map((declaration) => `'${(declaration as TS.NamedDeclaration).name?.getText(context.sourceFile) ?? '?'}'`);
  context.findings.push(makeFinding('leak-closure-on-global', at,
    msg('The function stored in \'{0}\' closes over {1}, which looks large, and \'{0}\' lives as long as the module, so that scope is never collected. ' +
      'A closure keeps its whole scope chain alive for as long as the closure is reachable; keep only the small values the closure needs, remove the entry when done, or key it by its owner with a WeakMap.',
    holder.getText(context.sourceFile), names.join(', ')),
    { related: big.map((declaration) => related(declaration, msg('kept alive by the closure'))) }));
}

function reportClosure(context: FileContext, assignment: TS.BinaryExpression, target: string, captured: TS.Declaration[]): void {
  const names = captured.map((declaration) => (declaration as TS.NamedDeclaration).name?.getText(context.sourceFile) ?? '?');
  const big = captured.filter((declaration) => looksBig(context, declaration));
  const bigText = big.length > 0 ? (big.length === 1 ? msg(' (it looks large)') : msg(' (they look large)')) : '';
  context.findings.push(makeFinding('leak-closure-on-global', assignment.left,
    msg('The function stored in the global \'{0}\' closes over {1}{2}, so that scope can never be collected. ' +
      'A closure keeps its whole scope chain alive for as long as the closure is reachable, and a global is reachable forever; store the closure somewhere with a shorter life, or set the global to null when done.',
    target, names.map((n) => `'${n}'`).join(', '), bigText),
    { related: captured.map((declaration) => related(declaration, msg('kept alive by the closure'))) }));
}

function declareFix(context: FileContext, assignment: TS.BinaryExpression, left: TS.Identifier): QuickFix[] {
  const ts = context.ts;
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isExpressionStatement(assignment.parent)) return [];
  const range = rangeOf(left, context.sourceFile);
  return [{
    ...fixTitle(msg('Declare \'{0}\' with let', left.text)),
    edits: [{ file: context.file, line: range.line, column: range.column, endLine: range.line, endColumn: range.column, newText: 'let ' }],
  }];
}

/** The function that contains `node`, and whether code there runs repeatedly (per event, request, tick, iteration). */
function repeatedContext(context: FileContext, node: TS.Node): LocalizableMessage | undefined {
  const ts = context.ts;
  for (let current: TS.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isSourceFile(current)) return undefined;
    if (ts.isIterationStatement(current, false)) return msg('in a loop');
    if (ts.isFunctionExpression(current) || ts.isArrowFunction(current)) {
      const call: TS.Node = current.parent;
      if (ts.isCallExpression(call) && call.arguments.includes(current)) {
        const callee = skipOuter(ts, call.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if ((ts.isIdentifier(callee) && REPEATING_CALLBACK_FUNCTIONS.has(name)) || (ts.isPropertyAccessExpression(callee) && REPEATING_CALLBACK_METHODS.has(name))) {
          return msg('in a callback of \'{0}\', which runs repeatedly', name);
        }
      }
      // A function whose repetition is unknown: look at where it is called from, if it is named
      // (`const subscribe = (id) => ...`); otherwise at the code around it.
      const declaration: TS.Node = current.parent;
      if (ts.isVariableDeclaration(declaration) && declaration.initializer === current && ts.isIdentifier(declaration.name)) {
        const calledFrom = repeatedCallers(context, current, declaration.name, declaration);
        if (calledFrom) return calledFrom;
      }
    }
    if (ts.isFunctionDeclaration(current) && current.name) return repeatedCallers(context, current, current.name, current);
    if (ts.isMethodDeclaration(current) && ts.isIdentifier(current.name)) return repeatedMethodCallers(context, current, current.name);
    if (ts.isFunctionLike(current) && !ts.isFunctionExpression(current) && !ts.isArrowFunction(current)) return undefined;
  }
  return undefined;
}

/**
 * Whether a named function is called (or registered) from repeating code, as a reason string.
 * `declaration` is what its name resolves to: the function declaration itself, or the variable
 * declaration a function expression is assigned to.
 */
function repeatedCallers(context: FileContext, fn: TS.Node, fnName: TS.Identifier, declaration: TS.Node): LocalizableMessage | undefined {
  const ts = context.ts;
  // Only the function's name, in a call or as an argument, can call or register it: its identifiers
  // in walk order, instead of a walk resolving every identifier of the file per function asked about.
  for (const node of context.identifiersNamed(fnName.escapedText)) {
    if (node === fnName || isInside(node, fn) || context.resolver.declarationsOf(node)[0] !== declaration) continue;
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.expression === node) {
      const outer = repeatedContextShallow(context, parent);
      if (outer) return msg('in \'{0}\', which is called {1}', fnName.text, outer);
    } else if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
      const callee = skipOuter(ts, parent.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if ((ts.isIdentifier(callee) && REPEATING_CALLBACK_FUNCTIONS.has(name)) || (ts.isPropertyAccessExpression(callee) && REPEATING_CALLBACK_METHODS.has(name))) {
        return msg('in \'{0}\', which is registered with \'{1}\' and runs repeatedly', fnName.text, name);
      }
    }
  }
  return undefined;
}

/**
 * Whether a class method is called from repeating code (`setInterval(() => widget.render())`). Calls
 * are matched by the method's name, so only a name that no other method or property of the file
 * declares is followed: the receiver's type is not known here.
 */
function repeatedMethodCallers(context: FileContext, method: TS.MethodDeclaration, methodName: TS.Identifier): LocalizableMessage | undefined {
  const ts = context.ts;
  const named = context.identifiersNamed(methodName.escapedText);
  let declarations = 0;
  for (const node of named) {
    const parent = node.parent;
    if ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) || ts.isMethodSignature(parent) || ts.isPropertySignature(parent)) && parent.name === node) declarations++;
    else if (ts.isBinaryExpression(parent.parent) && ts.isPropertyAccessExpression(parent) && parent.name === node && parent.parent.left === parent) declarations++;
  }
  if (declarations !== 1) return undefined;
  for (const node of named) {
    const access = node.parent;
    if (isInside(node, method) || !ts.isPropertyAccessExpression(access) || access.name !== node) continue;
    const call = access.parent;
    if (!ts.isCallExpression(call) || call.expression !== access) continue;
    const outer = repeatedContextShallow(context, call);
    if (outer) return msg('in \'{0}\', which is called {1}', methodName.text, outer);
  }
  return undefined;
}

/** Like repeatedContext, without following named functions further (bounds the search). */
function repeatedContextShallow(context: FileContext, node: TS.Node): LocalizableMessage | undefined {
  const ts = context.ts;
  for (let current: TS.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isSourceFile(current)) return undefined;
    if (ts.isIterationStatement(current, false)) return msg('in a loop');
    if (ts.isFunctionExpression(current) || ts.isArrowFunction(current)) {
      const call: TS.Node = current.parent;
      if (ts.isCallExpression(call) && call.arguments.includes(current)) {
        const callee = skipOuter(ts, call.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if ((ts.isIdentifier(callee) && REPEATING_CALLBACK_FUNCTIONS.has(name)) || (ts.isPropertyAccessExpression(callee) && REPEATING_CALLBACK_METHODS.has(name))) {
          return msg('in a callback of \'{0}\'', name);
        }
      }
    }
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) return undefined;
  }
  return undefined;
}

/** The identifier at the root of `a.b.c`, when there is one. */
function rootIdentifier(ts: typeof TS, expression: TS.Expression): TS.Identifier | undefined {
  let current = skipOuter(ts, expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = skipOuter(ts, current.expression);
  return ts.isIdentifier(current) ? current : undefined;
}

/** Whether the object behind `target` outlives the function that runs repeatedly: a module-level binding, an import or a host global. */
function isLongLived(context: FileContext, target: TS.Expression): boolean {
  const ts = context.ts;
  const root = rootIdentifier(ts, target);
  if (!root) return false;
  const declaration = context.resolver.declarationsOf(root)[0];
  if (!declaration) return ['process', 'window', 'document', 'globalThis', 'global', 'self'].includes(root.text);
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration)) return true;
  // Declared by a statement of the module itself (not inside a loop or block that runs repeatedly).
  let statement: TS.Node = declaration;
  while (statement.parent && !ts.isSourceFile(statement.parent)) {
    if (ts.isBlock(statement.parent) || ts.isIterationStatement(statement.parent, false) || ts.isFunctionLike(statement.parent)) return false;
    statement = statement.parent;
  }
  return true;
}

function eventKey(ts: typeof TS, call: TS.CallExpression): string | undefined {
  const event = call.arguments[0];
  return event && (ts.isStringLiteral(event) || ts.isNoSubstitutionTemplateLiteral(event)) ? event.text : undefined;
}

/**
 * Whether an `on`/`addEventListener` call is a helper that registers on its first argument, not on
 * its receiver: `eventsHelper.addEventListener(socket, 'connect', onConnect)`,
 * `helper.on(target, Events.Close, () => ...)`. Node's `emitter.on(event, listener)` and the DOM's
 * `target.addEventListener(type, listener, options)` take the listener second; a string second, or a
 * function third, is another API (unless the first argument is a string too: jQuery's
 * `$(document).on('click', '.item', handler)` registers on the receiver).
 */
function registersOnArgument(ts: typeof TS, call: TS.CallExpression): boolean {
  const [first, second, third] = call.arguments;
  const isText = (node: TS.Node): boolean => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
  if (isText(first)) return false;
  return isText(second) || (third !== undefined && (ts.isArrowFunction(third) || ts.isFunctionExpression(third)));
}

function checkListeners(context: FileContext): void {
  const ts = context.ts;
  const sourceFile = context.sourceFile;
  const removals: { target: string; event: string | undefined }[] = [];
  const additions: TS.CallExpression[] = [];
  for (const node of context.index.calls) {
    if (!ts.isPropertyAccessExpression(node.expression)) continue;
    const method = node.expression.name.text;
    if (REMOVE_LISTENER_METHODS.has(method)) removals.push({ target: node.expression.expression.getText(sourceFile), event: eventKey(ts, node) });
    if (ADD_LISTENER_METHODS.has(method) && node.arguments.length >= 2 && !registersOnArgument(ts, node)) additions.push(node);
  }
  for (const call of additions) {
    const access = call.expression as TS.PropertyAccessExpression;
    const options = call.arguments[2];
    if (options && ts.isObjectLiteralExpression(options) && options.properties.some((property) =>
      property.name && ts.isIdentifier(property.name) && (property.name.text === 'once' || property.name.text === 'signal'))) continue;
    const targetText = access.expression.getText(sourceFile);
    const event = eventKey(ts, call);
    if (removals.some((removal) => removal.target === targetText && (removal.event === undefined || event === undefined || removal.event === event))) continue;
    if (!isLongLived(context, access.expression)) continue;
    const why = repeatedContext(context, call);
    if (!why) continue;
    const range = rangeOf(call, sourceFile);
    const indentation = sourceFile.text.slice(sourceFile.getLineStarts()[range.line - 1], call.getStart(sourceFile)).replace(/\S.*$/, '');
    const removeMethod = access.name.text === 'addEventListener' ? 'removeEventListener' : 'removeListener';
    // The skeleton goes on a new line after the line where the call ends (after its `;` or a
    // trailing comment, if any): the end of that line, as a 1-based column.
    const callEnd = call.getEnd();
    const lineEndColumn = sourceFile.getLineEndOfPosition(callEnd) - sourceFile.getLineStarts()[range.endLine - 1] + 1;
    context.findings.push(makeFinding('leak-listener-repeated', call,
      msg('This adds a \'{0}\' listener to \'{1}\' {2}, and nothing removes it, so listeners (and everything their closures reference) pile up. ' +
        '\'{1}\' outlives the code that registers the listener; remove the listener when done, register it once outside the repeated code, or use once / an AbortSignal.',
      event ?? 'event', targetText, why),
      {
        fixes: [{
          ...fixTitle(msg('Add a {0} skeleton', removeMethod)),
          edits: [{ file: context.file, line: range.endLine, column: lineEndColumn, endLine: range.endLine, endColumn: lineEndColumn,
            newText: `\n${indentation}// TODO: ${targetText}.${removeMethod}(${call.arguments[0].getText(sourceFile)}, <the same handler>) when it is no longer needed.` }],
        }],
      }));
  }
}

/** Objects whose timer methods are the global timer functions. */
const TIMER_HOLDER_NAMES = new Set(['window', 'global', 'globalThis', 'self', 'timers']);

const TIMER_FUNCTIONS = new Set(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']);

/**
 * The global timer function a call calls (`setTimeout`, `clearTimeout`, `setInterval`,
 * `clearInterval`: a free name, or a method of a holder like `window`), if any. One question per
 * call of the file and check, names compared as `escapedText` (a plain field; `text` is a getter
 * that unescapes on each read; these names have no leading underscores, so both spell them alike).
 */
function globalTimerFunction(context: FileContext, call: TS.CallExpression): string | undefined {
  const ts = context.ts;
  const callee = skipOuter(ts, call.expression);
  if (ts.isIdentifier(callee)) {
    const name = callee.escapedText as string;
    return TIMER_FUNCTIONS.has(name) && context.resolver.declarationsOf(callee).length === 0 ? name : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && TIMER_FUNCTIONS.has(callee.name.escapedText as string)) {
    const root = skipOuter(ts, callee.expression);
    return ts.isIdentifier(root) && TIMER_HOLDER_NAMES.has(root.text) ? callee.name.escapedText as string : undefined;
  }
  return undefined;
}

/** Global functions that read an argument to format or print it and keep nothing of it. */
const FORMATTING_FUNCTIONS = new Set(['String', 'Number', 'Boolean']);
/** Methods of global (or `util`) objects that format or print their arguments and keep nothing of them. */
const FORMATTING_METHODS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['JSON', new Set(['stringify'])],
  ['util', new Set(['format', 'formatWithOptions', 'inspect'])],
]);

/**
 * Whether a call only formats or prints its arguments (`console.log('started', timer)`,
 * `String(timer)`, `JSON.stringify(x)`, `util.format(...)`): it takes no ownership of a handle
 * passed to it. `console`, `String`, `Number`, `Boolean` and `JSON` must be the globals (not
 * declared in the file); `util` is the name node's module is required or imported under.
 */
function onlyFormats(context: FileContext, call: TS.CallExpression | TS.NewExpression): boolean {
  const ts = context.ts;
  if (!ts.isCallExpression(call)) return false;
  const callee = skipOuter(ts, call.expression);
  if (ts.isIdentifier(callee)) return FORMATTING_FUNCTIONS.has(callee.text) && isFreeName(context, callee);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const holder = skipOuter(ts, callee.expression);
  if (!ts.isIdentifier(holder)) return false;
  if (holder.text === 'console') return isFreeName(context, holder);
  const methods = FORMATTING_METHODS.get(holder.text);
  return methods !== undefined && methods.has(callee.name.text) && (holder.text === 'util' || isFreeName(context, holder));
}

/**
 * Whether a function's local variable holding a timer handle hands it on: returned, passed as an
 * argument (not to a call that only formats or prints it, see `onlyFormats`), or stored elsewhere
 * (`const timer = setInterval(...); timer.unref(); return timer;`). Its uses are found by name (at
 * most 64 of them). Measured in node 20 (/tmp/rv12/cases l1.js, l3.js): with the handle only
 * logged (`console.log('started', timer)`, `console.log(String(timer))`) node never exits.
 */
function handleHandedOn(context: FileContext, declaration: TS.VariableDeclaration, name: TS.Identifier): boolean {
  const ts = context.ts;
  const uses = context.identifiersNamed(name.escapedText);
  for (let index = 0; index < uses.length && index < 64; index++) {
    const use = uses[index];
    if (use === name || context.resolver.declarationsOf(use)[0] !== declaration) continue;
    let node: TS.Node = use;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node) ||
      ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== node && !onlyFormats(context, parent)) ||
      (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
      ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent)) return true;
  }
  return false;
}

function checkIntervals(context: FileContext, timerCallsOfFile: readonly TimerCall[]): void {
  const ts = context.ts;
  const sourceFile = context.sourceFile;
  const intervals: TS.CallExpression[] = [];
  const clearedTexts = new Set<string>();
  const clearedDeclarations = new Set<TS.Node>();
  for (const { call: node, timerFunction } of timerCallsOfFile) {
      if (timerFunction === 'setInterval') intervals.push(node);
      if ((timerFunction === 'clearInterval' || timerFunction === 'clearTimeout') && node.arguments[0]) {
        const argument = skipOuter(ts, node.arguments[0]);
        clearedTexts.add(argument.getText(sourceFile));
        if (ts.isIdentifier(argument)) {
          const declaration = context.resolver.declarationsOf(argument)[0];
          if (declaration) clearedDeclarations.add(declaration);
        }
      }
  }
  for (const call of intervals) {
    let holder: TS.Node = call;
    // `setInterval(...).unref()` still drops the handle.
    while (ts.isPropertyAccessExpression(holder.parent) || (ts.isCallExpression(holder.parent) && holder.parent.expression === holder)) holder = holder.parent;
    const parent = holder.parent;
    let cleared = false;
    let stored = false;
    if (ts.isVariableDeclaration(parent) && parent.initializer === holder && ts.isIdentifier(parent.name)) {
      stored = true;
      // A local handle returned or passed on is handed over as the call's own would be.
      cleared = clearedDeclarations.has(parent) || handleHandedOn(context, parent, parent.name);
    } else if (ts.isBinaryExpression(parent) && parent.right === holder && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      stored = true;
      const left = skipOuter(ts, parent.left);
      cleared = clearedTexts.has(left.getText(sourceFile));
      if (ts.isIdentifier(left)) {
        const declaration = context.resolver.declarationsOf(left)[0];
        if (declaration && clearedDeclarations.has(declaration)) cleared = true;
      }
    } else if (!ts.isExpressionStatement(parent)) {
      // Returned or passed on: whoever receives the handle may clear it.
      continue;
    }
    if (cleared) continue;
    const fixes: QuickFix[] = [];
    if (stored) {
      // The handle is kept but never cleared: a skeleton after the statement that keeps it.
      const handle = ts.isVariableDeclaration(parent) ? parent.name.getText(sourceFile) : ts.isBinaryExpression(parent) ? skipOuter(ts, parent.left).getText(sourceFile) : undefined;
      const statement = ts.isVariableDeclaration(parent) ? parent.parent.parent : parent.parent;
      if (handle && (ts.isVariableStatement(statement) || ts.isExpressionStatement(statement))) {
        const range = rangeOf(statement, sourceFile);
        const indentation = sourceFile.text.slice(sourceFile.getLineStarts()[range.line - 1], statement.getStart(sourceFile)).replace(/\S.*$/, '');
        fixes.push({
          ...fixTitle(msg('Add a {0} skeleton', 'clearInterval')),
          edits: [{ file: context.file, line: range.endLine, column: range.endColumn, endLine: range.endLine, endColumn: range.endColumn,
            newText: `\n${indentation}// TODO: clearInterval(${handle}) when it is no longer needed.` }],
        });
      }
    } else if (ts.isExpressionStatement(parent)) {
      const range = rangeOf(parent, sourceFile);
      const indentation = sourceFile.text.slice(sourceFile.getLineStarts()[range.line - 1], parent.getStart(sourceFile)).replace(/\S.*$/, '');
      fixes.push({
        ...fixTitle(msg('Keep the interval handle and clear it')),
        edits: [
          { file: context.file, line: range.line, column: range.column, endLine: range.line, endColumn: range.column, newText: 'const intervalHandle = ' },
          { file: context.file, line: range.endLine, column: range.endColumn, endLine: range.endLine, endColumn: range.endColumn, newText: `\n${indentation}// TODO: clearInterval(intervalHandle) when it is no longer needed.` },
        ],
      });
    }
    context.findings.push(makeFinding('leak-interval-not-cleared', call.expression,
      msg('{0}, so it runs until the process ends and its callback (with everything it references) is never released. ' +
        'A pending interval keeps its callback reachable from the timers list and keeps a Node process alive; keep the handle and call clearInterval when the work is done.',
      stored ? msg('This interval\'s handle is never passed to clearInterval') : msg('This interval\'s handle is dropped')),
      { fixes }));
  }
}

function checkGrowingCollections(context: FileContext): void {
  const ts = context.ts;
  const sourceFile = context.sourceFile;
  const candidates = new Map<TS.Node, { name: string; kind: string }>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const initializer = skipOuter(ts, declaration.initializer);
      let kind: string | undefined;
      if (ts.isNewExpression(initializer) && ts.isIdentifier(initializer.expression) && ['Map', 'Set'].includes(initializer.expression.text)) kind = initializer.expression.text;
      if (ts.isArrayLiteralExpression(initializer) && initializer.elements.length === 0) kind = 'array';
      if (ts.isObjectLiteralExpression(initializer) && initializer.properties.length === 0) kind = 'object';
      if (kind) candidates.set(declaration, { name: declaration.name.text, kind });
    }
  }
  if (candidates.size === 0) return;
  const growth = new Map<TS.Node, TS.Node[]>();
  const bounded = new Set<TS.Node>();
  const onlyAtLoadCache = new Map<TS.Node, boolean>();
  /** (function, collection) pairs where the function reads the collection by key before growing it. */
  const lookups = new Set<string>();
  // The candidates' identifiers from the file's identifier table (one walk, shared with other rules)
  // instead of a walk of the whole file here, merged in document order so the growth sites come out
  // in the same order.
  const candidateNames = new Set([...candidates.keys()].map((declaration) => ((declaration as TS.VariableDeclaration).name as TS.Identifier).escapedText));
  const identifiers: TS.Identifier[] = [];
  for (const name of candidateNames) for (const identifier of context.identifiersNamed(name)) identifiers.push(identifier);
  if (candidateNames.size > 1) identifiers.sort((first, second) => first.pos - second.pos);
  const visit = (node: TS.Identifier): void => {
    const declaration = context.resolver.declarationsOf(node)[0];
    if (!declaration || !candidates.has(declaration) || node === (declaration as TS.VariableDeclaration).name) return;
    const parent = node.parent;
    const inFunction = !ts.isSourceFile(frameOf(ts, node)) && !runsOnlyAtLoad(context, frameOf(ts, node), onlyAtLoadCache);
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      const member = parent.name.text;
      const grandparent = parent.parent;
      if (GROW_METHODS.has(member) && ts.isCallExpression(grandparent) && grandparent.expression === parent) {
        if (inFunction) addGrowth(growth, declaration, grandparent);
        return;
      }
      // A lookup before adding (memoisation, de-duplication): bounded by the set of distinct keys.
      if (['get', 'has', 'includes', 'indexOf'].includes(member)) lookups.add(`${frameOf(ts, node).pos}:${declaration.pos}`);
      // Any shrinking operation, or a size compared with something (a limit), counts as a bound;
      // a size that is only read (returned, printed) bounds nothing.
      if (SHRINK_METHODS.has(member) || ((member === 'size' || member === 'length') && isComparedOrAssigned(ts, parent))) bounded.add(declaration);
      return;
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === node) {
      const grandparent = parent.parent;
      if (ts.isDeleteExpression(grandparent)) {
        bounded.add(declaration);
        return;
      }
      if (ts.isBinaryExpression(grandparent) && grandparent.left === parent && grandparent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        if (inFunction) addGrowth(growth, declaration, grandparent);
      } else {
        lookups.add(`${frameOf(ts, node).pos}:${declaration.pos}`);
      }
      return;
    }
    if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      bounded.add(declaration);
      return;
    }
    // Passed to other code (or returned): it may be trimmed there; stay silent.
    if ((ts.isCallExpression(parent) && parent.arguments.includes(node)) || ts.isReturnStatement(parent) ||
        ts.isExportAssignment(parent) || ts.isExportSpecifier(parent) || ts.isShorthandPropertyAssignment(parent) ||
        (ts.isBinaryExpression(parent) && parent.right === node)) bounded.add(declaration);
  };
  for (const identifier of identifiers) visit(identifier);
  for (const [declaration, allSites] of growth) {
    if (bounded.has(declaration)) continue;
    const sites = allSites.filter((site) => !lookups.has(`${frameOf(ts, site).pos}:${declaration.pos}`));
    if (sites.length === 0) continue;
    const { name, kind } = candidates.get(declaration)!;
    const isExported = ts.isVariableStatement(declaration.parent.parent) &&
      (ts.getModifiers(declaration.parent.parent) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (isExported) continue;
    context.findings.push(makeFinding('leak-growing-collection', (declaration as TS.VariableDeclaration).name,
      msg('The module-level {0} \'{1}\' only grows: functions add to it (line {2}) but nothing ever removes entries, so it holds every value for the life of the process. ' +
        'Module-level bindings live as long as the module; bound the collection (evict old entries, use an LRU, or a WeakMap keyed by the owner) or clear it when done.',
      kind === 'array' ? msg('array') : kind === 'object' ? msg('object') : kind, name, sites.map(lineOf).join(', ')),
      { related: sites.map((site) => related(site, msg('\'{0}\' grows here', name))) }));
  }
}

/** Records a place where a collection grows (a push onto its list, not a copy of the list per site). */
function addGrowth(growth: Map<TS.Node, TS.Node[]>, declaration: TS.Node, site: TS.Node): void {
  const sites = growth.get(declaration);
  if (sites) sites.push(site);
  else growth.set(declaration, [site]);
}

/**
 * Whether a function runs only while the module loads, a bounded number of times: a named function
 * (a declaration, or a top-level `const` function) that is never exported and whose every reference
 * is a direct call from top-level code (a setup helper such as `function E(code) { errors[code] = ... }`,
 * or a script's `const main = () => { ... }; main();`).
 */
function runsOnlyAtLoad(context: FileContext, fn: TS.Node, cache: Map<TS.Node, boolean>): boolean {
  const ts = context.ts;
  const known = cache.get(fn);
  if (known !== undefined) return known;
  let result = false;
  const name = loadOnlyCandidateName(ts, fn);
  const runner = name ? undefined : loadTimeRunner(ts, fn);
  if (runner) {
    // Called where it stands, by top-level code: `(function () { ... })()`, `'abc'.split('').forEach(function (ch) { ... })`.
    result = ts.isSourceFile(frameOf(ts, runner));
  } else if (name) {
    result = true;
    // No call in the file at all: something else (another script, a test) may call it any number of times.
    let references = 0;
    for (const node of context.identifiersNamed(name.escapedText)) {
      if (node === name || (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) continue;
      references++;
      const call = node.parent;
      const direct = ts.isCallExpression(call) && call.expression === node;
      // Top-level code (loops included) runs once, while the module loads.
      if (!direct || !ts.isSourceFile(frameOf(ts, call))) {
        result = false;
        break;
      }
    }
    if (references === 0) result = false;
  }
  cache.set(fn, result);
  return result;
}

/** The call that runs a function expression where it stands: an IIFE's call, or an array method's call taking it as its callback. */
function loadTimeRunner(ts: typeof TS, fn: TS.Node): TS.CallExpression | undefined {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  let outer: TS.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const call = outer.parent;
  if (!ts.isCallExpression(call)) return undefined;
  if (call.expression === outer) return call;
  const callee = skipOuter(ts, call.expression);
  return call.arguments[0] === outer && ts.isPropertyAccessExpression(callee) && SYNC_ARRAY_CALLBACK_METHODS.has(callee.name.text) ? call : undefined;
}

/**
 * The name of a function that `runsOnlyAtLoad` may prove runs only at load: a function declaration,
 * or a function assigned once by a top-level `const` (`const main = () => { ... }`), not exported.
 */
function loadOnlyCandidateName(ts: typeof TS, fn: TS.Node): TS.Identifier | undefined {
  const notExported = (node: TS.Node) => !(ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  if (ts.isFunctionDeclaration(fn)) return fn.name && notExported(fn) ? fn.name : undefined;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== fn || !ts.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  return notExported(statement) ? declaration.name : undefined;
}

/** Whether a `.size`/`.length` access is compared with something or assigned (`list.length = 0`). */
function isComparedOrAssigned(ts: typeof TS, access: TS.PropertyAccessExpression): boolean {
  if (SIZE_BOUND_OPERATORS.size === 0) {
    for (const kind of [ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
      ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.EqualsToken]) SIZE_BOUND_OPERATORS.add(kind);
  }
  let node: TS.Node = access;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (!ts.isBinaryExpression(parent) || !SIZE_BOUND_OPERATORS.has(parent.operatorToken.kind)) return false;
  // `x = list.length` copies the size; only `list.length = n` truncates.
  return parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken || parent.left === node;
}

// Finds, in the user's source text, the places editor features attach to: every `console.*` call
// (inlay hints, hovers) and every use of an API that schedules work on the event loop (hovers).
// Uses the TypeScript compiler API handed in by the caller (never the workspace's own typescript)
// so that positions agree with what the engine and the analysis parse. Broken input still yields
// a tree, so a file with syntax errors still gets hints for the calls the parser recovered.
import type * as TS from 'typescript';

/** A `console.<method>(...)` call. Offsets are UTF-16 offsets into the text. */
export interface ConsoleCall {
  method: string;
  /** The call expression's start (after leading trivia) and end. */
  start: number;
  end: number;
  /** Where a hint after the call goes: the end of its statement (after the `;`) when it is one. */
  hintAt: number;
}

export type SchedulingApi =
  | 'setTimeout'
  | 'setInterval'
  | 'setImmediate'
  | 'nextTick'
  | 'queueMicrotask'
  | 'then'
  | 'catch'
  | 'finally'
  | 'await'
  | 'async'
  | 'requestAnimationFrame'
  | 'emit'
  | 'require'
  | 'import'
  | 'promise';

/** A token naming a scheduling API, e.g. the `setTimeout` in `setTimeout(f)`, the `await` keyword. */
export interface SchedulingSite {
  api: SchedulingApi;
  /** The token's range: what a hover must touch. */
  start: number;
  end: number;
  /** Where the scheduling call starts; the engine's `cause.scheduledAt` points here (or to its line). */
  callStart: number;
}

export type DeclarationKind = 'var' | 'let' | 'const' | 'using' | 'function' | 'class';

/** A declared name, for the hoisting/TDZ hover. */
export interface Declaration {
  kind: DeclarationKind;
  name: string;
  /** The name token's range. */
  start: number;
  end: number;
  /** Where its scope begins (the block, function body or file); the TDZ of let/const/class runs from here to `start`. */
  scopeStart: number;
  /** True when the scope is a function (or the file) rather than a block. */
  functionScope: boolean;
}

export interface SourceScan {
  consoleCalls: ConsoleCall[];
  schedulingSites: SchedulingSite[];
  declarations: Declaration[];
}

const GLOBAL_SCHEDULERS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'require']);
const METHOD_SCHEDULERS: ReadonlySet<string> = new Set(['then', 'catch', 'finally', 'emit', 'nextTick', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame']);

export function scriptKindFor(ts: typeof TS, fileName: string): TS.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Scans one file. Never throws on broken input: the parser recovers and the walk is defensive. */
export function scanSource(ts: typeof TS, text: string, fileName: string): SourceScan {
  let sourceFile: TS.SourceFile;
  try {
    sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(ts, fileName));
  } catch (error) {
    // TypeScript's parser is recursive: thousands of nested brackets overflow the call stack. Such a
    // file has no console calls or scheduling sites the editor can point at; say so in the log.
    console.error(`[looplens] source scan skipped for ${fileName}: ${error instanceof RangeError ? 'the file nests too deeply to parse' : ((error as Error).stack ?? error)}`);
    return { consoleCalls: [], schedulingSites: [], declarations: [] };
  }
  const consoleCalls: ConsoleCall[] = [];
  const schedulingSites: SchedulingSite[] = [];
  const declarations: Declaration[] = [];

  const isFunctionScope = (node: TS.Node): boolean => ts.isSourceFile(node) || ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
  const isBlockScope = (node: TS.Node): boolean => isFunctionScope(node) || ts.isBlock(node) || ts.isCaseBlock(node) || ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isModuleBlock(node);
  const scopeOf = (node: TS.Node, blockScoped: boolean): TS.Node => {
    let current = node.parent;
    while (current && !(blockScoped ? isBlockScope(current) : isFunctionScope(current))) current = current.parent;
    return current ?? sourceFile;
  };
  const declare = (kind: DeclarationKind, name: TS.Identifier, holder: TS.Node): void => {
    const blockScoped = kind !== 'var' && kind !== 'function';
    // A function declaration is scoped to the block or function that contains it.
    const scope = kind === 'function' ? scopeOf(holder, true) : scopeOf(holder, blockScoped);
    declarations.push({ kind, name: name.text, start: name.getStart(sourceFile), end: name.getEnd(), scopeStart: scope.getStart(sourceFile), functionScope: isFunctionScope(scope) });
  };

  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const callStart = node.getStart(sourceFile);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
        const method = callee.name.text;
        if (ts.isIdentifier(callee.expression) && callee.expression.text === 'console') {
          const hintAt = ts.isExpressionStatement(node.parent) ? node.parent.getEnd() : node.getEnd();
          consoleCalls.push({ method, start: callStart, end: node.getEnd(), hintAt });
        } else if (METHOD_SCHEDULERS.has(method)) {
          schedulingSites.push({ api: method as SchedulingApi, start: callee.name.getStart(sourceFile), end: callee.name.getEnd(), callStart });
        }
      } else if (ts.isIdentifier(callee) && GLOBAL_SCHEDULERS.has(callee.text)) {
        schedulingSites.push({ api: callee.text as SchedulingApi, start: callee.getStart(sourceFile), end: callee.getEnd(), callStart });
      } else if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        schedulingSites.push({ api: 'import', start: callee.getStart(sourceFile), end: callee.getEnd(), callStart });
      }
    } else if (ts.isAwaitExpression(node)) {
      const start = node.getStart(sourceFile);
      schedulingSites.push({ api: 'await', start, end: start + 'await'.length, callStart: start });
    } else if (ts.isForOfStatement(node) && node.awaitModifier) {
      const start = node.awaitModifier.getStart(sourceFile);
      schedulingSites.push({ api: 'await', start, end: node.awaitModifier.getEnd(), callStart: node.getStart(sourceFile) });
    } else if (ts.isImportDeclaration(node)) {
      const start = node.getStart(sourceFile);
      schedulingSites.push({ api: 'import', start, end: start + 'import'.length, callStart: start });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Promise') {
      schedulingSites.push({ api: 'promise', start: node.expression.getStart(sourceFile), end: node.expression.getEnd(), callStart: node.getStart(sourceFile) });
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && ts.isVariableDeclarationList(node.parent)) {
      const flags = node.parent.flags;
      const kind: DeclarationKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : flags & (ts.NodeFlags.Using | ts.NodeFlags.AwaitUsing) ? 'using' : 'var';
      declare(kind, node.name, node.parent);
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      declare('function', node.name, node);
    } else if (ts.isClassDeclaration(node) && node.name) {
      declare('class', node.name, node);
    }
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    for (const modifier of modifiers ?? []) {
      if (modifier.kind === ts.SyntaxKind.AsyncKeyword) {
        schedulingSites.push({ api: 'async', start: modifier.getStart(sourceFile), end: modifier.getEnd(), callStart: node.getStart(sourceFile) });
      }
    }
  };
  // An explicit stack, not recursion: a file of 10,000 nested brackets is valid input and would
  // overflow the call stack. Children are pushed in reverse so they are visited in source order.
  const pending: TS.Node[] = [sourceFile];
  const children: TS.Node[] = [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    visit(node);
    children.length = 0;
    ts.forEachChild(node, (child) => { children.push(child); });
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
  }
  schedulingSites.sort((a, b) => a.start - b.start);
  return { consoleCalls, schedulingSites, declarations };
}

// Source instrumentation for the execution-context trace (issue 3 item 6, issue 7).
//
// The user's file is parsed with the TypeScript compiler API and rewritten so that it calls
// SYNCHRONOUS hooks on a global object (by default `__ll_trace`, the recorder in
// `sandbox/trace.ts`) when a context is entered, returns, suspends at `await`/`yield` and resumes,
// and when a `catch` or `finally` block starts. The hooks never create promises, never await and
// never wrap a value in anything, so the number and order of jobs and ticks is exactly the
// original program's; the tests run instrumented and original programs side by side in real Node
// to prove it.
//
// Why text splicing instead of the TypeScript printer: the printer re-formats the whole file, which
// would move the user's code to other lines, and stack traces, console call sites and editor
// positions must keep pointing at the user's own lines. The AST decides *where* to insert; every
// insertion is a single-line fragment placed on an existing line, so line numbers never change.
// Columns after an insertion on the same line do shift; `toOriginal` maps them back.
//
// Why the user's function body is not wrapped in `try { } finally { }`: the body would become a
// nested block, which changes the meaning of block-level function declarations and turns
// `var x; function x() {}` into a SyntaxError. Instead the recorder infers abnormal exits: every
// hook names the context it runs in, so contexts still above it on the recorder's stack must have
// been left by an exception (see `sandbox/trace.ts`).
//
// What is emitted for `function foo(i) { var a = 1; return a; }` (function id 3, lexical parent 0):
//
//   function foo(i) {const __ll_c3=__ll_trace.enter(3,(__ll_k)=>{switch(__ll_k){case -1:return this;
//     case -2:return arguments;case -3:return new.target;case -4:return __ll_c0;case 0:return i;
//     case 1:return a;}}); var a = 1; return __ll_trace.ret(__ll_c3,(a)); ;__ll_trace.exit(__ll_c3);}
//
// (all on the line of the `{`; every inserted fragment is also wrapped in the comments
// `/*<ll*/ ... /*ll>*/`, so `stripInstrumentation` in sandbox/trace.ts can give
// `Function.prototype.toString` the user's exact source back). The arrow is the lazy "snapshot" closure: the recorder calls it with
// each binding's index inside a try/catch, so a ReferenceError marks a binding in its temporal dead
// zone as `<uninitialized>` and the closure, which keeps the environment alive, can be read again
// at exit. Index -1 is `this` (a ReferenceError there means a derived constructor before `super()`),
// -2 `arguments`, -3 `new.target`, -4 the lexical parent's context (which identifies the closure's
// environment instance: the scope chain, as opposed to the caller).

import type * as TS from 'typescript';
import { FRAGMENT_CLOSE, FRAGMENT_OPEN } from './sandbox/trace';
import type { TracedBinding, TracedFunction, TracedRole } from './sandbox/trace';
import type { ContextKind } from './types';

export type { TracedBinding, TracedFunction, TracedRole } from './sandbox/trace';

/** How the host will run the file; decides `this` at the top level and strictness. */
export type InstrumentModuleKind = 'script' | 'commonjs' | 'module';

export interface InstrumentOptions {
  /**
   * `module` for ES modules (strict, `this` undefined at the top level), `commonjs` for Node's
   * CommonJS wrapper (`this` is `module.exports`), `script` for a classic browser script. By
   * default: `module` for .mjs/.mts or files with import/export syntax, `commonjs` otherwise.
   */
  moduleKind?: InstrumentModuleKind;
  /** The first context id to use, so that several files of one run get distinct ids (default 0). */
  idBase?: number;
  /** The global the hooks live on (default `__ll_trace`). */
  hookName?: string;
}

export interface InstrumentResult {
  /** The instrumented program, same number of lines as the input; the input unchanged when it has syntax errors. */
  code: string;
  /** Syntax errors as `line:column message` (1-based); when non-empty, `code` is not instrumented. */
  errors: string[];
  /** The static table of contexts (top level first), indexed by `id - idBase`. */
  functions: TracedFunction[];
  /** The id after the last one used (pass it as `idBase` for the next file of the same run). */
  nextId: number;
  /** Maps a 1-based line and column in `code` back to the original text. */
  toOriginal(line: number, column: number): { line: number; column: number };
}

interface Insertion {
  pos: number;
  text: string;
  /** Closing fragments sort before opening ones at the same position. */
  closing: boolean;
  /** Nesting depth in the AST: outer openings come first, inner closings come first. */
  depth: number;
  /** A function's exit hook: after every other fragment at its position, even its own entry hook (empty bodies). */
  last: boolean;
  /** Creation order, the last tie-breaker. */
  order: number;
}

/** One context being instrumented: a function-like node, a class field, a static block or the top level. */
interface Frame {
  info: TracedFunction;
  /** The name of the `const` holding the recorder's context, or null when none is declared (class fields). */
  contextVar: string | null;
}

const CONTEXT_VAR_PREFIX = '__ll_c';

/**
 * Rewrite `text` so that it reports its execution contexts to `globalThis[hookName]`.
 * Runs in the host (never in the worker): `ts` is the one bundled TypeScript module.
 */
export function instrument(ts: typeof TS, text: string, fileName: string, opts: InstrumentOptions = {}): InstrumentResult {
  const hook = opts.hookName ?? '__ll_trace';
  const idBase = opts.idBase ?? 0;
  const scriptKind = scriptKindOf(ts, fileName);
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind);
  const isTypeScript = scriptKind === ts.ScriptKind.TS || scriptKind === ts.ScriptKind.TSX;

  const parseDiagnostics: readonly TS.Diagnostic[] = (sourceFile as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  const errors = parseDiagnostics.map((diagnostic) => {
    const where = sourceFile.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${where.line + 1}:${where.character + 1} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });

  const moduleKind = opts.moduleKind ?? defaultModuleKind(ts, sourceFile, fileName);
  const functions: TracedFunction[] = [];
  const insertions: Insertion[] = [];
  let order = 0;
  const insert = (pos: number, fragment: string, closing: boolean, depth: number, last = false): void => {
    insertions.push({ pos, text: `${FRAGMENT_OPEN}${fragment}${FRAGMENT_CLOSE}`, closing, depth, last, order: order++ });
  };

  const rangeOf = (node: TS.Node): TracedFunction['range'] => {
    const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    const end = sourceFile.getLineAndCharacterOfPosition(node.end);
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const positionOf = (pos: number): { line: number; column: number } => {
    const where = sourceFile.getLineAndCharacterOfPosition(pos);
    return { line: where.line + 1, column: where.character + 1 };
  };

  const newFunction = (
    node: TS.Node,
    kind: ContextKind,
    role: TracedRole,
    name: string,
    parent: Frame | null,
    strict: boolean,
    bindings: TracedBinding[],
  ): TracedFunction => {
    const info: TracedFunction = {
      id: idBase + functions.length,
      name,
      kind,
      role,
      fileName,
      range: rangeOf(node),
      parentId: parent ? parent.info.id : null,
      strict,
      bindings,
    };
    functions.push(info);
    return info;
  };

  /** The snapshot closure's source: one `case` per binding, plus this/arguments/new.target/parent. */
  const snapshotSource = (frame: Frame, parent: Frame | null, extras: { self: boolean; args: boolean; newTarget: boolean }): string => {
    const cases: string[] = [];
    if (extras.self) cases.push('case -1:return this;');
    if (extras.args) cases.push('case -2:return arguments;');
    if (extras.newTarget) cases.push('case -3:return new.target;');
    if (parent?.contextVar) cases.push(`case -4:return ${parent.contextVar};`);
    frame.info.bindings.forEach((binding, index) => cases.push(`case ${index}:return ${binding.name};`));
    return `(__ll_k)=>{switch(__ll_k){${cases.join('')}}}`;
  };

  // The top level.
  const topStrict = moduleKind === 'module' || hasUseStrict(ts, sourceFile.statements);
  const topBindings = collectBindings(ts, sourceFile, [], sourceFile.statements, { topLevel: true, includeImports: !isTypeScript });
  const topFrame: Frame = { info: null as unknown as TracedFunction, contextVar: `${CONTEXT_VAR_PREFIX}${idBase}` };
  topFrame.info = newFunction(sourceFile, moduleKind === 'module' ? 'module' : 'script', 'top', baseName(fileName), null, topStrict, topBindings);
  {
    // In an ES module a hoisted function can be called by a module that imports this one (an
    // import cycle) before this body runs, so the holder must not be in a temporal dead zone: `var`.
    const declaration = moduleKind === 'module' ? 'var' : 'const';
    const snapshot = snapshotSource(topFrame, null, { self: true, args: false, newTarget: false });
    const at = afterDirectives(ts, sourceFile.statements, sourceFile, sourceFile.statements.length ? sourceFile.statements[0].getStart(sourceFile) : text.length);
    insert(at.pos, `${at.needsSemicolon ? ';' : ''}${declaration} ${topFrame.contextVar}=${hook}.enter(${topFrame.info.id},${snapshot});`, false, 0);
    const last = sourceFile.statements[sourceFile.statements.length - 1];
    insert(last ? last.end : text.length, `;${hook}.exit(${topFrame.contextVar});`, true, 0, true);
  }

  const nameOf = (node: TS.Node): string => {
    const named = node as TS.Node & { name?: TS.Node };
    if (named.name && ts.isComputedPropertyName(named.name)) {
      // `[Symbol.iterator]() {}`: the key's source text, as DevTools shows it.
      return `[${named.name.expression.getText(sourceFile)}]`;
    }
    if (named.name) {
      if (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name) || ts.isStringLiteral(named.name) || ts.isNumericLiteral(named.name)) {
        return named.name.text;
      }
    }
    if (ts.isConstructorDeclaration(node)) {
      const owner = node.parent;
      return owner.name ? owner.name.text : 'constructor';
    }
    // Anonymous functions take the name of what they are assigned to, as NamedEvaluation does.
    const holder = node.parent;
    if (holder) {
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
      if (ts.isPropertyAssignment(holder) && !ts.isComputedPropertyName(holder.name)) return holder.name.getText(sourceFile);
      if (ts.isPropertyDeclaration(holder) && !ts.isComputedPropertyName(holder.name)) return holder.name.getText(sourceFile);
      if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken) return holder.left.getText(sourceFile);
      if (ts.isParameter(holder) && ts.isIdentifier(holder.name)) return holder.name.text;
      if (ts.isExportAssignment(holder)) return 'default';
    }
    return '(anonymous)';
  };

  const visit = (node: TS.Node, frame: Frame, depth: number, strict: boolean): void => {
    if (isAmbient(ts, node)) return;

    if (isFunctionWithBody(ts, node)) {
      visitFunction(node, frame, depth, strict);
      return;
    }
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      // Class bodies are strict code.
      ts.forEachChild(node, (child) => visit(child, frame, depth + 1, true));
      return;
    }
    if (ts.isPropertyDeclaration(node) && node.initializer && !hasModifier(ts, node, ts.SyntaxKind.AccessorKeyword)) {
      visitClassField(node, node.initializer, frame, depth);
      return;
    }
    if (ts.isClassStaticBlockDeclaration(node)) {
      visitStaticBlock(node, frame, depth);
      return;
    }
    if (ts.isReturnStatement(node)) {
      const target = frame.contextVar;
      // (A `return` at the top level is CommonJS's early exit from the module wrapper.)
      if (target) {
        if (node.expression) {
          insert(node.expression.getStart(sourceFile), `${hook}.ret(${target},(`, false, depth);
          visit(node.expression, frame, depth + 1, strict);
          insert(node.expression.end, '))', true, depth);
        } else {
          insert(node.getStart(sourceFile) + 'return'.length, ` ${hook}.ret(${target},void 0)`, false, depth);
        }
        return;
      }
    }
    if (ts.isAwaitExpression(node) && frame.contextVar) {
      visitSuspension(node, node.expression, 'await'.length, frame, depth, strict);
      return;
    }
    if (ts.isYieldExpression(node) && frame.contextVar) {
      visitSuspension(node, node.expression, node.asteriskToken ? node.asteriskToken.end - node.getStart(sourceFile) : 'yield'.length, frame, depth, strict);
      return;
    }
    if (ts.isForOfStatement(node) && node.awaitModifier && frame.contextVar) {
      visitForAwait(node, frame, depth, strict);
      return;
    }
    if (ts.isCatchClause(node) && frame.contextVar) {
      const variable = node.variableDeclaration;
      const errorName = variable && ts.isIdentifier(variable.name) ? `,${variable.name.text}` : '';
      insert(node.block.getStart(sourceFile) + 1, `${hook}.caught(${frame.contextVar}${errorName});`, false, depth);
    }
    if (ts.isTryStatement(node) && node.finallyBlock && frame.contextVar) {
      insert(node.finallyBlock.getStart(sourceFile) + 1, `${hook}.sync(${frame.contextVar});`, false, depth);
    }
    ts.forEachChild(node, (child) => visit(child, frame, depth + 1, strict));
  };

  const visitSuspension = (node: TS.Node, operand: TS.Expression | undefined, keywordLength: number, frame: Frame, depth: number, strict: boolean): void => {
    const target = frame.contextVar as string;
    const start = node.getStart(sourceFile);
    const at = positionOf(start);
    insert(start, `${hook}.resumed(${target},`, false, depth);
    if (operand) {
      insert(operand.getStart(sourceFile), `${hook}.suspend(${target},${at.line},${at.column},`, false, depth + 1);
      visit(operand, frame, depth + 2, strict);
      insert(operand.end, ')', true, depth + 1);
    } else {
      // `yield` without an operand yields undefined; `void 0` cannot be shadowed.
      insert(start + keywordLength, ` ${hook}.suspend(${target},${at.line},${at.column},void 0)`, false, depth + 1);
    }
    insert(node.end, ')', true, depth);
  };

  // `for await` suspends the context at every iteration with no `await` in the text: `loop` marks
  // the context as inside such a loop (so the recorder treats it as suspended, not as left by an
  // exception, when it finds it on the stack of a finished job), the body's start is a resumption,
  // and `loopEnd` marks the loop's end. The loop is wrapped in a block so that the hooks stay
  // statements wherever the loop is (even as the single-statement body of an `if`).
  const visitForAwait = (node: TS.ForOfStatement, frame: Frame, depth: number, strict: boolean): void => {
    const target = frame.contextVar as string;
    let outermost: TS.Statement = node;
    while (ts.isLabeledStatement(outermost.parent)) outermost = outermost.parent;
    const start = outermost.getStart(sourceFile);
    const at = positionOf(node.getStart(sourceFile));
    insert(start, `{${hook}.loop(${target},${at.line},${at.column});`, false, depth);
    visit(node.initializer, frame, depth + 1, strict);
    visit(node.expression, frame, depth + 1, strict);
    const body = node.statement;
    const resumed = `${hook}.resumed(${target},void 0);`;
    if (ts.isBlock(body)) {
      insert(body.getStart(sourceFile) + 1, resumed, false, depth + 1);
    } else {
      insert(body.getStart(sourceFile), `{${resumed}`, false, depth + 1);
      insert(body.end, '}', true, depth + 1);
    }
    visit(body, frame, depth + 2, strict);
    insert(node.end, `;${hook}.loopEnd(${target});}`, true, depth);
  };

  const visitFunction = (node: TS.FunctionLikeDeclaration, parent: Frame, depth: number, outerStrict: boolean): void => {
    const body = node.body as TS.ConciseBody;
    const isArrow = ts.isArrowFunction(node);
    const isAsync = hasModifier(ts, node, ts.SyntaxKind.AsyncKeyword);
    const isGenerator = !!(node as TS.FunctionDeclaration).asteriskToken;
    const role: TracedRole = isArrow
      ? 'arrow'
      : ts.isConstructorDeclaration(node)
        ? (classExtends(ts, node.parent) ? 'derived-constructor' : 'constructor')
        : ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)
          ? 'accessor'
          : ts.isMethodDeclaration(node)
            ? 'method'
            : 'function';
    const kind: ContextKind = isAsync && isGenerator
      ? 'async-generator'
      : isAsync
        ? 'async'
        : isGenerator
          ? 'generator'
          : isArrow
            ? 'arrow'
            : role === 'function'
              ? 'function'
              : 'method';
    const statements = ts.isBlock(body) ? body.statements : undefined;
    const strict = outerStrict || (statements ? hasUseStrict(ts, statements) : false);
    const bindings = collectBindings(ts, sourceFile, node.parameters, statements ?? [], { topLevel: false, includeImports: false });
    const frame: Frame = { info: null as unknown as TracedFunction, contextVar: null };
    frame.info = newFunction(node, kind, role, nameOf(node), parent, strict, bindings);
    frame.contextVar = `${CONTEXT_VAR_PREFIX}${frame.info.id}`;

    // Parameters (defaults may hold functions) belong to the function's own scope.
    for (const parameter of node.parameters) visit(parameter, frame, depth + 1, strict);

    const snapshot = snapshotSource(frame, parent, { self: true, args: !isArrow, newTarget: !isArrow });
    const enter = `const ${frame.contextVar}=${hook}.enter(${frame.info.id},${snapshot});`;
    if (ts.isBlock(body)) {
      const at = afterDirectives(ts, body.statements, sourceFile, body.getStart(sourceFile) + 1);
      insert(at.pos, `${at.needsSemicolon ? ';' : ''}${enter}`, false, depth);
      for (const statement of body.statements) visit(statement, frame, depth + 1, strict);
      insert(body.end - 1, `;${hook}.exit(${frame.contextVar});`, true, depth, true);
    } else {
      insert(body.getStart(sourceFile), `{${enter}return ${hook}.ret(${frame.contextVar},(`, false, depth);
      visit(body, frame, depth + 1, strict);
      insert(body.end, '))}', true, depth);
    }
  };

  const visitClassField = (node: TS.PropertyDeclaration, initializer: TS.Expression, parent: Frame, depth: number): void => {
    const inner = skipParentheses(ts, initializer);
    const anonymous =
      (ts.isFunctionExpression(inner) && !inner.name) || ts.isArrowFunction(inner) || (ts.isClassExpression(inner) && !inner.name);
    if (anonymous) {
      // Wrapping would stop the function from taking the field's name (NamedEvaluation, which
      // looks through parentheses), which the program can observe through `.name`; the function
      // gets its own context when called.
      visit(initializer, parent, depth + 1, true);
      return;
    }
    const frame: Frame = { info: null as unknown as TracedFunction, contextVar: null };
    frame.info = newFunction(node, 'class-field', 'class-field', nameOf(node), parent, true, []);
    const snapshot = snapshotSource(frame, parent, { self: true, args: false, newTarget: false });
    insert(initializer.getStart(sourceFile), `${hook}.ret(${hook}.enter(${frame.info.id},${snapshot}),(`, false, depth);
    visit(initializer, frame, depth + 1, true);
    insert(initializer.end, '))', true, depth);
  };

  const visitStaticBlock = (node: TS.ClassStaticBlockDeclaration, parent: Frame, depth: number): void => {
    const bindings = collectBindings(ts, sourceFile, [], node.body.statements, { topLevel: false, includeImports: false });
    const frame: Frame = { info: null as unknown as TracedFunction, contextVar: null };
    frame.info = newFunction(node, 'class-field', 'static-block', 'static {}', parent, true, bindings);
    frame.contextVar = `${CONTEXT_VAR_PREFIX}${frame.info.id}`;
    const snapshot = snapshotSource(frame, parent, { self: true, args: false, newTarget: false });
    insert(node.body.getStart(sourceFile) + 1, `const ${frame.contextVar}=${hook}.enter(${frame.info.id},${snapshot});`, false, depth);
    for (const statement of node.body.statements) visit(statement, frame, depth + 1, true);
    insert(node.body.end - 1, `;${hook}.exit(${frame.contextVar});`, true, depth, true);
  };

  if (errors.length > 0) {
    return { code: text, errors, functions: [], nextId: idBase, toOriginal: (line, column) => ({ line, column }) };
  }

  for (const statement of sourceFile.statements) visit(statement, topFrame, 1, topStrict);

  insertions.sort((a, b) => {
    if (a.pos !== b.pos) return a.pos - b.pos;
    if (a.last !== b.last) return a.last ? 1 : -1;
    if (a.closing !== b.closing) return a.closing ? -1 : 1;
    if (a.depth !== b.depth) return a.closing ? b.depth - a.depth : a.depth - b.depth;
    return a.order - b.order;
  });

  const pieces: string[] = [];
  let cursor = 0;
  // Per original line: the columns where text was inserted and how much, for `toOriginal`.
  const shifts = new Map<number, { generatedColumn: number; length: number }[]>();
  let lineShift = 0;
  let currentLine = -1;
  for (const insertion of insertions) {
    pieces.push(text.slice(cursor, insertion.pos));
    cursor = insertion.pos;
    pieces.push(insertion.text);
    const where = sourceFile.getLineAndCharacterOfPosition(insertion.pos);
    if (where.line !== currentLine) {
      currentLine = where.line;
      lineShift = 0;
    }
    const list = shifts.get(where.line + 1) ?? [];
    list.push({ generatedColumn: where.character + 1 + lineShift, length: insertion.text.length });
    shifts.set(where.line + 1, list);
    lineShift += insertion.text.length;
  }
  pieces.push(text.slice(cursor));

  const toOriginal = (line: number, column: number): { line: number; column: number } => {
    const list = shifts.get(line);
    if (!list) return { line, column };
    let original = column;
    for (const shift of list) {
      if (column >= shift.generatedColumn + shift.length) original -= shift.length;
      else if (column >= shift.generatedColumn) {
        // Inside inserted text: point at the original character it was inserted before.
        original -= column - shift.generatedColumn;
        break;
      } else break;
    }
    return { line, column: original };
  };

  return { code: pieces.join(''), errors, functions, nextId: idBase + functions.length, toOriginal };
}

// ---- helpers ----

function scriptKindOf(ts: typeof TS, fileName: string): TS.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function defaultModuleKind(ts: typeof TS, sourceFile: TS.SourceFile, fileName: string): InstrumentModuleKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.mjs') || lower.endsWith('.mts')) return 'module';
  if (lower.endsWith('.cjs') || lower.endsWith('.cts')) return 'commonjs';
  const hasModuleSyntax = sourceFile.statements.some(
    (statement) =>
      ts.isImportDeclaration(statement) ||
      ts.isExportDeclaration(statement) ||
      ts.isExportAssignment(statement) ||
      (ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)),
  );
  return hasModuleSyntax ? 'module' : 'commonjs';
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}

function hasModifier(ts: typeof TS, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function isAmbient(ts: typeof TS, node: TS.Node): boolean {
  if (hasModifier(ts, node, ts.SyntaxKind.DeclareKeyword)) return true;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isTypeParameterDeclaration(node)) return true;
  // `implements` names only types; `extends` holds a run-time expression (it may define functions).
  if (ts.isHeritageClause(node)) return node.token === ts.SyntaxKind.ImplementsKeyword;
  return ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node);
}

function isFunctionWithBody(ts: typeof TS, node: TS.Node): node is TS.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isConstructorDeclaration(node)) &&
    node.body !== undefined
  );
}

function classExtends(ts: typeof TS, node: TS.ClassLikeDeclaration): boolean {
  return (node.heritageClauses ?? []).some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
}

function skipParentheses(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

function isDirective(ts: typeof TS, statement: TS.Statement): statement is TS.ExpressionStatement {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

function hasUseStrict(ts: typeof TS, statements: readonly TS.Statement[]): boolean {
  for (const statement of statements) {
    if (!isDirective(ts, statement)) return false;
    const raw = statement.expression.getText().slice(1, -1);
    if (raw === 'use strict') return true;
  }
  return false;
}

/**
 * Where a hook statement can go at the start of a body: after the directive prologue, so that
 * `'use strict'` stays a directive. A directive without its own semicolon needs one before our text.
 */
function afterDirectives(ts: typeof TS, statements: readonly TS.Statement[], sourceFile: TS.SourceFile, fallback: number): { pos: number; needsSemicolon: boolean } {
  let last: TS.Statement | undefined;
  for (const statement of statements) {
    if (!isDirective(ts, statement)) break;
    last = statement;
  }
  if (!last) return { pos: fallback, needsSemicolon: false };
  const endsWithSemicolon = sourceFile.text.slice(last.getStart(sourceFile), last.end).trimEnd().endsWith(';');
  return { pos: last.end, needsSemicolon: !endsWithSemicolon };
}

// Creation-phase order: `arguments`, parameters and imports (already bound), hoisted functions,
// `var`s, then the lexical declarations in source order (all uninitialised until they run).
const KIND_ORDER: Record<TracedBinding['kind'], number> = {
  arguments: 0,
  param: 1,
  import: 1,
  function: 2,
  var: 3,
  let: 4,
  const: 4,
  class: 4,
};

/**
 * The bindings a context creates when it is entered, in the order the creation phase sets them
 * up: parameters, hoisted function declarations, `var`s (undefined), then the lexical declarations
 * (uninitialised until their declaration runs). A name declared twice appears once, with the kind
 * that decides its initial value (a function declaration wins over a parameter or a `var`).
 */
function collectBindings(
  ts: typeof TS,
  sourceFile: TS.SourceFile,
  parameters: readonly TS.ParameterDeclaration[],
  statements: readonly TS.Statement[],
  options: { topLevel: boolean; includeImports: boolean },
): TracedBinding[] {
  const byName = new Map<string, TracedBinding>();
  const add = (identifier: TS.Identifier, kind: TracedBinding['kind']): void => {
    const name = identifier.text;
    if (name === 'arguments' || name === 'this') return;
    const existing = byName.get(name);
    if (!existing) {
      const where = sourceFile.getLineAndCharacterOfPosition(identifier.getStart(sourceFile));
      byName.set(name, { name, kind, line: where.line + 1, column: where.character + 1 });
      return;
    }
    if (kind === 'function' && (existing.kind === 'param' || existing.kind === 'var')) existing.kind = 'function';
  };
  const addPattern = (name: TS.BindingName, kind: TracedBinding['kind']): void => {
    if (ts.isIdentifier(name)) {
      add(name, kind);
      return;
    }
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) addPattern(element.name, kind);
    }
  };
  for (const parameter of parameters) addPattern(parameter.name, 'param');

  // `var`s anywhere in the body except inside nested functions and classes.
  const collectVars = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0 && !isAmbientList(ts, node)) {
      for (const declaration of node.declarations) addPattern(declaration.name, 'var');
    }
    ts.forEachChild(node, collectVars);
  };

  for (const statement of statements) {
    if (hasModifier(ts, statement, ts.SyntaxKind.DeclareKeyword)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) add(statement.name, 'function');
    else if (ts.isClassDeclaration(statement) && statement.name) add(statement.name, 'class');
    else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0) {
      const kind = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 ? 'const' : 'let';
      // `using` declarations are block scoped too; they hold values like const.
      for (const declaration of statement.declarationList.declarations) addPattern(declaration.name, kind);
    } else if (options.topLevel && options.includeImports && ts.isImportDeclaration(statement) && statement.importClause && !statement.importClause.isTypeOnly) {
      const clause = statement.importClause;
      if (clause.name) add(clause.name, 'import');
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) add(named.name, 'import');
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) if (!element.isTypeOnly) add(element.name, 'import');
      }
    }
  }
  for (const statement of statements) collectVars(statement);

  return [...byName.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

function isAmbientList(ts: typeof TS, list: TS.VariableDeclarationList): boolean {
  const statement = list.parent;
  return !!statement && ts.isVariableStatement(statement) && hasModifier(ts, statement, ts.SyntaxKind.DeclareKeyword);
}

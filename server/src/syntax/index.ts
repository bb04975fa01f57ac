// The ground floor shared by the engine and the analysis: parsing with the TypeScript compiler API,
// name resolution (scopes and bindings) and positions. It imports neither `engine/` nor `analysis/`,
// and never `vscode*`. The `ts` module is always passed in, so every caller uses the one pinned copy.
import type * as TS from 'typescript';

export type TypeScriptModule = typeof TS;

/** A 1-based range, the shape every LoopLens result uses for positions. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Picks the script kind from the file name, so `.ts`/`.tsx`/`.mjs`/`.cjs` parse with the right grammar. */
export function scriptKindFor(ts: TypeScriptModule, fileName: string): TS.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.json')) return ts.ScriptKind.JSON;
  return ts.ScriptKind.JS;
}

/**
 * Parses a file. Broken input still yields a tree; its syntax errors are in `parseDiagnostics`.
 * `setParentNodes: false` skips the parser's extra pass over the tree that links each node to its
 * parent: only for trees that are bound right away (`createBindingResolver(..., { bindNow: true })`),
 * since the binder links them as it goes.
 */
export function parseSource(ts: TypeScriptModule, text: string, fileName: string, setParentNodes = true): TS.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, setParentNodes, scriptKindFor(ts, fileName));
}

/**
 * The last tree parsed for each of a few files, so that the next version of a file being edited is
 * parsed incrementally (`ts.updateSourceFile` re-parses only around the changed text and reuses
 * the rest of the tree: a few milliseconds instead of tens on a 5,000-line file). The changed span
 * is found by comparing the texts (common prefix and suffix), so callers need only the new text.
 * A tree handed out is valid until the next `parse` of the same file, which reuses its nodes.
 */
export class IncrementalParser {
  private readonly trees = new Map<string, TS.SourceFile>();

  private readonly capacity: number;
  private readonly maxTextLength: number;

  /** `capacity`: how many files' trees are kept; `maxTextLength`: longer texts are parsed but their trees not kept. */
  constructor(private readonly ts: TypeScriptModule, { capacity = 16, maxTextLength = Number.POSITIVE_INFINITY }: { capacity?: number; maxTextLength?: number } = {}) {
    this.capacity = capacity;
    this.maxTextLength = maxTextLength;
  }

  /**
   * `setParentNodes` applies to a full parse, as in `parseSource`: false only for a caller whose walk
   * links the parents right away. A tree kept unlinked is still a valid base for the next edit:
   * `ts.updateSourceFile` links the old tree's parents itself before reusing it.
   */
  parse(fileName: string, text: string, setParentNodes = true): TS.SourceFile {
    const ts = this.ts;
    const previous = this.trees.get(fileName);
    this.trees.delete(fileName);
    let sourceFile: TS.SourceFile;
    if (previous && previous.text === text) {
      sourceFile = previous;
    } else if (previous) {
      const old = previous.text;
      const limit = Math.min(old.length, text.length);
      let prefix = 0;
      while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
      let suffix = 0;
      while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
      const change: TS.TextChangeRange = { span: { start: prefix, length: old.length - prefix - suffix }, newLength: text.length - prefix - suffix };
      try {
        sourceFile = ts.updateSourceFile(previous, text, change);
      } catch {
        // The incremental parser asserts its invariants; a full parse is always a correct answer.
        sourceFile = parseSource(ts, text, fileName, setParentNodes);
      }
    } else {
      sourceFile = parseSource(ts, text, fileName, setParentNodes);
    }
    if (text.length <= this.maxTextLength) this.trees.set(fileName, sourceFile);
    // Least recently parsed first: forget the oldest files beyond the capacity.
    for (const name of this.trees.keys()) {
      if (this.trees.size <= this.capacity) break;
      this.trees.delete(name);
    }
    return sourceFile;
  }

  /** Whether a tree of the file is kept (its next parse can be incremental). */
  has(fileName: string): boolean {
    return this.trees.has(fileName);
  }

  /** Drops a file's tree (the document was closed). */
  forget(fileName: string): void {
    this.trees.delete(fileName);
  }
}

/**
 * The members of the `ts` module the analysis reads per node (see `fastTypeScript`): every `isX`
 * test the rules and the scope walk call, the enums and the tree helpers. A member missing from
 * this list is still read, through the prototype, only more slowly.
 */
const HOT_MEMBERS = [
  'isArrayBindingPattern', 'isArrayLiteralExpression', 'isArrowFunction', 'isAsExpression', 'isAwaitExpression',
  'isBinaryExpression', 'isBindingElement', 'isBlock', 'isBreakOrContinueStatement', 'isBreakStatement', 'isCallExpression',
  'isCaseClause', 'isClassDeclaration', 'isClassExpression', 'isClassLike', 'isClassStaticBlockDeclaration',
  'isComputedPropertyName', 'isConditionalExpression', 'isConstructorDeclaration', 'isContinueStatement', 'isDecorator',
  'isDefaultClause', 'isDeleteExpression', 'isElementAccessExpression', 'isEnumDeclaration', 'isExportAssignment',
  'isExportDeclaration', 'isExportSpecifier', 'isExpressionStatement', 'isExpressionWithTypeArguments',
  'isExternalModuleReference', 'isForInStatement', 'isForOfStatement', 'isForStatement', 'isFunctionDeclaration',
  'isFunctionExpression', 'isFunctionLike', 'isGetAccessorDeclaration', 'isHeritageClause', 'isIdentifier', 'isIfStatement',
  'isImportClause', 'isImportDeclaration', 'isImportEqualsDeclaration', 'isImportSpecifier', 'isInterfaceDeclaration',
  'isIterationStatement', 'isLabeledStatement', 'isMetaProperty', 'isMethodDeclaration', 'isMethodSignature',
  'isModuleDeclaration', 'isNamedExports', 'isNamespaceImport', 'isNewExpression', 'isNoSubstitutionTemplateLiteral',
  'isNonNullExpression', 'isNumericLiteral', 'isObjectBindingPattern', 'isObjectLiteralExpression', 'isOmittedExpression',
  'isParameter', 'isParenthesizedExpression', 'isPostfixUnaryExpression', 'isPrefixUnaryExpression', 'isPrivateIdentifier',
  'isPropertyAccessExpression', 'isPropertyAssignment', 'isPropertyDeclaration', 'isPropertySignature', 'isReturnStatement',
  'isSatisfiesExpression', 'isSetAccessorDeclaration', 'isShorthandPropertyAssignment', 'isSourceFile', 'isSpreadAssignment',
  'isSpreadElement', 'isStringLiteral', 'isStringLiteralLike', 'isTaggedTemplateExpression', 'isThrowStatement',
  'isTypeAliasDeclaration', 'isTypeAssertionExpression', 'isTypeNode', 'isVariableDeclaration', 'isVariableDeclarationList',
  'isVariableStatement', 'isYieldExpression',
  'forEachChild', 'SyntaxKind', 'NodeFlags', 'SymbolFlags', 'canHaveModifiers', 'canHaveDecorators', 'getModifiers', 'getDecorators',
  'getJSDocTags', 'getJSDocType', 'escapeLeadingUnderscores',
];

const fastModules = new WeakMap<object, TypeScriptModule>();

/**
 * The `ts` module with its hot members as plain data properties of a small object whose prototype
 * is the module itself (everything else is read through it, unchanged). TypeScript's module object
 * defines each of its ~2,250 exports as a getter on an object large enough for the JavaScript
 * engine to keep as a hash table, so every `ts.isIdentifier(node)` was a hash lookup plus a getter
 * call that the optimising compiler cannot inline: ~75,000 of them per check of the 5,000-line
 * bench file. Read from this object they are constant fields, and the tests inline to a kind
 * comparison. One object per module, so the kind tables and caches keyed by the module object are
 * built once for it. Building it costs about a millisecond, once (copying all ~670 `isX` tests
 * took 8-30 ms: each getter is compiled on its first call).
 */
export function fastTypeScript(ts: TypeScriptModule): TypeScriptModule {
  let fast = fastModules.get(ts);
  if (fast) return fast;
  const members: PropertyDescriptorMap = {};
  for (const name of HOT_MEMBERS) {
    // A member another TypeScript version lacks is left to the prototype, never shadowed by undefined.
    if (name in ts) members[name] = { value: (ts as unknown as Record<string, unknown>)[name], enumerable: true };
  }
  fast = Object.create(ts, members) as TypeScriptModule;
  fastModules.set(ts, fast);
  // Asked again with the fast object itself, it is its own answer.
  fastModules.set(fast, fast);
  return fast;
}

const kindCategoryTables = new WeakMap<object, Map<string, Uint8Array>>();

/**
 * A table from node kind to a small category code, built once per TypeScript module and `name`.
 * Walks that visit every node dispatch on it (`switch (table[node.kind])` with literal cases)
 * instead of on `ts.SyntaxKind.X` cases: the `SyntaxKind` enum object is large enough for the
 * JavaScript engine to keep it as a hash table, so each such case is a lookup, repeated per node.
 * `rows` lists each category followed by its kinds; kinds not listed get 0.
 */
export function kindCategoryTable(ts: TypeScriptModule, name: string, rows: (kind: typeof TS.SyntaxKind) => ReadonlyArray<readonly number[]>): Uint8Array {
  let tables = kindCategoryTables.get(ts);
  if (!tables) {
    tables = new Map();
    kindCategoryTables.set(ts, tables);
  }
  let table = tables.get(name);
  if (!table) {
    table = new Uint8Array(ts.SyntaxKind.Count + 1);
    for (const [category, ...kinds] of rows(ts.SyntaxKind)) for (const nodeKind of kinds) table[nodeKind] = category;
    tables.set(name, table);
  }
  return table;
}

/** Syntax errors of a parsed file (the parser keeps them on an internal field). */
export function parseErrors(sourceFile: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (sourceFile as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/** 1-based line and column of an offset. */
export function positionAt(sourceFile: TS.SourceFile, offset: number): { line: number; column: number } {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

/** The 1-based range of a node, without its leading trivia. */
export function rangeOf(node: TS.Node, sourceFile: TS.SourceFile = node.getSourceFile()): SourceRange {
  const start = positionAt(sourceFile, node.getStart(sourceFile));
  const end = positionAt(sourceFile, node.getEnd());
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The 1-based range between two offsets. */
export function rangeBetween(sourceFile: TS.SourceFile, start: number, end: number): SourceRange {
  const a = positionAt(sourceFile, start);
  const b = positionAt(sourceFile, end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/**
 * Whether the file is an ES module by syntax (import/export statements or `import.meta`) or by its
 * extension (`.mjs`/`.mts`). `.cjs`/`.cts` are never modules.
 */
export function isEsModule(ts: TypeScriptModule, sourceFile: TS.SourceFile): boolean {
  const lower = sourceFile.fileName.toLowerCase();
  if (lower.endsWith('.mjs') || lower.endsWith('.mts')) return true;
  if (lower.endsWith('.cjs') || lower.endsWith('.cts')) return false;
  return ts.isExternalModule(sourceFile) && sourceFile.statements.some((statement) =>
    ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) ||
    ts.isImportEqualsDeclaration(statement) ||
    (ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
}

/**
 * Whether a node carries a modifier keyword (`declare`, `static`, `export`...). Reads the node's own
 * modifier list: `ts.getModifiers` copies it into a new array, which adds up when asked per node.
 */
export function hasModifier(node: TS.Node, kind: TS.SyntaxKind): boolean {
  const modifiers = (node as { modifiers?: readonly TS.ModifierLike[] }).modifiers;
  if (!modifiers) return false;
  for (const modifier of modifiers) if (modifier.kind === kind) return true;
  return false;
}

/** The statement a `break` or `continue` ends: its label's statement, or the innermost loop (for a break, also a switch) around it; undefined when none. */
export function jumpTarget(ts: TypeScriptModule, statement: TS.BreakOrContinueStatement): TS.Node | undefined {
  for (let current = statement.parent; current && !ts.isFunctionLike(current) && !ts.isClassLike(current); current = current.parent) {
    if (statement.label) {
      if (ts.isLabeledStatement(current) && current.label.text === statement.label.text) return current;
    } else if (ts.isIterationStatement(current, false) || (ts.isBreakStatement(statement) && ts.isSwitchStatement(current))) return current;
  }
  return undefined;
}

/** Whether a `"use strict"` directive opens this statement list. */
function hasUseStrict(ts: TypeScriptModule, statements: readonly TS.Statement[]): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === 'use strict') return true;
  }
  return false;
}

/**
 * Whether code at `node` runs in strict mode: ES modules, class bodies, and code under a
 * `"use strict"` directive are strict; everything else in a script is sloppy.
 */
export function isStrictAt(ts: TypeScriptModule, node: TS.Node, moduleFile: boolean): boolean {
  if (moduleFile) return true;
  for (let current: TS.Node | undefined = node; current; current = current.parent) {
    if (ts.isClassLike(current)) return true;
    if (ts.isSourceFile(current)) return hasUseStrict(ts, current.statements);
    if (ts.isFunctionLike(current) && 'body' in current && current.body && ts.isBlock(current.body as TS.Node) &&
        hasUseStrict(ts, (current.body as TS.Block).statements)) return true;
  }
  return false;
}

/**
 * Name resolution for one file, backed by the compiler's own binder and checker (a one-file program
 * without the default library), so scoping rules — hoisting, block scopes, parameters, catch
 * clauses, `arguments` — are the compiler's, not a hand-written approximation. Identifiers that
 * resolve to nothing are free (globals, or implicit globals when assigned).
 */
export interface BindingResolver {
  readonly sourceFile: TS.SourceFile;
  /** The declarations an identifier (or property access name) refers to; empty when free. */
  declarationsOf(node: TS.Node): readonly TS.Declaration[];
  /** The symbol behind a node, when there is one. */
  symbolOf(node: TS.Node): TS.Symbol | undefined;
}

/**
 * `bindNow` binds the file at once instead of on the first question; the binder also links every
 * node to its parent, which a tree parsed with `setParentNodes: false` needs before anything walks it.
 */
export function createBindingResolver(ts: TypeScriptModule, sourceFile: TS.SourceFile, { bindNow = false }: { bindNow?: boolean } = {}): BindingResolver {
  const options: TS.CompilerOptions = {
    allowJs: true, checkJs: false, noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext, skipLibCheck: true, noEmit: true,
  };
  const host: TS.CompilerHost = {
    getSourceFile: (name) => (name === sourceFile.fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => '/__looplens_no_lib__.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === sourceFile.fileName,
    readFile: () => undefined,
  };
  let checker: TS.TypeChecker | undefined;
  let bindingFailed = false;
  const declarationCache = new Map<TS.Node, readonly TS.Declaration[]>();
  const getChecker = (): TS.TypeChecker => {
    if (!checker) checker = ts.createProgram({ rootNames: [sourceFile.fileName], options, host }).getTypeChecker();
    return checker;
  };
  if (bindNow) {
    try {
      getChecker();
    } catch {
      // Binding failed on badly broken input: link the parents the parser skipped, and leave names unresolved.
      checker = undefined;
      bindingFailed = true;
      linkParents(ts, sourceFile);
    }
  }
  const symbolOf = (node: TS.Node): TS.Symbol | undefined => {
    if (bindingFailed) return undefined;
    try {
      let symbol = getChecker().getSymbolAtLocation(node);
      // An import specifier's local name is an alias; keep the alias (its declaration is the import).
      if (symbol && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
        symbol = getChecker().getShorthandAssignmentValueSymbol(node.parent) ?? symbol;
      }
      return symbol;
    } catch {
      // The checker can fail on badly broken input; treat the name as unresolved rather than crash.
      return undefined;
    }
  };
  return {
    sourceFile,
    symbolOf,
    declarationsOf(node) {
      // The same identifier is often asked about more than once (a function walked on several paths).
      const cached = declarationCache.get(node);
      if (cached) return cached;
      // In JavaScript the checker also treats assignments such as `global.x = 1` or `exports.y = 2`
      // as declarations of their target ("expando" declarations); those are not bindings.
      const declarations = (symbolOf(node)?.declarations ?? []).filter((declaration) =>
        !ts.isIdentifier(declaration) && !ts.isPropertyAccessExpression(declaration) && !ts.isElementAccessExpression(declaration) &&
        !ts.isBinaryExpression(declaration) && !ts.isCallExpression(declaration));
      declarationCache.set(node, declarations);
      return declarations;
    },
  };
}

/** Sets every node's `parent`, as the parser does with `setParentNodes` (used when binding failed). */
function linkParents(ts: TypeScriptModule, root: TS.Node): void {
  const visit = (node: TS.Node): void => {
    ts.forEachChild(node, (child) => {
      (child as { parent: TS.Node }).parent = node;
      visit(child);
    });
  };
  visit(root);
}

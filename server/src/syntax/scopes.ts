// Name resolution from lexical scopes alone: one walk over the tree records the declarations of
// every scope, and identifiers are resolved on request by walking up their scopes. It answers what
// the compiler's binder and checker would answer (`createBindingResolver`) for identifiers in
// expression positions and for the names of variables, parameters, functions, classes and imports,
// at a fraction of the cost: binding a 5,000-line file takes the compiler about 30 ms, this walk a
// few. The rules the compiler applies are mirrored on purpose, including its quirks (function
// declarations are declared before the other statements of their list, a name declared twice keeps
// its first declaration unless both are function-scoped, a parameter default does not see the
// body's variables, `arguments`, the names of function and class expressions). Positions whose
// answer needs the checker's type knowledge (property names, types, JSX tags, members, namespaces,
// enums, CommonJS `exports` assignments) are handed to a checker-backed resolver created on first
// need. Members are answered where the object's type follows from the syntax alone: a class's own
// code (`this.m`), a class or literal a variable holds, an object literal's methods, and JavaScript's
// plain constructor functions, whose prototype methods (`X.prototype.m = function`, `pp.m = ...`
// for `var pp = X.prototype`) see only members added by assignment (session 6: acorn.js, 6,371
// lines, asked the checker 67 times per check, all `this.next()` there, and is now never bound).
// `test/unit/analysis-scopes.test.mjs` compares both resolvers on every identifier of the
// analysis corpus, fixtures, examples and seed.
import type * as TS from 'typescript';
import { kindCategoryTable, type BindingResolver, type TypeScriptModule } from './index';

/** A symbol as the binder would build it: what kinds of declaration it merges, and which. */
interface ScopeSymbol {
  flags: number;
  declarations: TS.Declaration[];
  name: string;
  /** The symbol declared before this one in the same table (tables are short lists, newest first). */
  next: ScopeSymbol | undefined;
}

/** Beyond this many names a table also indexes them by name; below it a list is cheaper to build and to search. */
const LIST_LIMIT = 8;

/**
 * The declarations of one scope by name (the binder's `locals`). Most scopes declare a handful of
 * names, so a table starts as a list threaded through its symbols (no allocation of its own) and
 * adds a Map only when it grows past `LIST_LIMIT` names (a file's top level, a long function).
 */
class SymbolTable {
  private newest: ScopeSymbol | undefined = undefined;
  private size = 0;
  private byName: Map<string, ScopeSymbol> | undefined = undefined;

  get(name: string): ScopeSymbol | undefined {
    if (this.byName !== undefined) return this.byName.get(name);
    for (let symbol = this.newest; symbol !== undefined; symbol = symbol.next) if (symbol.name === name) return symbol;
    return undefined;
  }

  /** Calls `action` for each symbol of the table. */
  forEachSymbol(action: (symbol: ScopeSymbol) => void): void {
    for (let symbol = this.newest; symbol !== undefined; symbol = symbol.next) action(symbol);
  }

  /** Adds a symbol whose name the table does not hold yet. */
  add(symbol: ScopeSymbol): void {
    symbol.next = this.newest;
    this.newest = symbol;
    this.size++;
    if (this.byName !== undefined) {
      this.byName.set(symbol.name, symbol);
    } else if (this.size > LIST_LIMIT) {
      this.byName = new Map();
      for (let listed: ScopeSymbol | undefined = symbol; listed !== undefined; listed = listed.next) this.byName.set(listed.name, listed);
    }
  }
}

const COMMONJS_NAMES = new Set(['module', 'exports', 'require']);

/**
 * Rides along the resolver's walk of the tree, so that a caller that needs to see every node (the
 * analysis's file index) does not walk it again. `enter` sees each node before its children,
 * `leave` after them; parents are linked by then. Tokens (kinds up to `SyntaxKind.LastToken`:
 * identifiers, literals, keywords, punctuation) are not visited: they have no children.
 */
export interface TreeVisitor {
  enter(node: TS.Node): void;
  leave(node: TS.Node): void;
  /**
   * Which nodes the visitor wants, by kind: bit 1 (`VISIT_ENTER`) to be entered, bit 2
   * (`VISIT_LEAVE`) to be left. A walk of a 5,000-line file visits ~26,000 nodes, and a call in and
   * out of a visitor that ignores most of them was ~a fifth of the walk.
   */
  readonly kinds: Uint8Array;
  /**
   * When given, the walk appends every identifier and private name (`#m`) it passes to it, in
   * document order (they are tokens: never entered).
   */
  readonly identifiers?: (TS.Identifier | TS.PrivateIdentifier)[];
}

export const VISIT_ENTER = 1;
export const VISIT_LEAVE = 2;

/** What the scope walk does with a node, by kind (see `kindCategoryTable`). */
const enum ScopeCategory {
  Other, Variable, Parameter, FunctionDeclaration, Function, ClassDeclaration, EnumDeclaration, InterfaceDeclaration,
  TypeAliasDeclaration, ModuleDeclaration, ImportClause, NamedImport, ImportEquals, Binary, Block, StatementList, BlockScope, Update,
}

function scopeCategories(ts: TypeScriptModule): Uint8Array {
  return kindCategoryTable(ts, 'scopes', (kind) => [
    [ScopeCategory.Variable, kind.VariableDeclaration, kind.BindingElement],
    [ScopeCategory.Parameter, kind.Parameter],
    [ScopeCategory.FunctionDeclaration, kind.FunctionDeclaration],
    // Functions and static blocks hold their parameters and `var`s; signatures without bodies hold
    // their (type-only) parameters apart.
    [ScopeCategory.Function, kind.FunctionExpression, kind.ArrowFunction, kind.MethodDeclaration, kind.Constructor, kind.GetAccessor,
      kind.SetAccessor, kind.ClassStaticBlockDeclaration, kind.MethodSignature, kind.CallSignature, kind.ConstructSignature, kind.FunctionType,
      kind.ConstructorType, kind.IndexSignature],
    [ScopeCategory.ClassDeclaration, kind.ClassDeclaration],
    [ScopeCategory.EnumDeclaration, kind.EnumDeclaration],
    [ScopeCategory.InterfaceDeclaration, kind.InterfaceDeclaration],
    [ScopeCategory.TypeAliasDeclaration, kind.TypeAliasDeclaration],
    [ScopeCategory.ModuleDeclaration, kind.ModuleDeclaration],
    [ScopeCategory.ImportClause, kind.ImportClause],
    [ScopeCategory.NamedImport, kind.NamespaceImport, kind.ImportSpecifier],
    [ScopeCategory.ImportEquals, kind.ImportEqualsDeclaration],
    [ScopeCategory.Binary, kind.BinaryExpression],
    [ScopeCategory.Update, kind.PrefixUnaryExpression, kind.PostfixUnaryExpression],
    [ScopeCategory.Block, kind.Block],
    [ScopeCategory.StatementList, kind.SourceFile, kind.ModuleBlock],
    // Containers the binder gives a scope of their own (class bodies, object literals, types) and block scopes.
    [ScopeCategory.BlockScope, kind.CatchClause, kind.ForStatement, kind.ForInStatement, kind.ForOfStatement, kind.CaseBlock,
      kind.ClassExpression, kind.ObjectLiteralExpression, kind.TypeLiteral, kind.MappedType],
  ]);
}

/**
 * Whether the scope walk can give a node of this category a table of declarations: only nodes it
 * makes the container or the block scope (`tableOf`) do, besides the file.
 */
function mayOwnTable(category: ScopeCategory): boolean {
  return (category >= ScopeCategory.FunctionDeclaration && category <= ScopeCategory.TypeAliasDeclaration) ||
    category === ScopeCategory.Block || category === ScopeCategory.BlockScope;
}

/** Tells a caller to ask the checker-backed resolver instead. */
const ASK_CHECKER = null;

/** The answer for a member that has no declaration (only members added by assignment, which are not declarations). */
const NO_DECLARATIONS: readonly TS.Declaration[] = [];

/**
 * Builds the scope tables of a file and returns a resolver over them. The walk also links every
 * node to its parent, so a tree parsed with `setParentNodes: false` can be used right away.
 * `createFallback` is called at most once, the first time a question needs the checker.
 */
export function createScopeResolver(
  ts: TypeScriptModule,
  sourceFile: TS.SourceFile,
  createFallback: () => BindingResolver,
  walker?: TreeVisitor,
): BindingResolver {
  const kind = ts.SyntaxKind;
  const flags = ts.SymbolFlags;
  const isJavaScript = (sourceFile.flags & ts.NodeFlags.JavaScriptFile) !== 0;
  const isEsModule = ts.isExternalModule(sourceFile);
  const categories = scopeCategories(ts);
  // Read once: `ts.forEachChild` is a getter on the module object, and the walk calls it per node.
  const forEachChild = ts.forEachChild;
  const lastTokenKind = kind.LastToken;
  const functionDeclarationKind = kind.FunctionDeclaration;
  const blockKind = kind.Block;
  const sourceFileKind = kind.SourceFile;
  const moduleBlockKind = kind.ModuleBlock;
  const blockScopedFlags = ts.NodeFlags.BlockScoped;
  // The parser marks nodes inside a `with` statement (an internal flag): the checker resolves no name there.
  const inWithStatement = (ts.NodeFlags as unknown as { InWithStatement?: number }).InWithStatement ?? 0;
  /** Declarations of each scope node (the binder's `locals`). */
  const localsOf = new Map<TS.Node, SymbolTable>();
  /** What an ES module exports by name (the binder's `exports` of the file symbol). */
  const moduleExports = new SymbolTable();
  /**
   * Symbols made for conflicting redeclarations: in no table (no reference finds them), but a
   * question about such a declaration's own name is answered with them.
   */
  const conflictingSymbols: ScopeSymbol[] = [];
  /** Namespaces merge across declarations and files: such files are left to the checker entirely. */
  let hasNamespace = false;

  const declareIn = (table: SymbolTable, name: string, node: TS.Declaration, includes: number, excludes: number): ScopeSymbol => {
    let symbol = table.get(name);
    // New symbols start with their first declaration in a one-element array: pushing onto an empty
    // array reserves room for 17, and almost every name is declared once.
    if (!symbol) {
      symbol = { flags: includes, declarations: [node], name, next: undefined };
      table.add(symbol);
    } else if ((symbol.flags & excludes) !== 0 && !((includes & flags.Variable) !== 0 && (symbol.flags & flags.Assignment) !== 0)) {
      // A conflicting redeclaration gets a symbol of its own that no reference finds, as in the binder.
      symbol = { flags: includes, declarations: [node], name, next: undefined };
      conflictingSymbols.push(symbol);
    } else {
      symbol.flags |= includes;
      symbol.declarations.push(node);
    }
    return symbol;
  };
  const tableOf = (scope: TS.Node): SymbolTable => {
    let table = localsOf.get(scope);
    if (!table) {
      table = new SymbolTable();
      localsOf.set(scope, table);
    }
    return table;
  };

  /** The nearest function-like node, static block or file: where `var`s and parameters live. */
  let container: TS.Node = sourceFile;
  /** The nearest scope of `let`/`const`/`class`/function declarations. */
  let blockScope: TS.Node = sourceFile;

  const isExported = (node: TS.Node): boolean => {
    let statement: TS.Node = node;
    while (statement.kind === kind.BindingElement || statement.kind === kind.ObjectBindingPattern || statement.kind === kind.ArrayBindingPattern ||
      statement.kind === kind.VariableDeclaration || statement.kind === kind.VariableDeclarationList) statement = statement.parent;
    const modifiers = (statement as { modifiers?: readonly TS.ModifierLike[] }).modifiers;
    return !!modifiers && modifiers.some((modifier) => modifier.kind === kind.ExportKeyword);
  };
  const isDefaultExport = (node: TS.Node): boolean => {
    const modifiers = (node as { modifiers?: readonly TS.ModifierLike[] }).modifiers;
    return !!modifiers && modifiers.some((modifier) => modifier.kind === kind.DefaultKeyword);
  };
  /** The binder's `declareModuleMember` for the top level of an ES module. */
  const declareModuleMember = (name: string | undefined, node: TS.Declaration, includes: number, excludes: number): void => {
    if ((includes & flags.Alias) === 0 && isExported(node)) {
      const isDefault = isDefaultExport(node);
      if (name === undefined) {
        if (isDefault) declareIn(moduleExports, 'default', node, includes, excludes);
        return;
      }
      declareIn(tableOf(sourceFile), name, node, (includes & flags.Value) !== 0 ? flags.ExportValue : 0, excludes);
      declareIn(moduleExports, isDefault ? 'default' : name, node, includes, excludes);
      return;
    }
    if (name !== undefined) declareIn(tableOf(sourceFile), name, node, includes, excludes);
  };
  const declareBlockScoped = (name: string | undefined, node: TS.Declaration, includes: number, excludes: number): void => {
    if (blockScope === sourceFile && isEsModule) declareModuleMember(name, node, includes, excludes);
    else if (name !== undefined) declareIn(tableOf(blockScope), name, node, includes, excludes);
  };
  const declareInContainer = (name: string, node: TS.Declaration, includes: number, excludes: number): void => {
    if (container === sourceFile && isEsModule) declareModuleMember(name, node, includes, excludes);
    else declareIn(tableOf(container), name, node, includes, excludes);
  };

  /** `require('x')` or `require('x').y`: in JavaScript, a variable initialised so is an import. */
  const isRequireInitialized = (declaration: TS.Node): boolean => {
    if (declaration.kind !== kind.VariableDeclaration) return false;
    let initializer = (declaration as TS.VariableDeclaration).initializer;
    if (!initializer) return false;
    if (initializer.kind === kind.PropertyAccessExpression || initializer.kind === kind.ElementAccessExpression) {
      initializer = (initializer as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
    }
    if (initializer.kind !== kind.CallExpression) return false;
    const call = initializer as TS.CallExpression;
    return call.expression.kind === kind.Identifier && (call.expression as TS.Identifier).escapedText === 'require' && call.arguments.length === 1 &&
      (call.arguments[0].kind === kind.StringLiteral || call.arguments[0].kind === kind.NoSubstitutionTemplateLiteral);
  };

  /** The binder's `bindVariableDeclarationOrBindingElement`, for a declaration with an identifier name. */
  const declareVariable = (node: TS.VariableDeclaration | TS.BindingElement, name: string): void => {
    const possibleDeclaration = node.kind === kind.VariableDeclaration ? node : node.parent.parent;
    if (isJavaScript && isRequireInitialized(possibleDeclaration) && !isExported(node)) {
      declareInContainer(name, node, flags.Alias, flags.AliasExcludes);
    } else if (isBlockOrCatchScoped(node)) {
      declareBlockScoped(name, node, flags.BlockScopedVariable, flags.BlockScopedVariableExcludes);
    } else if (isInParameter(node)) {
      declareInContainer(name, node, flags.FunctionScopedVariable, flags.ParameterExcludes);
    } else {
      declareInContainer(name, node, flags.FunctionScopedVariable, flags.FunctionScopedVariableExcludes);
    }
  };
  const declarationListOf = (node: TS.Node): TS.Node => {
    let current = node;
    while (current.kind === kind.BindingElement || current.kind === kind.ObjectBindingPattern || current.kind === kind.ArrayBindingPattern) current = current.parent;
    return current;
  };
  const isBlockOrCatchScoped = (node: TS.Node): boolean => {
    const declaration = declarationListOf(node);
    if (declaration.kind !== kind.VariableDeclaration) return false;
    const parent = declaration.parent;
    if (parent.kind === kind.CatchClause) return true;
    return parent.kind === kind.VariableDeclarationList && (parent.flags & blockScopedFlags) !== 0;
  };
  const isInParameter = (node: TS.Node): boolean => declarationListOf(node).kind === kind.Parameter;

  const declareFunction = (node: TS.FunctionDeclaration): void => {
    declareBlockScoped(node.name?.escapedText as string | undefined, node, flags.Function, flags.FunctionExcludes);
  };

  /**
   * Declares the function declarations of a statement list first, as the binder does. Only the
   * statement lists of blocks, files and module blocks get this; `visit` declares the functions of
   * other lists (case clauses, labels) when it reaches them.
   */
  const declareFunctionsFirst = (statements: readonly TS.Statement[]): void => {
    for (const statement of statements) {
      if (statement.kind === functionDeclarationKind) declareFunction(statement as TS.FunctionDeclaration);
    }
  };
  const wasDeclaredFirst = (declaration: TS.Node): boolean => {
    const parentKind = declaration.parent.kind;
    return parentKind === blockKind || parentKind === sourceFileKind || parentKind === moduleBlockKind;
  };

  /** Left sides of `=` that are member accesses: JavaScript creates members with them. */
  const assignmentTargets: TS.Node[] = [];
  /**
   * JavaScript: names assigned anywhere with `=` or a compound operator, and whether some assignment
   * destructures (its targets are not collected): a variable so written may hold something other than
   * its initializer, so the answers that read a variable's initializer (`var pp = X.prototype`,
   * `var self = this`) stand only for names never written.
   */
  const writtenNames = new Set<string>();
  let hasDestructuringAssignment = false;
  /** The node whose children are being visited (children are visited through one bound function, not a closure per node). */
  let currentParent: TS.Node = sourceFile;
  /**
   * Tokens (identifiers, literals, keywords) have no children and declare nothing, so the walk
   * only links them to their parent. A tree parsed with `setParentNodes` (or re-parsed
   * incrementally, which always links them) is not linked again.
   */
  const identifierSink = walker?.identifiers;
  const identifierKind = kind.Identifier;
  const privateIdentifierKind = kind.PrivateIdentifier;
  const linkAndVisitChild = (child: TS.Node): undefined => {
    (child as { parent: TS.Node }).parent = currentParent;
    if (child.kind > lastTokenKind) visit(child);
    else if ((child.kind === identifierKind || child.kind === privateIdentifierKind) && identifierSink) identifierSink.push(child as TS.Identifier | TS.PrivateIdentifier);
    return undefined;
  };
  const visitLinkedChild = (child: TS.Node): undefined => {
    if (child.kind > lastTokenKind) visit(child);
    else if ((child.kind === identifierKind || child.kind === privateIdentifierKind) && identifierSink) identifierSink.push(child as TS.Identifier | TS.PrivateIdentifier);
    return undefined;
  };
  const firstStatement = sourceFile.statements[0] as TS.Node | undefined;
  const visitChild = firstStatement !== undefined && firstStatement.parent === sourceFile ? visitLinkedChild : linkAndVisitChild;
  const visitorKinds = walker ? walker.kinds : new Uint8Array(ts.SyntaxKind.Count + 1);
  const visit = (node: TS.Node): void => {
    const wanted = visitorKinds[node.kind];
    if ((wanted & VISIT_ENTER) !== 0) walker!.enter(node);
    const outerContainer = container;
    const outerBlockScope = blockScope;
    switch (categories[node.kind]) {
      case ScopeCategory.Variable: {
        const name = (node as TS.VariableDeclaration | TS.BindingElement).name;
        if (name.kind === kind.Identifier) declareVariable(node as TS.VariableDeclaration | TS.BindingElement, name.escapedText as string);
        break;
      }
      case ScopeCategory.Parameter: {
        const name = (node as TS.ParameterDeclaration).name;
        if (name.kind === kind.Identifier) declareIn(tableOf(container), name.escapedText as string, node as TS.ParameterDeclaration, flags.FunctionScopedVariable, flags.ParameterExcludes);
        break;
      }
      case ScopeCategory.FunctionDeclaration:
        // Outside a block's statement list (a case clause, a label): declared where it stands.
        if (!wasDeclaredFirst(node)) declareFunction(node as TS.FunctionDeclaration);
        container = node;
        blockScope = node;
        break;
      case ScopeCategory.Function:
        container = node;
        blockScope = node;
        break;
      case ScopeCategory.ClassDeclaration: {
        const name = (node as TS.ClassDeclaration).name;
        declareBlockScoped(name?.escapedText as string | undefined, node as TS.ClassDeclaration, flags.Class, flags.ClassExcludes);
        blockScope = node;
        break;
      }
      case ScopeCategory.EnumDeclaration: {
        const enumDeclaration = node as TS.EnumDeclaration;
        const isConst = !!enumDeclaration.modifiers?.some((modifier) => modifier.kind === kind.ConstKeyword);
        declareBlockScoped(enumDeclaration.name.escapedText as string, enumDeclaration,
          isConst ? flags.ConstEnum : flags.RegularEnum, isConst ? flags.ConstEnumExcludes : flags.RegularEnumExcludes);
        blockScope = node;
        break;
      }
      case ScopeCategory.InterfaceDeclaration:
        declareBlockScoped((node as TS.InterfaceDeclaration).name.escapedText as string, node as TS.InterfaceDeclaration, flags.Interface, flags.InterfaceExcludes);
        blockScope = node;
        break;
      case ScopeCategory.TypeAliasDeclaration:
        declareBlockScoped((node as TS.TypeAliasDeclaration).name.escapedText as string, node as TS.TypeAliasDeclaration, flags.TypeAlias, flags.TypeAliasExcludes);
        blockScope = node;
        break;
      case ScopeCategory.ModuleDeclaration:
        hasNamespace = true;
        break;
      case ScopeCategory.ImportClause: {
        const name = (node as TS.ImportClause).name;
        if (name) declareInContainer(name.escapedText as string, node as TS.ImportClause, flags.Alias, flags.AliasExcludes);
        break;
      }
      case ScopeCategory.NamedImport: {
        const name = (node as TS.NamespaceImport | TS.ImportSpecifier).name;
        if (name.kind === kind.Identifier) declareInContainer(name.escapedText as string, node as TS.NamespaceImport, flags.Alias, flags.AliasExcludes);
        break;
      }
      case ScopeCategory.ImportEquals: {
        const declaration = node as TS.ImportEqualsDeclaration;
        // An exported `import x = ...` is declared among the exports only.
        if (isExported(declaration)) declareIn(moduleExports, declaration.name.escapedText as string, declaration, flags.Alias, flags.AliasExcludes);
        else declareInContainer(declaration.name.escapedText as string, declaration, flags.Alias, flags.AliasExcludes);
        break;
      }
      case ScopeCategory.Binary:
        if (isJavaScript) {
          const operator = (node as TS.BinaryExpression).operatorToken.kind;
          const left = (node as TS.BinaryExpression).left;
          if (operator === kind.EqualsToken) {
            if (left.kind === kind.PropertyAccessExpression || left.kind === kind.ElementAccessExpression) assignmentTargets.push(left);
            else if (left.kind === kind.ObjectLiteralExpression || left.kind === kind.ArrayLiteralExpression) hasDestructuringAssignment = true;
          }
          if (operator >= kind.FirstAssignment && operator <= kind.LastAssignment && left.kind === kind.Identifier) writtenNames.add((left as TS.Identifier).escapedText as string);
        }
        break;
      case ScopeCategory.Block: {
        const parentKind = node.parent.kind;
        if (parentKind !== kind.ClassStaticBlockDeclaration && !isFunctionLikeKind(parentKind)) blockScope = node;
        declareFunctionsFirst((node as TS.Block).statements);
        break;
      }
      case ScopeCategory.StatementList:
        declareFunctionsFirst((node as TS.SourceFile | TS.ModuleBlock).statements);
        break;
      case ScopeCategory.BlockScope:
        blockScope = node;
        // `for (name in ...)` / `for (name of ...)` writes an existing variable.
        if (isJavaScript && (node.kind === kind.ForInStatement || node.kind === kind.ForOfStatement)) {
          const initializer = (node as TS.ForInStatement | TS.ForOfStatement).initializer;
          if (initializer.kind === kind.Identifier) writtenNames.add((initializer as TS.Identifier).escapedText as string);
          else if (initializer.kind === kind.ObjectLiteralExpression || initializer.kind === kind.ArrayLiteralExpression) hasDestructuringAssignment = true;
        }
        break;
      case ScopeCategory.Update: {
        const update = node as TS.PrefixUnaryExpression | TS.PostfixUnaryExpression;
        if (isJavaScript && (update.operator === kind.PlusPlusToken || update.operator === kind.MinusMinusToken) && update.operand.kind === kind.Identifier) {
          writtenNames.add((update.operand as TS.Identifier).escapedText as string);
        }
        break;
      }
      default: break;
    }
    const outerParent = currentParent;
    currentParent = node;
    forEachChild(node, visitChild);
    currentParent = outerParent;
    container = outerContainer;
    blockScope = outerBlockScope;
    if ((wanted & VISIT_LEAVE) !== 0) walker!.leave(node);
  };
  const isFunctionLikeKind = (nodeKind: TS.SyntaxKind): boolean =>
    nodeKind === kind.FunctionDeclaration || nodeKind === kind.FunctionExpression || nodeKind === kind.ArrowFunction || nodeKind === kind.MethodDeclaration ||
    nodeKind === kind.Constructor || nodeKind === kind.GetAccessor || nodeKind === kind.SetAccessor;

  (sourceFile as { parent: TS.Node | undefined }).parent = undefined;
  visit(sourceFile);

  /**
   * The symbol each declaration joined, for questions about a declaration's own name (and whether a
   * class or constructor function is declared once). Built from the tables on the first such
   * question rather than recorded during the walk: the 5,000-line bench file asks none, and a map
   * entry per declaration was ~1 ms of its scope walk (CPU, alternated in one process). A node an ES
   * module exports is in the file's table and among the exports: the export's symbol is the answer,
   * as the walk recorded it last.
   */
  let symbolsByDeclaration: Map<TS.Node, ScopeSymbol> | undefined;
  const symbolOfDeclaration = (declaration: TS.Node): ScopeSymbol | undefined => (symbolsByDeclaration ??= indexSymbolsByDeclaration()).get(declaration);
  const indexSymbolsByDeclaration = (): Map<TS.Node, ScopeSymbol> => {
    const byDeclaration = new Map<TS.Node, ScopeSymbol>();
    const record = (symbol: ScopeSymbol): void => {
      for (const declaration of symbol.declarations) byDeclaration.set(declaration, symbol);
    };
    for (const table of localsOf.values()) table.forEachSymbol(record);
    conflictingSymbols.forEach(record);
    moduleExports.forEachSymbol(record);
    return byDeclaration;
  };

  let fallback: BindingResolver | undefined;
  const checker = (): BindingResolver => {
    fallback ??= createFallback();
    return fallback;
  };

  const matchesValue = (symbol: ScopeSymbol): boolean => (symbol.flags & (flags.Value | flags.Alias)) !== 0;
  const firstValueDeclaration = (symbol: ScopeSymbol): TS.Node | undefined => symbol.declarations.find((declaration) =>
    declaration.kind !== kind.InterfaceDeclaration && declaration.kind !== kind.TypeAliasDeclaration);

  /**
   * The binder's answer for a value reference named `name` at `identifier`, following the
   * checker's `resolveNameHelper`; `ASK_CHECKER` where that needs what this resolver does not model.
   */
  const resolveValue = (identifier: TS.Node, name: string): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    let lastLocation: TS.Node = identifier;
    let location: TS.Node | undefined = identifier.parent;
    while (location) {
      const locationKind = location.kind;
      if (locationKind === kind.ModuleDeclaration || locationKind === kind.EnumDeclaration) return ASK_CHECKER;
      if (locationKind === kind.SourceFile) break;
      // Most nodes on the way up (calls, operators, statements) own no table: no map lookup for them.
      const table = mayOwnTable(categories[locationKind]) ? localsOf.get(location) : undefined;
      const symbol = table?.get(name);
      if (symbol && matchesValue(symbol)) {
        let useResult = true;
        if (isFunctionLikeKind(locationKind) && lastLocation !== (location as TS.FunctionLikeDeclaration).body) {
          if ((symbol.flags & flags.Variable) !== 0) {
            const body = (location as TS.FunctionLikeDeclaration).body;
            const valueDeclaration = firstValueDeclaration(symbol);
            if (lastLocation.kind === kind.Parameter && body && valueDeclaration && valueDeclaration.pos >= body.pos && valueDeclaration.end <= body.end) {
              // A parameter's default value does not see the body's variables.
              useResult = false;
            } else if ((symbol.flags & flags.FunctionScopedVariable) !== 0) {
              useResult = lastLocation.kind === kind.Parameter;
            }
          }
        }
        if (useResult) return symbol.declarations;
      }
      switch (locationKind) {
        case kind.MethodDeclaration: case kind.Constructor: case kind.GetAccessor: case kind.SetAccessor: case kind.FunctionDeclaration:
          if (name === 'arguments') return [];
          break;
        case kind.FunctionExpression:
          if (name === 'arguments') return [];
          if ((location as TS.FunctionExpression).name?.escapedText === name) return [location as TS.FunctionExpression];
          break;
        case kind.ClassExpression:
          if ((location as TS.ClassExpression).name?.escapedText === name) return [location as TS.ClassExpression];
          break;
        case kind.Decorator:
          // The checker resolves a decorator's names from outside what it decorates.
          if (location.parent.kind === kind.Parameter) location = location.parent;
          if (location.parent && (isClassElementKind(location.parent.kind) || location.parent.kind === kind.ClassDeclaration)) location = location.parent;
          break;
        default: break;
      }
      lastLocation = location;
      location = location.parent;
    }
    // The file: its own declarations, then (for an ES module) its exports, then the globals.
    const fileSymbol = localsOf.get(sourceFile)?.get(name);
    if (isEsModule) {
      if (fileSymbol && matchesValue(fileSymbol)) return fileSymbol.declarations;
      const defaultExport = moduleExports.get('default');
      if (defaultExport) {
        const declaration = defaultExport.declarations[0] as TS.NamedDeclaration;
        if (declaration && isDefaultExport(declaration) && declaration.name?.kind === kind.Identifier &&
            (declaration.name as TS.Identifier).escapedText === name && matchesValue(defaultExport)) return defaultExport.declarations;
      }
      const exported = name === 'default' ? undefined : moduleExports.get(name);
      if (exported && (exported.flags & flags.ModuleMember & (flags.Value | flags.Alias)) !== 0) return exported.declarations;
      return [];
    }
    if (fileSymbol && matchesValue(fileSymbol)) {
      // The checker's own `globalThis` wins over a script's declaration of the same name.
      if (name === 'globalThis') return [];
      return fileSymbol.declarations;
    }
    // In a CommonJS file `exports` names the module itself.
    if (isJavaScript && name === 'exports') return ASK_CHECKER;
    return [];
  };
  const isClassElementKind = (nodeKind: TS.SyntaxKind): boolean =>
    nodeKind === kind.Constructor || nodeKind === kind.PropertyDeclaration || nodeKind === kind.MethodDeclaration || nodeKind === kind.GetAccessor ||
    nodeKind === kind.SetAccessor || nodeKind === kind.IndexSignature || nodeKind === kind.ClassStaticBlockDeclaration || nodeKind === kind.SemicolonClassElement;

  /** Names whose parent makes them something other than a reference to a variable. */
  const resolveIdentifier = (identifier: TS.Identifier): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    if (hasNamespace) return ASK_CHECKER;
    const name = identifier.escapedText as string;
    if (name === '' || (identifier.flags & inWithStatement) !== 0) return name === '' ? ASK_CHECKER : [];
    const parent = identifier.parent;
    const parentKind = parent.kind;
    if (parentKind >= kind.FirstTypeNode && parentKind <= kind.LastTypeNode) return ASK_CHECKER;
    switch (parentKind) {
      case kind.PropertyAccessExpression: {
        const access = parent as TS.PropertyAccessExpression;
        if (access.name === identifier) return resolvePropertyAccess(access);
        // JavaScript `exports.x = ...` and `module.exports = ...` are declarations to the checker.
        if (isJavaScript && (name === 'exports' || name === 'module') && access.parent.kind === kind.BinaryExpression &&
            (access.parent as TS.BinaryExpression).left === access) return ASK_CHECKER;
        break;
      }
      case kind.VariableDeclaration: case kind.BindingElement: case kind.Parameter: case kind.FunctionDeclaration: case kind.ClassDeclaration:
      case kind.ImportClause: case kind.NamespaceImport: case kind.ImportEqualsDeclaration: case kind.FunctionExpression: case kind.ClassExpression: {
        const declaration = parent as TS.NamedDeclaration;
        if (declaration.name !== identifier) {
          if (parentKind === kind.BindingElement || parentKind === kind.ImportEqualsDeclaration) return ASK_CHECKER;
          break;
        }
        if (parentKind === kind.FunctionExpression || parentKind === kind.ClassExpression) return [declaration as TS.Declaration];
        // A parameter property is also a member of the class; the checker answers with the member.
        if (parentKind === kind.Parameter && (parent as TS.ParameterDeclaration).modifiers?.length) return ASK_CHECKER;
        return symbolOfDeclaration(declaration)?.declarations ?? ASK_CHECKER;
      }
      case kind.ImportSpecifier: {
        const specifier = parent as TS.ImportSpecifier;
        if (specifier.name !== identifier) return ASK_CHECKER;
        return symbolOfDeclaration(specifier)?.declarations ?? ASK_CHECKER;
      }
      case kind.ShorthandPropertyAssignment: {
        if ((parent as TS.ShorthandPropertyAssignment).name !== identifier) break;
        // The checker answers with the value the shorthand reads; a free name leaves the property itself.
        const declarations = resolveValue(identifier, name);
        return declarations === ASK_CHECKER || declarations.length === 0 ? ASK_CHECKER : declarations;
      }
      case kind.ExpressionWithTypeArguments: {
        const heritage = parent.parent;
        if (heritage.kind !== kind.HeritageClause || (heritage as TS.HeritageClause).token !== kind.ExtendsKeyword || !ts.isClassLike(heritage.parent)) return ASK_CHECKER;
        // `class A extends B` reads B as a value; `implements` and interfaces' `extends` are types.
        return resolveValue(identifier, name);
      }
      case kind.PropertyAssignment: case kind.PropertyDeclaration:
        // Only the key names a member; the value (`key: value`, a field's initializer) is a plain read.
        if ((parent as TS.PropertyAssignment | TS.PropertyDeclaration).name === identifier) return ASK_CHECKER;
        break;
      case kind.ExportAssignment: case kind.ExportSpecifier: case kind.QualifiedName: case kind.LabeledStatement: case kind.BreakStatement:
      case kind.ContinueStatement: case kind.MetaProperty: case kind.JsxOpeningElement: case kind.JsxSelfClosingElement: case kind.JsxClosingElement:
      case kind.JsxAttribute: case kind.JsxNamespacedName: case kind.MethodDeclaration:
      case kind.GetAccessor: case kind.SetAccessor: case kind.EnumMember: case kind.PropertySignature: case kind.MethodSignature:
      case kind.InterfaceDeclaration: case kind.TypeAliasDeclaration: case kind.TypeParameter: case kind.EnumDeclaration: case kind.ModuleDeclaration:
      case kind.NamespaceExport: case kind.NamespaceExportDeclaration: case kind.HeritageClause: case kind.ImportAttribute:
        return ASK_CHECKER;
      default: break;
    }
    return resolveValue(identifier, name);
  };

  /**
   * A property access whose object the file declares plainly: `this.m` in a class's own code,
   * `C.m` for a class C, `o.m` for a variable initialised with an object literal or `new C()`. The
   * checker answers with the member the object's type has; these shapes give that type without
   * type inference. Anything else (inherited members, types written out, spreads, computed names,
   * JavaScript's members added by assignment) goes to the checker.
   */
  const resolvePropertyAccess = (access: TS.PropertyAccessExpression): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    if (access.name.kind !== kind.Identifier) return ASK_CHECKER;
    const name = access.name.escapedText as string;
    const object = access.expression;
    if (object.kind === kind.ThisKeyword) return thisMembers(object, name);
    if (object.kind === kind.NewExpression) {
      // `new C().m`: an instance of a class the file declares.
      const constructed = (object as TS.NewExpression).expression;
      // An instance of a plain JavaScript constructor function has only members added by assignment.
      if (isJavaScript && !(object as TS.NewExpression).typeArguments && constructsPlainInstance(constructed)) return NO_DECLARATIONS;
      if (constructed.kind !== kind.Identifier || (object as TS.NewExpression).typeArguments) return rootedInUndeclaredGlobal(object) ? [] : ASK_CHECKER;
      const constructedClass = classNamedBy(constructed as TS.Identifier);
      if (constructedClass) return classMembers(constructedClass, name, false);
      return rootedInUndeclaredGlobal(object) ? [] : ASK_CHECKER;
    }
    if (object.kind !== kind.Identifier) return rootedInUndeclaredGlobal(object) ? [] : ASK_CHECKER;
    const targets = resolveIdentifier(object as TS.Identifier);
    if (targets === ASK_CHECKER) return ASK_CHECKER;
    if (targets.length === 0) return isPlainUndeclaredGlobal(object as TS.Identifier) ? [] : ASK_CHECKER;
    if (targets.length !== 1) return ASK_CHECKER;
    const target = targets[0];
    if (target.kind === kind.ClassDeclaration) return classMembers(target as TS.ClassDeclaration, name, true);
    if (target.kind !== kind.VariableDeclaration) return ASK_CHECKER;
    const variable = target as TS.VariableDeclaration;
    if (variable.type || variable.name.kind !== kind.Identifier || !variable.initializer || (isJavaScript && ts.getJSDocType(variable))) return ASK_CHECKER;
    // `var self = this`: the members of `this` where the variable is declared, while it holds nothing else.
    if (variable.initializer.kind === kind.ThisKeyword && isNeverWritten(variable)) return thisMembers(variable.initializer, name);
    // JavaScript gives an object the members assigned to it anywhere (`o.m = ...`).
    if (isJavaScript && assignedMemberObjects().has(variable.name.escapedText as string)) return ASK_CHECKER;
    const initializer = variable.initializer;
    if (initializer.kind === kind.ObjectLiteralExpression) return literalMembers(initializer as TS.ObjectLiteralExpression, name);
    // `var C = class {...}` (bundlers write classes so): the static side, as for a class declaration.
    if (initializer.kind === kind.ClassExpression) return isNeverWritten(variable) ? classMembers(initializer as TS.ClassExpression, name, true) : ASK_CHECKER;
    if (initializer.kind === kind.NewExpression) {
      const constructed = (initializer as TS.NewExpression).expression;
      if (constructed.kind !== kind.Identifier || (initializer as TS.NewExpression).typeArguments) return ASK_CHECKER;
      const constructedClass = classNamedBy(constructed as TS.Identifier);
      return constructedClass ? classMembers(constructedClass, name, false) : ASK_CHECKER;
    }
    return ASK_CHECKER;
  };

  /**
   * The class an identifier names: a class declaration, or a variable initialised with a class
   * expression, without a type, never written and (in JavaScript) given no members by assignment.
   */
  const classNamedBy = (identifier: TS.Identifier): TS.ClassLikeDeclaration | undefined => {
    const declarations = resolveIdentifier(identifier);
    if (declarations === ASK_CHECKER || declarations.length !== 1) return undefined;
    const declaration = declarations[0];
    if (declaration.kind === kind.ClassDeclaration) return declaration as TS.ClassDeclaration;
    if (declaration.kind !== kind.VariableDeclaration) return undefined;
    const variable = declaration as TS.VariableDeclaration;
    if (variable.type || variable.name.kind !== kind.Identifier || variable.initializer?.kind !== kind.ClassExpression || !isNeverWritten(variable)) return undefined;
    if (isJavaScript && (ts.getJSDocType(variable) || assignedMemberObjects().has(variable.name.escapedText as string))) return undefined;
    return variable.initializer as TS.ClassExpression;
  };

  /**
   * A global the file does not declare has no known members in a program without the default
   * library (`console.log`), nor does anything reached from it (`Promise.resolve().then`);
   * `globalThis` lists the script's own globals, and JavaScript's CommonJS names and members added
   * by assignment (`window.x = ...`) are declarations to the checker.
   */
  const isPlainUndeclaredGlobal = (identifier: TS.Identifier): boolean => {
    const objectName = identifier.escapedText as string;
    return !(objectName === 'globalThis' || (isJavaScript && (COMMONJS_NAMES.has(objectName) || assignedMemberObjects().has(objectName))));
  };
  /** Whether an expression is a chain of member accesses, calls and `new` that starts at a plain undeclared global. */
  const rootedInUndeclaredGlobal = (expression: TS.Expression): boolean => {
    let root: TS.Node = expression;
    for (;;) {
      const rootKind = root.kind;
      if (rootKind === kind.PropertyAccessExpression || rootKind === kind.ElementAccessExpression || rootKind === kind.CallExpression ||
          rootKind === kind.NewExpression || rootKind === kind.ParenthesizedExpression || rootKind === kind.NonNullExpression) {
        root = (root as TS.PropertyAccessExpression).expression;
      } else {
        break;
      }
    }
    if (root.kind !== kind.Identifier) return false;
    const declarations = resolveIdentifier(root as TS.Identifier);
    return declarations !== ASK_CHECKER && declarations.length === 0 && isPlainUndeclaredGlobal(root as TS.Identifier);
  };

  /**
   * The members named `name` of what `this` is at a `this` keyword, as the checker types it: the
   * class's instance or constructor in class code; the object literal a method belongs to (the
   * literal initialising a variable, with no contextual type; nothing for a literal passed to an
   * undeclared global's function, typed as any); and in JavaScript, for a plain
   * constructor function, its own body and the functions assigned to its prototype (`X.prototype.m
   * = function`, or through `var pp = X.prototype`), nothing: such an instance has only members
   * added by assignment, which are not declarations (see `createBindingResolver`). Anything less
   * certain goes to the checker.
   */
  const thisMembers = (thisKeyword: TS.Node, name: string): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    const owner = thisOwner(thisKeyword);
    if (owner) return classMembers(owner.classNode, name, owner.isStatic);
    const fn = thisFunction(thisKeyword);
    if (!fn || fn.parameters.some(isThisParameter)) return ASK_CHECKER;
    // JSDoc can type `this` (`@this`, `@type`, `@constructor`): such functions are left to the checker.
    if (isJavaScript && ts.getJSDocTags(fn).length > 0) return ASK_CHECKER;
    const literal = objectLiteralOfMethod(fn);
    if (literal) return literalThisMembers(literal, name);
    if (!isJavaScript) return ASK_CHECKER;
    if (fn.kind === kind.FunctionDeclaration) return isPlainConstructor(fn) ? NO_DECLARATIONS : ASK_CHECKER;
    if (fn.kind !== kind.FunctionExpression) return ASK_CHECKER;
    const parent = fn.parent;
    if (parent.kind === kind.VariableDeclaration && (parent as TS.VariableDeclaration).initializer === fn) {
      return isPlainConstructor(parent) ? NO_DECLARATIONS : ASK_CHECKER;
    }
    const assignedTo = memberAssignedFunction(fn);
    return assignedTo && isPlainPrototype(assignedTo.expression, false) ? NO_DECLARATIONS : ASK_CHECKER;
  };
  const isThisParameter = (parameter: TS.ParameterDeclaration): boolean =>
    parameter.name.kind === kind.Identifier && parameter.name.escapedText === 'this';

  /**
   * The function whose `this` a `this` keyword reads (arrow functions have none of their own), or
   * undefined where the checker types `this` by other rules (parameter defaults, computed names,
   * decorators, class code, the top level).
   */
  const thisFunction = (node: TS.Node): TS.FunctionLikeDeclaration | undefined => {
    for (let current = node.parent; current; current = current.parent) {
      switch (current.kind) {
        case kind.ArrowFunction: continue;
        case kind.FunctionExpression: case kind.FunctionDeclaration: case kind.MethodDeclaration: case kind.GetAccessor: case kind.SetAccessor:
          return current as TS.FunctionLikeDeclaration;
        case kind.Parameter: case kind.ComputedPropertyName: case kind.Decorator: case kind.Constructor: case kind.PropertyDeclaration:
        case kind.ClassStaticBlockDeclaration: case kind.ClassDeclaration: case kind.ClassExpression: case kind.SourceFile:
          return undefined;
        default: break;
      }
    }
    return undefined;
  };

  /** The object literal whose method (or function-valued property) a function is, as the checker's `getContainingObjectLiteral`. */
  const objectLiteralOfMethod = (fn: TS.FunctionLikeDeclaration): TS.ObjectLiteralExpression | undefined => {
    const parent = fn.parent;
    if ((fn.kind === kind.MethodDeclaration || fn.kind === kind.GetAccessor || fn.kind === kind.SetAccessor) && parent.kind === kind.ObjectLiteralExpression) {
      return parent as TS.ObjectLiteralExpression;
    }
    if (fn.kind === kind.FunctionExpression && parent.kind === kind.PropertyAssignment && parent.parent.kind === kind.ObjectLiteralExpression) {
      return parent.parent as TS.ObjectLiteralExpression;
    }
    return undefined;
  };

  /**
   * `this` in a method of an object literal: the literal's own member, when the literal initialises a
   * variable without a type (nothing gives it a contextual type) and, in JavaScript, gets no members
   * by assignment (`o.m = ...`, `this.m = ...` in its methods).
   */
  const literalThisMembers = (literal: TS.ObjectLiteralExpression, name: string): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    const holder = literal.parent;
    // An argument of a call to something rooted in an undeclared global (`Object.assign(X.prototype,
    // {...})`): the callee has no known type, so the checker types the literal, and `this` in it, as any.
    if ((holder.kind === kind.CallExpression || holder.kind === kind.NewExpression) && (holder as TS.CallExpression).expression !== literal) {
      return rootedInUndeclaredGlobal((holder as TS.CallExpression).expression) ? NO_DECLARATIONS : ASK_CHECKER;
    }
    if (holder.kind !== kind.VariableDeclaration || (holder as TS.VariableDeclaration).initializer !== literal) return ASK_CHECKER;
    const variable = holder as TS.VariableDeclaration;
    if (variable.type || variable.name.kind !== kind.Identifier) return ASK_CHECKER;
    // Any JSDoc tag on the variable may give the literal a contextual type (`@type`, `@satisfies`).
    if (isJavaScript && (ts.getJSDocTags(variable).length > 0 || assignedMemberObjects().has(variable.name.escapedText as string) ||
        assignedThisMembers(literal).has(name))) return ASK_CHECKER;
    return literalMembers(literal, name);
  };

  /** The member access a function expression is assigned to (`target.name = function ...`, `target[key] = function ...`). */
  const memberAssignedFunction = (fn: TS.FunctionLikeDeclaration): TS.PropertyAccessExpression | TS.ElementAccessExpression | undefined => {
    const parent = fn.parent;
    if (parent.kind !== kind.BinaryExpression) return undefined;
    const assignment = parent as TS.BinaryExpression;
    if (assignment.operatorToken.kind !== kind.EqualsToken || assignment.right !== fn) return undefined;
    const left = assignment.left;
    return left.kind === kind.PropertyAccessExpression || left.kind === kind.ElementAccessExpression ? left as TS.PropertyAccessExpression | TS.ElementAccessExpression : undefined;
  };

  /** `X.prototype`, or a variable initialised with it and never written, for a plain constructor function X. */
  const isPlainPrototype = (expression: TS.Expression, throughAlias: boolean): boolean => {
    if (expression.kind === kind.PropertyAccessExpression) {
      const access = expression as TS.PropertyAccessExpression;
      if (access.name.kind !== kind.Identifier || access.name.escapedText !== 'prototype' || access.expression.kind !== kind.Identifier) return false;
      const constructors = resolveIdentifier(access.expression as TS.Identifier);
      return constructors !== ASK_CHECKER && constructors.length === 1 && isPlainConstructor(constructors[0]);
    }
    if (expression.kind !== kind.Identifier || throughAlias) return false;
    const aliases = resolveIdentifier(expression as TS.Identifier);
    if (aliases === ASK_CHECKER || aliases.length !== 1 || aliases[0].kind !== kind.VariableDeclaration) return false;
    const alias = aliases[0] as TS.VariableDeclaration;
    if (alias.type || !alias.initializer || ts.getJSDocTags(alias).length > 0 || !isNeverWritten(alias)) return false;
    return isPlainPrototype(alias.initializer, true);
  };

  /** `new X()` for a plain constructor function X, or `new this()` in a function assigned to `X.name`. */
  const constructsPlainInstance = (constructed: TS.Expression): boolean => {
    if (constructed.kind === kind.Identifier) {
      const constructors = resolveIdentifier(constructed as TS.Identifier);
      return constructors !== ASK_CHECKER && constructors.length === 1 && isPlainConstructor(constructors[0]);
    }
    if (constructed.kind !== kind.ThisKeyword || thisOwner(constructed)) return false;
    const fn = thisFunction(constructed);
    if (!fn || fn.kind !== kind.FunctionExpression || ts.getJSDocTags(fn).length > 0) return false;
    const assignedTo = memberAssignedFunction(fn);
    if (!assignedTo || assignedTo.expression.kind !== kind.Identifier) return false;
    const constructors = resolveIdentifier(assignedTo.expression as TS.Identifier);
    return constructors !== ASK_CHECKER && constructors.length === 1 && isPlainConstructor(constructors[0]);
  };

  /**
   * A JavaScript function declared once (`function X() {}` or `var X = function () {}`), never
   * written, without JSDoc (`@constructor`, `@extends`, `@this` change what the checker infers), whose
   * prototype is never replaced (`X.prototype = {...}` gives it declared members): its instances,
   * and `this` in its prototype's functions, have only members added by assignment.
   */
  const isPlainConstructor = (declaration: TS.Node): boolean => {
    if (!isJavaScript) return false;
    let fn: TS.FunctionLikeDeclaration;
    if (declaration.kind === kind.FunctionDeclaration) {
      fn = declaration as TS.FunctionDeclaration;
    } else if (declaration.kind === kind.VariableDeclaration && (declaration as TS.VariableDeclaration).initializer?.kind === kind.FunctionExpression) {
      fn = (declaration as TS.VariableDeclaration).initializer as TS.FunctionExpression;
    } else {
      return false;
    }
    const nameNode = (declaration as TS.FunctionDeclaration | TS.VariableDeclaration).name;
    if (!nameNode || nameNode.kind !== kind.Identifier || !fn.body) return false;
    const name = nameNode.escapedText as string;
    if (symbolOfDeclaration(declaration)?.declarations.length !== 1 || !isNeverWritten(declaration as TS.NamedDeclaration)) return false;
    if (replacedPrototypes().has(name)) return false;
    return ts.getJSDocTags(declaration).length === 0 && ts.getJSDocTags(fn).length === 0;
  };

  /** A `const`, or in JavaScript a variable or function whose name no assignment, update or `for-in/of` writes. */
  const isNeverWritten = (declaration: TS.NamedDeclaration): boolean => {
    if (declaration.kind === kind.VariableDeclaration && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) return true;
    const nameNode = declaration.name;
    return isJavaScript && !hasDestructuringAssignment && !!nameNode && nameNode.kind === kind.Identifier && !writtenNames.has(nameNode.escapedText as string);
  };

  /** JavaScript: names of variables whose `prototype` is assigned (`X.prototype = ...`, `X[key] = ...`). */
  let replacedPrototypesCache: Set<string> | undefined;
  const replacedPrototypes = (): Set<string> => {
    if (!replacedPrototypesCache) {
      replacedPrototypesCache = new Set();
      for (const target of assignmentTargets) {
        const object = (target as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
        if (object.kind !== kind.Identifier) continue;
        if (target.kind === kind.PropertyAccessExpression) {
          const member = (target as TS.PropertyAccessExpression).name;
          if (member.kind !== kind.Identifier || member.escapedText !== 'prototype') continue;
        } else {
          const key = (target as TS.ElementAccessExpression).argumentExpression;
          if ((key.kind === kind.StringLiteral || key.kind === kind.NoSubstitutionTemplateLiteral) && (key as TS.StringLiteral).text !== 'prototype') continue;
          if (key.kind === kind.NumericLiteral) continue;
        }
        replacedPrototypesCache.add((object as TS.Identifier).escapedText as string);
      }
    }
    return replacedPrototypesCache;
  };

  /** The class whose instance (or constructor, for static code) `this` is at a node, skipping arrow functions. */
  const thisOwner = (node: TS.Node): { classNode: TS.ClassLikeDeclaration; isStatic: boolean } | undefined => {
    for (let current = node.parent; current; current = current.parent) {
      switch (current.kind) {
        case kind.ArrowFunction: continue;
        case kind.MethodDeclaration: case kind.GetAccessor: case kind.SetAccessor: case kind.Constructor: case kind.PropertyDeclaration:
        case kind.ClassStaticBlockDeclaration: {
          const classNode = current.parent;
          if (classNode.kind !== kind.ClassDeclaration && classNode.kind !== kind.ClassExpression) return undefined;
          const isStatic = current.kind === kind.ClassStaticBlockDeclaration ||
            !!(current as { modifiers?: readonly TS.ModifierLike[] }).modifiers?.some((modifier) => modifier.kind === kind.StaticKeyword);
          return { classNode: classNode as TS.ClassLikeDeclaration, isStatic };
        }
        case kind.ComputedPropertyName: case kind.Decorator: case kind.Parameter:
          return undefined;
        default:
          if (isFunctionLikeKind(current.kind) || current.kind === kind.SourceFile || current.kind === kind.ClassDeclaration || current.kind === kind.ClassExpression) return undefined;
      }
    }
    return undefined;
  };

  /**
   * A class's own members named `name` on one side (instance or static), when they settle the
   * answer: one member, overloads of one method, or a getter and setter pair.
   */
  const classMembers = (classNode: TS.ClassLikeDeclaration, name: string, isStatic: boolean, depth = 0): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    // A class merged with an interface or function, or written in two places, has members from elsewhere.
    if (classNode.kind === kind.ClassDeclaration && (symbolOfDeclaration(classNode)?.declarations.length ?? 0) !== 1) return ASK_CHECKER;
    // JavaScript adds members by assignment: `this.m = ...` in the class, `C.m = ...` or `C.prototype.m = ...` anywhere.
    if (isJavaScript && (assignedThisMembers(classNode).has(name) ||
        (classNode.name && assignedMemberObjects().has(classNode.name.escapedText as string)))) return ASK_CHECKER;
    const found: TS.ClassElement[] = [];
    for (const member of classNode.members) {
      if (member.kind === kind.Constructor) {
        // Parameter properties (`constructor(private x)`) are members too.
        if ((member as TS.ConstructorDeclaration).parameters.some((parameter) => parameter.modifiers?.length)) return ASK_CHECKER;
        continue;
      }
      // An index signature answers for every name.
      if (member.kind === kind.IndexSignature) return ASK_CHECKER;
      const memberName = member.name;
      if (!memberName) continue;
      if (memberName.kind === kind.ComputedPropertyName) {
        if (isUnnamedComputedKey(memberName)) continue;
        return ASK_CHECKER;
      }
      if (memberName.kind !== kind.Identifier || memberName.escapedText !== name) continue;
      const memberIsStatic = !!(member as { modifiers?: readonly TS.ModifierLike[] }).modifiers?.some((modifier) => modifier.kind === kind.StaticKeyword);
      if (memberIsStatic === isStatic) found.push(member);
    }
    if (found.length > 0) return settledMembers(found);
    // Not the class's own: the base class's, when the file declares it plainly.
    const extendsClause = classNode.heritageClauses?.find((clause) => clause.token === kind.ExtendsKeyword);
    if (!extendsClause) return ASK_CHECKER;
    const base = extendsClause.types[0]?.expression;
    if (!base || base.kind !== kind.Identifier || extendsClause.types[0].typeArguments || depth > 20) return ASK_CHECKER;
    const bases = resolveIdentifier(base as TS.Identifier);
    if (bases === ASK_CHECKER || bases.length !== 1 || bases[0].kind !== kind.ClassDeclaration) return ASK_CHECKER;
    return classMembers(bases[0] as TS.ClassDeclaration, name, isStatic, depth + 1);
  };

  const literalMembers = (literal: TS.ObjectLiteralExpression, name: string): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    const found: TS.ObjectLiteralElementLike[] = [];
    for (const property of literal.properties) {
      if (property.kind === kind.SpreadAssignment) return ASK_CHECKER;
      const propertyName = property.name;
      if (propertyName.kind === kind.ComputedPropertyName) {
        if (isUnnamedComputedKey(propertyName)) continue;
        return ASK_CHECKER;
      }
      if (propertyName.kind === kind.Identifier && propertyName.escapedText === name) found.push(property);
      // A quoted or numeric key can spell the same name (`'m': ...`): the checker merges those.
      else if ((propertyName.kind === kind.StringLiteral || propertyName.kind === kind.NumericLiteral) &&
        ts.escapeLeadingUnderscores((propertyName as TS.StringLiteral).text) === name) return ASK_CHECKER;
    }
    return settledMembers(found);
  };

  /**
   * A computed key that names no member the checker could find by name: one read from an undeclared
   * global (`[Symbol.iterator]`: without the default library its type is unknown, so the checker
   * binds it under no name).
   */
  const isUnnamedComputedKey = (key: TS.ComputedPropertyName): boolean => {
    const expression = key.expression;
    return expression.kind === kind.PropertyAccessExpression && rootedInUndeclaredGlobal(expression);
  };

  const settledMembers = (found: readonly TS.Declaration[]): readonly TS.Declaration[] | typeof ASK_CHECKER => {
    if (found.length === 1) return found;
    if (found.length > 1 && found.every((member) => member.kind === kind.MethodDeclaration)) return found;
    if (found.length === 2 && found.some((member) => member.kind === kind.GetAccessor) && found.some((member) => member.kind === kind.SetAccessor)) return found;
    return ASK_CHECKER;
  };

  /** JavaScript: names of variables that get members by assignment somewhere (`o.m = ...`, `o['m'] = ...`). */
  let assignedMemberObjectsCache: Set<string> | undefined;
  const assignedMemberObjects = (): Set<string> => {
    if (!assignedMemberObjectsCache) {
      assignedMemberObjectsCache = new Set();
      for (const target of assignmentTargets) {
        let root: TS.Node = target;
        while (root.kind === kind.PropertyAccessExpression || root.kind === kind.ElementAccessExpression) root = (root as TS.PropertyAccessExpression).expression;
        if (root.kind === kind.Identifier) assignedMemberObjectsCache.add((root as TS.Identifier).escapedText as string);
      }
    }
    return assignedMemberObjectsCache;
  };
  /** JavaScript: per class, the members its code creates with `this.m = ...`. */
  const assignedThisMembersCache = new Map<TS.Node, Set<string>>();
  const assignedThisMembers = (classNode: TS.ClassLikeDeclaration | TS.ObjectLiteralExpression): Set<string> => {
    let names = assignedThisMembersCache.get(classNode);
    if (!names) {
      names = new Set();
      for (const target of assignmentTargets) {
        if (target.pos < classNode.pos || target.end > classNode.end) continue;
        const object = (target as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression;
        if (object.kind !== kind.ThisKeyword) continue;
        if (target.kind === kind.PropertyAccessExpression) names.add((target as TS.PropertyAccessExpression).name.escapedText as string);
        else names.add('');
      }
      // An element access with a computed key can create any member.
      if (names.has('')) names = new Set([...names, ...allMemberNames(classNode)]);
      assignedThisMembersCache.set(classNode, names);
    }
    return names;
  };
  const allMemberNames = (classNode: TS.ClassLikeDeclaration | TS.ObjectLiteralExpression): string[] =>
    (classNode.kind === kind.ObjectLiteralExpression ? (classNode as TS.ObjectLiteralExpression).properties : (classNode as TS.ClassLikeDeclaration).members)
      .flatMap((member: TS.ClassElement | TS.ObjectLiteralElementLike) => (member.name && member.name.kind === kind.Identifier ? [member.name.escapedText as string] : []));
  /** The left sides of assignments to members (`x.m = ...`, `x[k] = ...`), collected once. */

  const declarationsCache = new Map<TS.Node, readonly TS.Declaration[]>();
  return {
    sourceFile,
    symbolOf: (node) => checker().symbolOf(node),
    declarationsOf(node) {
      const cached = declarationsCache.get(node);
      if (cached) return cached;
      let declarations = node.kind === kind.Identifier ? resolveIdentifier(node as TS.Identifier)
        : node.kind === kind.PropertyAccessExpression && !hasNamespace ? resolvePropertyAccess(node as TS.PropertyAccessExpression) : ASK_CHECKER;
      if (declarations === ASK_CHECKER) declarations = checker().declarationsOf(node);
      declarationsCache.set(node, declarations);
      return declarations;
    },
  };
}

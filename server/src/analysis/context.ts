// Per-file state shared by the analyses: the parsed tree, the name resolver, and helpers that turn
// nodes into findings with 1-based ranges.
import type * as TS from 'typescript';
import { createBindingResolver, isEsModule, kindCategoryTable, rangeOf, type BindingResolver, type TypeScriptModule } from '../syntax/index';
import { VISIT_ENTER, VISIT_LEAVE, createScopeResolver, type TreeVisitor } from '../syntax/scopes';
import { RULES } from './rules';
import { englishText, msg, type LocalizableMessage } from '../syntax/message';
import type { Finding, FindingSeverity, QuickFix, RelatedLocation } from './types';

export interface FileContext {
  ts: TypeScriptModule;
  sourceFile: TS.SourceFile;
  file: string;
  resolver: BindingResolver;
  isModule: boolean;
  findings: Finding[];
  /** The nodes the rules look at, collected in one walk of the tree (walks cost about half a parse each). */
  readonly index: FileIndex;
  /**
   * Every identifier of the file spelled `escapedName`, in walk order (`forEachChild`, pre-order).
   * For rules that look for one name in a large region once per finding: a walk of the region each
   * time made large files quadratic. The table is made by one walk, on the first call.
   */
  identifiersNamed(escapedName: TS.__String): readonly TS.Identifier[];
  /** The identifiers of import and export specifiers (where a name can stand for another), from the same table. */
  specifierIdentifiers(): readonly TS.Identifier[];
}

export interface FileIndex {
  calls: TS.CallExpression[];
  /** Binary expressions with an assignment operator. */
  assignments: TS.BinaryExpression[];
  /** `++`/`--` expressions, prefix or postfix. */
  updates: (TS.PrefixUnaryExpression | TS.PostfixUnaryExpression)[];
  variableDeclarations: TS.VariableDeclaration[];
  classDeclarations: TS.ClassDeclaration[];
  /** Every function-like node (declarations, expressions, arrows, methods, accessors, constructors). */
  functionLikes: TS.SignatureDeclaration[];
  caseBlocks: TS.CaseBlock[];
  loops: (TS.ForStatement | TS.ForInStatement | TS.ForOfStatement)[];
  /** Property assignments and class properties with an initializer. */
  initializedProperties: (TS.PropertyAssignment | TS.PropertyDeclaration)[];
  /**
   * The variable and class declarations of each function (and of the file), keyed by the nearest
   * enclosing function-like node (the source file for the top level): those of nested functions
   * belong to the nested function.
   */
  localDeclarations: Map<TS.Node, (TS.VariableDeclaration | TS.ClassDeclaration)[]>;
  /**
   * Function-like nodes whose own code (not that of nested functions) can run other code: a call,
   * `new`, a tagged template, a decorator or a class definition.
   */
  invokingFunctions: Set<TS.Node>;
  /**
   * Names declared anywhere in the file by let/const/class/var, destructured ones included: other
   * identifiers cannot be in a TDZ or unassigned. Escaped names (`escapedText`, a plain field; `text`
   * is a getter that unescapes on every read), as the TDZ walk looks up every identifier it reaches.
   */
  declaredNames: Set<string>;
  /**
   * Escaped names that can denote a function or class declared in this file (function and method
   * declarations, classes, and bindings or properties initialised with a function or class
   * expression): only callees with these names are resolved.
   */
  callableNames: Set<string>;
  /** Function and method declarations with a body (callees the execution-order walk can run), in walk order. */
  functionDeclarationsWithBody: (TS.FunctionDeclaration | TS.MethodDeclaration)[];
  /**
   * Variable declarations, and apart from them property assignments and class fields, whose value
   * is a function or class expression (`callableValueOf`), in walk order: found while the walk has
   * the nodes at hand, so that the execution-order walk's table of callable targets need not read
   * every declaration again.
   */
  callableVariables: TS.VariableDeclaration[];
  callableProperties: (TS.PropertyAssignment | TS.PropertyDeclaration)[];
  /** Every identifier and private name (`#m`) of the file, in document order (collected by the scope walk, which passes each token anyway). */
  identifiers: (TS.Identifier | TS.PrivateIdentifier)[];
  /** Spread elements (`...x` in calls and array literals), in document order. */
  spreads: TS.SpreadElement[];
  /** `with` statements and decorators, in document order: code the quiet-function test (quietFunctions.ts) does not model. */
  irregularNodes: TS.Node[];
}

/** What the file index records about a node, by kind (see `kindCategoryTable`). */
const enum IndexCategory { Other, Call, Binary, Unary, VariableDeclaration, ClassDeclaration, CaseBlock, Loop, Property, FunctionLike, OtherInvocation, Spread, Irregular }

/**
 * Every kind `ts.isFunctionLike` accepts (declarations, expressions, methods, signatures, function
 * types): it decides by the kind alone, so a stand-in node per kind asks it. For kind tables.
 */
export function functionLikeKinds(ts: TypeScriptModule): TS.SyntaxKind[] {
  const kinds: TS.SyntaxKind[] = [];
  for (let nodeKind = 0; nodeKind <= ts.SyntaxKind.Count; nodeKind++) if (ts.isFunctionLike({ kind: nodeKind } as TS.Node)) kinds.push(nodeKind);
  return kinds;
}

function indexCategories(ts: TypeScriptModule): Uint8Array {
  return kindCategoryTable(ts, 'file-index', (kind) => [
    [IndexCategory.Call, kind.CallExpression], [IndexCategory.Binary, kind.BinaryExpression],
    [IndexCategory.Unary, kind.PrefixUnaryExpression, kind.PostfixUnaryExpression],
    [IndexCategory.VariableDeclaration, kind.VariableDeclaration], [IndexCategory.ClassDeclaration, kind.ClassDeclaration],
    [IndexCategory.CaseBlock, kind.CaseBlock], [IndexCategory.Loop, kind.ForStatement, kind.ForInStatement, kind.ForOfStatement],
    [IndexCategory.Property, kind.PropertyAssignment, kind.PropertyDeclaration],
    [IndexCategory.FunctionLike, ...functionLikeKinds(ts)],
    [IndexCategory.OtherInvocation, kind.NewExpression, kind.TaggedTemplateExpression, kind.ClassExpression],
    [IndexCategory.Spread, kind.SpreadElement], [IndexCategory.Irregular, kind.Decorator, kind.WithStatement],
  ]);
}

/** The kinds the indexer records (entered) and the function-like owners it keeps a stack of (also left). */
function visitedKinds(ts: TypeScriptModule, categories: Uint8Array): Uint8Array {
  return kindCategoryTable(ts, 'file-index-visits', () => {
    const entered: number[] = [];
    const owners: number[] = [];
    categories.forEach((category, nodeKind) => {
      if (category === IndexCategory.FunctionLike) owners.push(nodeKind);
      else if (category !== IndexCategory.Other) entered.push(nodeKind);
    });
    return [[VISIT_ENTER, ...entered], [VISIT_ENTER | VISIT_LEAVE, ...owners]];
  });
}

/**
 * Collects the file index while the scope resolver walks the tree (one walk serves both: a walk of
 * a 5,000-line file costs several milliseconds).
 */
function createIndexer(ts: TypeScriptModule, sourceFile: TS.SourceFile): { index: FileIndex; visitor: TreeVisitor } {
  const index: FileIndex = {
    calls: [], assignments: [], updates: [], variableDeclarations: [], classDeclarations: [], functionLikes: [], caseBlocks: [], loops: [], initializedProperties: [],
    localDeclarations: new Map(),
    invokingFunctions: new Set(),
    declaredNames: new Set(),
    callableNames: new Set(),
    functionDeclarationsWithBody: [],
    callableVariables: [],
    callableProperties: [],
    identifiers: [],
    spreads: [],
    irregularNodes: [],
  };
  /**
   * The function-like nodes (and the file) around the node being visited, innermost last, with, per
   * owner, its list of local declarations (once it has one) and whether it is known to invoke code:
   * read from these stacks, most nodes cost no map or set lookup.
   */
  const owners: TS.Node[] = [sourceFile];
  const ownerLocals: ((TS.VariableDeclaration | TS.ClassDeclaration)[] | undefined)[] = [undefined];
  const ownerInvokes: boolean[] = [false];
  const addLocal = (declaration: TS.VariableDeclaration | TS.ClassDeclaration): void => {
    const top = owners.length - 1;
    const list = ownerLocals[top];
    if (list) {
      list.push(declaration);
      return;
    }
    const created = [declaration];
    ownerLocals[top] = created;
    index.localDeclarations.set(owners[top], created);
  };
  const markInvoking = (): void => {
    const top = owners.length - 1;
    if (ownerInvokes[top]) return;
    ownerInvokes[top] = true;
    index.invokingFunctions.add(owners[top]);
  };
  const addDeclaredNames = (name: TS.BindingName): void => {
    if (ts.isIdentifier(name)) {
      index.declaredNames.add(name.escapedText as string);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) addDeclaredNames(element.name);
  };
  const addCallable = (name: TS.PropertyName | TS.BindingName | undefined): void => {
    const key = callableKey(ts, name);
    if (key !== undefined) index.callableNames.add(key);
  };
  const addCallableIfFunctionValued = (node: TS.VariableDeclaration | TS.PropertyAssignment | TS.PropertyDeclaration): boolean => {
    if (!callableValueOf(ts, node)) return false;
    addCallable(node.name);
    return true;
  };
  // Enum members read once per file rather than through the `ts` module object on every node.
  const functionDeclarationKind = ts.SyntaxKind.FunctionDeclaration;
  const methodDeclarationKind = ts.SyntaxKind.MethodDeclaration;
  const decoratorKind = ts.SyntaxKind.Decorator;
  const firstAssignment = ts.SyntaxKind.FirstAssignment;
  const lastAssignment = ts.SyntaxKind.LastAssignment;
  const plusPlus = ts.SyntaxKind.PlusPlusToken;
  const minusMinus = ts.SyntaxKind.MinusMinusToken;
  const categories = indexCategories(ts);
  const visitor: TreeVisitor = {
    kinds: visitedKinds(ts, categories),
    identifiers: index.identifiers,
    enter(node) {
      switch (categories[node.kind]) {
        case IndexCategory.Call:
          index.calls.push(node as TS.CallExpression);
          markInvoking();
          break;
        case IndexCategory.OtherInvocation: markInvoking(); break;
        case IndexCategory.Spread: index.spreads.push(node as TS.SpreadElement); break;
        case IndexCategory.Irregular:
          index.irregularNodes.push(node);
          // A decorator runs code (as before it had a category of its own, `with` does not).
          if (node.kind === decoratorKind) markInvoking();
          break;
        case IndexCategory.Binary: {
          const operator = (node as TS.BinaryExpression).operatorToken.kind;
          if (operator >= firstAssignment && operator <= lastAssignment) index.assignments.push(node as TS.BinaryExpression);
          break;
        }
        case IndexCategory.Unary: {
          const operator = (node as TS.PrefixUnaryExpression | TS.PostfixUnaryExpression).operator;
          if (operator === plusPlus || operator === minusMinus) index.updates.push(node as TS.PrefixUnaryExpression | TS.PostfixUnaryExpression);
          break;
        }
        case IndexCategory.VariableDeclaration:
          index.variableDeclarations.push(node as TS.VariableDeclaration);
          addLocal(node as TS.VariableDeclaration);
          addDeclaredNames((node as TS.VariableDeclaration).name);
          if (addCallableIfFunctionValued(node as TS.VariableDeclaration)) index.callableVariables.push(node as TS.VariableDeclaration);
          break;
        case IndexCategory.ClassDeclaration: {
          const name = (node as TS.ClassDeclaration).name;
          index.classDeclarations.push(node as TS.ClassDeclaration);
          addLocal(node as TS.ClassDeclaration);
          markInvoking();
          if (name) index.declaredNames.add(name.escapedText as string);
          addCallable(name);
          break;
        }
        case IndexCategory.CaseBlock: index.caseBlocks.push(node as TS.CaseBlock); break;
        case IndexCategory.Loop: index.loops.push(node as TS.ForStatement | TS.ForInStatement | TS.ForOfStatement); break;
        case IndexCategory.Property:
          if ((node as TS.PropertyAssignment | TS.PropertyDeclaration).initializer) {
            index.initializedProperties.push(node as TS.PropertyAssignment | TS.PropertyDeclaration);
            if (addCallableIfFunctionValued(node as TS.PropertyAssignment | TS.PropertyDeclaration)) {
              index.callableProperties.push(node as TS.PropertyAssignment | TS.PropertyDeclaration);
            }
          }
          break;
        case IndexCategory.FunctionLike:
          index.functionLikes.push(node as TS.SignatureDeclaration);
          if (node.kind === functionDeclarationKind || node.kind === methodDeclarationKind) {
            addCallable((node as TS.FunctionDeclaration | TS.MethodDeclaration).name);
            if ((node as TS.FunctionDeclaration | TS.MethodDeclaration).body) index.functionDeclarationsWithBody.push(node as TS.FunctionDeclaration | TS.MethodDeclaration);
          }
          owners.push(node);
          ownerLocals.push(undefined);
          ownerInvokes.push(false);
          break;
        default: break;
      }
    },
    leave(node) {
      if (owners[owners.length - 1] !== node) return;
      owners.pop();
      ownerLocals.pop();
      ownerInvokes.pop();
    },
  };
  return { index, visitor };
}

/**
 * The escaped name a callee spells to denote a function or class declared with this name (an
 * identifier, a private name or a string literal), or undefined for a name no callee spells plainly
 * (computed, numeric, none). One rule for the file index's `callableNames` and the execution-order
 * walk's table of callable targets, so that the two never disagree about a name.
 */
export function callableKey(ts: TypeScriptModule, name: TS.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.escapedText as string;
  if (ts.isStringLiteral(name)) return ts.escapeLeadingUnderscores(name.text) as string;
  return undefined;
}

/**
 * The function or class expression a variable, property assignment or class field is initialised
 * with (parentheses and type assertions stripped), or undefined when its value is anything else.
 */
export function callableValueOf(
  ts: TypeScriptModule,
  holder: TS.VariableDeclaration | TS.PropertyAssignment | TS.PropertyDeclaration,
): TS.FunctionExpression | TS.ArrowFunction | TS.ClassExpression | undefined {
  if (!holder.initializer) return undefined;
  const initializer = skipOuter(ts, holder.initializer);
  return ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer) || ts.isClassExpression(initializer) ? initializer : undefined;
}

/** The tree may come straight from `parseSource(..., false)`: the scope walk links the parents. */
export function createFileContext(ts: TypeScriptModule, sourceFile: TS.SourceFile): FileContext {
  // Scopes and the index are read in one walk before anything else walks the tree: it sets the
  // parent links the parse skipped. The compiler's binder and checker are used only for the rare
  // questions the scopes cannot answer (members of inferred types, types, namespaces), and then
  // bind the file once.
  const { index, visitor } = createIndexer(ts, sourceFile);
  const resolver = createScopeResolver(ts, sourceFile, () => createBindingResolver(ts, sourceFile, { bindNow: true }), visitor);
  let identifiers: FileIdentifiers | undefined;
  return {
    ts,
    sourceFile,
    file: sourceFile.fileName,
    resolver,
    isModule: isEsModule(ts, sourceFile),
    findings: [],
    index,
    identifiersNamed: (escapedName) => (identifiers ??= indexIdentifiers(ts, sourceFile)).byName.get(escapedName) ?? NO_IDENTIFIERS,
    specifierIdentifiers: () => (identifiers ??= indexIdentifiers(ts, sourceFile)).inSpecifiers,
  };
}

const NO_IDENTIFIERS: readonly TS.Identifier[] = [];

/** The file's identifiers by escaped name, each list in walk order, and those of import/export specifiers. */
interface FileIdentifiers {
  byName: Map<TS.__String, TS.Identifier[]>;
  inSpecifiers: TS.Identifier[];
}

/** One walk of the file for `FileContext.identifiersNamed` and `specifierIdentifiers`. */
function indexIdentifiers(ts: TypeScriptModule, sourceFile: TS.SourceFile): FileIdentifiers {
  const byName = new Map<TS.__String, TS.Identifier[]>();
  const inSpecifiers: TS.Identifier[] = [];
  const identifierKind = ts.SyntaxKind.Identifier;
  const importSpecifierKind = ts.SyntaxKind.ImportSpecifier;
  const exportSpecifierKind = ts.SyntaxKind.ExportSpecifier;
  const visit = (node: TS.Node): void => {
    if (node.kind === identifierKind) {
      const name = (node as TS.Identifier).escapedText;
      const list = byName.get(name);
      if (list) list.push(node as TS.Identifier);
      else byName.set(name, [node as TS.Identifier]);
      const parentKind = node.parent.kind;
      if (parentKind === importSpecifierKind || parentKind === exportSpecifierKind) inSpecifiers.push(node as TS.Identifier);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { byName, inSpecifiers };
}

/** A message's English text plus its localisable form, to spread into a finding or related location. */
export function localized(message: LocalizableMessage): { message: string; messageParts: LocalizableMessage } {
  return { message: englishText(message), messageParts: message };
}

/** A quick fix's English title plus its localisable form. */
export function fixTitle(title: LocalizableMessage): { title: string; titleParts: LocalizableMessage } {
  return { title: englishText(title), titleParts: title };
}

/** Adds a sentence to a finding's message, in English and in its localisable form. */
export function appendSentence(finding: Finding, sentence: LocalizableMessage): Finding {
  const joined = msg('{0} {1}', finding.messageParts ?? finding.message, sentence);
  return Object.assign(finding, localized(joined));
}

export function related(node: TS.Node, message: LocalizableMessage): RelatedLocation {
  const sourceFile = node.getSourceFile();
  return { file: sourceFile.fileName, ...rangeOf(node, sourceFile), ...localized(message) };
}

/** Builds a finding for rule `code` at `node`, with the rule's default severity unless given. */
export function makeFinding(
  code: string,
  node: TS.Node,
  message: LocalizableMessage,
  extra: { severity?: FindingSeverity; related?: RelatedLocation[]; fixes?: QuickFix[]; tags?: number[] } = {},
): Finding {
  const rule = RULES.get(code);
  if (!rule) throw new Error(`Unknown rule code ${code}`);
  const sourceFile = node.getSourceFile();
  const finding: Finding = {
    file: sourceFile.fileName,
    ...rangeOf(node, sourceFile),
    code,
    ruleId: rule.id,
    kind: rule.kind,
    severity: extra.severity ?? rule.defaultSeverity,
    ...localized(message),
  };
  if (extra.related && extra.related.length > 0) finding.related = extra.related;
  if (extra.fixes && extra.fixes.length > 0) finding.fixes = extra.fixes;
  if (extra.tags && extra.tags.length > 0) finding.tags = extra.tags;
  return finding;
}

/** The 1-based line of a node, for messages. */
export function lineOf(node: TS.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/**
 * The kind tables and values the hot helpers below compare (`isFrame`/`frameOf`, `skipOuter`,
 * `variableScoping`), for the TypeScript module last asked about: one record read once, instead of
 * `ts.isX` calls and `ts.SyntaxKind`/`ts.NodeFlags` reads per question. The rules ask these for
 * most nodes they look at, several levels deep.
 */
interface ContextKinds {
  ts: TypeScriptModule;
  /** Kinds that own an execution context (1), and class fields, which do when they have an initializer (2). */
  frame: Uint8Array;
  /** The kinds `skipOuter` strips (1). */
  outerExpression: Uint8Array;
  variableDeclaration: number;
  variableDeclarationList: number;
  blockScopedFlags: number;
}

let contextKinds: ContextKinds | undefined;

function kindsOf(ts: TypeScriptModule): ContextKinds {
  const known = contextKinds;
  return known !== undefined && known.ts === ts ? known : (contextKinds = buildContextKinds(ts));
}

/** Kept apart from `kindsOf`: a closure over `ts` there would allocate a context on every call. */
function buildContextKinds(ts: TypeScriptModule): ContextKinds {
  return {
    ts,
    frame: kindCategoryTable(ts, 'execution-context', (kind) => [
      [1, kind.SourceFile, kind.ClassStaticBlockDeclaration, ...functionLikeKinds(ts)], [2, kind.PropertyDeclaration],
    ]),
    outerExpression: kindCategoryTable(ts, 'outer-expression', (kind) => [
      [1, kind.ParenthesizedExpression, kind.AsExpression, kind.NonNullExpression, kind.SatisfiesExpression, kind.TypeAssertionExpression],
    ]),
    variableDeclaration: ts.SyntaxKind.VariableDeclaration,
    variableDeclarationList: ts.SyntaxKind.VariableDeclarationList,
    blockScopedFlags: ts.NodeFlags.BlockScoped,
  };
}

/** Whether a node owns an execution context: the file, a function, a static block, an initialised class field. */
export function isFrame(ts: TypeScriptModule, node: TS.Node): boolean {
  const category = kindsOf(ts).frame[node.kind];
  // A class field initializer runs in its own (method-like) context.
  return category === 1 || (category === 2 && !!(node as TS.PropertyDeclaration).initializer);
}

/**
 * The nearest enclosing function-like node or the source file: the owner of an execution context.
 * Kinds are tested in a table: the rules ask this for many nodes, each several levels deep.
 */
export function frameOf(ts: TypeScriptModule, node: TS.Node): TS.Node {
  for (let current = node.parent; current; current = current.parent) if (isFrame(ts, current)) return current;
  return node.getSourceFile();
}

/** Whether an identifier is written, not read: the target of `=` or a declaration's name. */
export function isPlainAssignmentTarget(ts: TypeScriptModule, node: TS.Node): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/**
 * Whether an identifier (or a member access) stands where a value is written to it: the left of an assignment (a
 * destructuring one too, through the array and object literals around it), `++`/`--`, or the
 * target of a for-in/for-of loop.
 */
export function isWriteTarget(ts: TypeScriptModule, target: TS.Node): boolean {
  let node = target;
  for (;;) {
    const parent = node.parent;
    if (ts.isBinaryExpression(parent)) {
      const operator = parent.operatorToken.kind;
      return parent.left === node && operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
    }
    if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
      return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    }
    if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return parent.initializer === node;
    const climbs = ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) ||
      ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) || (ts.isShorthandPropertyAssignment(parent) && parent.name === node) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === node);
    if (!climbs) return false;
    node = parent;
  }
}

/**
 * Strips parentheses, `as`, `!` and `satisfies` around an expression. The rules call this for most
 * expressions they look at, so it tests kinds in a table (`kindsOf`) rather than
 * calling five `ts.isX` functions per level.
 */
export function skipOuter(ts: TypeScriptModule, node: TS.Expression): TS.Expression {
  const outerExpression = kindsOf(ts).outerExpression;
  let current = node;
  while (outerExpression[current.kind] === 1) current = (current as TS.ParenthesizedExpression).expression;
  return current;
}

/**
 * 1 for a `let`/`const`/`using` declaration, 2 for a `var`, 0 for anything else. The rules ask this
 * for most names they look at, so it compares kinds read once rather than calling `ts.isX` twice
 * and reading `ts.SyntaxKind`/`ts.NodeFlags` through the `ts` module object per question.
 */
function variableScoping(ts: TypeScriptModule, declaration: TS.Node): 0 | 1 | 2 {
  const kinds = kindsOf(ts);
  if (declaration.kind !== kinds.variableDeclaration || declaration.parent.kind !== kinds.variableDeclarationList) return 0;
  return (declaration.parent.flags & kinds.blockScopedFlags) !== 0 ? 1 : 2;
}

/** `let`/`const`/`using` declarations (block-scoped, with a TDZ), as opposed to `var`. */
export function isLexicalVariable(ts: TypeScriptModule, declaration: TS.Node): declaration is TS.VariableDeclaration {
  return variableScoping(ts, declaration) === 1;
}

export function isVarVariable(ts: TypeScriptModule, declaration: TS.Node): declaration is TS.VariableDeclaration {
  return variableScoping(ts, declaration) === 2;
}

/** The variable declaration that owns a binding name (walking out of destructuring patterns). */
export function declarationOfBindingName(ts: TypeScriptModule, node: TS.Node): TS.VariableDeclaration | undefined {
  for (let current: TS.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isVariableDeclaration(current)) return current;
    if (!ts.isBindingElement(current) && !ts.isObjectBindingPattern(current) && !ts.isArrayBindingPattern(current)) return undefined;
  }
  return undefined;
}

// Circular imports that break at load time, not every cycle.
//
// The workspace module graph is built from each file's static imports, re-exports, CommonJS
// `require` calls and dynamic `import()`, resolved with `ts.resolveModuleName` (TS `paths`,
// `package.json` `exports`/`imports`, index files, extension rules), with type-only imports left
// out. Strongly connected components (Tarjan) of the load-time edges are the cycles. For each
// cycle and each module through which it can be entered, the loader is replayed: ES modules run
// their dependencies first (depth-first, post-order) and their body afterwards, so a module still
// on the loading stack has not run at all — its let/const/class exports are in the TDZ and its var
// exports are undefined, while function declarations already work. A CommonJS module runs top to
// bottom and pauses at each `require`; a module still loading hands out its `exports` object as
// filled so far. A binding read while its module is in that state, at load time (top-level code,
// functions it calls, class `extends`, decorators, static initialisers, destructuring of a
// `require`), is a hazard; a cycle with no such read is benign.
//
// Module facts are extracted syntactically (fast, cached per file by content hash) so a
// workspace of thousands of modules is cheap to rescan after one edit.
import type * as TS from 'typescript';
import { createHash } from 'node:crypto';
import { isBuiltin } from 'node:module';
import { jumpTarget, kindCategoryTable, parseSource, rangeBetween, type SourceRange, type TypeScriptModule } from '../syntax/index';
import { ELEMENT_CALLBACK_METHODS, READABLE_GLOBAL_OBJECTS } from './builtins';
import { NOT_CONSTANT, certainlyThrows, constObjectKind, constantValue, methodCallOn, type ConstObjectKind, type NameValue } from './controlFlow';
import { RULES } from './rules';
import type { AnalysisHost, Finding, FindingSeverity, RelatedLocation } from './types';
import { fixTitle, isWriteTarget, localized, skipOuter } from './context';
import { msg, type LocalizableMessage } from '../syntax/message';

const ANALYZABLE = /\.(?:[cm]?[jt]sx?)$/i;

export function isAnalyzableFile(file: string): boolean {
  return ANALYZABLE.test(file) && !/\.d\.[cm]?ts$/i.test(file);
}

type ExportKind = 'function' | 'class' | 'lexical' | 'var' | 'default-expression' | 'reexport' | 'other';

interface ExportFact {
  kind: ExportKind;
  range: SourceRange;
  /** For re-exports: the import record index and the name in that module. */
  from?: { importIndex: number; name: string };
}

type EdgeKind = 'import' | 'export-from' | 'require' | 'lazy-require' | 'dynamic-import';

interface ImportFact {
  specifier: string;
  kind: EdgeKind;
  /** Offset of the statement that triggers loading (CommonJS order matters). */
  offset: number;
  range: SourceRange;
  /** Whether the code asks for the "require" flavour of a package's exports. */
  commonJs: boolean;
  /** A dynamic import inside a top-level `await` (outside every function): the module waits for it to load. */
  awaitedAtTopLevel?: true;
  /** Every such wait (or the import) runs only under a condition or in a loop LoopLens cannot tell will run: the module may not wait. */
  awaitedConditionally?: true;
  /** A `require()` whose value is dropped (`require('./setup');`): it only loads the module, and keeps nothing of it. */
  valueDropped?: true;
}

interface ReadFact {
  importIndex: number;
  /** Export name read ('*' for the whole module object / namespace). */
  name: string;
  offset: number;
  range: SourceRange;
  /** Where the read happens inside a function called at load time, the read itself. */
  via?: SourceRange;
  /** A try around the read (or around the load-time call it is in) catches a throw there: for good, or with a catch that may throw again (see `catchAround`). */
  caught?: 'certainly' | 'maybe';
  /**
   * The read comes after an `await` its async function (or async IIFE) certainly ran (see
   * `awaitedBefore`): it runs in a microtask, after the synchronous part of loading. Whether
   * that is after the module it reads has run depends on the graph (see `checkRead`).
   */
  afterAwait?: true;
  destructured?: boolean;
  /** For a destructured require whose names are only used inside functions: edits that keep the module object and read the property when used. */
  lazyFix?: { title: string; titleParts?: LocalizableMessage; edits: (SourceRange & { newText: string })[] };
}

interface CommonJsExportFact {
  name: string;
  offset: number;
  range: SourceRange;
  valueText?: string;
}

export interface ModuleFacts {
  file: string;
  hash: string;
  isEsm: boolean;
  imports: ImportFact[];
  exports: Record<string, ExportFact>;
  /** Star re-exports, as import indexes. */
  starExports: number[];
  reads: ReadFact[];
  commonJsExports: CommonJsExportFact[];
  /** `module.exports = ...` replacements, with the keys of an object literal when given. */
  exportsReplacements: { offset: number; range: SourceRange; keys: string[] | null }[];
  /** An `await` (or `for await`) outside every function: the module evaluates asynchronously (unknown for a sketch). */
  topLevelAwait?: true;
  /**
   * Set on a sketch: only the module specifiers, read by `ts.preProcessFile` without building a
   * syntax tree, each taken as a load-time import. A sketch's edges are a superset of the real ones
   * (type-only imports, lazy requires and dynamic imports count too), so a module outside every
   * cycle of the sketched graph is outside every real cycle; cycle members and their importers get
   * their full facts before any verdict.
   */
  sketch?: true;
}

/** Files whose imports `ts.preProcessFile` could miss: JSX text can hold a lone quote; template-literal specifiers. */
const NEEDS_FULL_PARSE = /\.[jt]sx$/i;
const TEMPLATE_SPECIFIER = /\b(?:require|import)\s*\(\s*`/;
/**
 * The words every module reference and every ES export needs (`import`, `export`, `require`, and
 * AMD's `define`, which the pre-processor also reads). A text without any of them imports nothing
 * and exports nothing: neither the pre-processor nor a walk of its tree could find an edge.
 */
const MODULE_SYNTAX_WORD = /\b(?:import|export|require|define)\b/;

/**
 * The facts of a text that has no module syntax at all (undefined when it may have some), without
 * scanning its tokens or walking its tree. Such a module has no import, so it is on no cycle and
 * imports no module of one; and it has no ES export for a cycle's re-exports to lead to. Its facts
 * are therefore never read beyond its (empty) import list, so a sketch is as good as full facts.
 * Measured on the benchmark's generated 5,000-line file (which has none of the words): the full
 * facts from its tree took ~10 ms per check, the pre-processor's token scan ~6 ms, this test 0.05 ms.
 */
function moduleSyntaxFreeFacts(file: string, text: string, hash: string): ModuleFacts | undefined {
  if (MODULE_SYNTAX_WORD.test(text)) return undefined;
  return { file, hash, isEsm: false, imports: [], exports: {}, starExports: [], reads: [], commonJsExports: [], exportsReplacements: [], sketch: true };
}

/**
 * 1-based line and column of offsets met in increasing order, counting the line breaks the compiler
 * knows (CR, LF, CRLF, U+2028, U+2029) as it goes; an offset behind the last one starts over.
 */
function positionCounter(text: string): (offset: number) => { line: number; column: number } {
  let index = 0;
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    if (offset < index) {
      index = 0;
      line = 1;
      lineStart = 0;
    }
    for (; index < offset; index++) {
      const code = text.charCodeAt(index);
      if (code === 13 && text.charCodeAt(index + 1) === 10 && index + 1 < offset) index++;
      if (code === 13 || code === 10 || code === 0x2028 || code === 0x2029) {
        line++;
        lineStart = index + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/** The module specifiers of a file, read by the compiler's pre-processor (a token scan, no tree). */
export function sketchModuleFacts(ts: TypeScriptModule, file: string, text: string, hash: string): ModuleFacts | undefined {
  if (NEEDS_FULL_PARSE.test(file) || TEMPLATE_SPECIFIER.test(text)) return undefined;
  const withoutModuleSyntax = moduleSyntaxFreeFacts(file, text, hash);
  if (withoutModuleSyntax) return withoutModuleSyntax;
  const info = ts.preProcessFile(text, true, true);
  const at = positionCounter(text);
  const imports: ImportFact[] = info.importedFiles.map((reference) => {
    const start = at(reference.pos);
    const end = at(reference.end);
    // The resolution flavour follows the syntax: `require(...)` asks for a package's "require" exports.
    const commonJs = /\brequire\s*\(\s*['"]?$/.test(text.slice(Math.max(0, reference.pos - 24), reference.pos));
    return { specifier: reference.fileName, kind: commonJs ? 'require' : 'import', offset: reference.pos, range: { line: start.line, column: start.column, endLine: end.line, endColumn: end.column }, commonJs };
  });
  return { file, hash, isEsm: false, imports, exports: {}, starExports: [], reads: [], commonJsExports: [], exportsReplacements: [], sketch: true };
}

/** Facts cache shared by every graph in the process: keyed by file, checked by content hash. */
const factsCache = new Map<string, ModuleFacts>();

/** Empties the process-wide module-facts cache (for benchmarks that want a truly cold scan). */
export function clearModuleFactsCache(): void {
  factsCache.clear();
}

/**
 * The text last hashed and its hash: an open document's text is hashed when it is set and again when
 * its module loads, right after (setFileText, then load); a second SHA-1 of a 5,000-line file was
 * ~0.5 ms of its check. Comparing the strings is cheap: the same string object, or a memcmp.
 */
let lastHashed: { text: string; hash: string } | undefined;

function hashText(text: string): string {
  if (lastHashed !== undefined && lastHashed.text === text) return lastHashed.hash;
  const hash = createHash('sha1').update(text).digest('hex');
  lastHashed = { text, hash };
  return hash;
}

function isTypeOnlyImport(ts: TypeScriptModule, node: TS.ImportDeclaration, valueNames: Set<string>, isTs: boolean): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const locals: string[] = [];
  if (clause.name) locals.push(clause.name.text);
  if (clause.namedBindings) {
    if (ts.isNamespaceImport(clause.namedBindings)) locals.push(clause.namedBindings.name.text);
    else for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) locals.push(element.name.text);
  }
  if (locals.length === 0) return true;
  // TypeScript drops imports whose names are only used as types.
  return isTs && !locals.some((name) => valueNames.has(name));
}

/** Identifier texts used in value positions anywhere in the file (types and declarations excluded). */
function valueIdentifierNames(ts: TypeScriptModule, sourceFile: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    // `class B extends A` uses A as a value (the parser files it under type nodes).
    if (ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent) && node.parent.token === ts.SyntaxKind.ExtendsKeyword &&
        ts.isClassLike(node.parent.parent)) {
      visit(node.expression);
      return;
    }
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isImportDeclaration(node)) return;
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return;
    if (ts.isExportSpecifier(node)) {
      if (!node.isTypeOnly && !(node.parent.parent as TS.ExportDeclaration).isTypeOnly) names.add((node.propertyName ?? node.name).getText(sourceFile));
      return;
    }
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** Promise combinators whose result waits for every element (measured: an unsettled element keeps node at exit 13). */
const WAITING_COMBINATORS = new Set(['all', 'allSettled']);
/** Combinators that settle with the first element to settle: they wait for an import only when it is their one element. */
const FIRST_SETTLED_COMBINATORS = new Set(['race', 'any']);
/** Array methods that add their arguments to the array (`list.push(import('./b.mjs'))`). */
const ARRAY_ADDING_METHODS = new Set(['push', 'unshift']);
/** Array methods that take elements out of the array or write over them. */
const ARRAY_REMOVING_METHODS = new Set(['pop', 'shift', 'splice', 'fill', 'copyWithin']);
/** `Promise.resolve(promise)` adopts the promise, so it settles only when that one does. */
const ADOPTING_CALLS = new Set(['resolve']);

/** The call `Promise.<name>(argument)` whose only argument is `argument`, or undefined. */
function promiseStaticCall(ts: TypeScriptModule, argument: TS.Node, names: Set<string>): TS.CallExpression | undefined {
  const call = argument.parent;
  if (!ts.isCallExpression(call) || call.arguments.length !== 1 || call.arguments[0] !== argument) return undefined;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && names.has(callee.name.text) ? call : undefined;
}

/**
 * Whether no function (an async IIFE included) or static block lies between a node and the file, so
 * its await holds up loading; nor the branch of an `if` that the file's own constants rule out
 * (`if (false)`, `const debug = false; if (debug)`: measured, node exits 0 there).
 */
function isAtTopLevel(ts: TypeScriptModule, node: TS.Node, constants: ConstantLookup): boolean {
  let child = node;
  for (let current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) return false;
    if (ts.isIfStatement(current) && child !== current.expression) {
      const truth = truthAtLoadTime(ts, current.expression, constants, 0);
      if (truth !== Truth.Unknown && (truth === Truth.Truthy) !== (child === current.thenStatement)) return false;
    }
  }
  return true;
}

/** What a value is when tested, when the file says so plainly. */
const enum Truth { Unknown, Truthy, Falsy, Nullish }

/** The values of names at load time, for `constantValue`: see `constantsOf`. */
type ConstantLookup = NameValue;

/**
 * Whether an expression is truthy, falsy or nullish at load time (see `constantValue`, the file's
 * constants read by `constantsOf`); Unknown for anything else. Enough for the conditions that pick
 * an import (`lazy ? null : import(...)`).
 */
function truthAtLoadTime(ts: TypeScriptModule, expression: TS.Expression, constants: ConstantLookup, depth: number): Truth {
  const value = constantValue(ts, expression, constants, depth);
  return value === NOT_CONSTANT ? Truth.Unknown : value === null || value === undefined ? Truth.Nullish : value ? Truth.Truthy : Truth.Falsy;
}

/**
 * The values of names at load time, from the file's syntax alone (the module facts have no
 * resolver): a `const` in scope where the name is read (a block may declare the name again) whose
 * initialiser has a value `constantValue` knows, and `undefined`. Unlike hoisting.ts `constantOfName`,
 * it does not ask whether the initialiser has run yet (a read before it would throw anyway).
 */
function constantsOf(ts: TypeScriptModule, localDeclarations: ReadonlyMap<string, TS.Node>): ConstantLookup {
  const constants: ConstantLookup = (identifier, depth) => {
    const declaration = innerDeclarationOf(ts, identifier) ?? localDeclarations.get(identifier.text);
    const initializer = declaration && ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0 && ts.isIdentifier(declaration.name)
      ? declaration.initializer : undefined;
    if (initializer) return constantValue(ts, initializer, constants, depth + 1);
    return identifier.text === 'undefined' ? undefined : NOT_CONSTANT;
  };
  return constants;
}

/** Whether `left && right`, `left || right` or `left ?? right` is its left side (the right side is not evaluated). */
function leftDecides(ts: TypeScriptModule, operator: TS.SyntaxKind, left: Truth): boolean {
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return left === Truth.Falsy || left === Truth.Nullish;
  if (operator === ts.SyntaxKind.BarBarToken) return left === Truth.Truthy;
  return left === Truth.Truthy || left === Truth.Falsy;
}

/**
 * Whether the module's top level waits for this promise to settle: it is what a top-level `await`
 * (or `for await`) waits for, directly or in parentheses, through `.then`/`.catch`/`.finally` calls
 * on it, through `Promise.resolve`, or as an element of `Promise.all`/`allSettled` (or the only
 * element of `Promise.race`/`any`) whose result is waited for; through a branch of `?:`, `&&`,
 * `||` or `??` that the file's constants do not rule out. An `await` that merely lies above it,
 * as in `await Promise.race([import('./b.mjs'), timeout])`, does not wait for it (node exits 0).
 * A promise that initialises a top-level variable (`const p = import('./b.mjs')`) answers with the
 * variable's name: the caller then asks again at each read of that name (`await p`).
 */
function isAwaitedAtTopLevel(ts: TypeScriptModule, node: TS.Node, constants: ConstantLookup, loadTimeCall?: LoadTimeCall): boolean | TS.Identifier | HeldArray {
  let promise = node;
  let caller = loadTimeCall;
  for (;;) {
    let parent = promise.parent;
    while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isNonNullExpression(parent) || ts.isTypeAssertionExpression(parent)) {
      promise = parent;
      parent = parent.parent;
    }
    // In the body of a function the top level calls at load time, a promise it returns, or awaits
    // (an async function's promise settles after its awaits), is what the call's promise waits for.
    if (caller && (ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === promise)) &&
        ts.findAncestor(parent, ts.isFunctionLike) === caller.target) {
      promise = caller.site;
      caller = undefined;
      continue;
    }
    if (ts.isAwaitExpression(parent)) return isAtTopLevel(ts, parent, constants);
    if (ts.isForOfStatement(parent) && parent.awaitModifier && parent.expression === promise) return isAtTopLevel(ts, parent, constants);
    if (ts.isVariableDeclaration(parent) && parent.initializer === promise) {
      return ts.isIdentifier(parent.name) && isAtTopLevel(ts, parent, constants) ? parent.name : false;
    }
    if (ts.isConditionalExpression(parent) && parent.condition !== promise) {
      const truth = truthAtLoadTime(ts, parent.condition, constants, 0);
      if (truth !== Truth.Unknown && (truth === Truth.Truthy) !== (parent.whenTrue === promise)) return false;
      promise = parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const operator = parent.operatorToken.kind;
      if (operator !== ts.SyntaxKind.AmpersandAmpersandToken && operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken) return false;
      // A promise is truthy and not nullish: `import(...) || x` is the promise, `import(...) && x` is x.
      if (parent.left === promise) {
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return false;
      } else {
        const left = truthAtLoadTime(ts, parent.left, constants, 0);
        if (left !== Truth.Unknown && leftDecides(ts, operator, left)) return false;
      }
      promise = parent;
      continue;
    }
    const chained = methodCallOn(ts, promise);
    if (chained?.chains) {
      promise = chained.call;
      continue;
    }
    const resolved = promiseStaticCall(ts, promise, ADOPTING_CALLS);
    if (resolved) {
      promise = resolved;
      continue;
    }
    // `list.push(import('./b.mjs'))` into a top-level array: a later `await Promise.all(list)` waits for it.
    if (ts.isCallExpression(parent) && parent.arguments.includes(promise as TS.Expression) && ts.isPropertyAccessExpression(parent.expression) &&
        ARRAY_ADDING_METHODS.has(parent.expression.name.text) && ts.isIdentifier(parent.expression.expression)) {
      return isAtTopLevel(ts, parent, constants) ? { name: parent.expression.expression, elements: Number.POSITIVE_INFINITY } : false;
    }
    if (!ts.isArrayLiteralExpression(parent)) return false;
    // `for await (const m of [import('./b.mjs')])` waits for each element in turn (measured: exit 13).
    if (ts.isForOfStatement(parent.parent) && parent.parent.awaitModifier && parent.parent.expression === parent) return isAtTopLevel(ts, parent.parent, constants);
    // `const list = [import('./b.mjs')]`: the caller asks again at each read of `list` (see `isArrayAwaitedAtTopLevel`).
    if (ts.isVariableDeclaration(parent.parent) && parent.parent.initializer === parent) {
      return ts.isIdentifier(parent.parent.name) && isAtTopLevel(ts, parent.parent, constants) ? { name: parent.parent.name, elements: parent.elements.length } : false;
    }
    const waiting = promiseStaticCall(ts, parent, WAITING_COMBINATORS) ??
      (parent.elements.length === 1 ? promiseStaticCall(ts, parent, FIRST_SETTLED_COMBINATORS) : undefined);
    if (!waiting) return false;
    promise = waiting;
  }
}


/** A call the top level makes at load time of a function of the file, whose body the facts walk is in. */
interface LoadTimeCall {
  /** The call, or the use of a generator object a `const` holds (see `generatorObjects`). */
  site: TS.Expression;
  target: TS.FunctionLikeDeclaration;
}

/** The promise of an import a top-level variable or array holds, and whether the code that put it there may not run. */
interface HeldImport {
  importIndex: number;
  conditional: boolean;
}

/** A top-level variable holding an array with the promise of an import in it, and how many elements it starts with (Infinity: unknown). */
interface HeldArray {
  name: TS.Identifier;
  elements: number;
}

/**
 * Whether the module's top level waits for the promises of an array a variable holds, at this read
 * of the variable: the array is the argument of `Promise.all`/`allSettled` (or of `Promise.race`/`any`
 * when the import is its one element), is spread into an array that is waited for
 * (`Promise.all([...list, other])`), or is what a top-level `for await` iterates. Awaiting the array
 * itself waits for nothing (measured: `await list` lets node exit 0).
 */
function isArrayAwaitedAtTopLevel(ts: TypeScriptModule, read: TS.Identifier, elements: number, constants: ConstantLookup): boolean | TS.Identifier | HeldArray {
  let array: TS.Node = read;
  while (ts.isParenthesizedExpression(array.parent) || ts.isAsExpression(array.parent) || ts.isSatisfiesExpression(array.parent) || ts.isNonNullExpression(array.parent)) array = array.parent;
  const parent = array.parent;
  if (ts.isSpreadElement(parent)) return isAwaitedAtTopLevel(ts, parent, constants);
  if (ts.isForOfStatement(parent) && parent.awaitModifier && parent.expression === array) return isAtTopLevel(ts, parent, constants);
  const waiting = promiseStaticCall(ts, array, WAITING_COMBINATORS) ?? (elements === 1 ? promiseStaticCall(ts, array, FIRST_SETTLED_COMBINATORS) : undefined);
  return waiting ? isAwaitedAtTopLevel(ts, waiting, constants) : false;
}

/**
 * Whether this read of an array may take elements out of it: a call of a removing method on it, an
 * assignment to its `length` or to one of its elements, a `delete` of an element.
 */
function mayRemoveElements(ts: TypeScriptModule, read: TS.Identifier): boolean {
  let array: TS.Node = read;
  while (ts.isParenthesizedExpression(array.parent) || ts.isAsExpression(array.parent) || ts.isSatisfiesExpression(array.parent) || ts.isNonNullExpression(array.parent)) array = array.parent;
  const access = array.parent;
  const written = (target: TS.Node): boolean => ts.isDeleteExpression(target.parent) || (ts.isBinaryExpression(target.parent) && target.parent.left === target &&
    target.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && target.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment);
  if (ts.isPropertyAccessExpression(access) && access.expression === array) {
    if (access.name.text === 'length') return written(access);
    return ARRAY_REMOVING_METHODS.has(access.name.text) && ts.isCallExpression(access.parent) && access.parent.expression === access;
  }
  return ts.isElementAccessExpression(access) && access.expression === array && written(access);
}

/**
 * The declaration an identifier sees for its name in the scopes between it and the file (a block's
 * let, const, class or function, a loop's let or const, a catch parameter, a function's parameter),
 * or undefined when it sees the file's own binding (or a global). Asked only for the few names the
 * import-await rules look up (held promises and the constants of conditions).
 */
function innerDeclarationOf(ts: TypeScriptModule, identifier: TS.Identifier): TS.Node | undefined {
  const name = identifier.text;
  for (let current = identifier.parent; current && !ts.isSourceFile(current); current = current.parent) {
    let found: TS.Node | undefined;
    if (ts.isBlock(current)) {
      // A `var` in a block belongs to the enclosing function, or to the file at the top level.
      const functionBody = ts.isFunctionLike(current.parent);
      for (const statement of current.statements) if ((found = statementDeclares(ts, statement, name, functionBody))) return found;
    } else if (ts.isCaseBlock(current)) {
      for (const clause of current.clauses) for (const statement of clause.statements) if ((found = statementDeclares(ts, statement, name, false))) return found;
    } else if ((ts.isForStatement(current) || ts.isForOfStatement(current) || ts.isForInStatement(current)) && current.initializer &&
        ts.isVariableDeclarationList(current.initializer) && (current.initializer.flags & ts.NodeFlags.BlockScoped) !== 0) {
      if ((found = current.initializer.declarations.find((declaration) => bindsName(ts, declaration.name, name)))) return found;
    } else if (ts.isCatchClause(current) && current.variableDeclaration && bindsName(ts, current.variableDeclaration.name, name)) {
      return current.variableDeclaration;
    } else if (ts.isFunctionLike(current)) {
      if ((found = current.parameters.find((parameter) => bindsName(ts, parameter.name, name)))) return found;
    }
  }
  return undefined;
}

/**
 * The functions an object literal's properties hold once it is made, by property name: arrow and
 * function expressions, and methods (not generators, whose calls run nothing yet). A later property
 * of the same name takes the earlier one's place; a spread may bring any name, so an object with
 * one gives nothing.
 */
function objectLiteralFunctions(ts: TypeScriptModule, object: TS.ObjectLiteralExpression): Map<string, TS.FunctionLikeDeclaration> {
  const functions = new Map<string, TS.FunctionLikeDeclaration>();
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) return new Map();
    const name = property.name;
    if (!name || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) continue;
    let value: TS.Node | undefined;
    if (ts.isPropertyAssignment(property)) {
      value = property.initializer;
      while (ts.isParenthesizedExpression(value)) value = value.expression;
    } else if (ts.isMethodDeclaration(property)) value = property;
    if (value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value) || ts.isMethodDeclaration(value)) && !value.asteriskToken && value.body) {
      functions.set(name.text, value);
    } else functions.delete(name.text);
  }
  return functions;
}

/**
 * The file's helpers a load-time call may run (see `changedHelpers`): functions of the file by
 * name, and `const` object literals holding functions, by name.
 */
interface HelperNames {
  /** Functions (`function load`, `const load = () => ...`): any reference but a write is allowed. */
  functions: ReadonlyMap<string, unknown>;
  /** Objects, with their literals: only a member read or call (`loaders.load`, `loaders['load']()`) that writes nothing is allowed. */
  objects: ReadonlyMap<string, TS.ObjectLiteralExpression>;
}

/**
 * Those of `names` (helpers, see `HelperNames`) that may not be what the file made when a load-time
 * call reaches them, judged by an allow-list since a function or an object can be replaced or
 * reached in more ways than any list of them covers (an alias `const other = loaders`, `{ loaders }`,
 * `[loaders][0]`, a call it is passed to, a method's `this`, a direct `eval`): a function whose name
 * is written anywhere (`load = other`, `[load] = list`, `load++`, `for (load of list)`) or declared
 * again at the top level; an object referenced otherwise than by a member read or call that writes
 * nothing, `typeof loaders`, a spread `{ ...loaders }` or a global method that only reads or freezes it
 * (see `readsOnly`) (`loaders.load = f`, `delete
 * loaders.load`, `alias = loaders`, `Object.assign(loaders, f)`), or whose literal uses `this` (a
 * method called on it may write it); every one when the file calls `eval`. `references` holds the
 * file's identifiers of those names; references in scopes that declare the name for themselves (see
 * `innerDeclarationOf`) do not count; an ES module's export of an object counts as `esmExposedFrom` says.
 *
 * An object the file puts on its CommonJS exports in a top-level statement (`exports.loaders =
 * loaders`, `module.exports.loaders = loaders`) can be written by another module from then on (one
 * that requires this file in a cycle gets its exports while it loads, or one whose function the file
 * calls): only before that statement runs does no other module hold the object. Such a helper is
 * changed from that statement on: the value is the offset from which a call runs a helper that may
 * have changed (-1: every call).
 */
function changedHelpers(ts: TypeScriptModule, names: Iterable<string>, helpers: HelperNames, references: ReadonlyMap<string, readonly TS.Identifier[]>,
  ownDeclarations: ReadonlyMap<string, TS.Node>, callsEval: boolean): Map<string, number> {
  const changed = new Map<string, number>();
  for (const name of names) {
    const literal = helpers.objects.get(name);
    if (callsEval || (literal && containsThis(ts, literal))) {
      changed.set(name, -1);
      continue;
    }
    let changedFrom = literal ? esmExposedFrom(ts, literal) : Infinity;
    for (const identifier of references.get(name) ?? []) {
      const declared = declarationNamed(ts, identifier);
      // Most references are allowed ones: only the others need their scope looked up.
      if (declared ? declared === ownDeclarations.get(name) : isAllowedHelperReference(ts, identifier, !literal, ownDeclarations)) continue;
      if (!isReference(ts, identifier) || innerDeclarationOf(ts, identifier)) continue;
      const exported = literal ? commonJsExportStatement(ts, identifier, ownDeclarations) : undefined;
      if (exported) {
        changedFrom = Math.min(changedFrom, exported.pos);
        continue;
      }
      changedFrom = -1;
      break;
    }
    if (changedFrom !== Infinity) changed.set(name, changedFrom);
  }
  return changed;
}

/**
 * For a helper object an ES module exports (`export { loaders }`, `export const loaders = {...}`):
 * every call may run a changed member (-1) when the file imports or re-exports a module statically
 * (but a `node:` built-in), else none (Infinity; also when it is not exported). Another module must hold the object to write
 * it: one that imports this file gets it only once this file has finished loading (a dynamic
 * `import()` of it settles then too), unless this file's own static imports lead to it (a cycle):
 * such a module runs before this file's body and can run again during it, through a function this
 * file calls, a global it set, or a timer during a top-level await (measured in node 20: an
 * imported `patch()` that replaces `loaders.load` before `await loaders.load()`, or a global one
 * set by a module imported for its side effects, makes node exit 0 where the unchanged helper never
 * settles, exit 13).
 */
function esmExposedFrom(ts: TypeScriptModule, literal: TS.ObjectLiteralExpression): number {
  const declaration = literal.parent;
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  if (!statement || !ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent) || !ts.isIdentifier((declaration as TS.VariableDeclaration).name)) return -1;
  const name = ((declaration as TS.VariableDeclaration).name as TS.Identifier).text;
  let exported = hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword);
  let importsStatically = false;
  for (const topLevel of statement.parent.statements) {
    // A built-in module (`node:fs`) cannot import this file.
    if (ts.isImportDeclaration(topLevel)) importsStatically ||= !(ts.isStringLiteral(topLevel.moduleSpecifier) && topLevel.moduleSpecifier.text.startsWith('node:'));
    else if (ts.isImportEqualsDeclaration(topLevel)) importsStatically = true;
    else if (ts.isExportDeclaration(topLevel)) {
      if (topLevel.moduleSpecifier) importsStatically = true;
      else if (topLevel.exportClause && ts.isNamedExports(topLevel.exportClause) &&
        topLevel.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name)) exported = true;
    } else if (ts.isExportAssignment(topLevel) && ts.isIdentifier(topLevel.expression) && topLevel.expression.text === name) exported = true;
  }
  return exported && importsStatically ? -1 : Infinity;
}

/** Whether an identifier of a helper's name is allowed there (see `changedHelpers`): a function's name where it is not written, an object's where a member of it is read or called, where `typeof`, a spread or a global method only reads it, or `Object.freeze` freezes it (see `readsOnly`). */
function isAllowedHelperReference(ts: TypeScriptModule, identifier: TS.Identifier, isFunction: boolean, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  // An imported function binding cannot be written by the importer (an exported object's members can: see `esmExposedFrom`).
  if (isFunction) return !isWriteTarget(ts, identifier);
  // `export default loaders` (see `esmExposedFrom`).
  if (ts.isExportAssignment(identifier.parent)) return true;
  let target: TS.Node = identifier;
  while (ts.isParenthesizedExpression(target.parent) || ts.isAsExpression(target.parent) || ts.isNonNullExpression(target.parent) || ts.isSatisfiesExpression(target.parent)) target = target.parent;
  const member = target.parent;
  if (ts.isTypeOfExpression(member) || ts.isSpreadAssignment(member)) return true;
  if (ts.isCallExpression(member) && readsOnly(ts, member, target, ownDeclarations)) return true;
  if (!(ts.isPropertyAccessExpression(member) || ts.isElementAccessExpression(member)) || member.expression !== target) return false;
  let use: TS.Node = member;
  while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
  return !ts.isDeleteExpression(use.parent) && !isWriteTarget(ts, use);
}

/**
 * Whether a call of a global method only reads (or freezes) the helper object it is given there:
 * `Object.freeze(loaders)` (nothing changes it after), `Object.keys`, `Object.values` and
 * `Object.entries(loaders)`, a source of `Object.assign(target, loaders)` (not the target), and
 * `JSON.stringify(loaders)` with no replacer (a replacer function runs with the object as `this`:
 * measured in node 20, one that sets this[''].load makes the later call run that member instead).
 * They may run the literal's getters, which reach the object only by its name (another reference).
 */
function readsOnly(ts: TypeScriptModule, call: TS.CallExpression, argument: TS.Node, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  const index = call.arguments.indexOf(argument as TS.Expression);
  if (index < 0 || call.arguments.some((other) => ts.isSpreadElement(other))) return false;
  if (index === 0 && ['freeze', 'keys', 'values', 'entries'].some((method) => isGlobalMethod(ts, call.expression, 'Object', method, ownDeclarations))) return true;
  if (index > 0 && isGlobalMethod(ts, call.expression, 'Object', 'assign', ownDeclarations)) return true;
  const replacer = call.arguments[1] && skipOuter(ts, call.arguments[1]);
  return index === 0 && (!replacer || replacer.kind === ts.SyntaxKind.NullKeyword) && isGlobalMethod(ts, call.expression, 'JSON', 'stringify', ownDeclarations);
}

/** Whether `callee` is `<global>.<method>` of a global object such as `Object` (not one the file or an enclosing scope declares). */
function isGlobalMethod(ts: TypeScriptModule, callee: TS.Expression, global: string, method: string, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === method && ts.isIdentifier(callee.expression) && callee.expression.text === global &&
    !ownDeclarations.has(global) && !innerDeclarationOf(ts, callee.expression);
}

/**
 * The top-level statement `exports.<name> = identifier` or `module.exports.<name> = identifier` (the
 * file's own `exports` and `module`, not ones it declares) whose right side the identifier is, if any.
 */
function commonJsExportStatement(ts: TypeScriptModule, identifier: TS.Identifier, ownDeclarations: ReadonlyMap<string, TS.Node>): TS.Statement | undefined {
  const assignment = identifier.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.right !== identifier || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const statement = assignment.parent;
  if (!ts.isExpressionStatement(statement) || !ts.isSourceFile(statement.parent)) return undefined;
  const target = assignment.left;
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
  const holder = target.expression;
  const isExports = (node: TS.Expression): boolean => ts.isIdentifier(node) && node.text === 'exports' && !ownDeclarations.has('exports');
  const isModuleExports = ts.isPropertyAccessExpression(holder) && holder.name.text === 'exports' && ts.isIdentifier(holder.expression) &&
    holder.expression.text === 'module' && !ownDeclarations.has('module');
  return isExports(holder) || isModuleExports ? statement : undefined;
}

/** How far a use of a generator's call at load time runs its body (see `generatorRun`). */
const enum GeneratorRun { ToFirstYield = 1, ToTheEnd = 2 }

/** How many followed bodies deep the load-time walk goes (see `followDepth` in `extractFacts`). */
const maxFollowDepth = 120;

/**
 * How far the use of a generator's call runs the generator's body, at that use (measured in node 20:
 * a read of a cyclic ES binding in its body throws there, a `require()` there reads partial
 * exports, an `await import()` of a cycle in an async generator's body under `for await` never
 * settles). To its end: a `for...of` (for an async generator, `for await...of`) whose body cannot
 * leave the loop early, a spread `[...items()]` or `f(...items())`, `Array.from(items())`. To its
 * first `yield`: such a loop whose body may leave it (a `return`, a `throw` outside a try with a
 * catch, a `break` or `continue` to a statement outside the body other than a continue of the loop
 * itself, an `exit()` call, or a call, property read or `await` that may throw (see `callMayThrow`, `readOrAwaitMayThrow`) when a try around the loop
 * or the code calling a function it is in may catch that throw and go on: the generator may end at
 * that yield; measured in node 20, a body calling a function that always throws, in a try, leaves
 * the generator at its first yield, exit 0), `items().next()`, `const [first] = items()`. Undefined
 * for any other use (a generator object kept or passed on runs nothing now).
 */
function generatorRun(ts: TypeScriptModule, call: TS.Expression, generator: TS.FunctionLikeDeclaration, ownDeclarations: ReadonlyMap<string, TS.Node>,
  mayBeCaught: (loop: TS.ForOfStatement) => boolean): GeneratorRun | undefined {
  let outer: TS.Node = call;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  const isAsync = hasModifier(ts, generator, ts.SyntaxKind.AsyncKeyword);
  if (ts.isForOfStatement(parent) && parent.expression === outer) {
    if (isAsync && !parent.awaitModifier) return undefined;
    const body = parent.statement;
    // A throw out of the loop that something may catch lets the program go on with the generator
    // ended at a yield: a try (with a catch that may not throw again) around the loop or around the
    // load-time calls of the functions it is in, or the handler of an async function's promise.
    const throwMayBeCaught = mayBeCaught(parent);
    // A `const` loop variable (or a `let` the body never assigns) holds only the generator's yielded
    // values: when each is a value (see `yieldsOnlyValues`), a property read of it does not throw.
    const declarations = ts.isVariableDeclarationList(parent.initializer) && (parent.initializer.flags & ts.NodeFlags.BlockScoped) !== 0
      ? parent.initializer.declarations : undefined;
    const declared = declarations?.length === 1 && ts.isIdentifier(declarations[0].name) ? declarations[0] : undefined;
    const loopVariable = declared && ((declared.parent.flags & ts.NodeFlags.Const) !== 0 || !assignsName(ts, body, (declared.name as TS.Identifier).text)) ? declared : undefined;
    const values: ReadonlySet<TS.Node> | undefined = throwMayBeCaught && loopVariable && yieldsOnlyValues(ts, generator, ownDeclarations) ? new Set([loopVariable]) : undefined;
    // A pattern in the loop's head may throw at an element (measured in node 20: for (const { length } of
    // items()) over a yield of undefined throws a TypeError there, which a try around the loop catches):
    // not an object pattern without defaults over values.
    const head = ts.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations[0]?.name : parent.initializer;
    if (throwMayBeCaught && head && !ts.isIdentifier(head) && !(ts.isObjectBindingPattern(head) &&
        head.elements.every((element) => !element.initializer && !element.dotDotDotToken && ts.isIdentifier(element.name)) && yieldsOnlyValues(ts, generator, ownDeclarations))) {
      return GeneratorRun.ToFirstYield;
    }
    const leaves = (node: TS.Node, throwsCaught: boolean): boolean => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
      if (ts.isReturnStatement(node)) return true;
      if (ts.isThrowStatement(node)) return !throwsCaught;
      if (ts.isBreakOrContinueStatement(node)) {
        const target = jumpTarget(ts, node);
        if (target && target.pos >= body.pos && target.end <= body.end) return false;
        // A continue of this loop itself (unlabelled, or by a label of the loop) goes on to the next element.
        let loop: TS.Node = parent;
        while (ts.isLabeledStatement(loop.parent) && loop.parent !== target) loop = loop.parent;
        return !(ts.isContinueStatement(node) && (target === parent || (!!target && target === loop.parent)));
      }
      if (ts.isTryStatement(node)) {
        return leaves(node.tryBlock, throwsCaught || !!node.catchClause) || (!!node.catchClause && leaves(node.catchClause.block, throwsCaught)) ||
          (!!node.finallyBlock && leaves(node.finallyBlock, throwsCaught));
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'exit') return true;
      if (throwMayBeCaught && !throwsCaught && (((ts.isCallExpression(node) || ts.isNewExpression(node)) && callMayThrow(ts, node, ownDeclarations, 0, values)) ||
          readOrAwaitMayThrow(ts, node, ownDeclarations, values))) return true;
      return !!ts.forEachChild(node, (child) => leaves(child, throwsCaught) || undefined);
    };
    return leaves(body, false) ? GeneratorRun.ToFirstYield : GeneratorRun.ToTheEnd;
  }
  if (isAsync) return undefined;
  if (ts.isSpreadElement(parent)) return GeneratorRun.ToTheEnd;
  if (ts.isCallExpression(parent) && parent.arguments[0] === outer && isGlobalMethod(ts, parent.expression, 'Array', 'from', ownDeclarations)) return GeneratorRun.ToTheEnd;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && parent.name.text === 'next' && ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent) return GeneratorRun.ToFirstYield;
  if (ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isArrayBindingPattern(parent.name) && parent.name.elements.length > 0) return GeneratorRun.ToFirstYield;
  return undefined;
}

/**
 * Whether a call (or `new`) may throw (see `generatorRun`): any but a method of the global
 * `console`, a method of a local array, Map or Set that cannot throw (see `collectionMethodCannotThrow`), a `new` of a global `Map`, `Set`, `WeakMap`, `WeakSet`, `Array` or `Object`, and a call
 * of a function declaration of the file that is async or a generator (calling it throws nothing) or
 * whose body has no throw and no call or `new` that may throw outside a try with a catch.
 */
function callMayThrow(ts: TypeScriptModule, call: TS.CallExpression | TS.NewExpression, ownDeclarations: ReadonlyMap<string, TS.Node>, depth: number,
  values?: ReadonlySet<TS.Node>): boolean {
  let callee: TS.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
  if (ts.isNewExpression(call)) {
    return !(ts.isIdentifier(callee) && ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object'].includes(callee.text) && !ownDeclarations.has(callee.text) &&
      !innerDeclarationOf(ts, callee));
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const object = callee.expression;
    if (ts.isIdentifier(object) && object.text === 'console' && !ownDeclarations.has('console') && !innerDeclarationOf(ts, object)) return false;
    return !collectionMethodCannotThrow(ts, call, callee, ownDeclarations, depth);
  }
  if (!ts.isIdentifier(callee) || innerDeclarationOf(ts, callee)) return true;
  const target = ownDeclarations.get(callee.text);
  if (!target || !ts.isFunctionDeclaration(target) || !target.body) return true;
  if (target.asteriskToken || hasModifier(ts, target, ts.SyntaxKind.AsyncKeyword)) return false;
  return functionMayThrow(ts, target, ownDeclarations, depth, depth < 3 ? parametersGivenValues(ts, target, call.arguments ?? [], ownDeclarations, values) : undefined);
}

/**
 * The parameters of a function that a call certainly gives a value (neither undefined nor null, see
 * `isValue`) and that the function never assigns: a property read of one does not throw.
 */
function parametersGivenValues(ts: TypeScriptModule, target: TS.FunctionLikeDeclaration, args: readonly TS.Expression[], ownDeclarations: ReadonlyMap<string, TS.Node>,
  values: ReadonlySet<TS.Node> | undefined): Set<TS.Node> | undefined {
  let given: Set<TS.Node> | undefined;
  const count = Math.min(args.length, target.parameters.length);
  for (let index = 0; index < count && !ts.isSpreadElement(args[index]); index++) {
    const parameter = target.parameters[index];
    if (!parameter.dotDotDotToken && ts.isIdentifier(parameter.name) && isValue(ts, args[index], ownDeclarations, values)) (given ??= new Set()).add(parameter);
  }
  if (!given || !target.body) return undefined;
  // `arguments[0] = x` in sloppy code, or an assignment, may give a parameter another value.
  const assigned = (node: TS.Node): boolean => (ts.isIdentifier(node) && (node.text === 'arguments' ||
    (isWriteTarget(ts, node) && [...given!].some((parameter) => ((parameter as TS.ParameterDeclaration).name as TS.Identifier).text === node.text)))) ||
    !!ts.forEachChild(node, (child) => assigned(child) || undefined);
  return assigned(target.body) ? undefined : given;
}

/**
 * Whether an expression certainly gives a value that is neither undefined nor null (or throws): a
 * literal, a template, an object, array, function or class literal, a `new`, `typeof`, an arithmetic,
 * comparison or `!` operation, a call of the global `String`, `Number` or `Boolean`, a local object
 * (see `localObjectKind`) or a name of `values`.
 */
function isValue(ts: TypeScriptModule, expression: TS.Expression, ownDeclarations: ReadonlyMap<string, TS.Node>, values: ReadonlySet<TS.Node> | undefined): boolean {
  const value = skipOuter(ts, expression);
  switch (value.kind) {
    case ts.SyntaxKind.NumericLiteral: case ts.SyntaxKind.BigIntLiteral: case ts.SyntaxKind.StringLiteral: case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression: case ts.SyntaxKind.RegularExpressionLiteral: case ts.SyntaxKind.TrueKeyword: case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.ObjectLiteralExpression: case ts.SyntaxKind.ArrayLiteralExpression: case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction: case ts.SyntaxKind.ClassExpression: case ts.SyntaxKind.NewExpression: case ts.SyntaxKind.TypeOfExpression:
      return true;
    case ts.SyntaxKind.PrefixUnaryExpression:
      return (value as TS.PrefixUnaryExpression).operator !== ts.SyntaxKind.PlusPlusToken && (value as TS.PrefixUnaryExpression).operator !== ts.SyntaxKind.MinusMinusToken;
    case ts.SyntaxKind.BinaryExpression: {
      const operator = (value as TS.BinaryExpression).operatorToken.kind;
      return !(operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment) && operator !== ts.SyntaxKind.AmpersandAmpersandToken &&
        operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken && operator !== ts.SyntaxKind.CommaToken;
    }
    case ts.SyntaxKind.CallExpression: {
      const callee = (value as TS.CallExpression).expression;
      return ts.isIdentifier(callee) && ['String', 'Number', 'Boolean'].includes(callee.text) && !ownDeclarations.has(callee.text) && !innerDeclarationOf(ts, callee);
    }
    case ts.SyntaxKind.Identifier: {
      const declaration = innerDeclarationOf(ts, value as TS.Identifier);
      return (!!declaration && !!values?.has(declaration)) || !!localObjectKind(ts, value as TS.Identifier, ownDeclarations);
    }
    default:
      return false;
  }
}

/** Whether code assigns a name anywhere in it (`x = ...`, `x++`, `[x] = ...`, `for (x of ...)`), in nested functions too. */
function assignsName(ts: TypeScriptModule, code: TS.Node, name: string): boolean {
  return (ts.isIdentifier(code) && code.text === name && isWriteTarget(ts, code)) || !!ts.forEachChild(code, (child) => assignsName(ts, child, name) || undefined);
}

/** Whether every `yield` of a generator's own body gives a value (see `isValue`; a `yield*` or a bare `yield` does not); judged once per generator. */
function yieldsOnlyValues(ts: TypeScriptModule, generator: TS.FunctionLikeDeclaration, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  let known = generatorYieldsValues.get(generator);
  if (known === undefined) {
    const other = (node: TS.Node): boolean => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
      if (ts.isYieldExpression(node) && (!!node.asteriskToken || !node.expression || !isValue(ts, node.expression, ownDeclarations, undefined))) return true;
      return !!ts.forEachChild(node, (child) => other(child) || undefined);
    };
    known = !!generator.body && !other(generator.body);
    generatorYieldsValues.set(generator, known);
  }
  return known;
}
const generatorYieldsValues = new WeakMap<TS.Node, boolean>();

/**
 * Whether calling a function (its parameters bound, then its body run) may throw (see `callMayThrow`):
 * a parameter with a default or a pattern, a throw, a call, property read or `await` that may throw
 * (see `readOrAwaitMayThrow`) outside a try with a catch in its body, or more than 3 calls deep.
 */
function functionMayThrow(ts: TypeScriptModule, target: TS.FunctionLikeDeclaration, ownDeclarations: ReadonlyMap<string, TS.Node>, depth: number,
  values?: ReadonlySet<TS.Node>): boolean {
  if (!target.body || depth >= 3 || target.parameters.some((parameter) => parameter.initializer || !ts.isIdentifier(parameter.name))) return true;
  return codeMayThrow(ts, target.body, ownDeclarations, depth + 1, undefined, values);
}

/**
 * Whether running a piece of code (a function's body, a catch block) may throw out of it: a throw,
 * a call, `new`, property read or `await` that may throw (see `callMayThrow`, `readOrAwaitMayThrow`)
 * outside a try with a catch in it, nested functions and classes aside. A property read of
 * `caughtError` itself (`error.name`, where the catch block runs with the ReferenceError) does not throw.
 * Not merged with hoisting.ts `mayLeave` on purpose: this one asks only about throws, from the syntax
 * alone (the module facts have no resolver and no walk state), and knows values a call passes
 * (`values`, see `parametersGivenValues`), which that one does not follow.
 */
function codeMayThrow(ts: TypeScriptModule, code: TS.Node, ownDeclarations: ReadonlyMap<string, TS.Node>, depth: number, caughtError?: TS.Node,
  values?: ReadonlySet<TS.Node>): boolean {
  const throws = (node: TS.Node, caught: boolean): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isThrowStatement(node)) return !caught;
    if (ts.isTryStatement(node)) {
      return throws(node.tryBlock, caught || !!node.catchClause) || (!!node.catchClause && throws(node.catchClause.block, caught)) ||
        (!!node.finallyBlock && throws(node.finallyBlock, caught));
    }
    if (!caught && (((ts.isCallExpression(node) || ts.isNewExpression(node)) && callMayThrow(ts, node, ownDeclarations, depth, values)) ||
        (readOrAwaitMayThrow(ts, node, ownDeclarations, values) && !readsCaughtError(ts, node, caughtError)))) return true;
    return !!ts.forEachChild(node, (child) => throws(child, caught) || undefined);
  };
  return throws(code, false);
}

/**
 * Whether a node is a property read of the catch clause's own parameter (`error.name`), or of its
 * `name`, `message` or `stack` (`error.message.length`): the caught ReferenceError, an object whose
 * such properties are strings.
 */
function readsCaughtError(ts: TypeScriptModule, node: TS.Node, caughtError: TS.Node | undefined): boolean {
  if (!caughtError || !(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) || node.questionDotToken) return false;
  let receiver = skipOuter(ts, node.expression);
  if (ts.isPropertyAccessExpression(receiver) && ['name', 'message', 'stack'].includes(receiver.name.text)) receiver = skipOuter(ts, receiver.expression);
  // Not a name a pattern takes out of it (`catch ({ cause })`: cause.x reads undefined).
  const name = (caughtError as TS.NamedDeclaration).name;
  return ts.isIdentifier(receiver) && !!name && ts.isIdentifier(name) && innerDeclarationOf(ts, receiver) === caughtError;
}

/**
 * What a catch block (or a rejection handler's body) does with the error it takes: hands it on (it
 * certainly reaches a `throw`, see `certainlyThrows`), may hand it or another on (its pattern or its
 * code may throw, see `codeMayThrow`), or keeps it for good. `caughtError` declares the error there
 * (the catch clause's, the handler's parameter); a pattern of it is judged as code that may throw.
 */
function handlerVerdict(ts: TypeScriptModule, body: TS.Node, caughtError: TS.Node | undefined, ownDeclarations: ReadonlyMap<string, TS.Node>): Caught {
  const pattern = (caughtError as TS.NamedDeclaration | undefined)?.name;
  if (pattern && !ts.isIdentifier(pattern) && codeMayThrow(ts, pattern, ownDeclarations, 0)) return Caught.Maybe;
  if (ts.isBlock(body) && certainlyThrows(ts, body.statements)) return Caught.No;
  return codeMayThrow(ts, body, ownDeclarations, 0, caughtError) ? Caught.Maybe : Caught.Yes;
}

/**
 * What becomes of the rejection of an async function's call, by what the code does with the promise
 * there (measured in node 20): `await f()` throws it again there (undefined: as a throw at the call,
 * see `catchAround`); `f().catch(handler)` or `f().then(onFulfilled,
 * handler)`, also after `.then(onFulfilled)` or `.finally(...)` calls, hands it to a function literal
 * handler, judged as a catch block (`.catch((error) => console.log(error.name))`: exit 0), or to
 * `console.log`/`console.error` (kept for good); any other handler may throw. A promise kept, passed or
 * dropped is not followed: not caught (an unhandled rejection stops node: exit 1).
 */
function rejectionCaught(ts: TypeScriptModule, call: TS.Node, ownDeclarations: ReadonlyMap<string, TS.Node>): Caught | undefined {
  let promise: TS.Node = call;
  while (ts.isParenthesizedExpression(promise.parent)) promise = promise.parent;
  if (ts.isAwaitExpression(promise.parent)) return undefined;
  for (;;) {
    const holder = promise.parent;
    if (promise === call && ts.isVariableDeclaration(holder) && holder.initializer === promise) return keptRejectionCaught(ts, holder, ownDeclarations);
    const chained = methodCallOn(ts, promise);
    if (!chained || chained.call.arguments.some((argument) => ts.isSpreadElement(argument))) return Caught.No;
    let handler = chained.onRejected;
    // A handler of null or undefined passes the rejection on to the promise the call makes (review rv12 #2; node 20: read().catch(null) exits 1).
    const given = handler && skipOuter(ts, handler);
    if (given && (given.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(given) ||
        (ts.isIdentifier(given) && given.text === 'undefined' && !ownDeclarations.has('undefined') && !innerDeclarationOf(ts, given)))) handler = undefined;
    if (handler) {
      const value = skipOuter(ts, handler);
      if ((ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && !value.asteriskToken && !hasModifier(ts, value, ts.SyntaxKind.AsyncKeyword)) {
        return value.parameters.some((parameter) => parameter.initializer) ? Caught.Maybe : handlerVerdict(ts, value.body, value.parameters[0], ownDeclarations);
      }
      const isConsole = ts.isPropertyAccessExpression(value) && ['log', 'error', 'warn', 'info'].includes(value.name.text) && ts.isIdentifier(value.expression) &&
        value.expression.text === 'console' && !ownDeclarations.has('console') && !innerDeclarationOf(ts, value.expression);
      return isConsole ? Caught.Yes : Caught.Maybe;
    }
    if (!chained.chains) return Caught.No;
    promise = chained.call;
    while (ts.isParenthesizedExpression(promise.parent)) promise = promise.parent;
  }
}

/**
 * What becomes of the rejection of a promise a `const` keeps (`const p = read();`): when the only
 * other mention of the name is a statement of the same block after it that chains on it
 * (`p.catch(handler);`), judged as that chain on the call (see `rejectionCaught`; review rv12 #5,
 * measured in node 20: `const p = read(); p.catch((e) => console.log(e.name));` exits 0). Anything
 * else is not followed: not caught.
 */
function keptRejectionCaught(ts: TypeScriptModule, declaration: TS.VariableDeclaration, ownDeclarations: ReadonlyMap<string, TS.Node>): Caught {
  const name = declaration.name;
  const list = declaration.parent;
  const statement = list.parent;
  const block = statement.parent;
  if (!ts.isIdentifier(name) || !ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0 || !ts.isVariableStatement(statement) ||
      !(ts.isBlock(block) || ts.isSourceFile(block))) return Caught.No;
  const mentions: TS.Identifier[] = [];
  const collect = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && node.text === name.text && node !== name) mentions.push(node);
    ts.forEachChild(node, collect);
  };
  collect(block);
  if (mentions.length !== 1) return Caught.No;
  const use = mentions[0];
  const index = block.statements.indexOf(statement);
  const later = block.statements.find((other, at) => at > index && other.pos <= use.pos && use.end <= other.end);
  if (!later || !ts.isExpressionStatement(later) || skipOuter(ts, later.expression).getStart() !== use.getStart()) return Caught.No;
  return rejectionCaught(ts, use, ownDeclarations) ?? Caught.Maybe;
}

/** Whether a throw at a load-time read is caught (see `catchAround`): not at all, by a catch that may throw again, or certainly and for good. */
const enum Caught { No = 0, Maybe = 1, Yes = 2 }

/**
 * Whether a throw at `node` is caught by a try around it, in the code that runs it (up to the
 * function the walk followed a call into, through immediately invoked functions that are not async),
 * combined with `outer` (what happens to a throw out of that function at its call). The innermost try
 * with a catch decides: a catch block (and finally block) that cannot throw catches it for good
 * (measured in node 20: try { for (const x of items()) ... } catch (error) { console.log(error.name) }
 * around a generator reading a binding in its dead zone goes on, exit 0); one that certainly throws
 * (a `throw` among its statements: `throw error;`, exit 1) hands it on; one that may throw may hand
 * it on. `verdicts` keeps each try's verdict (a try is judged once however many reads it holds).
 * With `rejectionMayBeCaught`, a throw out of an async function counts as one that may be caught
 * (its promise's rejection may be handled); else as not caught by any try beyond it.
 */
function catchAround(ts: TypeScriptModule, node: TS.Node, outer: Caught, ownDeclarations: ReadonlyMap<string, TS.Node>, verdicts: Map<TS.Node, Caught>,
  rejectionMayBeCaught = false): Caught {
  let caught = Caught.No;
  for (let child = node, around = node.parent; around && !ts.isSourceFile(around); child = around, around = around.parent) {
    if (ts.isFunctionLike(around)) {
      // An immediately invoked function's throw goes on from its call (an async one's becomes a
      // rejection: no try catches it); any other is the function followed, whose call `outer` judged.
      let call: TS.Node = around;
      while (ts.isParenthesizedExpression(call.parent)) call = call.parent;
      if (!ts.isCallExpression(call.parent) || call.parent.expression !== call) break;
      if (hasModifier(ts, around, ts.SyntaxKind.AsyncKeyword) || (around as TS.FunctionLikeDeclaration).asteriskToken) return rejectionMayBeCaught ? Caught.Maybe : caught;
      continue;
    }
    if (!ts.isTryStatement(around) || around.tryBlock !== child || !around.catchClause) continue;
    let verdict = verdicts.get(around);
    if (verdict === undefined) {
      verdict = handlerVerdict(ts, around.catchClause.block, around.catchClause.variableDeclaration, ownDeclarations);
      if (verdict === Caught.Yes && around.finallyBlock && codeMayThrow(ts, around.finallyBlock, ownDeclarations, 0)) verdict = Caught.Maybe;
      verdicts.set(around, verdict);
    }
    if (verdict === Caught.Yes) return Caught.Yes;
    if (verdict === Caught.Maybe) caught = Caught.Maybe;
  }
  return outer === Caught.Yes ? Caught.Yes : Math.max(caught, outer);
}

/** Methods of an array that only read or change its elements, those of a Map and of a Set (which take any value); the array's callback methods are in `ELEMENT_CALLBACK_METHODS`. */
const arrayMethods = ['push', 'pop', 'shift', 'unshift', 'splice', 'slice', 'concat', 'indexOf', 'lastIndexOf', 'includes', 'reverse', 'fill', 'at', 'keys', 'values', 'entries'];
const collectionMethods = { array: arrayMethods, map: ['set', 'get', 'has', 'delete', 'clear', 'keys', 'values', 'entries'], set: ['add', 'has', 'delete', 'clear', 'keys', 'values', 'entries'] };

/**
 * Whether a method call cannot throw: `out.push(y)`, `seen.set(k, v)` on a `const` of the file or an
 * enclosing scope made by an array literal or a `new` of the global Map or Set (`const out = []`),
 * declared before the call, with no spread among its arguments; for `map`, `forEach` and the like, the callback is a function
 * written there whose call cannot throw (see `functionMayThrow`). Measured in node 20 (review rv11
 * #2): try { for (const y of items()) out.push(y); } catch {} runs the generator to its end.
 */
function collectionMethodCannotThrow(ts: TypeScriptModule, call: TS.CallExpression, callee: TS.PropertyAccessExpression, ownDeclarations: ReadonlyMap<string, TS.Node>,
  depth: number): boolean {
  const object = callee.expression;
  if (callee.questionDotToken || !ts.isIdentifier(object) || call.arguments.some((argument) => ts.isSpreadElement(argument))) return false;
  const kind = localObjectKind(ts, object, ownDeclarations);
  if (!kind || kind === 'object') return false;
  const method = callee.name.text;
  if (collectionMethods[kind].includes(method)) return true;
  // Not every synchronous callback method (SYNC_ARRAY_CALLBACK_METHODS): `reduce` over an empty array throws, `toSorted` is missing before Node.js 20.
  if (kind !== 'array' || !ELEMENT_CALLBACK_METHODS.includes(method)) return false;
  let callback: TS.Expression | undefined = call.arguments[0];
  while (callback && ts.isParenthesizedExpression(callback)) callback = callback.expression;
  return !!callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && !callback.asteriskToken &&
    !hasModifier(ts, callback, ts.SyntaxKind.AsyncKeyword) && !functionMayThrow(ts, callback, ownDeclarations, depth + 1);
}

/** What a name certainly holds where it is read (see `constObjectKind`), for a `const` of the file or an enclosing scope. */
function localObjectKind(ts: TypeScriptModule, name: TS.Identifier, ownDeclarations: ReadonlyMap<string, TS.Node>): ConstObjectKind | undefined {
  return constObjectKind(ts, innerDeclarationOf(ts, name) ?? ownDeclarations.get(name.text), name,
    (global) => !ownDeclarations.has(global.text) && !innerDeclarationOf(ts, global));
}

/**
 * Whether an `await` (or a `for await` loop, which awaits its first `next()` even over an empty
 * array, or an async generator's `yield`, after which the body goes on only at a later `next()`)
 * of an async function's body has certainly suspended the function before `later` runs, in the
 * same call: the await comes first in evaluation order (`console.log(await x, A)` reads `A` after
 * it, `show(await x)` calls show after it; the operand, and a `for await` loop's iterable, before) and runs whenever the code
 * around both does: not in a branch, loop body, `switch` case or `catch` block below the two's
 * common ancestor (see `isConditionalBelow`; a case's own later statements share it, the code after
 * the `switch` does not), nor in an optional chain's arguments, a labelled block a `break` may
 * leave, or the right of `&&=`, `||=` or `??=`; and in a `try` with a catch, nothing before it
 * there, its operand included, may throw (the catch would run at once). Code in the `catch` or
 * `finally` of the try the await is in may run before it. Should the await's operand throw
 * outside such a try, the function rejects and `later` does not run at all. Measured in node 20:
 * each `ok-esm-read-after-*` shape of the corpus prints 1 and exits 0; each shape listed here as
 * not certain throws a ReferenceError at load.
 */
function awaitedBefore(ts: TypeScriptModule, met: MetAwait, later: TS.Node): boolean {
  const awaited = met.node;
  const forAwait = ts.isForOfStatement(awaited);
  // A call runs the function after its arguments: `show(await x)` calls show past the await.
  const inArguments = (ts.isCallExpression(later) || ts.isNewExpression(later)) && !!later.arguments && awaited.pos >= later.arguments.pos && awaited.end <= later.arguments.end;
  if (later.pos < (forAwait ? awaited.expression.end : awaited.end) && !inArguments) return false;
  let common: TS.Node | undefined = later;
  while (common && !(common.pos <= awaited.pos && awaited.end <= common.end)) common = common.parent;
  // Inside a `for await` loop, past its iterable: its body, run after each awaited `next()`.
  if (common === awaited) return true;
  if (!common || ts.isTryStatement(common)) return false;
  return !met.scope || (common.pos >= met.scope.pos && common.end <= met.scope.end);
}

/** An await the walk met, with the code it may certainly run before (see `awaitedBefore`): within `scope`, or anywhere after it in the body. */
interface MetAwait {
  node: TS.Node;
  /** The subtree below the first step up from the await that may not run (see `awaitScope`): code past it does not wait for the await. */
  scope: TS.Node | undefined;
}

/**
 * The subtree the await certainly runs in whenever the code around it does (see `awaitedBefore`):
 * below the first step up from it that is a branch, loop body, `switch` case or `catch` block (see
 * `isConditionalBelow`), an optional chain's arguments, a labelled statement, the right of `&&=`,
 * `||=` or `??=`, or the try block of a try with a catch where code before the await may throw.
 */
function awaitScope(ts: TypeScriptModule, awaited: TS.Node): MetAwait {
  for (let child = awaited, current = awaited.parent; current && !ts.isFunctionLike(current) && !ts.isSourceFile(current); child = current, current = current.parent) {
    // A `switch` case runs all of its statements or none (entered by fall-through, without its test): the step that may not run is into it.
    const clause = ts.isCaseClause(current) || ts.isDefaultClause(current);
    if ((clause ? child === (current as TS.CaseClause).expression : isConditionalBelow(ts, child, current.parent)) || ts.isCaseBlock(current) || ts.isLabeledStatement(current) ||
        // A do-while body runs once, but a `break` or `continue` in it may skip the await (node 20: `if (c) continue;` first leaves the loop without it).
        (ts.isDoStatement(current) && child === current.statement && containsJump(ts, child)) || (ts.isOptionalChain(current) && child !== current.expression) ||
        (ts.isBinaryExpression(current) && child === current.right && (current.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
          current.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken || current.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken)) ||
        (ts.isTryStatement(current) && child === current.tryBlock && !!current.catchClause && mayThrowBeforeAwait(ts, awaited, current.tryBlock))) {
      return { node: awaited, scope: child };
    }
  }
  return { node: awaited, scope: undefined };
}

/**
 * Whether a loop body has a `break` or `continue` that leaves it or ends its round: not one aimed at a
 * loop, `switch` or label inside the body, nor one in a nested function (review rv15:
 * `do { for (;;) { break; } await null; } while (false)` awaits for certain, node 20 exits 0).
 */
function containsJump(ts: TypeScriptModule, body: TS.Node): boolean {
  const visit = (node: TS.Node, inLoop: boolean, inSwitch: boolean, labels: ReadonlySet<string>): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isBreakOrContinueStatement(node)) {
      if (node.label) return !labels.has(node.label.escapedText as string);
      return ts.isBreakStatement(node) ? !inLoop && !inSwitch : !inLoop;
    }
    const inner = ts.isLabeledStatement(node) ? new Set([...labels, node.label.escapedText as string]) : labels;
    const loop = inLoop || ts.isIterationStatement(node, false);
    const switched = inSwitch || ts.isSwitchStatement(node);
    return !!ts.forEachChild(node, (child) => visit(child, loop, switched, inner) || undefined);
  };
  return visit(body, false, false, new Set());
}

/**
 * Whether a call of an async body runs its function past an await in its own arguments (see
 * `awaitedBefore`): the walk follows the call before it visits them. Measured in node 20: a
 * helper reading `A` called as `show(await null)` runs after the cycle has loaded (exit 0).
 */
function awaitsInArguments(ts: TypeScriptModule, call: TS.Node): boolean {
  const find = (node: TS.Node): boolean => !ts.isFunctionLike(node) && !ts.isClassLike(node) &&
    ((ts.isAwaitExpression(node) && awaitedBefore(ts, awaitScope(ts, node), call)) || !!ts.forEachChild(node, (child) => find(child) || undefined));
  return (ts.isCallExpression(call) || ts.isNewExpression(call)) && !!call.arguments && call.arguments.some(find);
}

/**
 * Whether code of `block` that runs before `awaited` suspends (its operand, or a `for await` loop's
 * iterable, included) may throw. An allow-list (`cannotThrow`), not `codeMayThrow`'s list of known
 * throwers: a thrower missed here makes the catch run at once and the read after the try a load-time
 * read that is not reported (review rv15: `const { port } = cfg`, `'k' in o`, `1n + 1`, `new Map([1])`,
 * an undeclared name, each before `await null` in a try, throw at load in node 20 and were silent),
 * where missing one in a catch block only costs a warning.
 */
function mayThrowBeforeAwait(ts: TypeScriptModule, awaited: TS.Node, block: TS.Node): boolean {
  // Names a read may trust: the function's plain parameters, and plain names declared by earlier
  // statements of the try block once those have run; only names the function's own code declares
  // nowhere else (once for a declaration of the try block, never for a parameter), so that no `let`
  // in a nearer scope can hold the name in its dead zone.
  const fn = ts.findAncestor(awaited, ts.isFunctionLike);
  const declared = fn ? declarationCounts(ts, fn) : new Map<string, number>();
  const known = new Set<string>();
  for (const parameter of fn?.parameters ?? []) {
    if (ts.isIdentifier(parameter.name) && !declared.has(parameter.name.escapedText as string)) known.add(parameter.name.escapedText as string);
  }
  let holder: TS.Node = awaited;
  while (holder.parent !== block) holder = holder.parent;
  for (const statement of (block as TS.Block).statements) {
    if (statement === holder) break;
    if (!cannotThrow(ts, statement, known)) return true;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declared.get(declaration.name.escapedText as string) === 1) known.add(declaration.name.escapedText as string);
      }
    }
  }
  // A `for await` loop: its iterable, the iteration and its head's binding (only an array literal
  // bound to a plain name is known not to throw).
  if (ts.isForOfStatement(awaited)) {
    const head = awaited.initializer;
    const plainName = ts.isVariableDeclarationList(head) && head.declarations.length === 1 && ts.isIdentifier(head.declarations[0].name);
    if (!plainName || !ts.isArrayLiteralExpression(awaited.expression) || !cannotThrow(ts, awaited.expression, known)) return true;
  }
  // The operand (`yield;` has none), and what runs before the await within its statement.
  const operand = ts.isForOfStatement(awaited) ? undefined : (awaited as TS.AwaitExpression | TS.YieldExpression).expression;
  if (operand && !cannotThrow(ts, operand, known)) return true;
  for (let child: TS.Node = awaited; child !== holder; child = child.parent) {
    const before = child.pos;
    if (ts.forEachChild(child.parent, (sibling) => (sibling.end <= before && !cannotThrow(ts, sibling, known)) || undefined)) return true;
  }
  return false;
}

/**
 * How many times the code of a function (not its parameters, not the functions nested in it) declares
 * each name: variables, catch bindings, functions and classes.
 */
function declarationCounts(ts: TypeScriptModule, fn: TS.SignatureDeclaration): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (name: TS.Node | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) counts.set(name.escapedText as string, (counts.get(name.escapedText as string) ?? 0) + 1);
    else if (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) for (const element of name.elements) if (!ts.isOmittedExpression(element)) count(element.name);
  };
  const visit = (node: TS.Node): void => {
    if (ts.isVariableDeclaration(node)) count(node.name);
    else if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) count(node.name);
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return counts;
}

/**
 * Whether running a statement or evaluating an expression certainly throws nothing: literals,
 * `undefined`, the `known` names (the async function's plain parameters, and plain names declared by
 * earlier statements of the try block), function and arrow expressions (made, not run), array and
 * object literals of such values (no spread, no computed key), and declarations of plain names
 * initialised with them. Anything else may throw.
 */
function cannotThrow(ts: TypeScriptModule, node: TS.Node, known: ReadonlySet<string>): boolean {
  const check = (child: TS.Node): boolean => cannotThrow(ts, child, known);
  if (ts.isEmptyStatement(node) || ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) return true;
  if (ts.isVariableStatement(node)) return node.declarationList.declarations.every(check);
  if (ts.isVariableDeclarationList(node)) return node.declarations.every(check);
  if (ts.isVariableDeclaration(node)) return ts.isIdentifier(node.name) && (!node.initializer || check(node.initializer));
  if (ts.isExpressionStatement(node) || ts.isParenthesizedExpression(node)) return check(node.expression);
  if (ts.isIdentifier(node)) return node.escapedText === 'undefined' || known.has(node.escapedText as string);
  if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isRegularExpressionLiteral(node)) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((element) => !ts.isSpreadElement(element) && check(element));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((property) => !ts.isSpreadAssignment(property) && (!property.name || !ts.isComputedPropertyName(property.name)) &&
      (ts.isPropertyAssignment(property) ? check(property.initializer) : ts.isShorthandPropertyAssignment(property) ? !property.objectAssignmentInitializer && check(property.name) : true));
  }
  return false;
}

/**
 * Whether a property read or an `await` may throw (see `generatorRun`, `functionMayThrow`): a read
 * of a property of any value but a global object, a local object (see `localObjectKind`) or a name of
 * `values` (a loop variable or parameter known to hold values, see `isValue`) may read it of
 * undefined (`v.missing.deep`; a `?.` read does not throw), and an `await` of anything but
 * a literal may throw a rejection (`await fail()`). Measured in node 20 (review rv11 #3): each, in a
 * generator loop's body in a try, ends the generator at its first yield.
 */
function readOrAwaitMayThrow(ts: TypeScriptModule, node: TS.Node, ownDeclarations: ReadonlyMap<string, TS.Node>, values?: ReadonlySet<TS.Node>): boolean {
  if (destructuringOrIterationMayThrow(ts, node, ownDeclarations)) return true;
  if (ts.isAwaitExpression(node)) {
    const awaited = skipOuter(ts, node.expression);
    return !(ts.isLiteralExpression(awaited) || awaited.kind === ts.SyntaxKind.NullKeyword || awaited.kind === ts.SyntaxKind.TrueKeyword || awaited.kind === ts.SyntaxKind.FalseKeyword);
  }
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  if (node.questionDotToken) return false;
  // A path down from a global object (`process.argv.length`) reads it of a value that is there.
  const receiver = skipOuter(ts, node.expression);
  let root: TS.Expression = receiver;
  while (ts.isPropertyAccessExpression(root) && !root.questionDotToken) root = skipOuter(ts, root.expression);
  if (!ts.isIdentifier(root)) return true;
  if (READABLE_GLOBAL_OBJECTS.includes(root.text) && !ownDeclarations.has(root.text) && !innerDeclarationOf(ts, root)) return false;
  return root !== receiver || !isValue(ts, root, ownDeclarations, values);
}

/**
 * Whether a destructuring or an iteration may throw (review rv12 #1): a binding pattern nested in
 * another (`{ cause: { message } }` reads a property of what may be undefined) or an array pattern,
 * an array destructuring assignment, a for...of loop or a spread over a value not known to be
 * iterable (see `knownIterable`). Measured in node 20: each in a catch block or a catch clause's
 * pattern over the caught ReferenceError throws a TypeError (exit 1).
 */
function destructuringOrIterationMayThrow(ts: TypeScriptModule, node: TS.Node, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  if (ts.isObjectBindingPattern(node)) return node.elements.some((element) => !ts.isIdentifier(element.name));
  if (ts.isArrayBindingPattern(node)) {
    const declaration = node.parent;
    return !(ts.isVariableDeclaration(declaration) && declaration.name === node && !!declaration.initializer && knownIterable(ts, declaration.initializer, ownDeclarations));
  }
  if (ts.isForOfStatement(node) || ts.isSpreadElement(node)) return !knownIterable(ts, node.expression, ownDeclarations);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isArrayLiteralExpression(skipOuter(ts, node.left)) &&
    !knownIterable(ts, node.right, ownDeclarations);
}

/** Whether a value is certainly iterable: an array literal, a string, a local array, Map or Set (see `localObjectKind`), or `Object.keys/values/entries(...)`. */
function knownIterable(ts: TypeScriptModule, expression: TS.Expression, ownDeclarations: ReadonlyMap<string, TS.Node>): boolean {
  const value = skipOuter(ts, expression);
  if (ts.isArrayLiteralExpression(value) || ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) return true;
  if (ts.isIdentifier(value)) {
    const kind = localObjectKind(ts, value, ownDeclarations);
    return !!kind && kind !== 'object';
  }
  return ts.isCallExpression(value) && ts.isPropertyAccessExpression(value.expression) && ['keys', 'values', 'entries'].includes(value.expression.name.text) &&
    isGlobalMethod(ts, value.expression, 'Object', value.expression.name.text, ownDeclarations);
}

/** Whether a statement has a `yield` in it, not counting the functions nested in it. */
function containsYield(ts: TypeScriptModule, node: TS.Node): boolean {
  return ts.isYieldExpression(node) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && !!ts.forEachChild(node, (child) => containsYield(ts, child) || undefined));
}

/**
 * The code of a generator's body that runs before its first `yield` suspends it: the statements
 * before the first one with a `yield` in it, and the operand of that yield when the statement is
 * `yield value;` or a declaration `const x = yield value;` (else nothing of it).
 */
function codeBeforeFirstYield(ts: TypeScriptModule, body: TS.Block): TS.Node[] {
  const code: TS.Node[] = [];
  for (const statement of body.statements) {
    if (!containsYield(ts, statement)) {
      code.push(statement);
      continue;
    }
    const declarations = ts.isVariableStatement(statement) ? statement.declarationList.declarations : undefined;
    const yielded = ts.isExpressionStatement(statement) ? statement.expression : declarations?.length === 1 ? declarations[0].initializer : undefined;
    if (yielded && ts.isYieldExpression(yielded) && yielded.expression) code.push(yielded.expression);
    break;
  }
  return code;
}

/** Whether an identifier stands for a binding (a read, a write or a declaration), not for a property, label or type-only name. */
function isReference(ts: TypeScriptModule, identifier: TS.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return false;
  if (ts.isQualifiedName(parent) && parent.right === identifier) return false;
  // A function or class expression's own name is a binding of its own body.
  if ((ts.isFunctionExpression(parent) || ts.isClassExpression(parent)) && parent.name === identifier) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isGetAccessor(parent) ||
    ts.isSetAccessor(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isEnumMember(parent)) && parent.name === identifier) return false;
  if ((ts.isBindingElement(parent) || ts.isImportSpecifier(parent)) && parent.propertyName === identifier) return false;
  if (ts.isExportSpecifier(parent) && parent.propertyName && parent.name === identifier) return false;
  if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === identifier) return false;
  return !ts.isTypeQueryNode(parent) && !ts.isTypeReferenceNode(parent);
}

/** The declaration whose own name an identifier is (a variable, function, class, parameter or binding element), if any. */
function declarationNamed(ts: TypeScriptModule, identifier: TS.Identifier): TS.Node | undefined {
  const parent = identifier.parent;
  if ((parent as TS.NamedDeclaration).name !== identifier) return undefined;
  const declares = ts.isVariableDeclaration(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isParameter(parent) ||
    ts.isBindingElement(parent) || ts.isImportClause(parent) ||
    ts.isImportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isEnumDeclaration(parent) || ts.isModuleDeclaration(parent);
  return declares ? parent : undefined;
}

/** Whether an object literal uses `this` anywhere (a method called on it gets the object as `this`, and may write it). */
function containsThis(ts: TypeScriptModule, node: TS.Node): boolean {
  return node.kind === ts.SyntaxKind.ThisKeyword || !!ts.forEachChild(node, (child) => containsThis(ts, child) || undefined);
}

/** The declaration of `name` a statement makes in its block (`var`s only when the block is a function body). */
function statementDeclares(ts: TypeScriptModule, statement: TS.Statement, name: string, withVar: boolean): TS.Node | undefined {
  if (ts.isVariableStatement(statement)) {
    if (!withVar && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) === 0) return undefined;
    return statement.declarationList.declarations.find((declaration) => bindsName(ts, declaration.name, name));
  }
  if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name?.text === name) return statement;
  return undefined;
}

function bindsName(ts: TypeScriptModule, binding: TS.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(ts, element.name, name));
}

/**
 * Whether code may not run every time the code around it does: it sits in a branch of an `if`,
 * `?:`, `&&`, `||` or `??`, a loop's body, a `switch` case or a `catch` block below `outer`.
 * Differs from hoisting.ts `mayNotRunWithin` on purpose: without the execution walk's state it cannot
 * tell which loops certainly enter or which clause a switch takes, so every loop body and clause counts.
 */
function isConditionalBelow(ts: TypeScriptModule, node: TS.Node, outer: TS.Node, constants?: ConstantLookup): boolean {
  let child = node;
  for (let current = node.parent; current && current !== outer && !ts.isSourceFile(current); child = current, current = current.parent) {
    if (ts.isIfStatement(current) || ts.isConditionalExpression(current)) {
      const test = ts.isIfStatement(current) ? current.expression : current.condition;
      if (child === test) continue;
      // With the file's constants, a branch they pick certainly runs (one they rule out never does: not asked here).
      const truth = constants ? truthAtLoadTime(ts, test, constants, 0) : Truth.Unknown;
      if (truth === Truth.Unknown || (truth === Truth.Truthy) !== (child === (ts.isIfStatement(current) ? current.thenStatement : current.whenTrue))) return true;
    } else if (ts.isBinaryExpression(current)) {
      const operator = current.operatorToken.kind;
      if (child === current.right && (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken)) {
        const left = constants ? truthAtLoadTime(ts, current.left, constants, 0) : Truth.Unknown;
        if (left === Truth.Unknown || leftDecides(ts, operator, left)) return true;
      }
    } else if (ts.isIterationStatement(current, false) && !ts.isDoStatement(current)) {
      if (!((ts.isForOfStatement(current) || ts.isForInStatement(current)) && child === current.expression) && !(ts.isForStatement(current) && child === current.initializer)) return true;
    } else if (ts.isCaseClause(current) || ts.isDefaultClause(current) || ts.isCatchClause(current)) {
      return true;
    }
  }
  return false;
}

function isRequireCall(ts: TypeScriptModule, node: TS.Node): node is TS.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' &&
    node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]);
}

function hasModifier(ts: TypeScriptModule, node: TS.Node, kind: TS.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function isModuleExports(ts: TypeScriptModule, node: TS.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function isExportsObject(ts: TypeScriptModule, node: TS.Expression): boolean {
  return (ts.isIdentifier(node) && node.text === 'exports') || isModuleExports(ts, node);
}

/** What the module-facts walk does with a node, by kind (see `factsWalkKinds`). */
const enum FactsWalkKind {
  Other = 0,
  /** Types, interfaces, type aliases, import and export declarations: nothing in them runs. */
  Skipped = 1,
  FunctionLike = 2,
  ClassLike = 3,
  Call = 4,
  Binary = 5,
  Identifier = 6,
}

/**
 * The module-facts walk's dispatch table. The walk visits every node of a file, and on a 5,000-line
 * file a chain of `ts.isX` tests per node (each a lookup on the large `ts` namespace object) took
 * ~15 ms, as long as the parse. The kinds come from the same predicates, tested in the walk's order
 * (a function type is skipped as a type, not walked as a function), so the walk's answers do not change.
 */
function factsWalkKinds(ts: TypeScriptModule): Uint8Array {
  return kindCategoryTable(ts, 'module-facts', (kind) => {
    const kindsWhere = (test: (node: TS.Node) => boolean): number[] => {
      const kinds: number[] = [];
      for (let nodeKind = 0; nodeKind <= kind.Count; nodeKind++) if (test({ kind: nodeKind } as TS.Node)) kinds.push(nodeKind);
      return kinds;
    };
    const skipped = kindsWhere((node) => ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ||
      ts.isImportDeclaration(node) || ts.isExportDeclaration(node));
    const notSkipped = (kinds: number[]): number[] => kinds.filter((nodeKind) => !skipped.includes(nodeKind));
    return [
      [FactsWalkKind.Skipped, ...skipped],
      [FactsWalkKind.FunctionLike, ...notSkipped(kindsWhere((node) => ts.isFunctionLike(node)))],
      [FactsWalkKind.ClassLike, ...notSkipped(kindsWhere((node) => ts.isClassLike(node)))],
      [FactsWalkKind.Call, kind.CallExpression],
      [FactsWalkKind.Binary, kind.BinaryExpression],
      [FactsWalkKind.Identifier, kind.Identifier],
    ];
  });
}

/** Extracts what the cycle analysis needs from one file. Pure and syntactic. */
export function extractModuleFacts(ts: TypeScriptModule, sourceFile: TS.SourceFile, hash: string): ModuleFacts {
  return extractFacts(ts, sourceFile, hash, undefined);
}

/**
 * `extractModuleFacts`, knowing which helpers the file changes (`changedHelpers`) or not yet
 * (undefined). Not knowing, the walk follows every load-time call of a helper and collects the
 * references of the helpers as it visits every node; then, when a helper it followed turns out
 * changed (rare), the facts are made again knowing. A walk of its own over the file for the
 * question cost ~4 ms of ~15 on the 5,000-line bench file, where most files call a function of
 * their own at load time.
 */
function extractFacts(ts: TypeScriptModule, sourceFile: TS.SourceFile, hash: string, knownChangedHelpers: ReadonlyMap<string, number> | undefined): ModuleFacts {
  const lower = sourceFile.fileName.toLowerCase();
  const isTs = /\.[cm]?tsx?$/.test(lower);
  const range = (node: TS.Node): SourceRange => rangeBetween(sourceFile, node.getStart(sourceFile), node.getEnd());
  const facts: ModuleFacts = {
    file: sourceFile.fileName, hash, isEsm: false, imports: [], exports: {}, starExports: [], reads: [], commonJsExports: [], exportsReplacements: [],
  };
  // Only TypeScript elides imports used as types alone; in JavaScript every import runs.
  const valueNames = isTs ? valueIdentifierNames(ts, sourceFile) : new Set<string>();
  /** Local binding name -> (import index, imported name). */
  const importedBindings = new Map<string, { importIndex: number; name: string }>();
  /** Local names bound to a whole CommonJS module (`const m = require('./m')`). */
  const localDeclarations = new Map<string, TS.Node>();
  const addImport = (specifier: string, kind: EdgeKind, node: TS.Node, commonJs: boolean): number => {
    facts.imports.push({ specifier, kind, offset: node.getStart(sourceFile), range: range(node), commonJs });
    return facts.imports.length - 1;
  };
  const lowerIsCjs = lower.endsWith('.cjs') || lower.endsWith('.cts');
  let hasEsmSyntax = false;

  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      hasEsmSyntax = true;
      if (isTypeOnlyImport(ts, statement, valueNames, isTs)) continue;
      const index = addImport(statement.moduleSpecifier.text, 'import', statement, false);
      const clause = statement.importClause;
      if (clause?.name) importedBindings.set(clause.name.text, { importIndex: index, name: 'default' });
      if (clause?.namedBindings) {
        if (ts.isNamespaceImport(clause.namedBindings)) importedBindings.set(clause.namedBindings.name.text, { importIndex: index, name: '*' });
        else for (const element of clause.namedBindings.elements) {
          if (element.isTypeOnly) continue;
          importedBindings.set(element.name.text, { importIndex: index, name: (element.propertyName ?? element.name).getText(sourceFile) });
        }
      }
      continue;
    }
    if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) &&
        ts.isStringLiteral(statement.moduleReference.expression) && !statement.isTypeOnly) {
      const index = addImport(statement.moduleReference.expression.text, 'require', statement, true);
      importedBindings.set(statement.name.text, { importIndex: index, name: '*' });
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      hasEsmSyntax = true;
      if (statement.isTypeOnly) continue;
      if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const index = addImport(statement.moduleSpecifier.text, 'export-from', statement, false);
        if (!statement.exportClause) facts.starExports.push(index);
        else if (ts.isNamedExports(statement.exportClause)) {
          for (const element of statement.exportClause.elements) {
            if (element.isTypeOnly) continue;
            facts.exports[element.name.text] = { kind: 'reexport', range: range(element), from: { importIndex: index, name: (element.propertyName ?? element.name).getText(sourceFile) } };
          }
        } else {
          facts.exports[statement.exportClause.name.getText(sourceFile)] = { kind: 'other', range: range(statement) };
        }
      } else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          if (element.isTypeOnly) continue;
          // Resolved below, once every local declaration is known.
          facts.exports[element.name.text] = { kind: 'other', range: range(element), from: { importIndex: -1, name: (element.propertyName ?? element.name).getText(sourceFile) } };
        }
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      hasEsmSyntax = true;
      if (statement.isExportEquals) continue;
      const expression = statement.expression;
      facts.exports.default = { kind: ts.isIdentifier(expression) ? 'other' : 'default-expression', range: range(statement),
        from: ts.isIdentifier(expression) ? { importIndex: -1, name: expression.text } : undefined };
      continue;
    }
    const exported = hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(ts, statement, ts.SyntaxKind.DefaultKeyword);
    if (exported) hasEsmSyntax = true;
    if (hasModifier(ts, statement, ts.SyntaxKind.DeclareKeyword)) continue;
    if (ts.isFunctionDeclaration(statement)) {
      if (statement.name) localDeclarations.set(statement.name.text, statement);
      if (exported) facts.exports[isDefault ? 'default' : statement.name?.text ?? 'default'] = { kind: 'function', range: range(statement.name ?? statement) };
    } else if (ts.isClassDeclaration(statement)) {
      if (statement.name) localDeclarations.set(statement.name.text, statement);
      if (exported) facts.exports[isDefault ? 'default' : statement.name?.text ?? 'default'] = { kind: 'class', range: range(statement.name ?? statement) };
    } else if (ts.isVariableStatement(statement)) {
      const lexical = (statement.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0;
      for (const declaration of statement.declarationList.declarations) {
        for (const name of bindingNames(ts, declaration.name)) {
          localDeclarations.set(name.text, declaration);
          if (exported) facts.exports[name.text] = { kind: lexical ? 'lexical' : 'var', range: range(name) };
        }
      }
    } else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
      localDeclarations.set(statement.name.text, statement);
      if (exported) facts.exports[statement.name.text] = { kind: 'var', range: range(statement.name) };
    }
  }
  facts.isEsm = !lowerIsCjs && (hasEsmSyntax || lower.endsWith('.mjs') || lower.endsWith('.mts'));

  // Local `export { a as b }` and `export default a`: the kind of the local declaration, or a re-export of an import.
  for (const [exportName, fact] of Object.entries(facts.exports)) {
    if (!fact.from || fact.from.importIndex !== -1) continue;
    const localName = fact.from.name;
    const imported = importedBindings.get(localName);
    if (imported) {
      facts.exports[exportName] = { kind: 'reexport', range: fact.range, from: imported };
      continue;
    }
    const declaration = localDeclarations.get(localName);
    let kind: ExportKind = 'other';
    if (declaration) {
      if (ts.isFunctionDeclaration(declaration)) kind = 'function';
      else if (ts.isClassDeclaration(declaration)) kind = 'class';
      else if (ts.isVariableDeclaration(declaration)) kind = (declaration.parent.flags & ts.NodeFlags.BlockScoped) ? 'lexical' : 'var';
      else kind = 'var';
    }
    facts.exports[exportName] = { kind, range: declaration ? range((declaration as TS.NamedDeclaration).name ?? declaration) : fact.range };
  }

  // CommonJS requires and exports, and load-time reads, in one walk over code that runs at load time.
  const commonJsBindings = new Map<string, number>();
  /** The functions of the file by name, but generators: a call of one runs none of its body (the object literals' too, see `objectLiteralFunctions`). */
  const functionsByName = new Map<string, TS.FunctionLikeDeclaration>();
  for (const [name, declaration] of localDeclarations) {
    if (ts.isFunctionDeclaration(declaration) && declaration.body && !declaration.asteriskToken) functionsByName.set(name, declaration);
    else if (ts.isVariableDeclaration(declaration) && declaration.initializer &&
      (ts.isArrowFunction(declaration.initializer) || (ts.isFunctionExpression(declaration.initializer) && !declaration.initializer.asteriskToken))) {
      functionsByName.set(name, declaration.initializer);
    }
  }
  /**
   * The file's generators (and async generators) by name: a call of one runs its body only as the
   * generator is iterated: a top-level loop over the call runs it to its end, or to its first yield
   * (see `generatorRun`).
   */
  const generatorsByName = new Map<string, TS.FunctionLikeDeclaration>();
  for (const [name, declaration] of localDeclarations) {
    const generator = ts.isFunctionDeclaration(declaration) ? declaration
      : ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isFunctionExpression(declaration.initializer) ? declaration.initializer : undefined;
    if (generator?.asteriskToken && generator.body) generatorsByName.set(name, generator);
  }
  /**
   * Top-level `const`s holding a generator object of the file (`const it = items();`), with the
   * generator's name: the first use of one the walk meets runs it, if that use iterates it (see
   * `generatorRun`); a generator object runs once, so a later use is not followed.
   */
  const generatorObjects = new Map<string, string>();
  if (generatorsByName.size > 0) {
    for (const [name, declaration] of localDeclarations) {
      if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || (declaration.parent.flags & ts.NodeFlags.Const) === 0 || !declaration.initializer) continue;
      const made = skipOuter(ts, declaration.initializer);
      if (ts.isCallExpression(made) && ts.isIdentifier(made.expression) && generatorsByName.has(made.expression.text)) generatorObjects.set(name, made.expression.text);
    }
  }
  const usedGeneratorObjects = new Set<string>();
  /** The functions the properties of a top-level `const` object literal hold (`const loaders = { a: () => import('./a.mjs') }`), by object name, then property name. */
  const methodsByObject = new Map<string, Map<string, TS.FunctionLikeDeclaration>>();
  const objectLiterals = new Map<string, TS.ObjectLiteralExpression>();
  for (const [name, declaration] of localDeclarations) {
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
        declaration.initializer && ts.isObjectLiteralExpression(declaration.initializer)) {
      const methods = objectLiteralFunctions(ts, declaration.initializer);
      if (methods.size > 0) {
        methodsByObject.set(name, methods);
        objectLiterals.set(name, declaration.initializer);
      }
    }
  }
  const helpers: HelperNames = { functions: functionsByName, objects: objectLiterals };
  /** While the changed helpers are not known: the helpers' identifiers the walk has visited, by name (see `changedHelpers`). */
  const helperReferences = knownChangedHelpers || (functionsByName.size === 0 && objectLiterals.size === 0 && generatorsByName.size === 0) ? undefined : new Map<string, TS.Identifier[]>();
  /**
   * The helpers' names, and `eval`, by escaped text: the walk asks this of every identifier, and
   * an identifier's `escapedText` is a field where its `text` is a getter that unescapes it.
   */
  const helperNameOf = new Map<string, string>();
  if (helperReferences) for (const name of ['eval', ...functionsByName.keys(), ...objectLiterals.keys(), ...generatorsByName.keys()]) helperNameOf.set(ts.escapeLeadingUnderscores(name) as string, name);
  /** While they are not known: the helpers a load-time call was followed into, with the offset of the last such call, and whether the file calls `eval`. */
  const followedHelpers = new Map<string, number>();
  let callsEval = false;
  /**
   * Whether a load-time call of the helper `name` that runs at `runsAt` (the top-level call it is
   * reached from) runs the function the file made: the file keeps the helper as made (known, or
   * checked once the walk is done), and has made it by then (before its declaration a `const` or
   * `let` throws, a `var` is undefined).
   */
  const runsHelperAsMade = (name: string, runsAt: TS.Node): boolean => {
    const declaration = localDeclarations.get(name);
    if (declaration && ts.isVariableDeclaration(declaration) && runsAt.pos < declaration.end) return false;
    if (knownChangedHelpers) return runsAt.pos < (knownChangedHelpers.get(name) ?? Infinity);
    followedHelpers.set(name, Math.max(followedHelpers.get(name) ?? -1, runsAt.pos));
    return true;
  };
  /**
   * The functions the walk has followed a call into, with how a throw out of them was caught there
   * (see `catchAround`): each is walked once (a recursive call is not followed again), and again only
   * from a call where a throw is caught less (a read caught around the first call may not be at the next).
   */
  const walkedFunctions = new Map<TS.Node, Caught>();
  /**
   * Those whose walk from a top-level call met a dynamic import: another top-level call of one walks
   * it again (with a set of its own while it runs), since what that call does with the promise
   * (`load().catch(f)`, then `await load()`) may differ. Other functions stay walked once, which
   * keeps the walk linear in the file.
   */
  const importingFunctions = new Set<TS.Node>();
  /** While a top-level call walks again a function of `importingFunctions`: the functions that walk has followed. */
  let walkedAgain: Set<TS.Node> | undefined;
  /** Whether the walk from the current top-level call has met a dynamic import. */
  let metDynamicImport = false;
  const constants = constantsOf(ts, localDeclarations);
  /**
   * Top-level variables holding the promise of a dynamic import (`const p = import('./b.mjs')`), by
   * name, with the indices of the imports (`Promise.all([import(a), import(b)])` holds two): a
   * top-level await of one waits for them. Assigning the variable at load time forgets it (the await
   * may wait for something else).
   */
  const promiseVariables = new Map<string, HeldImport[]>();
  /** Top-level variables holding an array with such promises in it (`const list = [import('./b.mjs'), import('./c.mjs')]`), by name. */
  const promiseArrays = new Map<string, { imports: HeldImport[]; elements: number }>();
  /**
   * Notes what the top level does with the promise of import `importIndex`, found at `node`:
   * waits for it (`conditional`: that wait, or the code that kept the promise, may not run), or
   * keeps it in a variable or array, asked again at each read of that.
   */
  const notePromiseHolder = (awaited: boolean | TS.Identifier | HeldArray, importIndex: number, node: TS.Node, keptConditionally = false): void => {
    if (awaited === false) return;
    // A wait (or the push or assignment that kept the promise) under a condition or in a loop the file's constants do not settle may not run.
    const conditional = keptConditionally || isConditionalBelow(ts, node, sourceFile, constants) || (!!callSite && isConditionalBelow(ts, callSite, sourceFile, constants));
    if (awaited === true) {
      const fact = facts.imports[importIndex];
      if (!conditional) delete fact.awaitedConditionally;
      else if (!fact.awaitedAtTopLevel) fact.awaitedConditionally = true;
      fact.awaitedAtTopLevel = true;
    } else if ('kind' in awaited) {
      const held = promiseVariables.get(awaited.text);
      if (held) held.push({ importIndex, conditional });
      else promiseVariables.set(awaited.text, [{ importIndex, conditional }]);
    // An array filled with `push` in a nested block may be one that block declares.
    } else if (!innerDeclarationOf(ts, awaited.name)) {
      const held = promiseArrays.get(awaited.name.text);
      // Each import of the array is waited for; the array's length is the largest any of them gives (Infinity once one is pushed).
      if (held) {
        held.imports.push({ importIndex, conditional });
        held.elements = Math.max(held.elements, awaited.elements);
      } else promiseArrays.set(awaited.name.text, { imports: [{ importIndex, conditional }], elements: awaited.elements });
    }
  };
  /** Where the walk currently is, for reads inside functions called at load time: the top-level call. */
  let callSite: TS.Node | undefined;
  /** That call and the function it runs, while the walk is in that function's own body (see `isAwaitedAtTopLevel`). */
  let loadTimeCall: LoadTimeCall | undefined;
  /** Whether the function body the walk is in at load time is an async function's or async generator's: an await there suspends the call. */
  let inAsyncBody = false;
  /** Whether the walk entered the function body it is in from code past an await (see `pastAwait`): all of it runs in a microtask. */
  let afterAwait = false;
  /** The awaits (`for await` loops, an async generator's yields) of that body the walk has met: code they certainly ran before runs in a microtask (see `awaitedBefore`). */
  let awaitsMet: MetAwait[] = [];
  /**
   * Whether code of the function body the walk is in runs past an await that suspended the call
   * (see `awaitedBefore`). The walk goes on in source order: an await whose scope it has left comes
   * before nothing more, and is dropped (many `if (x) await y;` would otherwise each be tested again).
   */
  const pastAwait = (node: TS.Node): boolean => {
    if (afterAwait) return true;
    let kept = 0;
    let found = false;
    for (const met of awaitsMet) {
      if (met.scope && node.pos >= met.scope.end) continue;
      awaitsMet[kept++] = met;
      found ||= awaitedBefore(ts, met, node);
    }
    awaitsMet.length = kept;
    return found;
  };
  /** Functions the walk followed only from code past such an await: a later call before one walks them again. */
  const walkedAfterAwaitOnly = new Set<TS.Node>();
  /** How many immediately invoked functions the walk is in outside every followed call: an await there is not a top-level await. */
  let iifeDepth = 0;

  /** While the walk is in a function it followed a call into: what happens to a throw out of that function (see `catchAround`). */
  let callCatch = Caught.No;
  /** The same, where a throw out of an async function may be caught by a handler of its promise (for `generatorRun`). */
  let callCatchLoosely = Caught.No;
  const loopThrowMayBeCaught = (loop: TS.ForOfStatement): boolean =>
    catchAround(ts, loop, callSite ? callCatchLoosely : Caught.No, localDeclarations, tryVerdicts, true) !== Caught.No;
  /** While the walk is in a generator's body: that generator, and how far its use runs it. */
  let walkedGenerator: { generator: TS.Node; run: GeneratorRun } | undefined;
  /**
   * How far `yield* items()` in the body of the generator the walk is in runs the generator it
   * delegates to: as far as that one runs (measured in node 20: function* all() { yield 0; yield*
   * items(); } under a top-level for...of runs items() to its end and throws its read after a first
   * yield, exit 1; with a break in the loop's body, exit 0); an async generator only from an async one.
   */
  const delegatedRun = (call: TS.CallExpression, generator: TS.FunctionLikeDeclaration): GeneratorRun | undefined => {
    let outer: TS.Node = call;
    while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    const delegation = outer.parent;
    if (!walkedGenerator || !ts.isYieldExpression(delegation) || !delegation.asteriskToken || ts.findAncestor(delegation, ts.isFunctionLike) !== walkedGenerator.generator) return undefined;
    return hasModifier(ts, generator, ts.SyntaxKind.AsyncKeyword) && !hasModifier(ts, walkedGenerator.generator, ts.SyntaxKind.AsyncKeyword) ? undefined : walkedGenerator.run;
  };
  /** The verdict of each try statement with a catch that a load-time read is in (see `catchAround`). */
  const tryVerdicts = new Map<TS.Node, Caught>();
  /**
   * How many followed bodies (calls, generators, `yield*` delegations) the walk is in. Past
   * `maxFollowDepth` it follows no further: a chain of 200 generators each delegating to the next
   * overflowed the stack (review rv12 #4); what a body that deep reads is not reported.
   */
  let followDepth = 0;

  const recordRead = (node: TS.Node, importIndex: number, name: string, destructured = false): void => {
    const at = callSite ?? node;
    const caught = catchAround(ts, node, callSite ? callCatch : Caught.No, localDeclarations, tryVerdicts);
    facts.reads.push({
      importIndex, name, offset: at.getStart(sourceFile), range: range(at), via: callSite ? range(node) : undefined, destructured,
      ...(pastAwait(node) ? { afterAwait: true as const } : {}),
      ...(caught === Caught.Yes ? { caught: 'certainly' as const } : caught === Caught.Maybe ? { caught: 'maybe' as const } : {}),
    });
  };

  /** Destructured load-time requires that may get a "read lazily" fix, with the reads it belongs to. */
  const lazyFixRequests: LazyFixRequest[] = [];

  const handleRequire = (call: TS.CallExpression, loadTime: boolean): number => {
    const specifier = (call.arguments[0] as TS.StringLiteralLike).text;
    // Past an await, a CommonJS module's whole require chain has finished: the require loads later (measured in node 20).
    const importIndex = addImport(specifier, loadTime && !(!facts.isEsm && pastAwait(call)) ? 'require' : 'lazy-require', call, true);
    let outer: TS.Node = call;
    while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    if (ts.isExpressionStatement(outer.parent) && facts.imports[importIndex]) facts.imports[importIndex].valueDropped = true;
    return importIndex;
  };

  const walkKinds = factsWalkKinds(ts);
  const forEachChild = ts.forEachChild;
  const ImportKeyword = ts.SyntaxKind.ImportKeyword;
  const AwaitExpression = ts.SyntaxKind.AwaitExpression;
  const ForOfStatement = ts.SyntaxKind.ForOfStatement;
  const YieldExpression = ts.SyntaxKind.YieldExpression;
  const EqualsToken = ts.SyntaxKind.EqualsToken;
  // The two child visitors, made once: a closure per visited node was most of the walk's garbage.
  const visitAtLoadTime = (child: TS.Node): void => visit(child, true);
  const visitLater = (child: TS.Node): void => visit(child, false);
  const visit = (node: TS.Node, loadTime: boolean): void => {
    const walkKind = walkKinds[node.kind];
    if (walkKind === FactsWalkKind.Skipped) return;
    if (loadTime && !callSite && iifeDepth === 0 && !facts.topLevelAwait &&
        (node.kind === AwaitExpression || (node.kind === ForOfStatement && (node as TS.ForOfStatement).awaitModifier))) facts.topLevelAwait = true;
    if (walkKind === FactsWalkKind.Identifier && helperReferences) {
      const name = helperNameOf.get((node as TS.Identifier).escapedText as string);
      if (name === 'eval') callsEval ||= ts.isCallExpression(node.parent) && node.parent.expression === node;
      else if (name !== undefined) {
        const list = helperReferences.get(name);
        if (list) list.push(node as TS.Identifier);
        else helperReferences.set(name, [node as TS.Identifier]);
      }
    }
    if (walkKind === FactsWalkKind.FunctionLike) {
      // Immediately invoked: runs now.
      const parent = node.parent;
      const iife = (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) &&
        ((ts.isCallExpression(parent) && parent.expression === node) ||
         (ts.isParenthesizedExpression(parent) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent));
      if (!(loadTime && iife)) {
        forEachChild(node, visitLater);
        return;
      }
      const outerAsyncBody = inAsyncBody;
      const outerAfterAwait = afterAwait;
      const outerAwaits = awaitsMet;
      afterAwait = pastAwait(node);
      awaitsMet = [];
      inAsyncBody = hasModifier(ts, node, ts.SyntaxKind.AsyncKeyword);
      if (!callSite) iifeDepth++;
      forEachChild(node, visitAtLoadTime);
      if (!callSite) iifeDepth--;
      inAsyncBody = outerAsyncBody;
      afterAwait = outerAfterAwait;
      awaitsMet = outerAwaits;
      return;
    }
    if (walkKind === FactsWalkKind.ClassLike && ts.isClassLike(node)) {
      // extends, decorators, computed keys and static initialisers run when the class is defined.
      for (const clause of node.heritageClauses ?? []) {
        if (clause.token === ts.SyntaxKind.ExtendsKeyword) for (const type of clause.types) visit(type.expression, loadTime);
      }
      for (const decorator of ts.getDecorators(node) ?? []) visit(decorator, loadTime);
      for (const member of node.members) {
        const isStatic = hasModifier(ts, member, ts.SyntaxKind.StaticKeyword) || ts.isClassStaticBlockDeclaration(member);
        if (member.name && ts.isComputedPropertyName(member.name)) visit(member.name, loadTime);
        for (const decorator of ts.canHaveDecorators(member) ? ts.getDecorators(member) ?? [] : []) visit(decorator, loadTime);
        if (ts.isPropertyDeclaration(member) && member.initializer) visit(member.initializer, loadTime && isStatic);
        else if (ts.isClassStaticBlockDeclaration(member)) visit(member.body, loadTime);
        else forEachChild(member, visitLater);
      }
      return;
    }
    if (walkKind === FactsWalkKind.Call && isRequireCall(ts, node)) {
      const index = handleRequire(node, loadTime);
      const parent = node.parent;
      if (loadTime) {
        if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
          if (ts.isIdentifier(parent.name)) commonJsBindings.set(parent.name.text, index);
          else if (ts.isObjectBindingPattern(parent.name)) {
            const destructured: ReadFact[] = [];
            for (const element of parent.name.elements) {
              const key = (element.propertyName ?? element.name);
              if (ts.isIdentifier(key) || ts.isStringLiteral(key)) {
                recordRead(element, index, key.text, true);
                destructured.push(facts.reads[facts.reads.length - 1]);
              }
            }
            // Its "read lazily" fix needs the whole file's identifiers: made after this walk, in one walk for all such requires.
            const keyOf = lazyFixKeys(ts, parent.name);
            if (keyOf && destructured.length > 0) lazyFixRequests.push({ pattern: parent.name, call: node, keyOf, reads: destructured });
          }
        } else if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
          recordRead(parent, index, parent.name.text);
        }
      }
      return;
    }
    if (walkKind === FactsWalkKind.Call && (node as TS.CallExpression).expression.kind === ImportKeyword && ts.isCallExpression(node)) {
      const argument = node.arguments[0];
      if (argument && ts.isStringLiteralLike(argument)) {
        const index = addImport(argument.text, 'dynamic-import', node, false);
        if (loadTime) notePromiseHolder(isAwaitedAtTopLevel(ts, node, constants, loadTimeCall), index, node);
        if (callSite) metDynamicImport = true;
      }
      node.arguments.forEach((child) => visit(child, loadTime));
      return;
    }
    if ((promiseVariables.size > 0 || promiseArrays.size > 0) && loadTime && walkKind === FactsWalkKind.Binary && ts.isBinaryExpression(node) && ts.isIdentifier(node.left) &&
        node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        !innerDeclarationOf(ts, node.left)) {
      // Only an assignment that certainly runs (as does the load-time call it is in) rules the import
      // out: after `if (rare) p = null;` a top-level `await p` may still wait for it.
      const body = callSite ? ts.findAncestor(node, ts.isFunctionLike) : undefined;
      if (!isConditionalBelow(ts, node, body ?? sourceFile) && !(callSite && isConditionalBelow(ts, callSite, sourceFile))) {
        promiseVariables.delete(node.left.text);
        promiseArrays.delete(node.left.text);
      }
    }
    if (loadTime && walkKind === FactsWalkKind.Binary && (node as TS.BinaryExpression).operatorToken.kind === EqualsToken && !callSite && ts.isBinaryExpression(node)) {
      const left = node.left;
      if (isModuleExports(ts, left)) {
        const right = node.right;
        facts.exportsReplacements.push({
          offset: node.getStart(sourceFile), range: range(left),
          keys: ts.isObjectLiteralExpression(right) ? right.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [])) : null,
        });
      } else if (ts.isPropertyAccessExpression(left) && isExportsObject(ts, left.expression)) {
        const right = node.right;
        const valueText = ts.isNumericLiteral(right) || ts.isStringLiteral(right) || right.kind === ts.SyntaxKind.TrueKeyword || right.kind === ts.SyntaxKind.FalseKeyword
          ? right.getText(sourceFile) : undefined;
        facts.commonJsExports.push({ name: left.name.text, offset: node.getStart(sourceFile), range: range(left), valueText });
      }
    }
    if (loadTime && walkKind === FactsWalkKind.Identifier && ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isVariableDeclaration(parent) && parent.name === node) || (ts.isBindingElement(parent) && parent.name === node) ||
        (ts.isParameter(parent) && parent.name === node);
      if (!isName) {
        const heldImports = promiseVariables.size > 0 ? promiseVariables.get(node.text) : undefined;
        if (heldImports && !callSite && !innerDeclarationOf(ts, node)) {
          const awaited = isAwaitedAtTopLevel(ts, node, constants);
          for (const held of heldImports.slice()) notePromiseHolder(awaited, held.importIndex, node, held.conditional);
        }
        const heldArray = promiseArrays.size > 0 ? promiseArrays.get(node.text) : undefined;
        if (heldArray && !callSite && !innerDeclarationOf(ts, node)) {
          // After `list.pop()`, `list.length = 0` or `list[0] = x` an import may no longer be in the array: a later wait may not wait for it.
          if (mayRemoveElements(ts, node)) for (const held of heldArray.imports) held.conditional = true;
          const awaited = isArrayAwaitedAtTopLevel(ts, node, heldArray.elements, constants);
          for (const held of heldArray.imports.slice()) notePromiseHolder(awaited, held.importIndex, node, held.conditional);
        }
        const imported = importedBindings.get(node.text);
        const commonJs = commonJsBindings.get(node.text);
        if (imported || commonJs !== undefined) {
          const importIndex = imported ? imported.importIndex : commonJs!;
          let name = imported ? imported.name : '*';
          let at: TS.Node = node;
          if (name === '*' && ts.isPropertyAccessExpression(parent) && parent.expression === node) {
            name = parent.name.text;
            at = parent;
          }
          // Writing a property onto a CommonJS module object is not a read of it.
          const isWrite = ts.isBinaryExpression(parent.parent) && parent.parent.left === parent && at === parent &&
            parent.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
          if (!isWrite) recordRead(at, importIndex, name);
        }
        // A call of a local function at load time runs its body now: a function of the file called by
        // its name, or one a `const` object literal of the file holds, called as its method (`loaders.b()`).
        let fn = functionsByName.get(node.text);
        let call = fn && ts.isCallExpression(parent) && parent.expression === node ? parent : undefined;
        if (!call && methodsByObject.size > 0 && ts.isPropertyAccessExpression(parent) && parent.expression === node &&
            ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
          fn = methodsByObject.get(node.text)?.get(parent.name.text);
          if (fn) call = parent.parent;
        }
        // A generator of the file whose call the top level iterates (`for (const x of items())`): to its end, or to its first yield.
        let run: GeneratorRun | undefined;
        let helperName = node.text;
        let site: TS.Expression | undefined = call;
        if (!call && generatorsByName.size > 0 && ts.isCallExpression(parent) && parent.expression === node) {
          fn = generatorsByName.get(node.text);
          run = fn && (delegatedRun(parent, fn) ?? generatorRun(ts, parent, fn, localDeclarations, loopThrowMayBeCaught));
          if (run) site = call = parent;
        } else if (!call && generatorObjects.size > 0 && !(ts.isVariableDeclaration(parent) && parent.name === node)) {
          // A generator object a top-level `const` holds runs at the first use the walk meets, if that one iterates it.
          // Any other use is a use too (review rv12 #3): a destructuring closes it, an alias (`const copy = it`) may advance or close it.
          const made = generatorObjects.get(node.text);
          const declaration = made && localDeclarations.get(node.text);
          if (made && declaration && node.pos > declaration.end && !usedGeneratorObjects.has(node.text) && !innerDeclarationOf(ts, node)) {
            // A use past an await runs after every use at load time: a later one still runs the generator first.
            if (!pastAwait(node)) usedGeneratorObjects.add(node.text);
            fn = generatorsByName.get(made);
            run = fn && generatorRun(ts, node, fn, localDeclarations, loopThrowMayBeCaught);
            if (run) {
              site = node;
              helperName = made;
            }
          }
        }
        // The file may give the name or the object other functions, or call it before it is made: then the call runs something else.
        if (site && !runsHelperAsMade(helperName, callSite ?? site)) site = call = undefined;
        // The name may be a block's or a parameter's own: only the file's binding is this function.
        const walkAgain = !!fn && !callSite && importingFunctions.has(fn);
        // A throw out of an async function rejects its promise: no try around the call catches it (a handler of the promise may).
        const rejects = !!fn && hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword) && !fn.asteriskToken;
        const rejection = fn && site && rejects ? rejectionCaught(ts, site, localDeclarations) : undefined;
        const caughtAtCall = !fn || !site ? Caught.No : rejection ?? catchAround(ts, site, callSite ? callCatch : Caught.No, localDeclarations, tryVerdicts);
        const walkedUnder = fn && walkedFunctions.get(fn);
        const siteAfterAwait = !!site && (pastAwait(site) || (inAsyncBody && awaitsInArguments(ts, site)));
        if (fn && site && (walkAgain || (!siteAfterAwait && walkedAfterAwaitOnly.has(fn)) || !(walkedAgain ? walkedAgain.has(fn) : walkedUnder !== undefined && walkedUnder <= caughtAtCall)) && fn.body &&
            !innerDeclarationOf(ts, node) && followDepth < maxFollowDepth) {
          if (!callSite) {
            walkedAgain = walkAgain ? new Set() : undefined;
            metDynamicImport = false;
          }
          // A walk of a generator to its first yield only leaves the rest for a later use.
          if (run !== GeneratorRun.ToFirstYield) walkedFunctions.set(fn, Math.min(walkedUnder ?? Caught.Yes, caughtAtCall) as Caught);
          if (!siteAfterAwait) walkedAfterAwaitOnly.delete(fn);
          else if (walkedUnder === undefined) walkedAfterAwaitOnly.add(fn);
          walkedAgain?.add(fn);
          const outer = callSite;
          const outerCall = loadTimeCall;
          const outerCatch = callCatch;
          const outerCatchLoosely = callCatchLoosely;
          callCatch = caughtAtCall;
          callCatchLoosely = rejects ? Caught.Maybe : catchAround(ts, site, outer ? callCatchLoosely : Caught.No, localDeclarations, tryVerdicts, true);
          callSite = callSite ?? site;
          // Only the top-level call's own function passes its promise on to that call.
          loadTimeCall = outer ? undefined : { site, target: fn };
          const outerGenerator = walkedGenerator;
          walkedGenerator = run ? { generator: fn, run } : undefined;
          const outerAsyncBody = inAsyncBody;
          const outerAfterAwait = afterAwait;
          const outerAwaits = awaitsMet;
          inAsyncBody = !!fn && hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword);
          afterAwait = siteAfterAwait;
          awaitsMet = [];
          // A concise arrow body is itself the code that runs (`() => import('./b.mjs')`).
          followDepth++;
          if (run === GeneratorRun.ToFirstYield && ts.isBlock(fn.body)) for (const code of codeBeforeFirstYield(ts, fn.body)) visit(code, true);
          else visit(fn.body, true);
          followDepth--;
          inAsyncBody = outerAsyncBody;
          afterAwait = outerAfterAwait;
          awaitsMet = outerAwaits;
          walkedGenerator = outerGenerator;
          callSite = outer;
          loadTimeCall = outerCall;
          callCatch = outerCatch;
          callCatchLoosely = outerCatchLoosely;
          if (!outer) {
            if (metDynamicImport) importingFunctions.add(fn);
            walkedAgain = undefined;
          }
        }
      }
      return;
    }
    // An await of an async body suspends the call: code it certainly ran before runs in a microtask (see `pastAwait`).
    if (loadTime && inAsyncBody && !afterAwait && (node.kind === AwaitExpression || node.kind === YieldExpression ||
        (node.kind === ForOfStatement && (node as TS.ForOfStatement).awaitModifier))) awaitsMet.push(awaitScope(ts, node));
    forEachChild(node, loadTime ? visitAtLoadTime : visitLater);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) continue;
    visit(statement, true);
  }
  if (helperReferences && followedHelpers.size > 0) {
    const changed = changedHelpers(ts, followedHelpers.keys(), helpers, helperReferences, localDeclarations, callsEval);
    for (const [name, from] of changed) if (followedHelpers.get(name)! >= from) return extractFacts(ts, sourceFile, hash, changed);
  }
  if (lazyFixRequests.length > 0) {
    const identifiers = fileIdentifiers(ts, sourceFile, lazyFixRequests);
    for (const request of lazyFixRequests) {
      const lazyFix = lazyRequireFix(ts, sourceFile, request, identifiers);
      if (lazyFix) for (const read of request.reads) read.lazyFix = lazyFix;
    }
  }
  facts.reads.sort((a, b) => a.offset - b.offset);
  return facts;
}

/** A destructured load-time `require` whose reads may get a "read lazily" fix. */
interface LazyFixRequest {
  pattern: TS.ObjectBindingPattern;
  call: TS.CallExpression;
  /** Local name -> the property it reads (`lazyFixKeys`). */
  keyOf: Map<string, string>;
  reads: ReadFact[];
}

/** A use of a destructured name: where it is, and whether it is inside a function or assigns the name. */
interface NameUse {
  node: TS.Identifier;
  insideFunction: boolean;
  assigned: boolean;
}

/**
 * What the "read lazily" fixes need from the whole file, from one walk: every identifier text (a
 * new module name must not clash with any), and the uses of the requests' local names in walk
 * order. A walk per destructured require made files with many of them quadratic (40 of them in a
 * 4,900-line file: ~0.5 s per check).
 */
function fileIdentifiers(ts: TypeScriptModule, sourceFile: TS.SourceFile, requests: readonly LazyFixRequest[]): { used: Set<string>; uses: NameUse[] } {
  const names = new Set<string>();
  for (const request of requests) for (const name of request.keyOf.keys()) names.add(name);
  const used = new Set<string>();
  const uses: NameUse[] = [];
  const visit = (node: TS.Node, insideFunction: boolean): void => {
    if (ts.isIdentifier(node)) {
      used.add(node.text);
      if (names.has(node.text)) {
        const parent = node.parent;
        const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) ||
          ts.isBindingElement(parent) || (ts.isParameter(parent) && parent.name === node) || (ts.isVariableDeclaration(parent) && parent.name === node) ||
          (ts.isFunctionLike(parent) && (parent as TS.FunctionLikeDeclaration).name === node) || (ts.isClassLike(parent) && parent.name === node);
        if (!isName) {
          const assigned = (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent);
          uses.push({ node, insideFunction, assigned });
        }
      }
    }
    ts.forEachChild(node, insideFunction || ts.isFunctionLike(node) ? visitInsideFunction : visitOutsideFunction);
  };
  const visitInsideFunction = (child: TS.Node): void => visit(child, true);
  const visitOutsideFunction = (child: TS.Node): void => visit(child, false);
  visit(sourceFile, false);
  return { used, uses };
}

/** Local name -> property read, when every element of the pattern is a plain `name` or `key: name` (no rest, no default). */
function lazyFixKeys(ts: TypeScriptModule, pattern: TS.ObjectBindingPattern): Map<string, string> | undefined {
  const keyOf = new Map<string, string>();
  for (const element of pattern.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) return undefined;
    if (!/^[A-Za-z_$][\w$]*$/.test(key.text)) return undefined;
    keyOf.set(element.name.text, key.text);
  }
  return keyOf;
}

/**
 * "Read lazily": `const { a, b: c } = require('./m')` becomes `const m = require('./m')` and each use
 * of `a`/`c` becomes `m.a`/`m.b`, so the property is read when the code runs rather than while the
 * cycle is still loading. Offered only when every use is inside a function (otherwise the read
 * would still happen at load time) and no name is assigned.
 */
function lazyRequireFix(ts: TypeScriptModule, sourceFile: TS.SourceFile, request: LazyFixRequest, identifiers: { used: Set<string>; uses: readonly NameUse[] }): ReadFact['lazyFix'] {
  const { pattern, call, keyOf } = request;
  const specifier = (call.arguments[0] as TS.StringLiteralLike).text;
  const base = specifier.replace(/\/index(\.[cm]?[jt]sx?)?$/, '').replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]sx?$/, '');
  let moduleName = base.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : '')).replace(/^[0-9]/, '_$&') || 'required';
  const range = (node: TS.Node): SourceRange => rangeBetween(sourceFile, node.getStart(sourceFile), node.getEnd());
  const uses: TS.Identifier[] = [];
  for (const use of identifiers.uses) {
    if (!keyOf.has(use.node.text)) continue;
    // A read at load time would still happen while the cycle is loading; an assigned name cannot become a property read.
    if (!use.insideFunction || use.assigned) return undefined;
    uses.push(use.node);
  }
  if (uses.length === 0) return undefined;
  while (identifiers.used.has(moduleName)) moduleName = `${moduleName}Module`;
  const edits: (SourceRange & { newText: string })[] = [{ ...range(pattern), newText: moduleName }];
  for (const use of uses) {
    const key = keyOf.get(use.text)!;
    edits.push({ ...range(use), newText: ts.isShorthandPropertyAssignment(use.parent) ? `${use.text}: ${moduleName}.${key}` : `${moduleName}.${key}` });
  }
  return { ...fixTitle(msg('Keep the module object and read {0} when used', [...keyOf.values()].join(', '))), edits };
}

function bindingNames(ts: TypeScriptModule, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  const names: TS.Identifier[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) names.push(...bindingNames(ts, element.name));
  return names;
}

interface ModuleNode {
  facts: ModuleFacts;
  /** Resolved target per import index (undefined: outside the workspace or unresolved). */
  targets: (string | undefined)[];
  /** The targets of load-time imports (import, export-from, require), computed when first needed; reset with `targets`. */
  loadTimeCandidates?: string[];
}

/** A module of the graph as a walk read it (`node` undefined: it was not in the graph). */
interface ModuleState {
  file: string;
  node: ModuleNode | undefined;
  facts: ModuleFacts | undefined;
  targets: (string | undefined)[] | undefined;
}

/** The workspace module graph, with cycle-hazard detection. Keep one instance and update it on edits. */
export class ModuleGraph {
  private readonly nodes = new Map<string, ModuleNode>();
  private readonly overrides = new Map<string, string>();
  private readonly compilerOptionsByDirectory = new Map<string, TS.CompilerOptions>();
  /**
   * Folders whose tsconfig.json compiles TypeScript to CommonJS (`module: commonjs`), as the config
   * says it before resolution falls back to bundler (which also rewrites `module`).
   */
  private readonly commonJsEmitDirectories = new Set<string>();
  private readonly resolutionCache: TS.ModuleResolutionCache;
  private readonly resolutionHost: TS.ModuleResolutionHost;
  /** Bumped whenever some module's resolved imports change; SCCs and importer lists are cached per version. */
  private structureVersion = 0;
  private readonly pendingTargets = new Map<string, (string | undefined)[]>();
  private cachedCycles: { version: number; components: string[][] } | undefined;
  private cachedImporters: { version: number; map: Map<string, string[]> } | undefined;
  private readonly existsCache = new Map<string, boolean>();
  private readonly directoryCache = new Map<string, boolean>();
  private readonly realpathCache = new Map<string, string>();
  /** Folder listings from `host.filesInDirectory`, dropped with the other probe caches. */
  private readonly listingCache = new Map<string, Set<string> | undefined>();
  /** Findings per cycle, keyed by its members' and outside importers' content hashes. */
  private readonly componentCache = new Map<string, Finding[]>();
  /** Modules in the graph whose facts have a dynamic import awaited at the top level (kept with the facts). */
  private readonly awaitingModules = new Set<string>();
  /**
   * `reachesTopLevelAwait`'s answer per cycle (its members joined) and the modules its walk read, as
   * they were: it holds while the structure version does and each of them has the same node, facts and targets.
   */
  private readonly topLevelAwaitReach = new Map<string, { version: number; read: ModuleState[]; reaches: boolean }>();

  constructor(private readonly ts: TypeScriptModule, private readonly host: AnalysisHost) {
    // Resolution probes many candidate paths per import; remember the answers until files are
    // created or deleted (refreshResolutions).
    const memo = (cache: Map<string, boolean>, probe: (path: string) => boolean) => (path: string): boolean => {
      let known = cache.get(path);
      if (known === undefined) {
        known = probe(path);
        cache.set(path, known);
      }
      return known;
    };
    this.resolutionHost = {
      fileExists: memo(this.existsCache, (file) => this.overrides.has(file) || this.existsOnDisk(file)),
      readFile: (file) => this.overrides.get(file) ?? host.readFile(file),
      directoryExists: host.directoryExists ? memo(this.directoryCache, (dir) => host.directoryExists!(dir)) : undefined,
      getDirectories: host.getDirectories ? (dir) => host.getDirectories!(dir) : undefined,
      // Every resolved import is passed through realpath (one system call each on disk): remembered.
      realpath: host.realpath ? (file) => {
        let real = this.realpathCache.get(file);
        if (real === undefined) {
          real = host.realpath!(file);
          this.realpathCache.set(file, real);
        }
        return real;
      } : undefined,
    };
    this.resolutionCache = ts.createModuleResolutionCache('/', (name) => name);
  }

  /** A file-existence probe: from the folder's listing when the host can list folders, else asked directly. */
  private existsOnDisk(file: string): boolean {
    if (!this.host.filesInDirectory) return this.host.fileExists(file);
    const { directory, name } = splitPath(file);
    let listing = this.listingCache.get(directory);
    if (!this.listingCache.has(directory)) {
      const names = this.host.filesInDirectory(directory);
      listing = names ? new Set(names) : undefined;
      this.listingCache.set(directory, listing);
    }
    return listing ? listing.has(name) : this.host.fileExists(file);
  }

  /** Uses `text` for `file` instead of reading it (an open, unsaved editor buffer). */
  setFileText(file: string, text: string, parsed?: TS.SourceFile): void {
    if (!this.overrides.has(file)) this.existsCache.delete(file);
    this.overrides.set(file, text);
    this.forget(file);
    // An already parsed tree of the same text saves a second parse; a text without module syntax
    // needs no walk of it at all (an open document is often such a script).
    if (parsed && parsed.text === text) {
      const hash = hashText(text);
      if (factsCache.get(file)?.hash !== hash) factsCache.set(file, moduleSyntaxFreeFacts(file, text, hash) ?? extractModuleFacts(this.ts, parsed, hash));
    }
    // Reload at once (and whatever it now imports), so the graph is always complete.
    this.addReachableFrom([file]);
  }

  /** Forgets a file (deleted or changed on disk); the next scan re-reads it. */
  invalidate(file: string): void {
    this.forget(file);
    // The file changed or went away: its cached facts are stale (and this keeps the cache bounded).
    factsCache.delete(file);
    this.overrides.delete(file);
    this.existsCache.delete(file);
    this.listingCache.delete(splitPath(file).directory);
    // Still there (changed on disk): read it again now. Gone: it stays out of the graph.
    this.addReachableFrom([file]);
  }

  /**
   * A file was created or deleted: import resolution may change anywhere (`./b` may now find
   * `b.ts`), so every module's imports are resolved again (module facts stay cached).
   */
  refreshResolutions(): void {
    this.resolutionCache.clear();
    this.compilerOptionsByDirectory.clear();
    this.commonJsEmitDirectories.clear();
    this.existsCache.clear();
    this.directoryCache.clear();
    this.listingCache.clear();
    this.realpathCache.clear();
    for (const [file, node] of this.nodes) {
      node.targets = node.facts.imports.map((fact) => this.resolve(fact, file));
      node.loadTimeCandidates = undefined;
    }
    this.structureVersion++;
    const files = [...this.nodes.keys()];
    this.addReachableFrom(files);
  }

  private forget(file: string): void {
    const node = this.nodes.get(file);
    if (node && !this.pendingTargets.has(file)) this.pendingTargets.set(file, node.targets);
    this.nodes.delete(file);
    this.awaitingModules.delete(file);
  }

  /**
   * Adds the files and everything they import (transitively) to the graph. With `stop`, asked after
   * each module loaded, it may end early and returns the modules it still had to visit: passing them
   * again goes on. A workspace scan step is so bounded even when one file pulls in thousands.
   */
  addReachableFrom(files: readonly string[], stop?: () => boolean): string[] {
    const queue = [...files];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (this.nodes.has(file)) continue;
      const node = this.load(file);
      if (!node) continue;
      for (const target of node.targets) if (target && !this.nodes.has(target)) queue.push(target);
      if (stop?.()) break;
    }
    return queue;
  }

  get size(): number {
    return this.nodes.size;
  }

  private load(file: string): ModuleNode | undefined {
    const text = this.overrides.get(file) ?? this.host.readFile(file);
    if (text === undefined || !isAnalyzableFile(file)) return undefined;
    const hash = hashText(text);
    let facts = factsCache.get(file);
    if (!facts || facts.hash !== hash) {
      // A sketch first: most modules of a workspace are on no cycle and never need more.
      facts = sketchModuleFacts(this.ts, file, text, hash) ?? extractModuleFacts(this.ts, parseSource(this.ts, text, file), hash);
      factsCache.set(file, facts);
    }
    const node: ModuleNode = { facts, targets: facts.imports.map((fact) => this.resolve(fact, file)) };
    const previous = this.pendingTargets.get(file);
    this.pendingTargets.delete(file);
    // The cycle structure changes only when some module's resolved imports change.
    if (!previous || previous.length !== node.targets.length || previous.some((target, i) => target !== node.targets[i])) this.structureVersion++;
    this.nodes.set(file, node);
    this.noteAwaitedImports(file, facts);
    return node;
  }

  private noteAwaitedImports(file: string, facts: ModuleFacts): void {
    if (facts.imports.some((fact) => fact.awaitedAtTopLevel)) this.awaitingModules.add(file);
    else this.awaitingModules.delete(file);
  }

  private compilerOptionsFor(file: string): TS.CompilerOptions {
    const ts = this.ts;
    const directory = file.replace(/[\\/][^\\/]*$/, '') || '/';
    const cached = this.compilerOptionsByDirectory.get(directory);
    if (cached) return cached;
    const base: TS.CompilerOptions = {
      allowJs: true, resolveJsonModule: false, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    };
    let options = base;
    const configPath = ts.findConfigFile(directory, (path) => this.host.fileExists(path), 'tsconfig.json') ??
      ts.findConfigFile(directory, (path) => this.host.fileExists(path), 'jsconfig.json');
    if (configPath) {
      try {
        const config = ts.readConfigFile(configPath, (path) => this.host.readFile(path));
        if (config.config) {
          const parsed = ts.parseJsonConfigFileContent(config.config, {
            useCaseSensitiveFileNames: true, fileExists: (path) => this.host.fileExists(path), readFile: (path) => this.host.readFile(path),
            readDirectory: () => [],
          }, configPath.replace(/[\\/][^\\/]*$/, ''), undefined, configPath);
          options = { ...parsed.options, allowJs: true, noEmit: true };
          if (parsed.options.module === ts.ModuleKind.CommonJS) this.commonJsEmitDirectories.add(directory);
          // Keep the project's resolution (node16/nodenext/bundler); fall back to bundler for the rest.
          const kind = options.moduleResolution;
          if (kind !== ts.ModuleResolutionKind.Node16 && kind !== ts.ModuleResolutionKind.NodeNext && kind !== ts.ModuleResolutionKind.Bundler) {
            options.moduleResolution = ts.ModuleResolutionKind.Bundler;
            options.module = ts.ModuleKind.ESNext;
          }
        }
      } catch {
        options = base;
      }
    }
    this.compilerOptionsByDirectory.set(directory, options);
    return options;
  }

  /**
   * Whether this TypeScript file runs as the CommonJS its project compiles it to (`.cts`, or `.ts`/
   * `.tsx` under a tsconfig with `module: commonjs`): its exports are then properties of `exports`,
   * each `undefined` until its declaration runs, instead of bindings in their temporal dead zone.
   */
  private compiledToCommonJs(file: string): boolean {
    const lower = file.toLowerCase();
    if (lower.endsWith('.cts')) return true;
    if (!/\.tsx?$/.test(lower) || lower.endsWith('.d.ts')) return false;
    this.compilerOptionsFor(file);
    return this.commonJsEmitDirectories.has(file.replace(/[\\/][^\\/]*$/, '') || '/');
  }

  private resolve(fact: ImportFact, containingFile: string): string | undefined {
    const ts = this.ts;
    try {
      const options = this.compilerOptionsFor(containingFile);
      const mode = fact.commonJs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
      // The cache pays off for package and path-mapped names, shared by many importers; a relative
      // specifier is mostly unique to its folder, and caching it costs more than it saves.
      const cache = fact.specifier.startsWith('.') ? undefined : this.resolutionCache;
      const result = ts.resolveModuleName(fact.specifier, containingFile, options, this.resolutionHost, cache, undefined, mode as TS.ResolutionMode);
      const resolved = result.resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || /[\\/]node_modules[\\/]/.test(resolved.resolvedFileName)) return undefined;
      const target = resolved.resolvedFileName;
      if (/\.d\.[cm]?ts$/i.test(target)) {
        // A declaration file next to its JavaScript: the JavaScript is what runs.
        for (const extension of ['.js', '.mjs', '.cjs']) {
          const candidate = target.replace(/\.d\.[cm]?ts$/i, extension);
          if (this.resolutionHost.fileExists(candidate)) return candidate;
        }
        return undefined;
      }
      return target;
    } catch {
      return undefined;
    }
  }

  /** Strongly connected components of the load-time edges (Tarjan, iterative), with more than one module or a self-import. */
  cycles(): string[][] {
    for (const file of this.pendingTargets.keys()) {
      if (!this.nodes.has(file)) {
        this.pendingTargets.delete(file);
        this.structureVersion++;
      }
    }
    if (this.cachedCycles && this.cachedCycles.version === this.structureVersion) return this.cachedCycles.components;
    const components = this.computeCycles();
    this.cachedCycles = { version: this.structureVersion, components };
    return components;
  }

  private computeCycles(): string[][] {
    // Tarjan on integer ids in typed arrays: after an edit that changes an import this runs over the
    // whole graph, and string-keyed maps made it ~25 ms at 10,000 modules. The traversal order (files
    // in insertion order, edges in import order) is the same as before, so the components and their
    // member order are too.
    const files = [...this.nodes.keys()];
    const count = files.length;
    const idOf = new Map<string, number>();
    files.forEach((file, id) => idOf.set(file, id));
    const edgeStart = new Int32Array(count + 1);
    const edgeTargets: number[] = [];
    for (let id = 0; id < count; id++) {
      edgeStart[id] = edgeTargets.length;
      for (const target of this.loadTimeCandidates(this.nodes.get(files[id])!)) {
        const targetId = idOf.get(target);
        if (targetId !== undefined) edgeTargets.push(targetId);
      }
    }
    edgeStart[count] = edgeTargets.length;
    const unvisited = -1;
    const index = new Int32Array(count).fill(unvisited);
    const low = new Int32Array(count);
    const onStack = new Uint8Array(count);
    const stack: number[] = [];
    const workNode: number[] = [];
    const workEdge: number[] = [];
    const components: string[][] = [];
    let counter = 0;
    const visit = (id: number): void => {
      index[id] = counter;
      low[id] = counter++;
      stack.push(id);
      onStack[id] = 1;
      workNode.push(id);
      workEdge.push(edgeStart[id]);
    };
    for (let start = 0; start < count; start++) {
      if (index[start] !== unvisited) continue;
      visit(start);
      while (workNode.length > 0) {
        const top = workNode.length - 1;
        const id = workNode[top];
        const edge = workEdge[top];
        if (edge < edgeStart[id + 1]) {
          workEdge[top] = edge + 1;
          const target = edgeTargets[edge];
          if (index[target] === unvisited) visit(target);
          else if (onStack[target]) low[id] = Math.min(low[id], index[target]);
          continue;
        }
        workNode.pop();
        workEdge.pop();
        if (workNode.length > 0) {
          const parent = workNode[workNode.length - 1];
          low[parent] = Math.min(low[parent], low[id]);
        }
        if (low[id] === index[id]) {
          const component: string[] = [];
          let member: number;
          do {
            member = stack.pop()!;
            onStack[member] = 0;
            component.push(files[member]);
          } while (member !== id);
          let selfImport = false;
          for (let edgeAt = edgeStart[id]; edgeAt < edgeStart[id + 1]; edgeAt++) if (edgeTargets[edgeAt] === id) selfImport = true;
          if (component.length > 1 || selfImport) components.push(component.reverse());
        }
      }
    }
    return components;
  }

  private loadTimeTargets(file: string): string[] {
    const node = this.nodes.get(file);
    if (!node) return [];
    return this.loadTimeCandidates(node).filter((target) => this.nodes.has(target));
  }

  /** A module's load-time targets, whether or not they are in the graph (computeCycles filters them by id). */
  private loadTimeCandidates(node: ModuleNode): string[] {
    if (!node.loadTimeCandidates) {
      const candidates: string[] = [];
      for (let i = 0; i < node.targets.length; i++) {
        const target = node.targets[i];
        const kind = node.facts.imports[i].kind;
        if (target && (kind === 'import' || kind === 'export-from' || kind === 'require')) candidates.push(target);
      }
      node.loadTimeCandidates = candidates;
    }
    return node.loadTimeCandidates;
  }

  /**
   * Replaces a module's sketch with its full facts (a parse). True when it did: the module's edges
   * may have changed (fewer, or other kinds), so the cycles must be computed again.
   */
  private completeFacts(file: string): boolean {
    const node = this.nodes.get(file);
    if (!node?.facts.sketch) return false;
    const text = this.overrides.get(file) ?? this.host.readFile(file);
    if (text === undefined) return false;
    const hash = hashText(text);
    const facts = extractModuleFacts(this.ts, parseSource(this.ts, text, file), hash);
    factsCache.set(file, facts);
    const previousTargets = node.targets;
    const previousLoadTime = this.loadTimeTargets(file);
    node.facts = facts;
    node.targets = facts.imports.map((fact) => this.resolve(fact, file));
    node.loadTimeCandidates = undefined;
    this.noteAwaitedImports(file, facts);
    // Mostly the full facts have the sketch's edges: then the cached cycles and importers still
    // hold, and recomputing them (a walk of the whole graph, ~15-25 ms at 10,000 modules) is waste.
    if (!sameList(previousTargets, node.targets) || !sameList(previousLoadTime, this.loadTimeTargets(file))) this.structureVersion++;
    return true;
  }

  /** Who imports each module, cached per structure version. */
  private importersMap(): Map<string, string[]> {
    if (!this.cachedImporters || this.cachedImporters.version !== this.structureVersion) {
      const map = new Map<string, string[]>();
      for (const [file, node] of this.nodes) {
        for (const target of node.targets) {
          if (!target) continue;
          const list = map.get(target);
          if (list) list.push(file);
          else map.set(target, [file]);
        }
      }
      this.cachedImporters = { version: this.structureVersion, map };
    }
    return this.cachedImporters.map;
  }

  /**
   * The cycles, on full facts: the cycles of the graph as sketched are found first; their members
   * and the modules importing them get their full facts, which can only remove edges; repeated
   * until nothing is left to complete. Then every cycle consists of fully known modules only.
   */
  private settledCycles(): string[][] {
    for (;;) {
      const components = this.cycles();
      const importers = this.importersMap();
      let completed = false;
      for (const component of components) {
        for (const member of component) {
          if (this.completeFacts(member)) completed = true;
          for (const importer of importers.get(member) ?? []) if (this.completeFacts(importer)) completed = true;
        }
      }
      if (!completed) return components;
    }
  }

  /** Load-time hazards (and, as hints, benign cycles) of every cycle in the graph. */
  cycleFindings(): Finding[] {
    // After the cycles are settled: a module that awaits an import of a module importing it back is
    // on a cycle of the sketched graph (a sketch takes the import() as an import), and only its full
    // facts, made there, know the await.
    const components = this.settledCycles();
    const awaitDeadlocks = this.topLevelAwaitCycleFindings();
    if (components.length === 0) {
      this.topLevelAwaitReach.clear();
      return awaitDeadlocks;
    }
    const importers = this.importersMap();
    const findings: Finding[] = [];
    const liveKeys = new Set<string>();
    for (const component of components) {
      const members = new Set(component);
      const outsideImporters = new Set<string>();
      for (const member of component) for (const importer of importers.get(member) ?? []) if (!members.has(importer)) outsideImporters.add(importer);
      // A read past an await runs after loading unless some module the cycle loads has a top-level await (see `checkRead`).
      const awaitsWhileLoading = component.some((file) => this.nodes.get(file)?.facts.reads.some((read) => read.afterAwait)) && this.reachesTopLevelAwait(component);
      // A component's verdict depends only on its members' and outside importers' facts (and on that): reuse it while they are unchanged.
      const key = [...component, '|', ...outsideImporters].map((file) => `${file}#${this.nodes.get(file)?.facts.hash}`).join('\n') + (awaitsWhileLoading ? '\nawaits' : '');
      liveKeys.add(key);
      let result = this.componentCache.get(key);
      if (!result) {
        result = this.componentFindings(component, members, outsideImporters, importers, awaitsWhileLoading);
        this.componentCache.set(key, result);
      }
      findings.push(...result);
    }
    for (const key of this.componentCache.keys()) if (!liveKeys.has(key)) this.componentCache.delete(key);
    const liveCycles = new Set(components.map((component) => component.join('\n')));
    for (const key of this.topLevelAwaitReach.keys()) if (!liveCycles.has(key)) this.topLevelAwaitReach.delete(key);
    return [...findings, ...awaitDeadlocks];
  }

  /**
   * A module that awaits, at its top level, the dynamic import of a module whose static imports lead
   * back to it never finishes loading: the imported module cannot finish before the importing one
   * (it depends on it), and the importing one waits for it. Node then exits with code 13 ("unsettled
   * top-level await"). The awaiting module has full facts (a sketch knows no awaits; such a module
   * closes a cycle of the sketched graph, which completes it); the path back is searched again until
   * every module on it has full facts too, since a sketch takes even a lazy import as a static one.
   */
  private topLevelAwaitCycleFindings(): Finding[] {
    const findings: Finding[] = [];
    for (const file of this.awaitingModules) {
      const node = this.nodes.get(file);
      if (!node) continue;
      node.facts.imports.forEach((fact, i) => {
        const target = node.targets[i];
        if (!fact.awaitedAtTopLevel || !target || !this.nodes.has(target)) return;
        let back = this.loadTimePath(target, file);
        while (back && back.some((step) => this.nodes.get(step)?.facts.sketch)) {
          let completed = false;
          for (const step of back) if (this.completeFacts(step)) completed = true;
          // A sketch whose text is gone cannot be completed: keep its path rather than search forever.
          if (!completed) break;
          back = this.loadTimePath(target, file);
        }
        if (!back) return;
        const path = [file, ...back].map(baseName).join(' → ');
        // A wait that may not run (under a condition or in a loop LoopLens does not settle) is a warning: node exits 0 when it does not.
        const message = fact.awaitedConditionally
          ? msg('This top-level await of import(\'{0}\') may never settle: LoopLens cannot tell whether it waits (it is under a condition or in a loop, or the import may have been taken out of the array it waits for), and when it does, {1} imports this module back (import cycle {2}), so it cannot finish loading before this module does while this module waits for it. Node then exits with code 13 (unsettled top-level await).',
            fact.specifier, baseName(target), path)
          : msg('This top-level await of import(\'{0}\') never settles: {1} imports this module back (import cycle {2}), so it cannot finish loading before this module does, and this module waits for it. Node exits with code 13 (unsettled top-level await).',
            fact.specifier, baseName(target), path);
        findings.push(this.finding('circular-import-top-level-await', file, fact.range, message,
          fact.awaitedConditionally ? 'warning' : 'error', [{ file: target, ...this.firstImportRange(back), ...localized(msg('The import that leads back to {0}', baseName(file))) }]));
      });
    }
    return findings;
  }

  /** The range of the import of `path[1]` in `path[0]` (the first step of a load-time path). */
  private firstImportRange(path: string[]): SourceRange {
    const node = this.nodes.get(path[0])!;
    const index = node.targets.findIndex((target, i) => target === path[1] && node.facts.imports[i].kind !== 'dynamic-import' && node.facts.imports[i].kind !== 'lazy-require');
    const awaitedIndex = node.targets.findIndex((target, i) => target === path[1] && node.facts.imports[i].awaitedAtTopLevel === true);
    return node.facts.imports[Math.max(0, index < 0 ? awaitedIndex : index)].range;
  }

  /**
   * A shortest path from `from` to `to` (both included) of load-time imports and of dynamic imports
   * a top level awaits, or undefined. The latter hold up loading too: two modules that each await an
   * import() of the other never finish (measured: node exits with code 13).
   */
  private loadTimePath(from: string, to: string): string[] | undefined {
    const previous = new Map<string, string | undefined>([[from, undefined]]);
    const queue = [from];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head];
      if (current === to) {
        const path: string[] = [];
        for (let step: string | undefined = current; step !== undefined; step = previous.get(step)) path.unshift(step);
        return path;
      }
      for (const next of [...this.loadTimeTargets(current), ...this.awaitedImportTargets(current)]) if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
    return undefined;
  }

  /** The modules whose dynamic import a module's top level awaits (none for a sketch, which knows no awaits). */
  private awaitedImportTargets(file: string): string[] {
    const node = this.nodes.get(file);
    if (!node || !this.awaitingModules.has(file)) return [];
    return node.targets.filter((target, i): target is string => target !== undefined && node.facts.imports[i].awaitedAtTopLevel === true && this.nodes.has(target));
  }

  /**
   * Whether a module the cycle loads (a member, or a module a member's load-time imports lead to)
   * may have a top-level await: its evaluation, and the modules after it, then interleave with
   * microtasks (measured in node 20: `await null;` alone in a module the cycle's entry imports after
   * the cycle lets a read past an await in the cycle run before the entry has run: a ReferenceError).
   * A module outside the workspace graph (a package, an unresolved path) imported by an ES module
   * may have one; a node builtin has none. Sketched modules get their full facts when their text may
   * await or their imports leave the graph.
   */
  private reachesTopLevelAwait(component: string[]): boolean {
    // Asked on every `cycleFindings()` for each cycle with a read past an await: answered again only
    // when something the last walk read has changed (the walk reads the text of sketched modules).
    const key = component.join('\n');
    const known = this.topLevelAwaitReach.get(key);
    if (known && known.version === this.structureVersion && known.read.every((state) => {
      const node = this.nodes.get(state.file);
      return node === state.node && node?.facts === state.facts && node?.targets === state.targets;
    })) return known.reaches;
    const read: ModuleState[] = [];
    const reaches = this.walkToTopLevelAwait(component, read);
    this.topLevelAwaitReach.set(key, { version: this.structureVersion, read, reaches });
    return reaches;
  }

  /** The walk of `reachesTopLevelAwait`; `read` receives each module it looked at, as it left it. */
  private walkToTopLevelAwait(component: string[], read: ModuleState[]): boolean {
    const seen = new Set(component);
    const queue = [...component];
    while (queue.length > 0) {
      const file = queue.pop()!;
      const node = this.nodes.get(file);
      if (!node) {
        read.push({ file, node, facts: undefined, targets: undefined });
        continue;
      }
      if (node.facts.sketch) {
        const text = this.overrides.get(file) ?? this.host.readFile(file);
        if (text !== undefined && (/\bawait\b/.test(text) || node.targets.some((target, i) => !target && !isBuiltinSpecifier(node.facts.imports[i].specifier)))) this.completeFacts(file);
      }
      const facts = node.facts;
      read.push({ file, node, facts, targets: node.targets });
      if (facts.topLevelAwait) return true;
      if (facts.isEsm && facts.imports.some((fact, i) => (fact.kind === 'import' || fact.kind === 'export-from') && !node.targets[i] && !isBuiltinSpecifier(fact.specifier))) return true;
      for (const next of this.loadTimeTargets(file)) if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
    return false;
  }

  private componentFindings(component: string[], members: Set<string>, outsideImporters: Set<string>, importers: Map<string, string[]>, awaitsWhileLoading: boolean): Finding[] {
    // Possible entries: for each module outside the cycle that loads into it, the first member it
    // loads (its later imports of members find them already loaded); a member reached through a lazy
    // require or dynamic import; and members nobody imports (a main module).
    const entrySet = new Set<string>();
    const importedAtAll = new Set<string>();
    for (const member of component) if ((importers.get(member) ?? []).length > 0) importedAtAll.add(member);
    for (const file of outsideImporters) {
      const node = this.nodes.get(file)!;
      let firstLoadTime: { rank: number; target: string } | undefined;
      node.facts.imports.forEach((fact, i) => {
        const target = node.targets[i];
        if (!target || !members.has(target)) return;
        if (fact.kind === 'lazy-require' || fact.kind === 'dynamic-import') entrySet.add(target);
        else {
          const rank = rankOf(node.facts, fact);
          if (!firstLoadTime || rank < firstLoadTime.rank) firstLoadTime = { rank, target };
        }
      });
      if (firstLoadTime) entrySet.add(firstLoadTime.target);
    }
    for (const file of component) if (!importedAtAll.has(file)) entrySet.add(file);
    const entries = entrySet.size > 0 ? component.filter((file) => entrySet.has(file)) : component;
    const hazards = new Map<string, { finding: Finding; entries: Set<string> }>();
    for (const entry of entries) {
      for (const finding of this.simulate(entry, members, awaitsWhileLoading)) {
        const key = `${finding.file}:${finding.line}:${finding.column}:${finding.code}:${finding.message}`;
        const existing = hazards.get(key);
        if (existing) existing.entries.add(entry);
        else hazards.set(key, { finding, entries: new Set([entry]) });
      }
    }
    const findings: Finding[] = [];
    for (const { finding, entries: failingEntries } of hazards.values()) {
      if (failingEntries.size < entries.length) {
        const names = [...failingEntries].map((file): LocalizableMessage | string => baseName(file)).reduce((list, name) => msg('{0} or {1}', list, name));
        findings.push({
          ...finding,
          severity: finding.severity === 'error' ? 'warning' : finding.severity,
          ...localized(msg('{0} {1}', finding.messageParts ?? finding.message, msg('This happens when the cycle is entered through {0}.', names))),
        });
      } else {
        findings.push(finding);
      }
    }
    if (hazards.size === 0) findings.push(...this.benignFindings(component, members));
    return findings;
  }

  private benignFindings(component: string[], members: Set<string>): Finding[] {
    const findings: Finding[] = [];
    const path = component.map(baseName).join(' → ');
    for (const file of component) {
      const node = this.nodes.get(file)!;
      node.facts.imports.forEach((fact, i) => {
        const target = node.targets[i];
        if (!target || !members.has(target) || (fact.kind !== 'import' && fact.kind !== 'export-from' && fact.kind !== 'require')) return;
        findings.push(this.finding('circular-import-benign', file, fact.range,
          msg('{0} is part of an import cycle ({1}), but no module in it reads another\'s binding while that module is still loading, so it is harmless today. ' +
            'Bindings imported through the cycle are only used inside functions that run after loading has finished; a new top-level use would break it.', baseName(file), path)));
      });
    }
    return findings;
  }

  private finding(code: string, file: string, range: SourceRange, message: LocalizableMessage, severity?: FindingSeverity, relatedLocations?: RelatedLocation[]): Finding {
    const rule = RULES.get(code)!;
    const finding: Finding = { file, ...range, code, ruleId: rule.id, kind: rule.kind, severity: severity ?? rule.defaultSeverity, ...localized(message) };
    if (relatedLocations && relatedLocations.length > 0) finding.related = relatedLocations;
    return finding;
  }

  /** Replays loading from `entry` and returns the hazards seen. */
  private simulate(entry: string, members: Set<string>, awaitsWhileLoading: boolean): Finding[] {
    const state = new Map<string, 'loading' | 'done'>();
    /** For a CommonJS module that is loading: the offset of the require it is paused at. */
    const pausedAt = new Map<string, number>();
    const loadingStack: string[] = [];
    const findings: Finding[] = [];
    /** CommonJS bindings obtained while the target was loading: (importer, import index) -> pause offset. */
    const obtainedPartial = new Map<string, number>();

    const cyclePath = (from: string, to: string): string[] => {
      const start = loadingStack.indexOf(from);
      return [...loadingStack.slice(start), from].map(baseName).length > 0 ? [...loadingStack.slice(start), from] : [to, from];
    };

    const load = (file: string): void => {
      const node = this.nodes.get(file);
      if (!node || state.has(file)) return;
      state.set(file, 'loading');
      loadingStack.push(file);
      const facts = node.facts;
      const isLoadTimeEdge = (kind: EdgeKind): boolean => kind === 'import' || kind === 'export-from' || kind === 'require';
      if (facts.isEsm) {
        // Static imports are linked and evaluated before the body, in order.
        facts.imports.forEach((fact, i) => {
          const target = node.targets[i];
          if (target && members.has(target) && (fact.kind === 'import' || fact.kind === 'export-from')) load(target);
        });
        for (const read of facts.reads) this.checkRead(file, node, read, state, pausedAt, obtainedPartial, cyclePath, findings, awaitsWhileLoading);
        // CommonJS requires inside an ES module (createRequire) are rare; handled like the CommonJS path below.
        facts.imports.forEach((fact, i) => {
          const target = node.targets[i];
          if (target && members.has(target) && fact.kind === 'require') load(target);
        });
      } else {
        // Top to bottom: requires and reads interleaved by position.
        const events: { offset: number; importIndex?: number; read?: ReadFact }[] = [];
        facts.imports.forEach((fact, i) => {
          if (isLoadTimeEdge(fact.kind)) events.push({ offset: fact.offset, importIndex: i });
        });
        for (const read of facts.reads) events.push({ offset: read.offset, read });
        events.sort((a, b) => a.offset - b.offset || (a.importIndex !== undefined ? -1 : 1));
        for (const event of events) {
          if (event.importIndex !== undefined) {
            const target = node.targets[event.importIndex];
            if (!target || !members.has(target)) continue;
            if (state.get(target) === 'loading') {
              obtainedPartial.set(`${file}\0${event.importIndex}`, pausedAt.get(target) ?? 0);
              this.checkReplacedExports(file, node, event.importIndex, target, pausedAt.get(target) ?? 0, cyclePath, findings);
            } else if (!state.has(target)) {
              pausedAt.set(file, event.offset);
              load(target);
            }
          } else if (event.read) {
            this.checkRead(file, node, event.read, state, pausedAt, obtainedPartial, cyclePath, findings, awaitsWhileLoading);
          }
        }
      }
      loadingStack.pop();
      state.set(file, 'done');
    };
    load(entry);
    return findings;
  }

  private checkReplacedExports(file: string, node: ModuleNode, importIndex: number, target: string, pause: number,
    cyclePath: (from: string, to: string) => string[], findings: Finding[]): void {
    const targetFacts = this.nodes.get(target)!.facts;
    const replacement = targetFacts.exportsReplacements.find((r) => r.offset > pause);
    const fact = node.facts.imports[importIndex];
    // A require whose value is dropped keeps no exports object, stale or not.
    if (!replacement || fact.valueDropped) return;
    const path = cyclePath(target, file).map(baseName).join(' → ');
    findings.push(this.finding('circular-import-replaced-exports', file, fact.range,
      msg('{0} receives {1}\'s original exports object, but {1} later replaces module.exports (line {2}), so this module keeps the stale, partly empty object forever. ' +
        'The require is part of the cycle {3}: while {1} is still loading, require() returns its exports as they are at that moment; assign properties to exports instead of replacing module.exports, or require lazily inside the function that needs it.',
      baseName(file), baseName(target), replacement.range.line, path),
      undefined, [{ file: target, ...replacement.range, ...localized(msg('module.exports is replaced here, after the cycle closed')) }]));
  }

  private checkRead(file: string, node: ModuleNode, read: ReadFact, state: Map<string, 'loading' | 'done'>, pausedAt: Map<string, number>,
    obtainedPartial: Map<string, number>, cyclePath: (from: string, to: string) => string[], findings: Finding[], awaitsWhileLoading: boolean): void {
    // Past an await the load does not wait for, the read runs in a microtask (measured in node 20):
    // after the whole synchronous require chain (CommonJS, or TypeScript compiled to it), and after
    // the whole ES module graph when none of its modules has a top-level await.
    if (read.afterAwait && (!node.facts.isEsm || !awaitsWhileLoading || this.compiledToCommonJs(file))) return;
    const target = node.targets[read.importIndex];
    if (!target) return;
    const targetNode = this.nodes.get(target);
    if (!targetNode) return;
    const partialKey = `${file}\0${read.importIndex}`;
    const loading = state.get(target) === 'loading';
    // A destructured or property read of a CommonJS binding obtained while loading is frozen at that moment only if it happens now.
    if (!loading) return;
    const targetFacts = targetNode.facts;
    const path = cyclePath(target, file).map(baseName).join(' → ');
    const relatedLocations: RelatedLocation[] = [];
    if (read.via) relatedLocations.push({ file, ...read.via, ...localized(msg('the binding is read here, in a function called at load time')) });
    const fact = node.facts.imports[read.importIndex];
    relatedLocations.push({ file, ...fact.range, ...localized(msg('{0} imports {1} here, closing the cycle', baseName(file), baseName(target))) });
    if (targetFacts.isEsm) {
      if (read.name === '*') return;
      const exported = this.resolveExport(target, read.name, 0);
      if (!exported) return;
      const { fact: exportFact, file: exportFile } = exported;
      // Declared in a module of the cycle that has not finished (still loading, or not even started
      // because it comes later in the importing module's list): its body has not run.
      const exportState = state.get(exportFile);
      if (exportState === 'done' || (exportState === undefined && !this.isCycleMember(exportFile, file))) return;
      relatedLocations.unshift({ file: exportFile, ...exportFact.range, ...localized(msg('\'{0}\' is declared here', read.name)) });
      const intro = msg('\'{0}\' from {1} is read while {1} is still loading (import cycle {2}),', read.name, baseName(exportFile), path);
      const why = msg('An ES module evaluates its imports first, so a module on the cycle is entered before the module it imports has run any of its body; ' +
        'only function declarations are usable then (they are created in the creation phase). Move the read into a function that runs later, or break the cycle.');
      if (exportFact.kind !== 'var' && this.compiledToCommonJs(exportFile) && this.compiledToCommonJs(file)) {
        // The compiled modules read `exports.name`, which the compiled `let`/`const`/class assigns
        // only when its declaration runs: undefined here, not a ReferenceError (measured: tsc
        // output run by node; a later use of the value may still throw).
        if (exportFact.kind === 'lexical' || exportFact.kind === 'class' || exportFact.kind === 'default-expression') {
          findings.push(this.finding('circular-import-load-time', file, read.range,
            msg('{0} so it is undefined here: this project compiles TypeScript to CommonJS, where \'{1}\' is a property of the exports object that is assigned only when its declaration runs. {2}',
              intro, read.name, why), 'warning', relatedLocations));
        }
      } else if (exportFact.kind === 'lexical' || exportFact.kind === 'class' || exportFact.kind === 'default-expression') {
        // A try that catches the ReferenceError for good lets the module go on loading: node never stops there.
        if (read.caught === 'certainly') return;
        const binding = exportFact.kind === 'class' ? 'class' : exportFact.kind === 'lexical' ? 'let/const' : msg('default export');
        findings.push(this.finding('circular-import-load-time', file, read.range, read.caught === 'maybe'
          ? msg('{0} so this throws a ReferenceError: its {1} binding is still in the temporal dead zone. A try statement or a rejection handler takes the error, but its catch block, finally block or handler may throw again, so the program may stop here or go on. {2}',
            intro, binding, why)
          : msg('{0} so this throws a ReferenceError: its {1} binding is still in the temporal dead zone. {2}', intro, binding, why),
        read.caught === 'maybe' ? 'warning' : 'error', relatedLocations));
      } else if (exportFact.kind === 'var') {
        findings.push(this.finding('circular-import-load-time', file, read.range,
          msg('{0} so it is undefined here: the var exists but has not been assigned yet. {1}', intro, why), 'warning', relatedLocations));
      }
      return;
    }
    // CommonJS: the exports object as filled when the target paused at its require.
    const pause = obtainedPartial.get(partialKey) ?? pausedAt.get(target) ?? 0;
    const replacementBefore = [...targetFacts.exportsReplacements].reverse().find((r) => r.offset < pause);
    const available = new Set<string>(replacementBefore?.keys ?? []);
    const assignedBefore = targetFacts.commonJsExports.filter((e) => e.offset < pause && (!replacementBefore || e.offset > replacementBefore.offset));
    for (const e of assignedBefore) available.add(e.name);
    const assignedAfter = targetFacts.commonJsExports.filter((e) => e.offset > pause && !available.has(e.name));
    const pauseLine = targetFacts.imports.find((i) => i.offset === pause)?.range.line;
    const why = msg('CommonJS runs a module top to bottom; when a required module is already loading (a cycle), require() returns its exports object as filled so far — ' +
      '{0} stopped at its require on line {1} to load {2}. Require lazily (inside the function that needs it), or move the assignments above the require.', baseName(target), pauseLine ?? '?', baseName(file));
    relatedLocations.unshift({
      file: target, ...(pauseLine ? targetFacts.imports.find((i) => i.offset === pause)!.range : fact.range), ...localized(msg('{0} is paused at this require', baseName(target))),
    });
    if (read.name === '*') {
      if (assignedAfter.length === 0) return;
      const seen = assignedBefore.map((e) => `${e.name}: ${e.valueText ?? '…'}`).join(', ');
      findings.push(this.finding('circular-import-partial-exports', file, read.range,
        msg('{0} sees {1}\'s exports only partly filled (import cycle {2}): here they are {3}, and {4}. {5}', baseName(file), baseName(target), path, `{ ${seen} }`,
          assignedAfter.length === 1 ? msg('{0} is still missing', assignedAfter[0].name) : msg('{0} are still missing', assignedAfter.map((e) => e.name).join(', ')), why),
        'warning', [...relatedLocations, ...assignedAfter.map((e) => ({ file: target, ...e.range, ...localized(msg('\'{0}\' is assigned here, after the cycle', e.name)) }))]));
      return;
    }
    if (available.has(read.name)) return;
    const later = targetFacts.commonJsExports.find((e) => e.name === read.name && e.offset > pause);
    if (!later) return;
    const finding = this.finding('circular-import-partial-exports', file, read.range,
      read.destructured
        ? msg('\'{0}\' of {1} is destructured while {1} is still loading (import cycle {2}), so it is undefined here and stays undefined: it is assigned only on line {3}. {4}',
          read.name, baseName(target), path, later.range.line, why)
        : msg('\'{0}\' of {1} is read while {1} is still loading (import cycle {2}), so it is undefined here: it is assigned only on line {3}. {4}',
          read.name, baseName(target), path, later.range.line, why),
      'warning', [...relatedLocations, { file: target, ...later.range, ...localized(msg('\'{0}\' is assigned here, after the cycle', read.name)) }]);
    if (read.lazyFix) finding.fixes = [{ title: read.lazyFix.title, titleParts: read.lazyFix.titleParts, edits: read.lazyFix.edits.map((edit) => ({ file, ...edit })) }];
    findings.push(finding);
  }

  /** Whether `file` is in the same strongly connected component as `other` (both reach each other). */
  private isCycleMember(file: string, other: string): boolean {
    return this.reaches(file, other) && this.reaches(other, file);
  }

  private reaches(from: string, to: string): boolean {
    const seen = new Set<string>([from]);
    const queue = [from];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (current === to) return true;
      for (const next of this.loadTimeTargets(current)) if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
    return false;
  }

  /** Follows re-exports to the declaration of an export. */
  private resolveExport(file: string, name: string, depth: number): { fact: ExportFact; file: string } | undefined {
    if (depth > 10) return undefined;
    const node = this.nodes.get(file);
    if (!node) return undefined;
    const fact = node.facts.exports[name];
    if (fact) {
      if (fact.kind === 'reexport' && fact.from) {
        const target = node.targets[fact.from.importIndex];
        if (!target) return undefined;
        if (fact.from.name === '*') return undefined;
        return this.resolveExport(target, fact.from.name, depth + 1);
      }
      return { fact, file };
    }
    for (const index of node.facts.starExports) {
      const target = node.targets[index];
      if (!target) continue;
      const found = this.resolveExport(target, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
}

/** A node builtin (`fs`, `node:fs`): no top-level await in it. */
function isBuiltinSpecifier(specifier: string): boolean {
  return specifier.startsWith('node:') || isBuiltin(specifier);
}

/** Load order of an import within its module: ES imports all run before the body, requires in place. */
function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function rankOf(facts: ModuleFacts, fact: ImportFact): number {
  if (facts.isEsm && (fact.kind === 'import' || fact.kind === 'export-from')) return fact.offset - 1e12;
  return fact.offset;
}

/** A path's folder (without a trailing separator, except for the root) and its last segment. */
function splitPath(file: string): { directory: string; name: string } {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return { directory: slash > 0 ? file.slice(0, slash) : file.slice(0, slash + 1), name: file.slice(slash + 1) };
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '');
}

// A syntactic proof that walking a function on its own (the execution-order walk's second phase, see
// `ExecutionWalker.run` in hoisting.ts) can report nothing and change nothing other walks read, so that
// the walk may skip it. Pure: reads the tree and the file index, and answers yes or no.
//
// Every finding of that walk is a read of a binding before its initialisation or assignment, where
// the binding belongs to a function on the walked call stack (the file's own bindings are left out
// once the top level has run). Walked on its own, only the function's frame is on the stack at
// first; it adds frames only for what it calls. So the walk of `fn` can report something only if:
// - some read inside `fn` (nested functions included) can run before the binding it reads is
//   initialised or assigned, or
// - it runs code outside `fn` that can report something or that later walks see as walked.
// The test rules both out by syntax alone, conservatively: a function it cannot prove quiet is walked
// as before. It reads only the index's lists (all in document order, so a function's part of each
// is found by a search that gallops from where the previous test's search ended, see `seek`): no walk
// of the tree, since a test per function that walked its nodes cost as much as the walk it saves
// (session 10: ~7 ms for the 767 functions of the bench file).
import type * as TS from 'typescript';
import { kindCategoryTable, type TypeScriptModule } from '../syntax/index';
import type { FileIndex } from './context';

/** What the test needs from the walker: the file's callable targets by name, and which functions are trivially quiet leaves. */
export interface QuietFunctionHost {
  /**
   * Every function, class or getter of the file a callee, `new`, getter read or tagged template
   * spelling a name (as an identifier or a property name) may run, by that name; and those that any
   * name may denote.
   */
  forEachTarget(callback: (name: string, targets: readonly TS.Node[]) => void): void;
  targetsOfAnyName(): readonly TS.Node[];
  /**
   * Whether walking the function from anywhere reports nothing and runs nothing else: no declarations of
   * its own, no call, `new` or class definition in its own code, no parameter default that can read a
   * binding in its TDZ (the walker's own test for skipping a function on its own).
   */
  isLeafFunction(fn: TS.Node): boolean;
}

/**
 * Method names the walk gives a meaning of its own (listeners added and run, generators resumed,
 * callbacks run with another `this`, promise handlers, iterables drained): a function that spells one
 * is walked, whatever the receiver.
 */
const MEANINGFUL_NAMES = new Set([
  'on', 'addListener', 'once', 'prependListener', 'prependOnceListener', 'addEventListener',
  'off', 'removeListener', 'removeAllListeners', 'removeEventListener', 'emit', 'dispatchEvent',
  'next', 'call', 'apply', 'bind', 'abort', 'then', 'catch', 'finally', 'from', 'eval',
]);

/**
 * A binding in `QuietFunctionTest.bindingData`: where its reads are safe (at or after this position,
 * the end of its declaration), the range of the scope it lives in, and the previous binding of the
 * same name.
 */
const BINDING_INITIALISED_AT = 0;
const BINDING_START = 1;
const BINDING_END = 2;
const BINDING_PREVIOUS = 3;
const BINDING_SIZE = 4;

/**
 * Tests functions for the walker; one per walk. A function is quiet when, in it and every function
 * nested in it:
 * - no function declaration (hoisted: callable before the bindings it reads), `switch` (a case's
 *   lexical binding is visible in later cases it does not run), `with`, decorator or `super` call;
 * - every `var` is declared with an initialiser in a statement directly in a function body, and
 *   every read of a binding declared in the function comes after its declaration's end, within the
 *   binding's scope (for `for…in`/`for…of` heads, after the iterated expression);
 * - every name it spells that can denote a function, class or getter of the file outside it denotes
 *   only leaves (see `QuietFunctionHost.isLeafFunction`; a class: no `extends`, no field initialisers
 *   other than literals, a leaf constructor), and it spells none of `MEANINGFUL_NAMES`;
 * - every `for…of` or spread iterates an array literal, a call, a member, a name declared inside the
 *   function or a name no let/const/var of the file declares (the walk runs the generator a variable
 *   declared elsewhere may hold).
 */
export class QuietFunctionTest {
  private readonly leafClassCache = new Map<TS.Node, boolean>();
  private nonLeavesCache: { byName: Map<string, readonly TS.Node[]>; ofAnyName: readonly TS.Node[] } | undefined;
  /**
   * The bindings declared in the function being tested, kept in structures reused from one test to
   * the next: the walker tests hundreds of functions a check, and a map, a list per name and an
   * object per binding for each of them were ~0.6 MB of a 5,000-line check's ~13.4 MB of allocation
   * (sampling heap profile, session 12). `bindingData` holds four numbers per binding (see
   * `BINDING_*`), `bindingNames` its name, `bindingCount` how many belong to the current test.
   * `lastBindingOf` gives a name's most recent binding, whose `BINDING_PREVIOUS` links the earlier
   * ones of the same name (-1 ends the chain). Entries of earlier tests are never deleted (deleting
   * made the map shrink and grow again): an entry counts only if it points at a binding of the
   * current test with that name (`bindingAt`), which is the case exactly when the current test
   * declared the name, since each declaration updates the entry.
   */
  private readonly lastBindingOf = new Map<string, number>();
  private readonly bindingData: number[] = [];
  private readonly bindingNames: string[] = [];
  private bindingCount = 0;
  /**
   * Per list of the index (see `Cursor`), where the previous test's search ended. The walker tests
   * functions in document order, so each search starts there and gallops forward: binary searches
   * from the start of lists of tens of thousands of nodes, each step reading a node far from the
   * last, were a third of the test's time (CPU profile line ticks, 5,000-line bench file, session 12).
   */
  private readonly cursors = new Int32Array(Cursor.Count);
  private readonly declarationNameParents: Uint8Array;
  private readonly blockScoped: number;
  private readonly kinds: {
    functionDeclaration: TS.SyntaxKind; functionExpression: TS.SyntaxKind; forOf: TS.SyntaxKind; forIn: TS.SyntaxKind; catchClause: TS.SyntaxKind;
    superKeyword: TS.SyntaxKind; propertyAccess: TS.SyntaxKind; identifier: TS.SyntaxKind; arrayLiteral: TS.SyntaxKind; privateIdentifier: TS.SyntaxKind;
  };

  constructor(private readonly ts: TypeScriptModule, private readonly index: FileIndex, private readonly host: QuietFunctionHost) {
    const kind = ts.SyntaxKind;
    this.declarationNameParents = declarationNameParents(ts);
    this.blockScoped = ts.NodeFlags.BlockScoped;
    this.kinds = {
      functionDeclaration: kind.FunctionDeclaration, functionExpression: kind.FunctionExpression, forOf: kind.ForOfStatement, forIn: kind.ForInStatement,
      catchClause: kind.CatchClause, superKeyword: kind.SuperKeyword, propertyAccess: kind.PropertyAccessExpression, identifier: kind.Identifier,
      arrayLiteral: kind.ArrayLiteralExpression, privateIdentifier: kind.PrivateIdentifier,
    };
  }

  isQuiet(fn: TS.SignatureDeclaration): boolean {
    const ts = this.ts;
    const kinds = this.kinds;
    const index = this.index;
    const start = fn.pos;
    const end = fn.end;
    if (this.seek(index.irregularNodes, Cursor.IrregularNodes, start, end) >= 0 || this.seek(index.caseBlocks, Cursor.CaseBlocks, start, end) >= 0) return false;
    const functions = index.functionLikes;
    const firstFunction = this.seek(functions, Cursor.FunctionLikes, start, end);
    const identifiers = index.identifiers;
    const firstIdentifier = this.seek(identifiers, Cursor.Identifiers, start, end);
    // A large function is walked rather than proved: the proof reads every identifier and nested
    // function in it, and a file of thousands of nested functions each tested in turn would cost
    // time quadratic in their depth (3,000 nested arrows: 2.5-3.6 s instead of 0.2-0.3 s).
    if (hasMoreWithin(functions, firstFunction, MAX_NESTED_FUNCTIONS, end) || hasMoreWithin(identifiers, firstIdentifier, MAX_IDENTIFIERS, end)) return false;
    this.forgetBindings();
    // Function-likes: the function and those nested in it (a nested function declaration is hoisted).
    for (let i = firstFunction; i >= 0 && i < functions.length && functions[i].pos < end; i++) {
      const inner = functions[i];
      if (inner !== fn && inner.kind === kinds.functionDeclaration) return false;
      for (const parameter of inner.parameters) this.declare(parameter.name, parameter.end, inner);
      if (inner.kind === kinds.functionExpression && (inner as TS.FunctionExpression).name) this.declare((inner as TS.FunctionExpression).name!, inner.end, inner);
    }
    const variables = index.variableDeclarations;
    for (let i = this.seek(variables, Cursor.VariableDeclarations, start, end); i >= 0 && i < variables.length && variables[i].pos < end; i++) {
      const declaration = variables[i];
      const list = declaration.parent;
      const owner = list.parent;
      if (owner.kind === kinds.forOf || owner.kind === kinds.forIn) {
        if ((list.flags & this.blockScoped) === 0) return false;
        this.declare(declaration.name, (owner as TS.ForInOrOfStatement).expression.end, owner);
      } else if (list.kind === kinds.catchClause) {
        this.declare(declaration.name, declaration.end, list);
      } else if ((list.flags & this.blockScoped) === 0) {
        // `var a = 1` directly in a function body: assigned before any later statement of that body runs.
        const body = owner.parent;
        if (!declaration.initializer || !ts.isVariableStatement(owner) || !ts.isBlock(body) || !ts.isFunctionLike(body.parent)) return false;
        this.declare(declaration.name, declaration.end, body.parent);
      } else {
        this.declare(declaration.name, declaration.end, ts.isForStatement(owner) ? owner : owner.parent);
      }
    }
    const classes = index.classDeclarations;
    for (let i = this.seek(classes, Cursor.ClassDeclarations, start, end); i >= 0 && i < classes.length && classes[i].pos < end; i++) {
      const declaration = classes[i];
      if (declaration.name) this.declare(declaration.name, declaration.end, declaration.parent);
    }
    // `super(...)` and `super.m()` run the base class's code.
    const calls = index.calls;
    for (let i = this.seek(calls, Cursor.Calls, start, end); i >= 0 && i < calls.length && calls[i].pos < end; i++) {
      const callee = calls[i].expression;
      if (callee.kind === kinds.superKeyword) return false;
      if (callee.kind === kinds.propertyAccess && (callee as TS.PropertyAccessExpression).expression.kind === kinds.superKeyword) return false;
    }
    // Every name it spells must denote only leaves outside it (or nothing of the file), and none may be
    // one of MEANINGFUL_NAMES: one lookup per name (`nonLeaves`). What any name may denote is the same
    // for every name, so it is looked at once.
    const nonLeaves = this.nonLeaves();
    const anyNameRunsOutside = anyOutside(nonLeaves.ofAnyName, start, end);
    for (let i = firstIdentifier; i >= 0 && i < identifiers.length && identifiers[i].pos < end; i++) {
      const identifier = identifiers[i];
      const parent = identifier.parent as TS.Node & { name?: TS.Node; label?: TS.Node };
      // A declaration's own name (or a label) runs nothing and reads nothing.
      if (parent.name === identifier ? this.declarationNameParents[parent.kind] === 1 : parent.label === identifier) continue;
      if (anyNameRunsOutside) return false;
      const named = nonLeaves.byName.get(identifier.escapedText as string);
      if (named !== undefined && (named === MEANINGFUL || anyOutside(named, start, end))) return false;
      // `o.name`: a property read (which may run a getter or name a method), not a read of a binding;
      // `this.#m` (called, passed as a callback, a tag) names a private method and no binding either.
      if (identifier.kind === kinds.privateIdentifier || (parent.kind === kinds.propertyAccess && parent.name === identifier)) continue;
      const binding = this.scopeOf(identifier as TS.Identifier);
      if (binding >= 0 && identifier.pos < this.bindingData[binding + BINDING_INITIALISED_AT]) return false;
    }
    const loops = index.loops;
    for (let i = this.seek(loops, Cursor.Loops, start, end); i >= 0 && i < loops.length && loops[i].pos < end; i++) {
      if (loops[i].kind === kinds.forOf && !this.iteratesSafely((loops[i] as TS.ForOfStatement).expression)) return false;
    }
    const spreads = index.spreads;
    for (let i = this.seek(spreads, Cursor.Spreads, start, end); i >= 0 && i < spreads.length && spreads[i].pos < end; i++) {
      if (!this.iteratesSafely(spreads[i].expression)) return false;
    }
    return true;
  }

  /**
   * The index of the first node of a list in document order that starts within [start, end), or -1,
   * searched from the list's cursor. Nodes in document order have ascending `pos` (a parent before
   * its children, siblings in order).
   */
  private seek(nodes: readonly TS.Node[], cursor: Cursor, start: number, end: number): number {
    let low = this.cursors[cursor];
    // A test before the previous one in the document (not the walker's order): search from the start.
    if (low > nodes.length || (low > 0 && nodes[low - 1].pos >= start)) low = 0;
    let high = low;
    let step = 1;
    while (high < nodes.length && nodes[high].pos < start) {
      low = high + 1;
      high += step;
      step *= 2;
    }
    if (high > nodes.length) high = nodes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (nodes[middle].pos < start) low = middle + 1;
      else high = middle;
    }
    this.cursors[cursor] = low;
    return low < nodes.length && nodes[low].pos < end ? low : -1;
  }

  /** Empties the bindings of the previous test (see `lastBindingOf`). */
  private forgetBindings(): void {
    this.bindingCount = 0;
  }

  /** The current test's latest binding of `name` (its offset in `bindingData`), or -1. */
  private bindingAt(name: string): number {
    const at = this.lastBindingOf.get(name);
    return at !== undefined && at < this.bindingCount * BINDING_SIZE && this.bindingNames[at / BINDING_SIZE] === name ? at : -1;
  }

  /** Records the bindings a name or pattern declares: readable from `initialisedAt` on, within `scope`. */
  private declare(name: TS.BindingName, initialisedAt: number, scope: TS.Node): void {
    if (name.kind === this.kinds.identifier) {
      const key = (name as TS.Identifier).escapedText as string;
      const previous = this.bindingAt(key);
      const at = this.bindingCount * BINDING_SIZE;
      const data = this.bindingData;
      data[at + BINDING_INITIALISED_AT] = initialisedAt;
      data[at + BINDING_START] = scope.pos;
      data[at + BINDING_END] = scope.end;
      data[at + BINDING_PREVIOUS] = previous;
      this.bindingNames[this.bindingCount] = key;
      this.lastBindingOf.set(key, at);
      this.bindingCount++;
      return;
    }
    for (const element of (name as TS.BindingPattern).elements) {
      if (!this.ts.isOmittedExpression(element)) this.declare(element.name, initialisedAt, scope);
    }
  }

  /**
   * Where in `bindingData` the innermost binding of the name whose scope holds the read starts (scopes
   * nest, so the smallest), or -1.
   */
  private scopeOf(identifier: TS.Identifier): number {
    const data = this.bindingData;
    let found = -1;
    let foundSize = 0;
    for (let at = this.bindingAt(identifier.escapedText as string); at >= 0; at = data[at + BINDING_PREVIOUS]) {
      const start = data[at + BINDING_START];
      const end = data[at + BINDING_END];
      // The chain runs from the latest binding to the first; `<=` keeps the first of equal scopes
      // (a parameter before a `var` of the same name), as declaration order did.
      if (start <= identifier.pos && identifier.end <= end && (found < 0 || end - start <= foundSize)) {
        found = at;
        foundSize = end - start;
      }
    }
    return found;
  }

  /**
   * Whether iterating the expression (`for…of`, spread) runs no generator of the file: an array
   * literal, a call, a member, a name declared inside the function tested or one no let/const/var of
   * the file declares.
   */
  private iteratesSafely(expression: TS.Expression): boolean {
    const ts = this.ts;
    let iterated = expression;
    while (ts.isParenthesizedExpression(iterated)) iterated = iterated.expression;
    if (iterated.kind !== this.kinds.identifier) return iterated.kind === this.kinds.arrayLiteral || ts.isCallExpression(iterated) || ts.isPropertyAccessExpression(iterated);
    return !this.index.declaredNames.has((iterated as TS.Identifier).escapedText as string) || this.scopeOf(iterated as TS.Identifier) >= 0;
  }

  /**
   * The targets that are not leaves, by name, found once per file: most names a function spells denote
   * no target or only leaves, and the bench file spells ~2,600 distinct names. `MEANINGFUL_NAMES` map
   * to `MEANINGFUL`.
   */
  private nonLeaves(): { byName: Map<string, readonly TS.Node[]>; ofAnyName: readonly TS.Node[] } {
    if (this.nonLeavesCache) return this.nonLeavesCache;
    const byName = new Map<string, readonly TS.Node[]>();
    for (const name of MEANINGFUL_NAMES) byName.set(name, MEANINGFUL);
    // Most names denote only leaves: a list is made only for a name with a target that is not one.
    // A name can denote a function and a class (or a getter): the lists of both kinds are merged.
    this.host.forEachTarget((name, targets) => {
      if (byName.get(name) === MEANINGFUL) return;
      for (const target of targets) {
        if (this.isLeaf(target)) continue;
        let list = byName.get(name) as TS.Node[] | undefined;
        if (!list) byName.set(name, list = []);
        list.push(target);
      }
    });
    this.nonLeavesCache = { byName, ofAnyName: this.host.targetsOfAnyName().filter((target) => !this.isLeaf(target)) };
    return this.nonLeavesCache;
  }

  private isLeaf(target: TS.Node): boolean {
    const ts = this.ts;
    if (!ts.isClassLike(target)) return this.host.isLeafFunction(target);
    let known = this.leafClassCache.get(target);
    if (known === undefined) {
      known = !target.heritageClauses?.length && target.members.every((member) => {
        if (ts.isConstructorDeclaration(member)) return this.host.isLeafFunction(member);
        if (ts.isPropertyDeclaration(member)) return !member.initializer || isLiteral(ts, member.initializer);
        return !ts.isClassStaticBlockDeclaration(member);
      });
      this.leafClassCache.set(target, known);
    }
    return known;
  }
}

/** Bounds of the proof's work per function (see `isQuiet`): a function over either is walked. */
const MAX_NESTED_FUNCTIONS = 64;
const MAX_IDENTIFIERS = 4000;

/** The entry of `QuietFunctionTest.nonLeaves` for a name the walk gives a meaning of its own: the test fails on it. */
const MEANINGFUL: readonly TS.Node[] = [];

/** Whether some node of the list lies outside [start, end). */
function anyOutside(nodes: readonly TS.Node[], start: number, end: number): boolean {
  for (const node of nodes) {
    if (node.pos < start || node.end > end) return true;
  }
  return false;
}

/** Whether more than `limit` nodes of a list in document order start within [start, end), the first of them at `first` (-1: none). */
function hasMoreWithin(nodes: readonly TS.Node[], first: number, limit: number, end: number): boolean {
  return first >= 0 && first + limit < nodes.length && nodes[first + limit].pos < end;
}

/** The lists of the file index the test searches, each with a cursor (`QuietFunctionTest.cursors`). */
const enum Cursor {
  IrregularNodes, CaseBlocks, FunctionLikes, Identifiers, VariableDeclarations, ClassDeclarations, Calls, Loops, Spreads, Count,
}

function isLiteral(ts: TypeScriptModule, node: TS.Node): boolean {
  return ts.isLiteralExpression(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * The kinds whose `name` is a declaration's own name (a variable, parameter, function, class, method,
 * field, accessor or property): that identifier reads nothing and calls nothing.
 */
function declarationNameParents(ts: TypeScriptModule): Uint8Array {
  return kindCategoryTable(ts, 'quiet-function-declaration-names', (kind) => [
    [1, kind.VariableDeclaration, kind.Parameter, kind.BindingElement, kind.FunctionDeclaration, kind.FunctionExpression, kind.ClassDeclaration,
      kind.ClassExpression, kind.MethodDeclaration, kind.PropertyDeclaration, kind.GetAccessor, kind.SetAccessor, kind.PropertyAssignment],
  ]);
}


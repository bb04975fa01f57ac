// The engine's own source rewrite, applied to every file before it runs in QuickJS. It splices
// text into the original rather than re-printing the AST, so every line keeps its number (only
// columns after an insertion move, and only on that line). Everything inserted is a synchronous
// call that returns its argument, so no promise job or tick is added or removed.
//
//  1. `catch (e) {` gets `e = __looplens_seen(e);` first: an error QuickJS created (TypeError,
//     ReferenceError, stack overflow) is reworded into V8's message the moment the program can
//     see it (sandbox/errors.ts explains why translation cannot happen earlier). A `try` with a
//     `finally` and no `catch` gets `catch (__looplens_passing) { throw __looplens_seen(...); }`:
//     the error is translated before the finally block runs code of its own (item 11's remembered
//     operands are the throw's only until then).
//  2. `await x` becomes `__looplens_resumed(await __looplens_awaited(x), line, column)`: `awaited`
//     marks `x` handled for the unhandled-rejection tracker (sandbox/rejections.ts; `await` itself
//     is invisible to JavaScript), `resumed` tells the host which await the running job resumes.
//  3. Async function bodies are wrapped in `try { ... } catch (e) { __looplens_asyncThrew(e);
//     throw e; }` so a rejection of the function's own promise is seen even when nobody ever
//     touches that promise.
//  4. `throw x` becomes `throw __looplens_throwSite(x, line, column)`: Node's crash report quotes
//     the line of the throw statement, which no stack trace records.
//  5. `for await` loops do not close an iterator that finished, and loops left early await the
//     iterator's return() (QuickJS does neither).
//  6. node-legacy only: Node < 11 (V8 6.x) took three ticks per `await` of a native promise; the
//     old semantics are exactly `await new Promise((resolve) => resolve(x))`
//     (`__looplens_legacyAwait`). Measured against Node 10.24.1: `a1 end` prints after a `.then`
//     queued later in the same tick, as the seed's async/await section shows.
//  7. Node models only: `import('x')` becomes `__looplens_import(() => import('x'), 'x')`, and
//     `import(expression)` `__looplens_import((s) => import(s), expression)` (the specifier's value,
//     evaluated where import() is called): Node reads an imported file asynchronously, so the
//     module body runs in a later poll phase, after the promise jobs already queued; QuickJS would
//     evaluate it in the next promise job (sandbox/modules.ts). This call returns a promise in
//     place of the one import() returns.
//  8. Functions whose frame name depends on the call's receiver (frameNames.ts says which) start
//     with `__looplens_this(entry, this, new.target);`: the sandbox names their frames after that
//     receiver (a construct call is `new F` whatever the receiver).
//  9. Async stack frames (`at async f (file:line:column)`): each wrapped async body keeps an
//     activation (`const __looplens_activationN = __looplens_asyncEnter(entry, name, this)` before
//     the `try`, `finally { __looplens_asyncLeave(...) }` after it), and each await in it reports
//     where the activation waits and on what: `__looplens_suspend(activation, line, column, mark,
//     combinator, x)`. When `x` is a call, `mark` (`__looplens_mark()`, evaluated before the call)
//     collects the async functions the call starts, which V8 would show awaited by this one;
//     elements of a `Promise.all([...])` literal announce their index (`__looplens_element(i)`).
//     A call that is not awaited where it is made, to a function named like one of the file's
//     async functions, becomes `__looplens_promiseOf(__looplens_mark(), call)`, which returns the
//     call's result unchanged (the same promise, no promise job) and remembers which activation
//     made it, so that a later `await p` links to it; a combinator given a non-literal array
//     (`Promise.all(list)`) is handed it through `__looplens_elements(list)` for the same purpose.
// 10. `class A extends x {` becomes `class A extends __looplens_heritage(x) {`: when x is not a
//     constructor, V8's message prints x's value ("Class extends value 5 is not a constructor or
//     null"), which QuickJS's message leaves out and the source gives only for a literal. The call
//     remembers the value and returns it unchanged; QuickJS still throws its own error in place.
// 11. Operands whose value V8's message prints and QuickJS's leaves out are remembered in a global
//     of the sandbox's, `(__looplens_<role> = x/*@ll*/)`: the receiver of `.push/.pop/.shift/
//     .unshift/.splice/...` (a frozen array's length: "Cannot add property 3"), the callback of
//     `.map/.forEach/...`, of `Array.from` and `new Promise` with the method's name beside it
//     (`__looplens_callbackMethod`: "5 is not a function" is only that call's), the receiver of
//     `.forEach` (a Set's or Map's callback is printed by type: "number 5"), both sides of `in` and
//     the right side of `instanceof`, and the receiver of every property write `x.p = v` / `x[k] = v`
//     (`s.x = 1`: "Cannot create property 'x' on string 'abc'"; a frozen class instance: "#<Point>"),
//     and every computed key that is not a literal (`u[k]`: "Cannot read properties of undefined
//     (reading 'x')"; a plain write's key, `u[k] = v`, has a role of its own). A written receiver
//     (also of a destructuring target, `[g.v] = list`, or a for-in/of head) ends with
//     `/*@ll@line:column*/` instead: where V8 places the write's failure (storeFailureOffset).
//     An assignment, not a call: these sit in hot loops (`list.push(x)` in a loop of 2M pushes cost
//     ~25% more CPU as a call; an assignment costs next to nothing), and
//     an anonymous function or class operand goes through `(0, x)` so the assignment does not name
//     it. The comment marks the end for sandbox/errors.ts, which strips the helpers before quoting
//     source. The value a declaration or assignment destructures goes through
//     `__looplens_destructure(x, site)`, where site (JSON) also carries the pattern's first property
//     and the value's source text, which V8's "Cannot destructure property 'a' of 'h.u'" quotes.
//     A sync for-of head with a pattern (`for (const { a } of list)`) has no such expression: its
//     iterable goes through `__looplens_forOf(list, site)`, whose iterator remembers each step's
//     result ("Cannot destructure property 'a' of '.for' as it is null.", forOfSite).

import { CALLBACK_ARRAY_METHODS } from './sandbox/moduleProtocol';

type TypeScript = typeof import('typescript');
type Node = import('typescript').Node;

export interface RewriteOptions {
  legacyAwait: boolean;
  /** Defer `import()` as Node's loader does (item 7); not for the browser model. */
  deferDynamicImport?: boolean;
  /**
   * The frame-name table's entries (engine/frameNames.ts) by the start of their function,
   * `line:column` (1-based, in the table's coordinates): items 8 and 9 name functions by entry.
   */
  frameIndex?: ReadonlyMap<string, number>;
  /** The entries whose frames V8 names after the call's receiver (item 8). */
  receiverFrames?: ReadonlySet<number>;
  /** Keep the async chain for V8's `at async` frames (item 9); Node < 12 printed none. */
  asyncFrames?: boolean;
  /** Maps a position of the text to the frame table's coordinates, where the trace's instrumentation moved columns. */
  tablePosition?: (line: number, column: number) => { line: number; column: number };
}

interface Insert {
  at: number;
  text: string;
  /**
   * Among inserts at the same offset: lower first. Opening text uses order <= 0 (outer structures,
   * pushed first, come first); closing text uses order > 0 (inner structures, pushed later, come first).
   */
  order: number;
}

export interface RewriteResult {
  code: string;
  /**
   * For each 1-based line of `code` whose columns moved: `map[column]` is the 1-based column in the
   * input text (index 0 unused). Lines are never added or removed.
   */
  columnMaps: Record<number, number[]>;
  /**
   * Every inserted piece of text as [offset in `code`, length], in order: the sandbox removes them
   * from `Function.prototype.toString` results, so programs print their functions as written.
   */
  insertions: number[][];
}

export function rewriteForEngine(ts: TypeScript, text: string, fileName: string, options: RewriteOptions, parsed?: import('typescript').SourceFile): RewriteResult {
  // `parsed`: the request's shared parse of `text` (applicable.ts parseJavaScript); the rewrite only reads it.
  const source = parsed?.text === text ? parsed : ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  // A file that does not parse is run as it is: the syntax error is the program's own output.
  if ((source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length) return { code: text, columnMaps: {}, insertions: [] };
  const inserts: Insert[] = [];
  let counter = 0;
  const tablePositionOf = (offset: number) => {
    const { line, character } = source.getLineAndCharacterOfPosition(offset);
    return options.tablePosition ? options.tablePosition(line + 1, character + 1) : { line: line + 1, column: character + 1 };
  };
  const frameEntryOf = (node: Node): number => {
    if (!options.frameIndex) return -1;
    const start = tablePositionOf(node.getStart(source));
    return options.frameIndex.get(`${start.line}:${start.column}`) ?? -1;
  };
  /** The activation variable of each enclosing function (null: not a wrapped async function). */
  const activations: (string | null)[] = [];
  const asyncNames = options.asyncFrames ? asyncFunctionNames(ts, source) : new Set<string>();

  const visit = (node: Node): void => {
    const isFunction = ts.isFunctionLike(node) && (node as import('typescript').FunctionLikeDeclaration).body !== undefined;
    let activation: string | null = null;
    const entry = isFunction ? frameEntryOf(node) : -1;
    if (isFunction) {
      const body = (node as import('typescript').FunctionLikeDeclaration).body!;
      if (options.asyncFrames && isAsyncFunction(ts, node)) {
        activation = `__looplens_activation${counter++}`;
      } else if (entry >= 0 && options.receiverFrames?.has(entry) && ts.isBlock(body) && !ts.isArrowFunction(node)) {
        inserts.push({ at: bodyStart(ts, source, body), text: ` __looplens_this(${entry}, this, new.target);`, order: -3 });
      }
      activations.push(activation);
    }

    if (ts.isCatchClause(node) && node.variableDeclaration) {
      const name = node.variableDeclaration.name;
      const blockStart = node.block.getStart(source) + 1;
      if (ts.isIdentifier(name)) {
        inserts.push({ at: blockStart, text: ` ${name.text} = __looplens_seen(${name.text});`, order: 0 });
      } else {
        // `catch ({ message })`: bind a plain name, then destructure the translated error.
        const temporary = `__looplens_caught${counter++}`;
        const pattern = name.getText(source);
        // The pattern stays in place as a comment (lines keep their numbers).
        inserts.push({ at: name.getStart(source), text: `${temporary}/*`, order: 0 });
        inserts.push({ at: name.getEnd(), text: '*/', order: 0 });
        inserts.push({ at: blockStart, text: ` let ${pattern.replace(/\n/g, ' ')} = __looplens_seen(${temporary});`, order: 0 });
      }
    }
    if (ts.isTryStatement(node) && !node.catchClause && node.finallyBlock) {
      // `try {} finally {}`: an error passing through is translated before the finally block runs
      // (item 1), as a caught one is, while the operands remembered for its message are its own.
      inserts.push({ at: node.tryBlock.getEnd(), text: ' catch (__looplens_passing) { throw __looplens_seen(__looplens_passing); }', order: 0 });
    }
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent) && node.types.length === 1) {
      const heritage = node.types[0].expression;
      inserts.push({ at: heritage.getStart(source), text: '__looplens_heritage(', order: 0 });
      inserts.push({ at: heritage.getEnd(), text: ')', order: 1 });
    }
    for (const [operand, role] of operandsToRemember(ts, source, node)) {
      if ('site' in role) {
        // Where V8's first frame and Node's crash caret point when this destructuring fails, in the user's text.
        const [frame, header, chromium] = [role.caret.frame, role.caret.header, role.caret.chromiumFrame].map(tablePositionOf);
        const nested = role.nested.map(({ key, first, offset }) => {
          const at = tablePositionOf(offset);
          return [key, first, at.line, at.column];
        });
        // Node 10's place, where known (legacyDestructuringFrame), else Node 20's.
        const legacy = tablePositionOf(legacyDestructuringFrame(ts, source, role.pattern, operand) ?? role.caret.frame);
        const site = { ...role.site, at: [frame.line, frame.column, header.line, header.column, chromium.line, chromium.column, legacy.line, legacy.column], ...(nested.length > 0 ? { nested } : {}) };
        inserts.push({ at: operand.getStart(source), text: '__looplens_destructure(', order: 0 });
        inserts.push({ at: operand.getEnd(), text: `, ${JSON.stringify(JSON.stringify(site))})`, order: 1 });
        continue;
      }
      const anonymous = isAnonymousDefinition(ts, operand);
      const before = role.before.map(([name, value]) => `__looplens_${name} = ${value}, `).join('');
      // A statement that starts with `(` would continue the previous line where it has no
      // semicolon (`const a = b` then `list.push(1)` became `b(...)`): `0, ` starts it instead.
      const guard = startsExpressionStatement(ts, source, operand) ? '0, ' : '';
      inserts.push({ at: operand.getStart(source), text: `${guard}(${before}__looplens_${role.name} = ${anonymous ? '(0, ' : ''}`, order: 0 });
      // A write's receiver: `@0:0` where V8's place is not known (the sandbox then keeps QuickJS's).
      const failsAt = role.failsAt === undefined ? null : role.failsAt === null ? { line: 0, column: 0 } : tablePositionOf(role.failsAt);
      const inChromium = role.failsAtInChromium === undefined ? null : tablePositionOf(role.failsAtInChromium);
      const place = failsAt ? `@${failsAt.line}:${failsAt.column}${inChromium ? `@${inChromium.line}:${inChromium.column}` : ''}` : '';
      inserts.push({ at: operand.getEnd(), text: anonymous ? '/*@ll0*/))' : failsAt ? `/*@ll${place}*/)` : '/*@ll*/)', order: 1 });
    }
    if (ts.isThrowStatement(node) && node.expression) {
      // Node's crash report quotes the line of the `throw`, which no stack trace records.
      // In the frame table's coordinates: the user's text, also when the trace's instrumentation moved columns.
      const at = tablePositionOf(node.getStart(source));
      inserts.push({ at: node.expression.getStart(source), text: '__looplens_throwSite(', order: 0 });
      inserts.push({ at: node.expression.getEnd(), text: `, ${at.line}, ${at.column})`, order: 1 });
    }
    const forOfPattern = ts.isForOfStatement(node) ? forOfHeadPattern(ts, node) : null;
    if (ts.isForOfStatement(node) && !node.awaitModifier && forOfPattern) {
      // A pattern in a for-of head destructures each element, which no expression gives: the
      // iterable goes through `__looplens_forOf`, whose iterator remembers each step's result for
      // V8's message ("Cannot destructure property 'a' of '.for' as it is null.").
      inserts.push({ at: node.expression.getStart(source), text: '__looplens_forOf(', order: 0 });
      inserts.push({ at: node.expression.getEnd(), text: `, ${JSON.stringify(JSON.stringify(forOfSite(ts, source, forOfPattern, tablePositionOf)))})`, order: 1 });
    }
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      // QuickJS gets `for await` wrong at both ends of the loop, so every one goes through the
      // sandbox's `__looplens_forAwait`, which puts it right:
      //  - Completed normally (done: true), the loop calls the iterator's return() all the same,
      //    where V8 does not close a finished iterator (measured: a user return() that logs prints in
      //    QuickJS only). The wrapper's return() skips that call.
      //  - Left early, it calls return() but does not await it (V8 does: AsyncIteratorClose). The
      //    loop is wrapped so the promise return() gave is awaited in a finally, exactly once,
      //    before the code after the loop runs.
      //  - Whether the loop is leaving early at all is told by the body (every loop: a body without
      //    a call can still throw, `v.x.y`): it marks the loop state `entered` when it starts, and
      //    the wrapper clears the mark at every next(). Reading the iterator's result again to find
      //    out would run a `done` getter twice, and a thenable's or a getter's answer cannot be read
      //    back without running user code.
      const id = counter++;
      const state = `__looplens_loop${id}`;
      // The block goes outside the loop's labels: `continue label` must still name the loop.
      let outermost: Node = node;
      while (ts.isLabeledStatement(outermost.parent)) outermost = outermost.parent;
      inserts.push({ at: outermost.getStart(source), text: `{ const ${state} = { entered: false, closing: undefined }; try { `, order: -1 });
      inserts.push({ at: node.expression.getStart(source), text: '__looplens_forAwait(', order: 0 });
      // A pattern in the head: its facts, for V8's message when a value cannot be destructured.
      const site = forOfPattern ? `, ${JSON.stringify(JSON.stringify(forOfSite(ts, source, forOfPattern, tablePositionOf)))}` : '';
      inserts.push({ at: node.expression.getEnd(), text: `, ${state}${site})`, order: 1 });
      inserts.push({ at: node.statement.getStart(source), text: `{ ${state}.entered = true; `, order: -1 });
      inserts.push({ at: node.statement.getEnd(), text: ' }', order: 2 });
      inserts.push({ at: node.getEnd(), text: ` } finally { if (${state}.closing) await ${state}.closing; } }`, order: 3 });
    }
    if (ts.isAwaitExpression(node)) {
      const operand = node.expression;
      const start = node.getStart(source);
      const { line, character } = source.getLineAndCharacterOfPosition(start);
      // The continuation announces itself first thing when it resumes, so its output is
      // attributed to this await (the resumption is a promise job like any other).
      inserts.push({ at: start, text: '__looplens_resumed(', order: 0 });
      inserts.push({ at: node.getEnd(), text: `, ${line + 1}, ${character + 1})`, order: 1 });
      // Legacy: the wrapper promise is what is awaited, so it is the one marked handled.
      const open = options.legacyAwait ? '__looplens_awaited(__looplens_legacyAwait(' : '__looplens_awaited(';
      const close = options.legacyAwait ? '))' : ')';
      inserts.push({ at: operand.getStart(source), text: open, order: 0 });
      inserts.push({ at: operand.getEnd(), text: close, order: 1 });
      // Pushed after the calls above, so it nests inside them, around the operand alone.
      const awaiting = activations[activations.length - 1];
      if (awaiting) markSuspension(ts, source, node, awaiting, tablePositionOf(start), inserts);
    }
    if (isAsyncFunction(ts, node) && node.body) {
      const tracked = activation === null ? null : { name: activation, entry, quickjsName: staticFunctionName(ts, node), receiver: ts.isArrowFunction(node) ? 'undefined' : 'this' };
      wrapAsyncBody(ts, source, node.body, inserts, counter++, tracked);
    }
    if (asyncNames.size > 0 && ts.isCallExpression(node) && remembersPromise(ts, node, asyncNames)) {
      inserts.push({ at: node.getStart(source), text: '__looplens_promiseOf(__looplens_mark(), ', order: 0 });
      inserts.push({ at: node.getEnd(), text: ')', order: 1 });
    }
    if (options.deferDynamicImport && ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const specifier = node.arguments[0];
      if (specifier && node.arguments.length === 1 && !ts.isStringLiteralLike(specifier) && !ts.isSpreadElement(specifier)) {
        // A computed specifier is evaluated now, where import() is called, and handed over as a
        // value: `__looplens_import((s) => import(s), /*import(*/x)` (the original `import(`
        // stays in place as a comment, so lines and the program's own text are kept).
        inserts.push({ at: node.getStart(source), text: '__looplens_import((__looplens_specifier) => import(__looplens_specifier), /*', order: 0 });
        // Closed right after the `(`, before any comment of the program's own there
        // (`import(/* webpackChunkName: "x" */ name)`), whose `*/` would end this one early.
        inserts.push({ at: node.arguments.pos, text: '*/', order: -1 });
      } else {
        const literal = specifier && ts.isStringLiteralLike(specifier) ? JSON.stringify(specifier.text) : 'undefined';
        inserts.push({ at: node.getStart(source), text: '__looplens_import(() => ', order: 0 });
        inserts.push({ at: node.getEnd(), text: `, ${literal})`, order: 1 });
      }
    }
    ts.forEachChild(node, visit);
    if (isFunction) activations.pop();
  };
  visit(source);
  if (inserts.length === 0) return { code: text, columnMaps: {}, insertions: [] };
  return applyInserts(text, inserts);
}

/** Array methods that fail on a frozen or sealed array with a message naming an index (item 11). */
const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'reverse', 'fill', 'sort', 'copyWithin']);
/**
 * Array methods whose message for a callback that is not a function prints the callback's value
 * (or, for a comparator, Chromium does: "The comparison function must be ...: 5").
 */
const ITERATION_METHODS = new Set([...CALLBACK_ARRAY_METHODS, 'sort', 'toSorted']);

/** Item 11: how an operand is remembered: the global it goes to, and globals set just before it (name, value text). */
interface OperandRole {
  name: string;
  before: [string, string][];
  /**
   * A property write's receiver: the offset where V8 places the write's failure (storeFailureOffset),
   * carried in the end marker as `/*@ll@line:column*\/` for sandbox/errors.ts; null when not known.
   */
  failsAt?: number | null;
  /** Where Chromium's V8 places it instead, when elsewhere (a for-of head: at the property, measured). */
  failsAtInChromium?: number;
}

/** Item 11: a value a declaration or assignment destructures, with the facts of its pattern. */
interface DestructuredValue {
  site: DestructuringSite;
  /** The offsets V8 reports a failure of this destructuring at (destructuringCaret). */
  caret: DestructuringCaret;
  /** Object patterns nested one level down (nestedObjectPatterns). */
  nested: NestedPattern[];
  /** The pattern itself (legacyDestructuringFrame). */
  pattern: Node;
}

/**
 * An object pattern nested in a destructuring pattern (`{ a: { b } }`, `[{ b }]`): the key or
 * index of the outer value it destructures, its first property, and the offset of that property's
 * target, where V8 places "Cannot read properties of undefined (reading 'b')" (measured). Or an
 * array pattern nested in an array pattern (`[[a]]`): `first` null, the offset its `[`, where V8
 * places "number 5 is not iterable (cannot read property Symbol(Symbol.iterator))" (measured).
 */
interface NestedPattern {
  key: string | number;
  first: string | null;
  offset: number;
}

/**
 * Whether `receiver` can be wrapped: not `super`, and not a link of an optional chain that goes on
 * past it (`state?.items.push(1)`), where the parentheses would end the chain there, so `.push`
 * would be read from undefined instead of the whole chain short-circuiting.
 */
function isWrappableReceiver(ts: TypeScript, receiver: Node): boolean {
  return receiver.kind !== ts.SyntaxKind.SuperKeyword && (receiver.flags & ts.NodeFlags.OptionalChain) === 0;
}

/** Whether `node` is where an expression statement starts (its first token is the statement's). */
function startsExpressionStatement(ts: TypeScript, source: import('typescript').SourceFile, node: Node): boolean {
  const start = node.getStart(source);
  for (let ancestor = node.parent; ancestor && ancestor.getStart(source) === start; ancestor = ancestor.parent) {
    if (ts.isExpressionStatement(ancestor)) return true;
  }
  return false;
}

/** Whether assigning `node` to a name would give it that name (an anonymous function or class, maybe parenthesised). */
function isAnonymousDefinition(ts: TypeScript, node: Node): boolean {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isArrowFunction(inner) || ((ts.isFunctionExpression(inner) || ts.isClassExpression(inner)) && inner.name === undefined);
}

/** Item 11: the operands of `node` whose values an error message may print, with their roles. */
function operandsToRemember(ts: TypeScript, source: import('typescript').SourceFile, node: Node): [Node, OperandRole | DestructuredValue][] {
  const role = (name: string, before: [string, string][] = []): OperandRole => ({ name, before });
  const hasCallback = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ITERATION_METHODS.has(node.expression.name.text) && node.arguments.length > 0 && !ts.isSpreadElement(node.arguments[0]);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ARRAY_MUTATORS.has(node.expression.name.text)) {
    const receiver = node.expression.expression;
    const remembered: [Node, OperandRole][] = isWrappableReceiver(ts, receiver) ? [[receiver, role('receiver')]] : [];
    // `sort(comparator)` also has a callback.
    if (hasCallback) remembered.push([node.arguments[0], role('callback', [['callbackMethod', JSON.stringify(node.expression.name.text)]])]);
    return remembered;
  }
  if (hasCallback && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const callback: [Node, OperandRole] = [node.arguments[0], role('callback', [['callbackMethod', JSON.stringify(method)]])];
    if (method !== 'forEach') return [callback];
    // Node prints a Set's or Map's forEach callback by type, an array's by value: the receiver tells which.
    const receiver = node.expression.expression;
    if (isWrappableReceiver(ts, receiver)) return [[receiver, role('callbackReceiver')], callback];
    callback[1].before.unshift(['callbackReceiver', 'undefined']);
    return [callback];
  }
  // `Array.from(items, mapFn)`: V8 prints a mapFn that is not a function by its value.
  if (ts.isCallExpression(node) && node.arguments.length > 1 && !node.arguments.slice(0, 2).some((argument) => ts.isSpreadElement(argument)) && node.expression.getText(source) === 'Array.from') {
    return [[node.arguments[1], role('callback', [['callbackMethod', '"from"']])]];
  }
  // `new Promise(executor)`: V8 prints an executor that is not a function by its value ("Promise resolver 5").
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Promise' && node.arguments?.length && !ts.isSpreadElement(node.arguments[0])) {
    return [[node.arguments[0], role('callback', [['callbackMethod', '"Promise"']])]];
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InKeyword) {
    // `#field in x` is a brand check with messages of its own.
    if (ts.isPrivateIdentifier(node.left)) return [];
    return [[node.left, role('inKey')], [node.right, role('inTarget')]];
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return [[node.right, role('instanceofTarget')]];
  // A computed key that is not a literal (`u[k]`, `list[i].name`, `u[k]()`, `u[k] = 1`): V8 names
  // its value when the object is undefined or null ("reading 'x'", "setting 'Symbol(s)'"), QuickJS
  // leaves out a read's key and prints a write's converted to a string. The key is the last operand
  // evaluated before a read fails; a plain write evaluates its value after it, so a write's key has
  // a role of its own. Wrapping the key, not the receiver, keeps optional chains whole.
  // A property written by a destructuring pattern or a for-in/of head (`[g.v] = [2]`, `for (o.ro of
  // list)`): its receiver too, as for a write with `=` below.
  const patternTarget = (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isPlainWriteTarget(ts, node) && !isAssignmentLeft(ts, node) && isWrappableReceiver(ts, node.expression)
    ? [node.expression, { ...role('writeTarget'), failsAt: storeFailureOffset(ts, source, node), ...(isForOfHead(ts, node) && ts.isPropertyAccessExpression(node) ? { failsAtInChromium: node.name.getStart(source) } : {}) }] as [Node, OperandRole]
    : null;
  if (ts.isElementAccessExpression(node) && !isLiteralKey(ts, node.argumentExpression)) {
    const key: [Node, OperandRole] = [node.argumentExpression, role(isPlainWriteTarget(ts, node) ? 'writeKey' : 'key')];
    return patternTarget ? [patternTarget, key] : [key];
  }
  if (patternTarget) return [patternTarget];
  // A property write that fails in strict code: V8 prints the value written to, which the source
  // does not say (`greeting.shout = true` on a string: "on string 'hello'"; `point.x = 2` on a
  // frozen class instance: "of object '#<Point>'"; `list.length = 0` on a frozen array: '[object
  // Array]'), so the receiver is taken where the write happens, whatever expression gives it. A
  // compound write (`o.n += 1`, `o.n++`) fails the same way and is taken too, so the message never
  // names the receiver of an earlier write (review rv9 #4).
  const isAssignment = (kind: import('typescript').SyntaxKind) =>
    kind === ts.SyntaxKind.EqualsToken || (kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment);
  const isStep = (kind: import('typescript').SyntaxKind) => kind === ts.SyntaxKind.PlusPlusToken || kind === ts.SyntaxKind.MinusMinusToken;
  const written = ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind) ? node.left
    : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isStep(node.operator) ? node.operand : undefined;
  if (written && (ts.isPropertyAccessExpression(written) || ts.isElementAccessExpression(written)) && isWrappableReceiver(ts, written.expression)) {
    return [[written.expression, { ...role('writeTarget'), failsAt: storeFailureOffset(ts, source, written) }]];
  }
  let pattern: Node | undefined;
  let value: Node | undefined;
  if (ts.isVariableDeclaration(node) && node.initializer && (ts.isObjectBindingPattern(node.name) || ts.isArrayBindingPattern(node.name))) {
    pattern = node.name;
    value = node.initializer;
  } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isObjectLiteralExpression(node.left) || ts.isArrayLiteralExpression(node.left))) {
    pattern = node.left;
    value = node.right;
  }
  if (!pattern || !value) return [];
  return [[value, { site: destructuringSite(ts, source, pattern, value), caret: destructuringCaret(ts, source, pattern, value), nested: nestedObjectPatterns(ts, source, pattern), pattern }]];
}

/** The destructuring pattern of a for-of head (`for (const { a } of list)`, `for ([a] of list)`), else null. */
function forOfHeadPattern(ts: TypeScript, node: import('typescript').ForOfStatement): Node | null {
  const head = node.initializer;
  if (ts.isVariableDeclarationList(head)) {
    const name = head.declarations.length === 1 ? head.declarations[0].name : undefined;
    return name && (ts.isObjectBindingPattern(name) || ts.isArrayBindingPattern(name)) ? name : null;
  }
  return ts.isObjectLiteralExpression(head) || ts.isArrayLiteralExpression(head) ? head : null;
}

/**
 * The facts of a for-of head's pattern for V8's message when an element cannot be destructured
 * (measured in Node 20): V8 names the element `.for`. A declaration's object pattern words it as a
 * declaration does ("Cannot destructure property 'a' of '.for' as it is null.", placed as
 * destructuringCaret places it), its array pattern ".for is not iterable" at the pattern's `]`; an
 * assignment's object pattern reads its first property ("Cannot read properties of null (reading
 * 'a')", or without the key for `{}`), its array pattern prints the value's type ("number 5 is not
 * iterable ...", at its `[`).
 */
function forOfSite(ts: TypeScript, source: import('typescript').SourceFile, pattern: Node, tablePositionOf: (offset: number) => { line: number; column: number }): object {
  const site = destructuringSite(ts, source, pattern, pattern);
  const assignment = ts.isObjectLiteralExpression(pattern) || ts.isArrayLiteralExpression(pattern);
  let offset: number;
  if (site.array) offset = assignment ? pattern.getStart(source) : pattern.getEnd() - 1;
  else offset = destructuringCaret(ts, source, pattern, pattern).frame;
  // Chromium: as destructuringCaret says for a declaration (a rest at the pattern, measured in 156;
  // Chromium 150 places it at its name, as Node does).
  const at = tablePositionOf(offset);
  const chromium = site.array ? at : tablePositionOf(destructuringCaret(ts, source, pattern, pattern).chromiumFrame);
  const nested = nestedObjectPatterns(ts, source, pattern).map(({ key, first, offset: inner }) => {
    const place = tablePositionOf(inner);
    return [key, first, place.line, place.column];
  });
  return {
    ...site,
    text: '.for',
    name: !assignment,
    callee: null,
    ...(assignment && !site.array ? { reads: true } : {}),
    at: [at.line, at.column, at.line, at.column, chromium.line, chromium.column],
    ...(nested.length > 0 ? { nested } : {}),
  };
}

/** Whether `node` is the head of a for-of loop (`for (o.p of list)`), maybe parenthesised. */
function isForOfHead(ts: TypeScript, node: Node): boolean {
  let target = node;
  while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
  return ts.isForOfStatement(target.parent) && target.parent.initializer === target;
}

/** Whether `node` is the left side of an assignment (`=`, `+=`, `||=`...), maybe parenthesised. */
function isAssignmentLeft(ts: TypeScript, node: Node): boolean {
  let target = node;
  while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
  const parent = target.parent;
  const kind = ts.isBinaryExpression(parent) && parent.left === target ? parent.operatorToken.kind : undefined;
  return kind !== undefined && (kind === ts.SyntaxKind.EqualsToken || (kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment));
}

/**
 * Where V8 places a failed write of the property `target` (a getter-only or read-only property in
 * strict code), measured in Node 20: a write with an operator (`o.p = v`, `o.p += v`, `o.p ||= v`,
 * `o.p++`) at the operator; a prefixed step (`++o.p`) at the target's last token (the name, or `]`);
 * a for-in head at the name; a destructuring target (`[o.p] = list`, also with a default) or a
 * for-of head at the last position V8 records while evaluating the target's receiver and key
 * (v8RecordedOffset: `g` in `[g.v]`, `inner` in `[g.inner.w]`, `k` in `[g[k]]`), else at the name
 * or `[`. Null where not measured.
 */
function storeFailureOffset(ts: TypeScript, source: import('typescript').SourceFile, target: import('typescript').PropertyAccessExpression | import('typescript').ElementAccessExpression): number | null {
  let outer: Node = target;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  const ownPosition = ts.isPropertyAccessExpression(target) ? target.name.getStart(source) : target.argumentExpression.getFullStart() - 1;
  if (ts.isPrefixUnaryExpression(parent)) return ts.isPropertyAccessExpression(target) ? ownPosition : target.getEnd() - 1;
  if (ts.isPostfixUnaryExpression(parent)) return parent.getEnd() - 2;
  if (ts.isForInStatement(parent)) return ts.isPropertyAccessExpression(target) ? ownPosition : null;
  const inPattern = isPlainWriteTarget(ts, target) && (!isAssignmentLeft(ts, target) || isPlainWriteTarget(ts, parent));
  if (!inPattern) return ts.isBinaryExpression(parent) ? parent.operatorToken.getStart(source) : null;
  const key = ts.isElementAccessExpression(target) ? v8RecordedOffset(ts, source, target.argumentExpression) : null;
  if (key === undefined) return null;
  const receiver = key ?? v8RecordedOffset(ts, source, target.expression);
  return receiver === undefined ? null : receiver ?? ownPosition;
}

/**
 * The last source position V8 records while evaluating `expression` (its expression positions,
 * measured through the places of failed writes): a name where it is read, a property read at its
 * name (`inner` in `g.inner`) or `[`, a call at its callee's last name (`f` in `f(x)`, `m` in
 * `o.m()`) or else `(`; null for what records none (`this`, literals); undefined where not known.
 */
function v8RecordedOffset(ts: TypeScript, source: import('typescript').SourceFile, expression: Node): number | null | undefined {
  if (ts.isParenthesizedExpression(expression)) return v8RecordedOffset(ts, source, expression.expression);
  if (ts.isIdentifier(expression)) return expression.getStart(source);
  if (expression.kind === ts.SyntaxKind.ThisKeyword || ts.isStringLiteral(expression) || ts.isNumericLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)
    || expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword || expression.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.getStart(source);
  // A condition whose branches record nothing (`a.length ? 'v' : 'w'`): the condition's.
  if (ts.isConditionalExpression(expression)) {
    const [whenTrue, whenFalse] = [v8RecordedOffset(ts, source, expression.whenTrue), v8RecordedOffset(ts, source, expression.whenFalse)];
    return whenTrue === null && whenFalse === null ? v8RecordedOffset(ts, source, expression.condition) : undefined;
  }
  if (ts.isElementAccessExpression(expression)) return expression.argumentExpression.getFullStart() - 1;
  if (ts.isCallExpression(expression) && !expression.questionDotToken) {
    const callee = expression.expression;
    if (ts.isIdentifier(callee)) return callee.getStart(source);
    if (ts.isPropertyAccessExpression(callee)) return callee.name.getStart(source);
    return expression.arguments.pos - 1;
  }
  return undefined;
}

/** A key QuickJS's message already names: a string or an integer literal (`u['a']`, `u[0]`). */
function isLiteralKey(ts: TypeScript, key: Node): boolean {
  return ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || (ts.isNumericLiteral(key) && /^\d+$/.test(key.text));
}

/**
 * Whether `node` is only written, not read first: the left of a plain `=`, a target of a
 * destructuring assignment, or the target of a for-in/of head (a compound write reads first).
 */
function isPlainWriteTarget(ts: TypeScript, node: Node): boolean {
  let target = node;
  while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
  const parent = target.parent;
  if (ts.isBinaryExpression(parent)) return parent.left === target && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === target) return true;
  // Inside a pattern: an element of an array pattern, a property's value, a spread or a rest.
  let pattern: Node | undefined;
  if (ts.isArrayLiteralExpression(parent)) pattern = parent;
  else if ((ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) && (ts.isArrayLiteralExpression(parent.parent) || ts.isObjectLiteralExpression(parent.parent))) pattern = parent.parent;
  else if (ts.isPropertyAssignment(parent) && parent.initializer === target) pattern = parent.parent;
  return pattern !== undefined && isPlainWriteTarget(ts, pattern);
}

/**
 * The object patterns one level inside `pattern` that name a first property (and have no default of
 * their own, which would stand in for a missing value), in the order they are destructured. Those
 * after a rest or a computed key are left out: where their value comes from is not known.
 */
function nestedObjectPatterns(ts: TypeScript, source: import('typescript').SourceFile, pattern: Node): NestedPattern[] {
  const found: NestedPattern[] = [];
  const firstNamed = (inner: Node): { first: string; offset: number } | null => {
    const element = ts.isObjectBindingPattern(inner) ? inner.elements[0] : ts.isObjectLiteralExpression(inner) ? inner.properties[0] : undefined;
    if (element && ts.isBindingElement(element) && !element.dotDotDotToken && (!element.propertyName || ts.isIdentifier(element.propertyName) || ts.isStringLiteral(element.propertyName))) {
      const key = element.propertyName ?? element.name;
      return ts.isIdentifier(key) || ts.isStringLiteral(key) ? { first: key.text, offset: element.name.getStart(source) } : null;
    }
    if (element && ts.isShorthandPropertyAssignment(element) && !element.objectAssignmentInitializer) return { first: element.name.text, offset: element.name.getStart(source) };
    if (element && ts.isPropertyAssignment(element) && (ts.isIdentifier(element.name) || ts.isStringLiteral(element.name))) return { first: element.name.text, offset: element.initializer.getStart(source) };
    return null;
  };
  const add = (key: string | number, inner: Node) => {
    const named = ts.isObjectBindingPattern(inner) || ts.isObjectLiteralExpression(inner) ? firstNamed(inner) : null;
    if (named) found.push({ key, ...named });
    // An array pattern inside an array pattern (inside an object pattern V8 words it otherwise).
    else if (typeof key === 'number' && (ts.isArrayBindingPattern(inner) || ts.isArrayLiteralExpression(inner))) found.push({ key, first: null, offset: inner.getStart(source) });
  };
  if (ts.isObjectBindingPattern(pattern)) {
    for (const element of pattern.elements) {
      const key = element.propertyName ?? element.name;
      if (element.dotDotDotToken || !(ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key))) break;
      if (!element.initializer) add(key.text, element.name);
    }
  } else if (ts.isArrayBindingPattern(pattern)) {
    pattern.elements.forEach((element, index) => {
      if (ts.isBindingElement(element) && !element.dotDotDotToken && !element.initializer) add(index, element.name);
    });
  } else if (ts.isObjectLiteralExpression(pattern)) {
    for (const property of pattern.properties) {
      if (ts.isShorthandPropertyAssignment(property)) continue;
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) || ts.isNumericLiteral(property.name))) break;
      add(property.name.text, property.initializer);
    }
  } else if (ts.isArrayLiteralExpression(pattern)) {
    pattern.elements.forEach((element, index) => add(index, element));
  }
  return found;
}

/** Offsets of a failed destructuring: V8's first stack frame, Node's crash caret, and Chromium's first frame. */
interface DestructuringCaret {
  frame: number;
  header: number;
  chromiumFrame: number;
}

/**
 * Where V8 places a failed destructuring (measured in Node 20 and Chromium): an object pattern at
 * its first property's target (`b` in `{ a: b }`, the name of a shorthand or, in Node, of a rest),
 * or, when it is empty, its first key is computed or (in Chromium) it starts with a rest, its stack
 * frame at the pattern and Node's crash caret at the value; an array pattern of a declaration at
 * the value, and of an assignment at the `=`.
 */
function destructuringCaret(ts: TypeScript, source: import('typescript').SourceFile, pattern: Node, value: Node): DestructuringCaret {
  const at = (offset: number) => ({ frame: offset, header: offset, chromiumFrame: offset });
  if (ts.isArrayLiteralExpression(pattern)) return at(ts.isBinaryExpression(pattern.parent) ? pattern.parent.operatorToken.getStart(source) : value.getStart(source));
  if (ts.isArrayBindingPattern(pattern)) return at(value.getStart(source));
  const element = ts.isObjectBindingPattern(pattern) ? pattern.elements[0] : ts.isObjectLiteralExpression(pattern) ? pattern.properties[0] : undefined;
  let target: Node | undefined;
  if (element && ts.isBindingElement(element)) target = element.propertyName && ts.isComputedPropertyName(element.propertyName) ? undefined : element.name;
  else if (element && ts.isShorthandPropertyAssignment(element)) target = element.name;
  else if (element && ts.isPropertyAssignment(element)) target = ts.isComputedPropertyName(element.name) ? undefined : element.initializer;
  else if (element && ts.isSpreadAssignment(element)) target = element.expression;
  if (!target) return { frame: pattern.getStart(source), header: value.getStart(source), chromiumFrame: pattern.getStart(source) };
  const rest = element !== undefined && (ts.isSpreadAssignment(element) || (ts.isBindingElement(element) && element.dotDotDotToken !== undefined));
  return { ...at(target.getStart(source)), chromiumFrame: rest ? pattern.getStart(source) : target.getStart(source) };
}

/**
 * Where Node 10's V8 (6.8) places a failed destructuring, measured in Node 10.24.1: at the last
 * position it recorded before the check. An array pattern at its value (an assignment's too, where
 * Node 20 places it at the '='); an object pattern of an assignment at the start of its expression
 * statement (`(` of `({ a } = null);`, `x` of `x = ({ a } = null);`); of a declaration at its value
 * when that is not a literal (`settings`, `undefined`), and over a literal (which records nothing)
 * at the function's `(` when the declaration begins the function's body. Undefined elsewhere (the
 * place before it is not worked out): Node 20's place is kept. Parameters: errors.ts.
 */
function legacyDestructuringFrame(ts: TypeScript, source: import('typescript').SourceFile, pattern: Node, value: Node): number | undefined {
  if (ts.isArrayBindingPattern(pattern) || ts.isArrayLiteralExpression(pattern)) return value.getStart(source);
  if (ts.isObjectLiteralExpression(pattern)) {
    let node: Node = pattern.parent;
    while (ts.isParenthesizedExpression(node) || ts.isBinaryExpression(node)) node = node.parent;
    return ts.isExpressionStatement(node) ? node.getStart(source) : undefined;
  }
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  // A parameter's default (`function ({ a } = null)`): at the parameter list's `(`.
  if (ts.isParameter(pattern.parent)) {
    const open = pattern.parent.parent.parameters.pos - 1;
    return source.text[open] === '(' ? open : undefined;
  }
  let unwrapped = value;
  while (ts.isParenthesizedExpression(unwrapped)) unwrapped = unwrapped.expression;
  const literal = unwrapped.kind === ts.SyntaxKind.NullKeyword || ts.isLiteralExpression(unwrapped) || ts.isObjectLiteralExpression(unwrapped) || ts.isArrayLiteralExpression(unwrapped) || unwrapped.kind === ts.SyntaxKind.TrueKeyword || unwrapped.kind === ts.SyntaxKind.FalseKeyword;
  if (!literal) return value.getStart(source);
  const declaration = pattern.parent;
  const list = declaration.parent;
  const statement = list?.parent;
  const body = statement?.parent;
  const fn = body?.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(list) || list.declarations[0] !== declaration || !statement || !ts.isVariableStatement(statement)) return undefined;
  if (!body || !ts.isBlock(body) || body.statements[0] !== statement || !fn || !ts.isFunctionLike(fn)) return undefined;
  const open = (fn as import('typescript').SignatureDeclaration).parameters.pos - 1;
  return source.text[open] === '(' ? open : undefined;
}

interface DestructuringSite {
  array: boolean;
  first: string | null;
  defaulted: boolean;
  text: string;
  name: boolean;
  /**
   * A declaration's array pattern over `f()` or `new C()`: the callee as V8 prints it in "f is not
   * a function or its return value is not iterable" (measured; a method call `o.m()` and any
   * assignment print the value's type and value instead).
   */
  callee: string | null;
}

/**
 * What V8's message about destructuring `value` with `pattern` needs besides the value: the
 * pattern's kind, its first property when V8 names it (a plain name, without a default), whether
 * that property has a default (V8 then reads it: "Cannot read properties of null (reading 'a')"),
 * and the value's text as V8's CallPrinter shows it (call arguments collapse to `...`).
 */
function destructuringSite(ts: TypeScript, source: import('typescript').SourceFile, pattern: Node, value: Node): DestructuringSite {
  const array = ts.isArrayBindingPattern(pattern) || ts.isArrayLiteralExpression(pattern);
  let first: string | null = null;
  let defaulted = false;
  const element = ts.isObjectBindingPattern(pattern) ? pattern.elements[0] : ts.isObjectLiteralExpression(pattern) ? pattern.properties[0] : undefined;
  if (element && ts.isBindingElement(element) && !element.dotDotDotToken) {
    const key = element.propertyName ?? element.name;
    if (ts.isIdentifier(key) || ts.isStringLiteral(key) || ts.isNumericLiteral(key)) first = key.text;
    defaulted = element.initializer !== undefined;
  } else if (element && ts.isShorthandPropertyAssignment(element)) {
    first = element.name.text;
    defaulted = element.objectAssignmentInitializer !== undefined;
  } else if (element && ts.isPropertyAssignment(element) && (ts.isIdentifier(element.name) || ts.isStringLiteral(element.name) || ts.isNumericLiteral(element.name))) {
    first = element.name.text;
    defaulted = ts.isBinaryExpression(element.initializer) && element.initializer.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  }
  let unwrapped = value;
  while (ts.isParenthesizedExpression(unwrapped)) unwrapped = unwrapped.expression;
  // V8 quotes an identifier or a literal by its text; other expressions by their type and value.
  // An array pattern of an assignment (`[a] = 7`) is always given the type and value (measured).
  const assignment = ts.isArrayLiteralExpression(pattern) || ts.isObjectLiteralExpression(pattern);
  const name = !(array && assignment) && (ts.isIdentifier(unwrapped) || ts.isLiteralExpression(unwrapped) || unwrapped.kind === ts.SyntaxKind.NullKeyword || ts.isObjectLiteralExpression(unwrapped) || ts.isArrayLiteralExpression(unwrapped));
  const collapse = (node: Node) => node.getText(source).replace(/\s*\n\s*/g, ' ').replace(/\((?:[^()]|\([^()]*\))*\)/g, '(...)');
  let callee: string | null = null;
  if (array && !assignment && ((ts.isCallExpression(unwrapped) && ts.isIdentifier(unwrapped.expression)) || ts.isNewExpression(unwrapped))) callee = collapse(unwrapped.expression);
  return { array, first, defaulted, text: collapse(value), name, callee };
}

function isAsyncFunction(ts: TypeScript, node: Node): node is import('typescript').FunctionLikeDeclaration & { body: import('typescript').ConciseBody } {
  if (!(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node))) return false;
  const modifiers = ts.getModifiers(node);
  if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  // Async generators reject through their queue, not a single promise: left alone.
  return !(node as { asteriskToken?: unknown }).asteriskToken;
}

/** Where inserted statements go in a function body: after `{` and the directives ('use strict' must stay first). */
function bodyStart(ts: TypeScript, source: import('typescript').SourceFile, body: import('typescript').Block): number {
  let start = body.getStart(source) + 1;
  for (const statement of body.statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) start = statement.getEnd();
    else break;
  }
  return start;
}

interface TrackedActivation {
  /** The variable that holds the activation. */
  name: string;
  /** The function's entry in the frame-name table, or -1. */
  entry: number;
  /** The name QuickJS gives the function (V8's frame name is built from it). */
  quickjsName: string;
  /** What the activation records as the call's receiver (`this`, or `undefined` for arrows). */
  receiver: string;
}

function wrapAsyncBody(ts: TypeScript, source: import('typescript').SourceFile, body: import('typescript').ConciseBody, inserts: Insert[], id: number, activation: TrackedActivation | null): void {
  const errorName = `__looplens_thrown${id}`;
  const leave = activation ? ` finally { __looplens_asyncLeave(${activation.name}); }` : '';
  const handler = ` } catch (${errorName}) { __looplens_asyncThrew(${errorName}); throw ${errorName}; }${leave} `;
  const enter = activation ? ` const ${activation.name} = __looplens_asyncEnter(${activation.entry}, ${JSON.stringify(activation.quickjsName)}, ${activation.receiver});` : '';
  if (ts.isBlock(body)) {
    inserts.push({ at: bodyStart(ts, source, body), text: `${enter} try {`, order: -2 });
    inserts.push({ at: body.getEnd() - 1, text: handler, order: 2 });
  } else {
    // A concise arrow body `async () => expr` becomes `async () => { try { return expr } ... }`.
    inserts.push({ at: body.getStart(source), text: `{${enter} try { return (`, order: -2 });
    inserts.push({ at: body.getEnd(), text: `);${handler}}`, order: 2 });
  }
}

/** Combinators whose elements V8 lists as `at async Promise.all (index i)`. */
const INDEXED_COMBINATORS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.any']);

/** Item 9: the await reports its activation's position and, for a call, the async functions it starts. */
function markSuspension(ts: TypeScript, source: import('typescript').SourceFile, node: import('typescript').AwaitExpression, activation: string, at: { line: number; column: number }, inserts: Insert[]): void {
  let operand: Node = node.expression;
  for (;;) {
    while (ts.isParenthesizedExpression(operand)) operand = operand.expression;
    // The trace's instrumentation wraps the operand in its own call (`__ll_trace.suspend(c, l, col, x)`).
    if (!ts.isCallExpression(operand) || operand.arguments.length === 0 || !/^__ll_trace\.\w+$/.test(operand.expression.getText(source))) break;
    operand = operand.arguments[operand.arguments.length - 1];
  }
  let mark = 'null';
  let combinator = 'null';
  if (ts.isCallExpression(operand)) {
    const callee = operand.expression.getText(source);
    const list = operand.arguments[0];
    mark = '__looplens_mark()';
    if (INDEXED_COMBINATORS.has(callee)) {
      mark = '__looplens_mark(true)';
      combinator = JSON.stringify(callee);
      if (list && ts.isArrayLiteralExpression(list)) {
        list.elements.forEach((element, index) => {
          if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return;
          inserts.push({ at: element.getStart(source), text: `(__looplens_element(${index}), `, order: 0 });
          inserts.push({ at: element.getEnd(), text: ')', order: 1 });
        });
      } else if (list && !ts.isSpreadElement(list)) {
        inserts.push({ at: list.getStart(source), text: '__looplens_elements(', order: 0 });
        inserts.push({ at: list.getEnd(), text: ')', order: 1 });
      }
    }
  }
  inserts.push({ at: node.expression.getStart(source), text: `__looplens_suspend(${activation}, ${at.line}, ${at.column}, ${mark}, ${combinator}, `, order: 0 });
  inserts.push({ at: node.expression.getEnd(), text: ')', order: 1 });
}

/** The names of the file's async functions (as QuickJS names them), for item 9's unawaited calls. */
function asyncFunctionNames(ts: TypeScript, source: import('typescript').SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (isAsyncFunction(ts, node)) {
      const name = staticFunctionName(ts, node);
      if (name !== '<anonymous>') names.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * Whether item 9 remembers the promise a call returns: the callee is named like one of the file's
 * async functions, and the call is not inside an await's operand in its function (an awaited call
 * is collected by that await's mark) nor a link of an optional chain (wrapping it would end the
 * chain's short-circuit).
 */
function remembersPromise(ts: TypeScript, call: import('typescript').CallExpression, asyncNames: ReadonlySet<string>): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name.text : undefined;
  if (name === undefined || !asyncNames.has(name)) return false;
  if (ts.isOptionalChain(call)) return false;
  const parent = call.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent) || ts.isCallExpression(parent)) && parent.expression === call && ts.isOptionalChain(parent)) return false;
  for (let node: Node = call; node.parent && !ts.isFunctionLike(node); node = node.parent) {
    if (ts.isAwaitExpression(node.parent)) return false;
  }
  return true;
}

/** The name QuickJS gives a function: its own, or the one it gets from where it is defined. */
function staticFunctionName(ts: TypeScript, node: import('typescript').FunctionLikeDeclaration): string {
  const own = node.name;
  if (own && (ts.isIdentifier(own) || ts.isPrivateIdentifier(own) || ts.isStringLiteral(own) || ts.isNumericLiteral(own))) return own.text;
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node &&
    (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  return '<anonymous>';
}

function applyInserts(text: string, inserts: Insert[]): RewriteResult {
  const sorted = inserts
    .map((insert, index) => ({ ...insert, index }))
    .sort((a, b) => a.at - b.at || a.order - b.order || (a.order > 0 ? b.index - a.index : a.index - b.index));
  let code = '';
  let last = 0;
  const touchedOffsets: number[] = [];
  const insertions: number[][] = [];
  for (const insert of sorted) {
    code += text.slice(last, insert.at);
    insertions.push([code.length, insert.text.length]);
    code += insert.text;
    last = insert.at;
    touchedOffsets.push(insert.at);
  }
  code += text.slice(last);
  return { code, columnMaps: buildColumnMaps(text, sorted, touchedOffsets), insertions };
}

/** Column maps for the lines that received insertions (none of the inserts contain newlines). */
function buildColumnMaps(text: string, sorted: Insert[], offsets: number[]): Record<number, number[]> {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const byLine = new Map<number, Insert[]>();
  sorted.forEach((insert, index) => {
    const line = lineOf(offsets[index]);
    const list = byLine.get(line) ?? [];
    list.push(insert);
    byLine.set(line, list);
  });
  const maps: Record<number, number[]> = {};
  for (const [line, lineInserts] of byLine) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    const map: number[] = [0];
    let cursor = start;
    for (const insert of lineInserts) {
      for (; cursor < insert.at; cursor++) map.push(cursor - start + 1);
      for (let k = 0; k < insert.text.length; k++) map.push(insert.at - start + 1);
    }
    for (; cursor <= end; cursor++) map.push(cursor - start + 1);
    maps[line + 1] = map;
  }
  return maps;
}

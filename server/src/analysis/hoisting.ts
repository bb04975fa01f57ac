// Hoisting and the temporal dead zone (TDZ), following execution rather than stopping at function
// boundaries.
//
// Every execution context is set up in two phases (the seed notes' model): in the creation phase
// the engine scans the code and creates all bindings — function declarations get their function,
// `var`s get `undefined`, and `let`/`const`/`class` bindings are created *uninitialised*; in the
// execution phase the code runs line by line and each `let`/`const`/`class` becomes usable only
// when its declaration is reached. Reading it earlier throws a ReferenceError.
//
// The walker below replays the execution phase of the top level in evaluation order. When it meets
// a call whose callee it can resolve (a function declaration, an initialised function-valued
// binding, an immediately invoked function, a callback that the callee runs synchronously such as
// `forEach` or a `Promise` executor) it walks the callee's body with the same initialisation state.
// Closures that are only created, or handed to something that runs them later (timers, promise
// reactions, listeners), are not walked: by the time they run, the top level has finished.
// Findings on paths that may not run (a branch, a loop body, a callback over an unknown array) are
// downgraded from error to warning.
import type * as TS from 'typescript';
import { hasModifier, jumpTarget, kindCategoryTable, rangeOf } from '../syntax/index';
import {
  appendSentence, callableKey, callableValueOf, fixTitle, frameOf, functionLikeKinds, isFrame, isLexicalVariable, isPlainAssignmentTarget, isVarVariable, isWriteTarget, lineOf, makeFinding, related, skipOuter,
  type FileContext,
} from './context';
import { READABLE_GLOBAL_OBJECTS, SYNC_ARRAY_CALLBACK_METHODS } from './builtins';
import { NOT_CONSTANT, PROMISE_CHAIN_METHODS, certainlyThrows, constObjectKind, constantValue, methodCallOn, type NameValue } from './controlFlow';
import { QuietFunctionTest } from './quietFunctions';
import type { Finding, QuickFix } from './types';
import { msg, type LocalizableMessage } from '../syntax/message';

/** EventEmitter methods that add a listener (`emit` then calls it synchronously), and those that take listeners away. */
const ADD_LISTENER_METHODS = new Set(['on', 'addListener', 'once', 'prependListener', 'prependOnceListener', 'addEventListener']);
const REMOVE_LISTENER_METHODS = new Set(['off', 'removeListener', 'removeAllListeners', 'removeEventListener']);
/** The methods of an EventTarget among those (`dispatchEvent` runs its listeners, as `emit` does). */
const EVENT_TARGET_METHODS = new Set(['addEventListener', 'removeEventListener', 'dispatchEvent']);

/** A listener added to an event emitter of the file, as `emit` will run it. */
interface RegisteredListener {
  callback: TS.Expression;
  /** Added on a path that may not have run, or with `once` (a second emit does not run it). */
  conditional: boolean;
  once: boolean;
  /** The `signal` option of addEventListener: the AbortController variable it comes from, or `unknown` (see `signalOption`). */
  signal?: TS.Node | 'unknown';
}

const MAX_CALL_DEPTH = 12;

const NO_OPTIONS = {};

const NO_DECLARATIONS: readonly TS.Node[] = [];

const NO_POSITIONS: readonly number[] = [];

const NO_ARGUMENTS: readonly TS.Expression[] = [];
/** What a destructuring pattern's source lacks: a key an object literal does not have, an element past an array literal's end. */
const NO_VALUE: unique symbol = Symbol('no value');

/** Whether a call passes a parameter: it runs the parameter's default only when not (or when it passes `undefined`). */
const enum ArgumentState { Given, Missing, Unknown }

/** Whether a default value runs when the parameters are bound. */
const enum DefaultRuns { No, Possibly, Certainly }

/**
 * A default value in a parameter list that reads a name the list binds at or after its own turn
 * (`function g(a = b, b = 1)`, `function f({ x = y, y = 2 } = {})`): it throws when it runs.
 */
/** A place that names a function: its call site, whether it calls it directly, and the arguments it passes when known. */
interface FunctionUse {
  site: TS.Node;
  direct: boolean;
  callArguments?: readonly TS.Expression[];
}

interface ParameterHazard {
  /** The identifier read, inside the default value. */
  identifier: TS.Identifier;
  /** The parameter or destructured element whose default it is. */
  owner: TS.ParameterDeclaration | TS.BindingElement;
  /** The position of the parameter that holds it. */
  position: number;
  /** The parameter or element whose binding is read. */
  read: TS.ParameterDeclaration | TS.BindingElement;
}

const NO_HAZARDS: readonly ParameterHazard[] = [];

const COMMONJS_WRAPPER_PARAMETERS = new Set(['exports', 'require', 'module', '__filename', '__dirname']);

type FunctionLikeWithBody = TS.FunctionLikeDeclaration & { body: TS.ConciseBody };

/** What the execution-order walk does with a node, by kind (see `kindCategoryTable`). */
const enum WalkCategory {
  Other, NotRun, Identifier, VariableDeclaration, ClassDeclaration, ClassExpression, PropertyAccess, PropertyAssignment,
  ShorthandPropertyAssignment, TypeOf, Binary, Conditional, Call, New, If, For, ForInOrOf, While, Do, Switch, Try, Block,
  ReturnOrThrow, ExportAssignment, TaggedTemplate, Decorator, Leaf, Children, ExpressionStatement, VariableStatement,
  VariableDeclarationList, ArrayLiteral, ObjectLiteral, AwaitOrYield, Spread,
}

function walkCategories(ts: typeof TS): Uint8Array {
  return kindCategoryTable(ts, 'execution-order', (kind) => [
    // Type-level declarations and module wiring do not run. Function bodies run only when called;
    // the declarations themselves are fully set up in the creation phase.
    [WalkCategory.NotRun, kind.InterfaceDeclaration, kind.TypeAliasDeclaration, kind.ImportDeclaration, kind.ImportEqualsDeclaration,
      kind.ExportDeclaration, kind.ModuleDeclaration, kind.FunctionDeclaration, kind.FunctionExpression, kind.ArrowFunction,
      kind.MethodDeclaration, kind.GetAccessor, kind.SetAccessor, kind.Constructor, kind.QualifiedName, kind.BreakStatement, kind.ContinueStatement],
    [WalkCategory.Identifier, kind.Identifier], [WalkCategory.VariableDeclaration, kind.VariableDeclaration],
    [WalkCategory.ClassDeclaration, kind.ClassDeclaration], [WalkCategory.ClassExpression, kind.ClassExpression],
    [WalkCategory.PropertyAccess, kind.PropertyAccessExpression], [WalkCategory.PropertyAssignment, kind.PropertyAssignment],
    [WalkCategory.ShorthandPropertyAssignment, kind.ShorthandPropertyAssignment], [WalkCategory.TypeOf, kind.TypeOfExpression],
    [WalkCategory.Binary, kind.BinaryExpression], [WalkCategory.Conditional, kind.ConditionalExpression],
    [WalkCategory.Call, kind.CallExpression], [WalkCategory.New, kind.NewExpression], [WalkCategory.If, kind.IfStatement],
    [WalkCategory.For, kind.ForStatement], [WalkCategory.ForInOrOf, kind.ForOfStatement, kind.ForInStatement],
    [WalkCategory.While, kind.WhileStatement], [WalkCategory.Do, kind.DoStatement], [WalkCategory.Switch, kind.SwitchStatement],
    [WalkCategory.Try, kind.TryStatement], [WalkCategory.Block, kind.Block, kind.ModuleBlock],
    [WalkCategory.ReturnOrThrow, kind.ReturnStatement, kind.ThrowStatement], [WalkCategory.ExportAssignment, kind.ExportAssignment],
    [WalkCategory.TaggedTemplate, kind.TaggedTemplateExpression], [WalkCategory.Decorator, kind.Decorator],
    // Nodes with nothing under them that runs: literals, keywords, empty statements.
    [WalkCategory.Leaf, kind.NumericLiteral, kind.BigIntLiteral, kind.StringLiteral, kind.RegularExpressionLiteral,
      kind.NoSubstitutionTemplateLiteral, kind.TemplateHead, kind.TemplateMiddle, kind.TemplateTail, kind.ThisKeyword,
      kind.SuperKeyword, kind.TrueKeyword, kind.FalseKeyword, kind.NullKeyword, kind.PrivateIdentifier, kind.EmptyStatement,
      kind.DebuggerStatement, kind.OmittedExpression],
    // Common expression and statement kinds that are neither types nor able to carry `declare`: their
    // children are walked in order without the type and modifier tests of the default case.
    [WalkCategory.Children, kind.ParenthesizedExpression, kind.ElementAccessExpression, kind.PrefixUnaryExpression,
      kind.PostfixUnaryExpression, kind.TemplateExpression, kind.TemplateSpan, kind.SpreadAssignment,
      kind.VoidExpression, kind.DeleteExpression, kind.NonNullExpression,
      kind.LabeledStatement, kind.ComputedPropertyName],
    // The commonest containers: their children are read directly, without a callback per child.
    [WalkCategory.ExpressionStatement, kind.ExpressionStatement], [WalkCategory.VariableStatement, kind.VariableStatement],
    [WalkCategory.VariableDeclarationList, kind.VariableDeclarationList], [WalkCategory.ArrayLiteral, kind.ArrayLiteralExpression],
    [WalkCategory.ObjectLiteral, kind.ObjectLiteralExpression],
    [WalkCategory.AwaitOrYield, kind.AwaitExpression, kind.YieldExpression], [WalkCategory.Spread, kind.SpreadElement],
  ]);
}

/** Global functions that schedule a callback as a task, and those that cancel one. */
const TIMER_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
const TIMER_CLEARING_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate']);

/** A timer callback an ES module's top level scheduled, not yet run in the walk (see `ExecutionWalker.runTimersDuringAwait`). */
interface PendingTimer {
  callback: TS.Expression;
  site: TS.CallExpression;
  /** When it is due, in milliseconds since the module began, as far as the walk knows (undefined: an unknown delay). */
  due: number | undefined;
  /** Scheduled on a path that may not run. */
  conditional: boolean;
  /** The variable holding its handle (`const t = setTimeout(...)`), for a `clearTimeout(t)`. */
  handle?: TS.Node;
  /** A promise job (`queueMicrotask(cb)`, `Promise.resolve().then(cb)`): it runs at the first await, even one for promise jobs only. */
  microtask?: boolean;
  /** For a `.then` callback: the promise its throw rejects (see `rejectionOf`). */
  rejection?: PromiseRejection;
}

/** What becomes of the rejection of a promise the file makes (see `ExecutionWalker.rejectionOf`). */
const enum RejectionFate {
  /** A `.catch(f)` or `.then(f, g)` on it (or on a chain from it) handles the rejection: the program goes on. */
  Handled,
  /** `Promise.allSettled` takes it as a result: the program goes on, and nothing sees the error. */
  Settled,
  /** A rejection handler takes it and ends the program with `process.exit()` (`main().catch((e) => { log(e); process.exit(1); })`). */
  Exits,
  /** It is dropped (a statement of its own, `void`, a `forEach` callback's result): node stops with an unhandled rejection. */
  Unhandled,
  /** It goes where the walk does not follow (a variable, an argument, a return). */
  Unknown,
}

/**
 * The promise a throw of the code being walked rejects instead of stopping the program: that of an
 * async function called without `await`, or of a `new Promise` whose executor throws.
 */
interface PromiseRejection {
  /** The call or `new` that makes the promise. */
  promise: TS.Node;
  fate: RejectionFate;
  /** The `.catch`/`.then` call or `Promise.allSettled` that takes the rejection (Handled, Settled and Exits), or the `process.on(...)` listener. */
  handler?: TS.CallExpression;
  /** The process event whose listener `handler` is (`unhandledRejection` or `uncaughtException`), when a process listener takes it. */
  listenerEvent?: string;
  /** Set when the throw is no rejection at all: an exception nothing catches, which the uncaughtException listener receives. */
  uncaught?: true;
  /** For an unhandled rejection: the timer call whose callback handles it, or the await after which it is handled, after node has stopped (see `rejectionOfVariable`). */
  lateHandler?: TS.Node;
  /** For a promise kept in a variable: the `await` of it that throws the rejection again (see `awaitedRejection`), and the try statement that catches it there. */
  awaitedAt?: TS.Node;
  catchingTry?: TS.TryStatement;
  /** For a promise kept in a variable: the try statement whose finally completes abruptly after the `await` threw its rejection again, discarding the error. */
  discardingTry?: TS.TryStatement;
  /** For a promise kept in a variable: the try statement whose finally throws another error in the place of the one the `await` threw again, and the try or handler that takes that error (none: unhandled). */
  replacingTry?: TS.TryStatement;
  replacementHandler?: TS.Node;
  /** For a rejection not known to be handled: the handler that handles it only on a path that may not run (`if (verbose) p.catch(log)`). */
  conditionalHandler?: TS.Node;
  /**
   * For an unhandled rejection followed from a read of a variable (or parameter): the read's own
   * promise is only dropped as it is (returned unchained by non-async functions, and the call's value
   * dropped), so the read makes no promise of its own, as `p;` (see `rejectionOfVariable`).
   */
  dropsRead?: true;
  /**
   * What becomes of the rejection when the promise is already rejected as the code after the call
   * goes on (a throw before the async function's first await), where that changes it: a
   * `Promise.race` it then wins (see `rejectionOf`). Used while `frame` has not suspended.
   */
  atOnce?: PromiseRejection;
  /** For `atOnce`: the walked frame of the async function (or executor) whose throw rejects the promise. */
  frame?: number;
}

/** How a rejection handler (or a function it calls) ends, from its own statements (see `ExecutionWalker.functionOutcome`). */
const enum HandlerOutcome {
  /** It returns, or nothing certain is known to end it otherwise: the rejection is handled. */
  Returns,
  /** It certainly throws, or returns a rejected promise: the promise it makes rejects in turn. */
  Throws,
  /** It certainly calls `process.exit()`. */
  Exits,
  /** It throws or exits unless an earlier `return` ran. */
  Maybe,
}

/** Whether a walked frame has passed an `await` or `yield` (see `ExecutionWalker.suspensions`). */
const enum Suspension { None, Possible, Certain }

/** For `owningDeclaration`: declarations that own their initialisation, and destructuring patterns in between. */
const enum DeclarationCategory { Other, Owner, Pattern }

/** How `walkBinary` treats an operator: plain assignment (1), or its right side may not run (2). */
const enum OperatorCategory { Other, Assignment, ShortCircuit }

function operatorCategories(ts: typeof TS): Uint8Array {
  return kindCategoryTable(ts, 'execution-order-operator', (kind) => [
    [OperatorCategory.Assignment, kind.EqualsToken],
    [OperatorCategory.ShortCircuit, kind.AmpersandAmpersandToken, kind.BarBarToken, kind.QuestionQuestionToken,
      kind.AmpersandAmpersandEqualsToken, kind.BarBarEqualsToken, kind.QuestionQuestionEqualsToken],
  ]);
}

/**
 * The kinds of parent under which an identifier may be a name rather than a reference (1): property
 * accesses, labels, declarations, parameters, functions, classes, property assignments, `new.target`.
 * Under any other parent an identifier is a reference, without testing each kind in turn.
 */
function nameParentKinds(ts: typeof TS): Uint8Array {
  return kindCategoryTable(ts, 'execution-order-name-parent', (kind) => [
    [1, kind.PropertyAccessExpression, kind.LabeledStatement, kind.BreakStatement, kind.ContinueStatement, kind.VariableDeclaration,
      kind.BindingElement, kind.Parameter, kind.ClassDeclaration, kind.ClassExpression, kind.PropertyAssignment, kind.MetaProperty, ...functionLikeKinds(ts)],
  ]);
}

class ExecutionWalker {
  private readonly ts;
  /** Lexical declarations (`VariableDeclaration` of let/const, `ClassDeclaration`) already initialised. */
  private readonly initialized = new Set<TS.Node>();
  /** `var` declarations whose declarator ran or that were assigned. */
  private readonly assigned = new Set<TS.Node>();
  /** Whether the file's own execution context is running (its top level is being walked). */
  private fileActive = false;
  /**
   * The walked call stack as two parallel arrays (what runs, and where it was called from), so that
   * entering a frame allocates nothing.
   */
  private readonly callStack: TS.Node[] = [];
  private readonly callSites: TS.Node[] = [];
  /** For each walked frame, the value of `conditional` when it was entered: an await deeper than that may not happen. */
  private readonly conditionalAtEntry: number[] = [];
  /** For each walked frame, the argument expressions of the call that made it, when that call passed them directly (see `invokeParameter`). */
  private readonly frameArguments: (readonly TS.Expression[] | undefined)[] = [];
  /** The positions of the parameters each function calls (see `calledParameterPositions`), filled once. */
  private readonly calledParametersCache = new Map<TS.Node, readonly number[]>();
  /** Per function that calls its parameters, the callbacks already walked through it (see `passesNewCallback`). */
  private readonly walkedCallbacks = new Map<TS.Node, Set<TS.Node | string>>();
  /** Listeners added so far, by the declaration of the event emitter variable, then by event name (see `trackListeners`). */
  private readonly listeners = new Map<TS.Node, Map<string, RegisteredListener[]>>();
  /** AbortController variables whose abort() the walk passed, with whether it ran for certain (see `trackListeners`). */
  private readonly abortedControllers = new Map<TS.Node, boolean>();
  /** The names of the destructuring pattern being bound that are bound already (`const { a = 1, b = a } = o` reads a bound `a`). */
  private readonly boundElements = new Set<TS.Node>();
  /** Per declaration asked about, whether the file writes the binding again (see `isBindingWritten`). */
  private readonly writtenBindings = new Map<TS.Node, boolean>();
  /** Per var binding, where the file writes it (see `writePositions`). */
  private readonly varWritePositions = new Map<TS.Node, readonly number[]>();
  /**
   * For each walked frame, whether its body has passed an `await` (or a generator's `yield`):
   * Suspension.Certain when one always ran, Suspension.Possible when one ran on a branch. The code
   * after it runs later, as a microtask (or on a later `next()`), once the callers below it on the
   * stack (and the file's top level) have gone on, so their bindings are no longer known to be in
   * their temporal dead zone.
   */
  private readonly suspensions: Suspension[] = [];
  /** The deepest stack index with a suspension, or -1: most walks have none, and `reference` then looks no further. */
  private deepestSuspension = -1;
  /** Set by `reference` while it reports a read that runs only if an earlier await in a callee did not suspend. */
  private readAfterPossibleSuspension = false;
  /** Functions walked after a certain suspension: walked again when a later call runs them before it. */
  private readonly walkedSuspended = new Set<TS.Node>();
  /** Generators walked as iterated to the end (a spread, for-of): their `yield`s do not suspend the walk. */
  private readonly drainedGenerators = new Set<TS.Node>();
  /** Functions being walked through `.call`/`.apply` with a `this` other than their object (see `targetGivenForeignThis`). */
  private readonly foreignThisFunctions = new Set<TS.Node>();
  /** Generators a for-of runs whose walk has not reached a yield yet: up to it, their code runs for certain. */
  private readonly loopGeneratorsBeforeYield = new Set<TS.Node>();
  /** Of those, the ones whose loop is left in its first iteration: the first yield is as far as they run (see `loopExit`). */
  private readonly loopGeneratorsLeftAtFirstYield = new Set<TS.Node>();
  /** Greater than zero while walking code that may not run. */
  private conditional = 0;
  /**
   * The `try` statements whose `catch` would catch a throw of the code being walked, innermost
   * last: their try block is being walked (directly or through the calls it makes), and their catch
   * block does not throw again. Only those from `catchFloor` on count: a throw in an async function
   * called without `await`, or in a Promise executor, becomes a rejected promise instead.
   */
  private readonly catchingTries: TS.TryStatement[] = [];
  private catchFloor = 0;
  /**
   * For each raise of `catchFloor`, innermost last: the promise a throw that reaches it rejects, or
   * undefined where the throw stops the program anyway (a listener run by `dispatchEvent`).
   */
  private readonly rejectionBoundaries: (PromiseRejection | undefined)[] = [];
  /**
   * Set when a read that certainly runs has certainly thrown and a catching try will catch it (or a
   * promise takes it): the walk stops (through the frames between) until that try, whose catch block
   * then certainly runs, or until the call that made the promise, whose caller goes on.
   */
  private unwindingTo: TS.Node | undefined;
  /** Functions walked inside a catching try: a later call outside one is walked again (its throw is not caught there). */
  private readonly walkedCaught = new Set<TS.Node>();
  /** Set when an unconditional `return`/`throw` ends the current function body. */
  private stopped = false;
  /** `var`s also assigned inside some nested function: their read state is not tracked. */
  private varsAssignedInClosuresCache: Set<TS.Node> | undefined;
  /** The file index's escaped names declared by let/const/class/var, and of functions and classes (see `FileIndex`). */
  private readonly trackedNames: Set<string>;
  private readonly callableNames: Set<string>;
  /** The function being walked on its own (not called from the top level), if any. */
  private isolatedRoot: TS.Node | undefined;
  /** The findings made so far, by code and place (see `push`). */
  private readonly reported = new Map<string, Finding>();
  /** Functions already walked on a path that certainly runs, and on a path that may run. */
  private readonly walkedCertain = new Set<TS.Node>();
  /** Timer callbacks an ES module's top level scheduled that the walk has not run yet (see `runTimersDuringAwait`). */
  private readonly pendingTimers: PendingTimer[] = [];
  /** A lower bound of the time an ES module's top level has waited at its awaits so far, in milliseconds. */
  private waitedMilliseconds = 0;
  /** The top-level await during which the timer callback being walked runs. */
  private timerRunsDuring: TS.Node | undefined;
  /** The call that scheduled the timer whose callback runs now (see `timerRunsDuring`). */
  private runningTimer: TS.Node | undefined;
  private readonly walkedConditional = new Set<TS.Node>();

  private readonly categories: Uint8Array;
  private readonly nameParentKinds: Uint8Array;
  private readonly operatorCategories: Uint8Array;
  /** Function kinds with a body the walk can enter (1), and the kinds a declaration's owner is found through (see `owningDeclaration`). */
  private readonly walkableFunctionKinds: Uint8Array;
  private readonly declarationKinds: Uint8Array;
  // Enum members the walk compares per node, read once rather than through the `ts` module object
  // (a dictionary-mode object) on every node.
  private readonly declareKeyword: TS.SyntaxKind;
  private readonly staticKeyword: TS.SyntaxKind;
  private readonly throwStatement: TS.SyntaxKind;
  private readonly identifierKind: TS.SyntaxKind;

  constructor(private readonly context: FileContext) {
    const ts = context.ts;
    this.ts = ts;
    this.categories = walkCategories(ts);
    this.nameParentKinds = nameParentKinds(ts);
    this.operatorCategories = operatorCategories(ts);
    this.walkableFunctionKinds = kindCategoryTable(ts, 'execution-order-walkable-function', (kind) => [
      [1, kind.FunctionDeclaration, kind.FunctionExpression, kind.ArrowFunction, kind.MethodDeclaration, kind.GetAccessor, kind.SetAccessor, kind.Constructor],
    ]);
    this.declarationKinds = kindCategoryTable(ts, 'execution-order-declaration', (kind) => [
      [DeclarationCategory.Owner, kind.VariableDeclaration, kind.ClassDeclaration],
      [DeclarationCategory.Pattern, kind.BindingElement, kind.ObjectBindingPattern, kind.ArrayBindingPattern],
    ]);
    this.declareKeyword = ts.SyntaxKind.DeclareKeyword;
    this.staticKeyword = ts.SyntaxKind.StaticKeyword;
    this.throwStatement = ts.SyntaxKind.ThrowStatement;
    this.identifierKind = ts.SyntaxKind.Identifier;
    this.trackedNames = context.index.declaredNames;
    this.callableNames = context.index.callableNames;
  }

  run(): void {
    this.fileActive = true;
    this.walkStatements(this.context.sourceFile.statements);
    // Then every function the top level did not call (handlers, callbacks, exported API), as if
    // called later: its own let/const/class bindings still have a TDZ each time it runs. The module's
    // bindings are left out (by the time such a function runs they are initialised).
    this.fileActive = false;
    this.stopped = false;
    for (const fn of this.context.index.functionLikes) {
      if (this.walkedCertain.has(fn) || !this.isWalkableFunction(fn)) continue;
      // A function with no declarations of its own that runs no other code has nothing in a TDZ
      // when walked on its own (only its own frame is active), and its walk would change no state
      // later walks read but this mark.
      if (this.isLeafFunction(fn)) {
        this.walkedCertain.add(fn);
        continue;
      }
      // A function whose walk provably reports nothing and runs nothing outside it that another walk
      // would see (see quietFunctions.ts): on the 5,000-line bench file, ~380 of the 767 walks here.
      if (this.quietFunctions().isQuiet(fn)) {
        this.walkedCertain.add(fn);
        continue;
      }
      this.isolatedRoot = fn;
      this.invokeFunction(fn, fn);
    }
    this.isolatedRoot = undefined;
  }

  /**
   * A function with no declarations of its own that runs no other code has nothing in a TDZ when
   * walked on its own or from anywhere (only its own frame is active, or frames it cannot see).
   */
  private isLeafFunction(fn: TS.Node): boolean {
    return !this.context.index.localDeclarations.has(fn) && !this.context.index.invokingFunctions.has(fn) && this.parameterHazards(fn as FunctionLikeWithBody).length === 0;
  }

  private quietFunctionTest: QuietFunctionTest | undefined;

  private quietFunctions(): QuietFunctionTest {
    if (this.quietFunctionTest) return this.quietFunctionTest;
    const ts = this.ts;
    const targets = this.callableTargetsByName();
    const accessors = new Map<string, TS.Node[]>();
    for (const fn of this.context.index.functionLikes) {
      if ((ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) && ts.isIdentifier(fn.name)) {
        const name = fn.name.escapedText as string;
        let list = accessors.get(name);
        if (!list) accessors.set(name, list = []);
        list.push(fn);
      }
    }
    this.quietFunctionTest = new QuietFunctionTest(ts, this.context.index, {
      // A callback, not a generator over the maps: in the analysis worker the generator version
      // left each check's tree alive into the next one (its heap grew ~8 MB a check until a full
      // collection; --trace-gc, session 10).
      forEachTarget: (callback) => {
        targets.functions.forEach((list, name) => callback(name, list));
        targets.classes.forEach((list, name) => callback(name, list));
        accessors.forEach((list, name) => callback(name, list));
      },
      targetsOfAnyName: () => [...targets.functionsOfAnyName, ...targets.classesOfAnyName],
      isLeafFunction: (fn) => this.isWalkableFunction(fn) ? this.isLeafFunction(fn) : true,
    });
    return this.quietFunctionTest;
  }

  /** `var`s also assigned inside some nested function: their read state is not tracked. Computed on first need. */
  private get varsAssignedInClosures(): Set<TS.Node> {
    if (!this.varsAssignedInClosuresCache) {
      this.varsAssignedInClosuresCache = new Set();
      this.collectClosureAssignments(this.varsAssignedInClosuresCache);
    }
    return this.varsAssignedInClosuresCache;
  }

  /** Reads the file index's assignments and updates: no extra walk of the tree. */
  private collectClosureAssignments(into: Set<TS.Node>): void {
    const ts = this.ts;
    const index = this.context.index;
    const targets: TS.Node[] = [];
    for (const assignment of index.assignments) targets.push(assignment.left);
    for (const update of index.updates) targets.push(update.operand);
    for (const node of targets) {
      if (!ts.isIdentifier(node) || !(isPlainAssignmentTarget(ts, node) || isCompoundOrUpdateTarget(ts, node))) continue;
      if (!hasFunctionAncestor(ts, node)) continue;
      for (const declaration of this.context.resolver.declarationsOf(node)) {
        if (isVarVariable(ts, declaration) && frameOf(ts, node) !== frameOf(ts, declaration)) into.add(declaration);
      }
    }
  }

  private walkStatements(statements: readonly TS.Statement[]): void {
    for (const statement of statements) {
      if (this.stopped) return;
      this.walk(statement);
    }
  }

  /**
   * Enters code that may not run; returns what `leaveConditional` restores. Callers pair the two
   * with `try`/`finally` instead of passing a callback: a closure over `this` makes its function
   * allocate a context on every call.
   */
  private enterConditional(): boolean {
    this.conditional++;
    return this.stopped;
  }

  private leaveConditional(stoppedBefore: boolean): void {
    this.conditional--;
    // A `return` inside a branch does not end the enclosing body.
    this.stopped = stoppedBefore;
  }

  /** Walks a list of nodes in order (each stops at once once the walk has stopped). */
  private walkEach(nodes: readonly TS.Node[]): void {
    for (let index = 0; index < nodes.length; index++) this.walk(nodes[index]);
  }

  /** Walks a node that may not run. */
  private walkConditionally(node: TS.Node | undefined): void {
    if (!node) return;
    const stoppedBefore = this.enterConditional();
    try {
      this.walk(node);
    } finally {
      this.leaveConditional(stoppedBefore);
    }
  }

  /** Visits a child; bound once, so `forEachChild` does not allocate a closure per node. */
  private readonly walkChild = (child: TS.Node): undefined => {
    this.walk(child);
    return undefined;
  };

  /**
   * Visits a node in (approximately) evaluation order. One `switch` on the node kind: this runs for
   * every node the walk reaches, and a chain of `ts.isX` tests per node cost more than the rest of
   * the analysis together on a 5,000-line file.
   */
  private walk(node: TS.Node | undefined): void {
    if (!node || this.stopped) return;
    const ts = this.ts;
    switch (this.categories[node.kind]) {
      // Type-level declarations and module wiring do not run. Function bodies run only when called;
      // the declarations themselves are fully set up in the creation phase.
      case WalkCategory.NotRun:
        return;
      case WalkCategory.Identifier:
        this.reference(node as TS.Identifier);
        return;
      case WalkCategory.VariableDeclaration: {
        const declaration = node as TS.VariableDeclaration;
        this.walk(declaration.initializer);
        // The value is read first, then each name of a pattern is bound in order, its default run
        // just before: a default may read the names bound before it.
        if (declaration.name.kind !== this.identifierKind) {
          this.walkBindingDefaults(declaration.name, declaration.initializer);
          this.boundElements.clear();
        }
        this.markDeclared(declaration);
        return;
      }
      case WalkCategory.ClassDeclaration:
        if (hasModifier(node, this.declareKeyword)) return;
        this.walkClassDefinition(node as TS.ClassDeclaration);
        return;
      case WalkCategory.ClassExpression:
        this.walkClassDefinition(node as TS.ClassExpression);
        return;
      case WalkCategory.PropertyAccess: {
        const access = node as TS.PropertyAccessExpression;
        this.walk(access.expression);
        if (this.getterNames().has(access.name.escapedText as string)) this.invokeGetter(access);
        return;
      }
      case WalkCategory.PropertyAssignment: {
        const property = node as TS.PropertyAssignment;
        if (ts.isComputedPropertyName(property.name)) this.walk(property.name.expression);
        this.walk(property.initializer);
        return;
      }
      case WalkCategory.ShorthandPropertyAssignment:
        this.reference((node as TS.ShorthandPropertyAssignment).name);
        return;
      case WalkCategory.TypeOf: {
        const expression = (node as TS.TypeOfExpression).expression;
        const operand = skipOuter(ts, expression);
        if (ts.isIdentifier(operand)) this.reference(operand, { typeofOperand: true });
        else this.walk(expression);
        return;
      }
      case WalkCategory.Binary:
        this.walkBinary(node as TS.BinaryExpression);
        return;
      case WalkCategory.Conditional: {
        const conditional = node as TS.ConditionalExpression;
        this.walkBranches(conditional.condition, conditional.whenTrue, conditional.whenFalse);
        return;
      }
      case WalkCategory.Call:
        this.walkCall(node as TS.CallExpression);
        return;
      case WalkCategory.New:
        this.walkNew(node as TS.NewExpression);
        return;
      case WalkCategory.If: {
        const statement = node as TS.IfStatement;
        this.walkBranches(statement.expression, statement.thenStatement, statement.elseStatement);
        return;
      }
      case WalkCategory.For:
        this.walkForLoop(node as TS.ForStatement);
        return;
      case WalkCategory.ForInOrOf:
        this.walkForInOrOfLoop(node as TS.ForOfStatement | TS.ForInStatement);
        return;
      case WalkCategory.While: {
        const loop = node as TS.WhileStatement;
        this.walk(loop.expression);
        this.walkConditionally(loop.statement);
        return;
      }
      case WalkCategory.Do:
        // The body runs at least once; later iterations add nothing the walker needs.
        this.walk((node as TS.DoStatement).statement);
        this.walk((node as TS.DoStatement).expression);
        return;
      case WalkCategory.Switch:
        this.walkSwitch(node as TS.SwitchStatement);
        return;
      case WalkCategory.Try: {
        const statement = node as TS.TryStatement;
        const threw = this.walkTryBlock(statement);
        // A throw inside the try block is caught, so later statements may still run.
        this.stopped = false;
        if (statement.catchClause && threw) this.walk(statement.catchClause.block);
        else if (statement.catchClause) this.walkConditionally(statement.catchClause.block);
        this.walk(statement.finallyBlock);
        // A throw caught further out goes on after this statement's finally block.
        if (this.unwindingTo) this.stopped = true;
        return;
      }
      case WalkCategory.Block:
        this.walkStatements((node as TS.Block | TS.ModuleBlock).statements);
        return;
      case WalkCategory.ReturnOrThrow:
        this.walk((node as TS.ReturnStatement | TS.ThrowStatement).expression);
        if (this.callStack.length > 0 || node.kind === this.throwStatement) this.stopped = true;
        return;
      case WalkCategory.ExportAssignment:
        this.walk((node as TS.ExportAssignment).expression);
        return;
      case WalkCategory.TaggedTemplate: {
        const tagged = node as TS.TaggedTemplateExpression;
        this.walk(tagged.tag);
        this.walk(tagged.template);
        this.invokeResolved(tagged.tag, tagged);
        return;
      }
      case WalkCategory.Decorator:
        this.walk((node as TS.Decorator).expression);
        return;
      case WalkCategory.Leaf:
        return;
      case WalkCategory.Children:
        ts.forEachChild(node, this.walkChild);
        return;
      case WalkCategory.ExpressionStatement:
        this.walk((node as TS.ExpressionStatement).expression);
        return;
      case WalkCategory.VariableStatement:
        // `declare var x` describes something that exists elsewhere; other modifiers (`export`) do not run.
        if (hasModifier(node, this.declareKeyword)) return;
        this.walkEach((node as TS.VariableStatement).declarationList.declarations);
        return;
      case WalkCategory.VariableDeclarationList:
        this.walkEach((node as TS.VariableDeclarationList).declarations);
        return;
      case WalkCategory.ArrayLiteral:
        this.walkEach((node as TS.ArrayLiteralExpression).elements);
        return;
      case WalkCategory.ObjectLiteral:
        this.walkEach((node as TS.ObjectLiteralExpression).properties);
        return;
      case WalkCategory.Spread: {
        // Spreading iterates to the end, now: a generator of the file runs its whole body.
        const spread = node as TS.SpreadElement;
        this.walk(spread.expression);
        this.drainIterable(spread.expression, spread);
        return;
      }
      case WalkCategory.AwaitOrYield:
        this.walk((node as TS.AwaitExpression | TS.YieldExpression).expression);
        if (node.kind === ts.SyntaxKind.YieldExpression) this.passYieldOfLoopGenerator(node);
        else if (this.pendingTimers.length > 0 && this.callStack.length === 0) this.runTimersDuringAwait(node as TS.AwaitExpression);
        this.suspend();
        return;
      default:
        if (ts.isTypeNode(node)) return;
        // `declare` statements, enums and fields describe something that exists elsewhere: nothing runs.
        if (ts.canHaveModifiers(node) && hasModifier(node, this.declareKeyword)) return;
        ts.forEachChild(node, this.walkChild);
    }
  }

  /**
   * A try block, with its statement among the catching ones while it runs when its catch clause
   * catches (see `catchingTries`). Returns whether it certainly threw (see `unwindingTo`).
   */
  private walkTryBlock(statement: TS.TryStatement): boolean {
    if (!statement.catchClause || certainlyThrows(this.ts, statement.catchClause.block.statements)) {
      this.walk(statement.tryBlock);
      return false;
    }
    this.catchingTries.push(statement);
    try {
      this.walk(statement.tryBlock);
    } finally {
      this.catchingTries.pop();
    }
    if (this.unwindingTo !== statement) return false;
    this.unwindingTo = undefined;
    return true;
  }

  /**
   * A read that certainly runs throws, and a try catches it (or a promise takes it): the rest of the
   * try block (or of the async function or executor), and of the calls in between, does not run.
   */
  private unwindTo(catcher: TS.TryStatement | PromiseRejection): void {
    if (this.mayNotRun() || this.unwindingTo) return;
    this.unwindingTo = 'fate' in catcher ? catcher.promise : catcher;
    this.stopped = true;
  }

  /**
   * What takes a throw of the code being walked: the innermost `try` whose catch catches it, else
   * the promise of the innermost async function called without `await` (or Promise executor) it
   * is in; undefined when the throw stops the program.
   */
  private catcherOfThrow(): TS.TryStatement | PromiseRejection | undefined {
    if (this.catchingTries.length > this.catchFloor) return this.catchingTries[this.catchingTries.length - 1];
    const boundary = this.rejectionBoundaries.length > 0 ? this.rejectionBoundaries[this.rejectionBoundaries.length - 1] : undefined;
    // Before its function's first await the throw rejects the promise at once (see `PromiseRejection.atOnce`).
    if (boundary?.atOnce && boundary.frame !== undefined && this.suspensions[boundary.frame] === Suspension.None) return boundary.atOnce;
    // A timer callback's own throw (no promise around it) goes to the process's uncaughtException listener, if any.
    return boundary ?? (this.timerRunsDuring && this.runningTimer ? this.uncaughtExceptionListener(this.runningTimer, this.timerRunsDuring) : undefined);
  }

  /** Whether a throw taken by `catcher` lets the program go on: caught, or a rejection something handles or may handle. */
  private static goesOn(catcher: TS.TryStatement | PromiseRejection | undefined): boolean {
    return !!catcher && !('fate' in catcher && (catcher.fate === RejectionFate.Unhandled || catcher.fate === RejectionFate.Exits));
  }

  /**
   * What becomes of the rejection of the promise a call of an async function (or a `new Promise`)
   * makes, followed through `.then`/`.finally` chains and `Promise.all`/`race`/`any`; undefined when
   * it is awaited (or returned from an async function): the throw then goes on at that `await`,
   * where a try around it catches it, as the walk already has it.
   */
  private rejectionOf(site: TS.Node, callArguments: readonly TS.Expression[] | undefined): PromiseRejection | undefined {
    const [assumedBefore, mattersBefore] = [this.assumeRejectedAtOnce, this.rejectionTimeMatters];
    this.assumeRejectedAtOnce = false;
    this.rejectionTimeMatters = false;
    try {
      const later = this.rejectionOfCall(site, callArguments);
      if (!later || !this.rejectionTimeMatters) return later;
      // Followed again as already rejected at the call: a race it then wins, and so on.
      this.assumeRejectedAtOnce = true;
      const atOnce = this.rejectionOfCall(site, callArguments);
      return atOnce ? { ...later, atOnce } : later;
    } finally {
      this.assumeRejectedAtOnce = assumedBefore;
      this.rejectionTimeMatters = mattersBefore;
    }
  }

  /** While `rejectionOf` follows a promise as one already rejected at its call (see `PromiseRejection.atOnce`). */
  private assumeRejectedAtOnce = false;
  /** Set while `rejectionOf` follows a promise when the verdict depends on whether it is already rejected then. */
  private rejectionTimeMatters = false;

  private rejectionOfCall(site: TS.Node, callArguments: readonly TS.Expression[] | undefined): PromiseRejection | undefined {
    const ts = this.ts;
    // Only a call made with its own arguments gives its promise where it stands; a callback is run by its callee.
    if (!(ts.isCallExpression(site) && callArguments === site.arguments) && !ts.isNewExpression(site)) {
      const method = ts.isCallExpression(site) && ts.isPropertyAccessExpression(site.expression) ? site.expression.name.text : undefined;
      // `list.map(load)`: the callback's promises are the elements of the array the call returns.
      if (method === 'map') {
        const waiter = this.waiterOfMappedPromises(site, site as TS.CallExpression);
        return 'fate' in waiter ? waiter : this.rejectionFrom(site, waiter);
      }
      return method === 'forEach' ? this.unhandledRejection(site) : { promise: site, fate: RejectionFate.Unknown };
    }
    return this.rejectionFrom(site, site);
  }

  /** What becomes of the rejection of the promise made at `site`, from `start` on: the site itself or a read of the variable it went to. */
  private rejectionFrom(site: TS.Node, start: TS.Node, heldIn?: TS.Node): PromiseRejection | undefined {
    const ts = this.ts;
    let promise = start;
    // The walked frame the promise is in, while it is returned from one to its caller.
    let frame = this.callStack.length - 1;
    // Passed through a Promise.race or Promise.any with other elements: another element may settle the
    // race first, or fulfil the any, so the rejection may never reach what comes after.
    let mayBeAbsorbed = false;
    // Returns followed up to the call that runs their function (see `callRunning`): bounded, as two functions may call each other.
    let runnerHops = 0;
    // Still the very promise a read of a variable gives: only returned unchanged from non-async functions (see `PromiseRejection.dropsRead`).
    let sameAsRead = ts.isIdentifier(start);
    const unlessAbsorbed = (rejection: PromiseRejection | undefined): PromiseRejection | undefined =>
      mayBeAbsorbed && rejection?.fate !== RejectionFate.Handled && rejection?.fate !== RejectionFate.Settled ? { promise: site, fate: RejectionFate.Unknown } : rejection;
    // Nothing takes the promise here: unhandled, unless it is still the read's own promise and another read handles it.
    const dropped = (): PromiseRejection | undefined => {
      const unhandled = this.unhandledRejection(site);
      return unlessAbsorbed(sameAsRead && unhandled.fate === RejectionFate.Unhandled ? { ...unhandled, dropsRead: true } : unhandled);
    };
    for (;;) {
      let parent = promise.parent;
      while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) ||
        ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent)) {
        promise = parent;
        parent = parent.parent;
      }
      // A read of the variable that holds the promise, awaited: the await throws the rejection there.
      if (ts.isAwaitExpression(parent)) return unlessAbsorbed(heldIn ? this.awaitedRejection(site, parent, heldIn) : undefined);
      if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return dropped();
      if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === promise)) {
        const returningFunction = ts.findAncestor(parent, ts.isFunctionLike);
        // A finally that returns or throws after the return discards the returned promise: nothing takes its rejection there.
        const discarded = ts.isReturnStatement(parent) && returningFunction ? this.finallyDiscardsReturn(parent, returningFunction) : false;
        if (discarded === undefined) return { promise: site, fate: RejectionFate.Unknown };
        if (discarded) return dropped();
        // A read returned by a function the code runs directly (`main()`, `Promise.resolve().then(() => p)`,
        // see `callRunning`): the call's promise (or value) takes it; on from that call. Measured in node 20:
        // `Promise.resolve().then(() => p)` exits 1, with `.catch(log)` after it 0.
        const runner = heldIn && returningFunction && returningFunction !== heldIn && runnerHops < 8 ? this.callRunning(returningFunction) : undefined;
        if (runner && this.dropsCallbackResult(runner)) return dropped();
        if (runner) {
          runnerHops++;
          sameAsRead = false;
          promise = runner;
          frame = -1;
          continue;
        }
        // Returned by a function (or method) whose parameter holds it (see `rejectionOfParameter`), not async:
        // the value of that call is the promise; on from the call, in the scope that holds it. Measured in
        // node 20 (/tmp/mm): `new Runner().run(load())` with `run(p) { return p.then(() => {}); }` exits 1.
        const parameterCall = heldIn && returningFunction === heldIn && !hasModifier(returningFunction, ts.SyntaxKind.AsyncKeyword) ? this.parameterCalls.get(heldIn) : undefined;
        if (parameterCall) {
          promise = parameterCall.call;
          heldIn = parameterCall.heldIn ?? ts.findAncestor(parameterCall.call, ts.isFunctionLike) ?? this.context.sourceFile;
          frame = -1;
          continue;
        }
        if (returningFunction && hasModifier(returningFunction, ts.SyntaxKind.AsyncKeyword)) {
          // A read of the variable returned by its own async function: that function's promise takes the rejection (a try around the return does not see it).
          return unlessAbsorbed(heldIn && returningFunction === heldIn ? this.awaitedRejection(site, parent, heldIn) : undefined);
        }
        // Returned by a function the walk called directly (`function load() { return new Promise(...) }`): on from that call.
        const caller = frame >= 0 && this.callStack[frame] === returningFunction ? this.callSites[frame] : undefined;
        if (caller && ts.isCallExpression(caller) && this.frameArguments[frame] === caller.arguments) {
          if (returningFunction && 'asteriskToken' in returningFunction && returningFunction.asteriskToken) sameAsRead = false;
          promise = caller;
          frame--;
          continue;
        }
        // Returned by a `.map` callback (`list.map((n) => load(n))`): an element of the array the map call returns.
        const mapCall = returningFunction && mapCallOf(ts, returningFunction);
        if (!mapCall) return { promise: site, fate: RejectionFate.Unknown };
        if (caller) frame--;
        const waiter = this.waiterOfMappedPromises(site, mapCall);
        if ('fate' in waiter) return unlessAbsorbed(waiter);
        sameAsRead = false;
        promise = waiter;
        continue;
      }
      const chained = methodCallOn(ts, promise);
      if (chained) {
        if (!chained.chains) return { promise: site, fate: RejectionFate.Unknown };
        const handling = chained.onRejected && this.handlerFate(chained.onRejected);
        if (handling !== undefined) return unlessAbsorbed({ promise: site, fate: handling, handler: chained.call });
        // `.then(f)`, `.finally(f)` and a handler that throws again pass the rejection on to the promise they return.
        sameAsRead = false;
        promise = chained.call;
        continue;
      }
      if (ts.isVariableDeclaration(parent) && parent.initializer === promise && start === site) return unlessAbsorbed(this.rejectionOfVariable(site, parent));
      // An element of the array a `for await` walks (`for await (const x of [p, q])`): awaited in its turn.
      const walked = ts.isArrayLiteralExpression(parent) ? parent : undefined;
      const loop = walked?.parent;
      if (heldIn && walked && loop && ts.isForOfStatement(loop) && loop.awaitModifier && loop.expression === walked) {
        return this.forAwaitReaches(walked.elements, promise, loop) ? unlessAbsorbed(this.awaitedRejection(site, loop, heldIn)) : { promise: site, fate: RejectionFate.Unknown };
      }
      // An argument of the one call of a function of the file (see `callRunning`): its parameter holds the promise.
      const receiving = ts.isCallExpression(parent) && parent.expression !== promise ? parent : undefined;
      const holder = receiving && this.parameterHolding(receiving, promise);
      if (receiving && holder) {
        // A parameter only dropped as it is (see `PromiseRejection.dropsRead`) drops this read's promise as it is only while it is still that one.
        const { dropsRead, ...passed } = this.rejectionOfParameter(site, holder, receiving, heldIn);
        return unlessAbsorbed(dropsRead && sameAsRead ? { ...passed, dropsRead } : passed);
      }
      const elements = ts.isArrayLiteralExpression(parent) ? parent.elements : undefined;
      const combinator = elements && parent.parent;
      if (combinator && ts.isCallExpression(combinator) && combinator.arguments[0] === parent && ts.isPropertyAccessExpression(combinator.expression) &&
          this.isUndeclaredGlobal(combinator.expression.expression, 'Promise')) {
        const method = combinator.expression.name.text;
        if (method === 'allSettled') return { promise: site, fate: RejectionFate.Settled, handler: combinator };
        if (method !== 'all' && method !== 'race' && method !== 'any') return { promise: site, fate: RejectionFate.Unknown };
        // The combined promise rejects in its place (for race and any, when it settles first or last:
        // certainly only when it is the one element, see `combinedTakes`).
        if (method !== 'all' && (elements.length !== 1 || ts.isSpreadElement(elements[0]))) {
          const takes = this.combinedTakes(method, elements, promise);
          if (takes === RejectionFate.Handled) return unlessAbsorbed({ promise: site, fate: RejectionFate.Handled, handler: combinator });
          if (takes === RejectionFate.Unknown) mayBeAbsorbed = true;
        }
        sameAsRead = false;
        promise = combinator;
        continue;
      }
      return { promise: site, fate: RejectionFate.Unknown };
    }
  }

  /**
   * For a promise that is an element of a `Promise.race` or `Promise.any` with other elements: whether
   * the combined promise takes its rejection (undefined: it rejects in its place, as with one element),
   * or it is handled there and goes no further (Handled), or which is not known (Unknown). Both attach
   * handlers to every element at the call. `any` fulfils when an element fulfils: one that certainly
   * does (a literal, `Promise.resolve(literal)`) handles the rejection. `race` settles as the first
   * element already settled at the call (in their order), else as the first to settle later: an
   * earlier element already fulfilled handles it; when each earlier one is still pending (a timer's
   * promise), the race rejects with this one when it is already rejected at the call (see
   * `PromiseRejection.atOnce`), else not known. Measured in node 20 (/tmp/rej/b), with `const p =
   * g()` rejected at once: `await Promise.race([p, Promise.resolve(1)])` exits 1, `Promise.race([
   * Promise.resolve(1), p])` 0, `await Promise.race([new Promise((r) => setTimeout(r, 10)), p])` 1,
   * `await Promise.any([p, Promise.resolve(1)])` 0, `Promise.any([p, Promise.reject(e)])` 1 (every
   * other element rejected: the any rejects in its place), with `.catch(log)` after it 0.
   */
  private combinedTakes(method: string, elements: TS.NodeArray<TS.Expression>, element: TS.Node): RejectionFate.Handled | RejectionFate.Unknown | undefined {
    const ts = this.ts;
    const position = elements.indexOf(element as TS.Expression);
    if (position < 0) return RejectionFate.Unknown;
    if (method === 'any') {
      const others = elements.filter((_, index) => index !== position);
      if (others.some((other) => this.fulfilledAtOnce(other))) return RejectionFate.Handled;
      // Every other element a rejected promise: the any rejects (with an AggregateError) once this one does.
      return others.every((other) => this.rejectedPromise(other)) ? undefined : RejectionFate.Unknown;
    }
    for (let index = 0; index < position; index++) {
      const earlier = elements[index];
      if (this.fulfilledAtOnce(earlier)) return RejectionFate.Handled;
      if (ts.isSpreadElement(earlier) || typeof this.awaitedMilliseconds(earlier) !== 'number') return RejectionFate.Unknown;
    }
    if (this.assumeRejectedAtOnce) return undefined;
    this.rejectionTimeMatters = true;
    return RejectionFate.Unknown;
  }

  /** Whether a value is `Promise.reject(...)` of the global `Promise`. */
  private rejectedPromise(value: TS.Expression): boolean {
    const ts = this.ts;
    const inner = skipOuter(ts, value);
    return ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'reject' &&
      this.isUndeclaredGlobal(inner.expression.expression, 'Promise');
  }

  /** Whether a value is a promise already fulfilled, or no promise at all: a literal (not an object literal, which may be a thenable), `undefined`, `Promise.resolve()` or `Promise.resolve(literal)`. */
  private fulfilledAtOnce(value: TS.Expression): boolean {
    const ts = this.ts;
    const inner = skipOuter(ts, value);
    if (isLiteralKind(ts, inner.kind) || this.isUndeclaredGlobal(inner, 'undefined')) return true;
    return ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'resolve' &&
      this.isUndeclaredGlobal(inner.expression.expression, 'Promise') && (inner.arguments.length === 0 || isLiteralKind(ts, skipOuter(ts, inner.arguments[0]).kind));
  }

  /**
   * Whether a `for await` over an array literal certainly awaits `element` in its turn, with no
   * element of it left unhandled when that one throws there: each earlier element is fulfilled at
   * once (see `fulfilledAtOnce`) and the body cannot leave the loop or wait (see `mayLeave`), and each
   * later element cannot reject (fulfilled at once, or a timer's promise), since the loop throws at
   * this one and awaits none after it. Measured in node 20 (/tmp/rej/b): `try { for await (const x of
   * [Promise.resolve(1), p]) ... } catch {}` exits 0; with `break` in the body 1; with a timer's
   * promise first 1 (p is awaited after node's check); with another rejected promise after p 1.
   */
  private forAwaitReaches(elements: TS.NodeArray<TS.Expression>, element: TS.Node, loop: TS.ForOfStatement): boolean {
    const ts = this.ts;
    const position = elements.indexOf(element as TS.Expression);
    if (position < 0) return false;
    for (let index = 0; index < elements.length; index++) {
      const other = elements[index];
      if (index === position || this.fulfilledAtOnce(other)) continue;
      if (index < position || ts.isSpreadElement(other) || typeof this.awaitedMilliseconds(other) !== 'number') return false;
    }
    return position === 0 || !this.mayLeave(loop.statement);
  }

  /**
   * The parameter that receives `argument` in `call`, when the call is the one call of a function of
   * the file that runs it (see `callRunning`: a function declaration or `const` function whose name
   * is used nowhere else, or an IIFE): a plain name (no default, no rest, no pattern) that the
   * function never writes and that `arguments` cannot reach (the function does not name it), with no
   * spread argument before it, and no direct `eval` or `with` in the function or its inner functions
   * (they can read or write it unseen). Undefined otherwise.
   */
  private parameterHolding(call: TS.CallExpression, argument: TS.Node): TS.ParameterDeclaration | undefined {
    const ts = this.ts;
    const position = call.arguments.indexOf(argument as TS.Expression);
    if (position < 0 || call.arguments.slice(0, position).some((other) => ts.isSpreadElement(other))) return undefined;
    const callee = skipOuter(ts, call.expression);
    let fn: TS.Node | undefined = ts.isFunctionExpression(callee) || ts.isArrowFunction(callee) ? callee : undefined;
    if (!fn && ts.isIdentifier(callee)) {
      const declarations = this.context.resolver.declarationsOf(callee);
      const declaration = declarations.length === 1 ? declarations[0] : undefined;
      fn = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(ts, declaration.initializer) : declaration;
    }
    const method = ts.isPropertyAccessExpression(callee) ? this.certainMethod(call, callee) : undefined;
    if (method) fn = method;
    else if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) || this.callRunning(fn) !== call) return undefined;
    if (!ts.isFunctionLike(fn)) return undefined;
    const parameter = fn.parameters[position];
    if (!parameter || !ts.isIdentifier(parameter.name) || parameter.initializer || parameter.dotDotDotToken || parameter.name.text === 'this' || this.isBindingWritten(parameter)) return undefined;
    const body = fn;
    const within = (node: TS.Node): boolean => node.pos >= body.pos && node.end <= body.end;
    return this.context.identifiersNamed('arguments' as TS.__String).some(within) || this.readsUnseen(body) ? undefined : parameter;
  }

  /**
   * The method `call` certainly runs (`receiver.name(...)`, see `parameterHolding`): a method (or a
   * function or arrow property) of an object literal held by a `const` of the file, or a method of a
   * class declaration called on `new C()` itself or on a `const` holding it. Each time only what
   * nothing can replace: the member is the one of its name (no computed name or spread beside it, no
   * field of the name over a class method), not a generator; the class extends nothing, is not
   * exported or decorated, its name is used only in `new C()` (never `C.prototype`), each such
   * instance only as `new C().other` or held by a const used as below (review rv14c: `Object.
   * getPrototypeOf(x).name = f` on any instance replaces it for all), and its constructor returns
   * nothing; the `const` is not exported, is declared before the call, and is used only as the
   * object of a property access that neither writes nor deletes that name, nor reads `constructor`,
   * `__proto__` or `prototype` (passed to `Object.defineProperty` or `Object.assign`, it is not
   * followed); `this` and `super` anywhere in the file likewise (a function added to the object may
   * run with it as `this`; `super.name = f` sets it on `this`), and no `new.target` (its
   * `prototype`); no direct eval or `with` in the file; the call is outside the method. A
   * subclass's instance is never assumed.
   * Measured in node 20 (/tmp/mm): `const runner = { run(p) { return p.catch(() => {}); } };
   * runner.run(load());` with `load` rejecting exits 0, `new Runner().run(load())` of such a class
   * 0, with `p.then(() => {})` 1.
   */
  private certainMethod(call: TS.CallExpression, callee: TS.PropertyAccessExpression): TS.FunctionLikeDeclaration | undefined {
    const ts = this.ts;
    const name = callee.name.text;
    if (call.questionDotToken || callee.questionDotToken || !ts.isIdentifier(callee.name) || this.readsUnseen(this.context.sourceFile)) return undefined;
    const isExported = (statement: TS.Node): boolean => hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    const isDecorated = (node: TS.Node): boolean => ts.canHaveDecorators(node) && !!ts.getDecorators(node)?.length;
    // Where the object (or its `this`) is read: only `object.other`, or `object.name` read.
    const keepsMethod = (object: TS.Node): boolean => {
      const access = object.parent;
      if (!ts.isPropertyAccessExpression(access) || access.expression !== object || access.questionDotToken) return false;
      const property = access.name.text;
      if (property === 'constructor' || property === '__proto__' || property === 'prototype') return false;
      return property !== name || !(isWriteTarget(ts, access) || ts.isDeleteExpression(skipParentheses(ts, access).parent));
    };
    // `this` anywhere in the file (a function written to another property may run with the object as
    // `this`); `super.name = f` in a method sets it on `this`; `new.target.prototype` is the class's.
    const thisKeepsMethod = (container: TS.Node): boolean => {
      const visit = (node: TS.Node): boolean => (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword ? keepsMethod(node) :
        !(ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.NewKeyword) && !ts.forEachChild(node, (child) => (visit(child) ? undefined : true)));
      return visit(container);
    };
    // A const of the file, not exported, used only as `keepsMethod` allows.
    const constKeepsMethod = (declaration: TS.VariableDeclaration): boolean => {
      const declared = declaration.name;
      if (!ts.isIdentifier(declared) || (declaration.parent.flags & ts.NodeFlags.Const) === 0 || isExported(declaration.parent.parent)) return false;
      return this.context.identifiersNamed(declared.escapedText).every((identifier) => identifier === declared || !this.context.resolver.declarationsOf(identifier).includes(declaration) || keepsMethod(identifier));
    };
    let receiver = skipOuter(ts, callee.expression);
    let holder: TS.VariableDeclaration | undefined;
    if (ts.isIdentifier(receiver)) {
      const declarations = this.context.resolver.declarationsOf(receiver);
      const declaration = declarations.length === 1 ? declarations[0] : undefined;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || declaration.end > call.pos || !constKeepsMethod(declaration)) return undefined;
      holder = declaration;
      receiver = skipOuter(ts, declaration.initializer);
    }
    let members: readonly (TS.ObjectLiteralElementLike | TS.ClassElement)[];
    let container: TS.Node;
    if (ts.isObjectLiteralExpression(receiver) && holder) {
      members = receiver.properties;
      container = receiver;
    } else if (ts.isNewExpression(receiver) && ts.isIdentifier(receiver.expression)) {
      const declarations = this.context.resolver.declarationsOf(receiver.expression);
      const cls = declarations.length === 1 ? declarations[0] : undefined;
      if (!cls || !ts.isClassDeclaration(cls) || !cls.name || cls.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) || isExported(cls) || isDecorated(cls)) return undefined;
      const className = cls.name;
      const classUses = this.context.identifiersNamed(className.escapedText).filter((identifier) => identifier !== className && this.context.resolver.declarationsOf(identifier).includes(cls));
      if (!classUses.every((use) => ts.isNewExpression(skipParentheses(ts, use).parent) && (skipParentheses(ts, use).parent as TS.NewExpression).expression === skipParentheses(ts, use))) return undefined;
      // Every instance made in the file is used only where its prototype stays out of reach: `new C().other`,
      // or a const used so (review: `Object.getPrototypeOf(new C()).name = f` replaced it for each instance).
      const instanceKeepsMethod = (use: TS.Identifier): boolean => {
        let instance: TS.Node = skipParentheses(ts, use).parent;
        while (ts.isParenthesizedExpression(instance.parent)) instance = instance.parent;
        const parent = instance.parent;
        return keepsMethod(instance) || (ts.isVariableDeclaration(parent) && parent.initializer === instance && constKeepsMethod(parent));
      };
      if (!classUses.every(instanceKeepsMethod)) return undefined;
      // A constructor that returns an object makes `new C()` that object.
      const returnsValue = (node: TS.Node): boolean => (ts.isReturnStatement(node) && !!node.expression) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && !!ts.forEachChild(node, (child) => returnsValue(child) || undefined));
      if (cls.members.some((member) => ts.isConstructorDeclaration(member) && member.body && returnsValue(member.body))) return undefined;
      members = cls.members;
      container = cls;
    } else {
      return undefined;
    }
    let found: TS.Node | undefined;
    for (const member of members) {
      if (ts.isSpreadAssignment(member) || isDecorated(member)) return undefined;
      const memberName = 'name' in member ? member.name : undefined;
      if (memberName && ts.isComputedPropertyName(memberName)) return undefined;
      if (!memberName || !(ts.isIdentifier(memberName) || ts.isStringLiteral(memberName)) || memberName.text !== name) continue;
      if (found) return undefined;
      found = ts.isPropertyAssignment(member) ? skipOuter(ts, member.initializer) : member;
    }
    if (!found || !(ts.isMethodDeclaration(found) || ts.isFunctionExpression(found) || ts.isArrowFunction(found)) || found.asteriskToken || !found.body ||
        (ts.isClassDeclaration(container) && hasModifier(found, ts.SyntaxKind.StaticKeyword)) || !(call.pos >= found.end || call.end <= found.pos)) return undefined;
    return thisKeepsMethod(this.context.sourceFile) ? found : undefined;
  }

  /**
   * Whether code in `scope` (a function or the file, with its inner functions) can read or replace
   * its bindings where the analysis does not see it: a direct `eval` (of the global eval) or a
   * `with` statement, whose object may take a name. Measured in node 20 (/tmp/rv12/cases q3.mjs,
   * q7.mjs): `function watch(task) { eval('task.catch(log)'); } watch(g());` and `const p = g();
   * eval('p.catch(log)');` exit 0.
   */
  private readsUnseen(scope: TS.Node): boolean {
    const ts = this.ts;
    const within = (node: TS.Node): boolean => node.pos >= scope.pos && node.end <= scope.end;
    if (this.context.index.irregularNodes.some((node) => ts.isWithStatement(node) && within(node))) return true;
    return this.context.identifiersNamed('eval' as TS.__String).some((identifier) => within(identifier) &&
      ts.isCallExpression(identifier.parent) && identifier.parent.expression === identifier && this.context.resolver.declarationsOf(identifier).length === 0);
  }

  /** The calls whose parameter `rejectionOfParameter` is following, by the function called, with the scope the call's promise is held in (if any). */
  private readonly parameterCalls = new Map<TS.Node, { call: TS.CallExpression; heldIn: TS.Node | undefined }>();

  /**
   * The rejection of a promise passed to a function of the file the code runs (see
   * `parameterHolding`), from the reads of the parameter, as for a variable (see
   * `rejectionOfVariable`); a throw that leaves that function at an await of it goes to the promise
   * of the call (see `awaitedRejectionPastScope`). Measured in node 20 (/tmp/rej/h):
   * `async function run(task) { try { await task } catch (e) { log(e) } } run(g());` exits 0,
   * without the try 1, with `run(g()).catch(log)` 0, and `try { run(g()) } catch {}` 1.
   */
  private rejectionOfParameter(site: TS.Node, parameter: TS.ParameterDeclaration, call: TS.CallExpression, heldIn: TS.Node | undefined): PromiseRejection {
    const fn = parameter.parent;
    // Another argument that may throw first leaves the function uncalled: nothing reads the parameter.
    const argument = call.arguments[fn.parameters.indexOf(parameter)];
    if (this.followedCallPromises >= 8 || this.parameterCalls.has(fn) || call.arguments.some((other) => other !== argument && this.mayLeave(other))) {
      return { promise: site, fate: RejectionFate.Unknown };
    }
    this.parameterCalls.set(fn, { call, heldIn });
    this.followedCallPromises++;
    try {
      return this.rejectionOfVariable(site, parameter);
    } finally {
      this.followedCallPromises--;
      this.parameterCalls.delete(fn);
    }
  }

  /**
   * What takes the promises of an array a `.map` call returns (`list.map(load)`): a statement that
   * drops it leaves each one unhandled; `Promise.all` rejects in their place (the call returned, to
   * be followed on); `Promise.allSettled` takes them as results; a `const` that holds the array is
   * judged by its reads (`const tasks = list.map(load); await Promise.all(tasks);`). Anything else,
   * including a race of an unknown number of elements, is not followed.
   */
  private waiterOfMappedPromises(site: TS.Node, arrayExpression: TS.Node, inVariable = false): PromiseRejection | TS.CallExpression {
    const ts = this.ts;
    let array: TS.Node = arrayExpression;
    while (ts.isParenthesizedExpression(array.parent) || ts.isAsExpression(array.parent) || ts.isNonNullExpression(array.parent) || ts.isSatisfiesExpression(array.parent)) array = array.parent;
    const parent = array.parent;
    if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return this.unhandledRejection(site);
    if (ts.isVariableDeclaration(parent) && parent.initializer === array && !inVariable) return this.rejectionOfVariable(site, parent, true);
    if (ts.isCallExpression(parent) && parent.arguments[0] === array && ts.isPropertyAccessExpression(parent.expression) &&
        this.isUndeclaredGlobal(parent.expression.expression, 'Promise')) {
      const method = parent.expression.name.text;
      if (method === 'all') return parent;
      if (method === 'allSettled') return { promise: site, fate: RejectionFate.Settled, handler: parent };
    }
    return { promise: site, fate: RejectionFate.Unknown };
  }

  /**
   * The rejection of a promise kept in a variable (`const ready = new Promise(...)`), from the reads
   * of the variable: handled when one of them handles it and every promise the others chain on it
   * is handled too (`ready.finally(f)` or `ready.then(f)` makes a promise that rejects as well:
   * measured, node stops when nothing handles that one); unhandled when every read drops it, or
   * there is none. An `await` of it in its own scope throws the rejection there (see
   * `awaitedRejection`). A read in another function, or a variable written again, may take it
   * later: not known.
   */
  private rejectionOfVariable(site: TS.Node, declaration: TS.VariableDeclaration | TS.ParameterDeclaration, holdsMappedArray = false): PromiseRejection {
    const ts = this.ts;
    const scope = ts.findAncestor(declaration, ts.isFunctionLike) ?? this.context.sourceFile;
    // For an array of the promises (see `waiterOfMappedPromises`), each read is followed as that array.
    const follow = (read: TS.Identifier): PromiseRejection | undefined => {
      if (!holdsMappedArray) return this.rejectionFrom(site, read, scope);
      const waiter = this.waiterOfMappedPromises(site, read, true);
      return 'fate' in waiter ? waiter : this.rejectionFrom(site, waiter, scope);
    };
    const unknown = { promise: site, fate: RejectionFate.Unknown };
    if (!ts.isIdentifier(declaration.name) || this.isBindingWritten(declaration) || this.readsUnseen(scope)) return unknown;
    let handled: PromiseRejection | undefined;
    let settled: PromiseRejection | undefined;
    let late: TS.Node | undefined;
    // A read that chains an unhandled promise on it but may not run (under an `if`, in a loop body or
    // a catch block) may leave node stopping or not: not known, unless another read settles it, or
    // no read may handle it (node stops whether it runs or not).
    let mayBeUnhandled = false;
    // A read that handles it but may not run (`if (verbose) p.catch(log)`): without it nothing may
    // handle the rejection (measured: node exits 1 when the branch does not run, 0 when it does).
    let mayBeHandled = false;
    let mayExit = false;
    let conditionalHandler: TS.Node | undefined;
    // Every read only drops the promise as it is (`p;`, `return p` from a function whose call's value is dropped): see `PromiseRejection.dropsRead`.
    let onlyDropped = true;
    for (const identifier of this.context.identifiersNamed(declaration.name.escapedText)) {
      if (identifier === declaration.name || !this.context.resolver.declarationsOf(identifier).includes(declaration)) continue;
      const readIn = ts.findAncestor(identifier, ts.isFunctionLike) ?? this.context.sourceFile;
      // A read in a timer's callback, or after an await of a timer, comes too late (measured in
      // node 20: a handler added in a setTimeout 0 or setImmediate callback, or after
      // `await sleep(100)`, lets node exit 1). Node looks for unhandled rejections once the running
      // code, its microtasks and process.nextTick callbacks are done, before any timer runs. A read
      // in a microtask or nextTick callback, or after `await null`, comes in time (exit 0): it is
      // followed as the other reads are.
      let lateSite: TS.Node | undefined;
      if (readIn !== scope) {
        lateSite = this.timerCallbackAround(identifier, scope);
        if (!lateSite && !this.isMicrotaskCallbackOf(readIn, scope)) {
          // A read in a function the code of `scope` calls (`main()`, an IIFE, `Promise.resolve().then(cb)`):
          // in time unless an await on the way waits for a timer (late) or for what the walk cannot see.
          const wait = this.timerWaitThroughCalls(identifier, scope, declaration);
          if (wait === RejectionFate.Unknown) return unknown;
          lateSite = wait;
        }
      } else {
        const wait = this.timerWaitBetween(scope, declaration, identifier);
        if (wait === RejectionFate.Unknown) return unknown;
        lateSite = wait;
      }
      if (lateSite) {
        onlyDropped = false;
        // A promise the late read chains on it (`p.then(f)`) rejects too, then, where nothing may handle it.
        const chained = follow(identifier);
        if (chained?.fate === RejectionFate.Unhandled && !chained.dropsRead && !this.dropsPromise(identifier)) {
          if (this.readCertainlyRuns(identifier, scope, declaration)) return chained;
          mayBeUnhandled = true;
        }
        late ??= lateSite;
        continue;
      }
      const fate = follow(identifier);
      if (!fate || fate.fate === RejectionFate.Unknown) return unknown;
      if (fate.fate === RejectionFate.Unhandled && (fate.dropsRead || this.dropsPromise(identifier))) {
        // A read that only drops the variable's promise as it is (`ready;`, or returns it to a call whose value is dropped) makes no promise of its own.
        continue;
      }
      onlyDropped = false;
      if (fate.fate === RejectionFate.Unhandled) {
        if (this.readCertainlyRuns(identifier, scope, declaration)) return fate;
        mayBeUnhandled = true;
      } else if (!this.readCertainlyRuns(identifier, scope, declaration)) {
        mayBeHandled = true;
        conditionalHandler ??= fate.handler ?? fate.awaitedAt;
        if (fate.fate === RejectionFate.Exits) mayExit = true;
      } else if (fate.fate === RejectionFate.Settled) settled ??= fate;
      // A handler that ends the program runs whatever the others do.
      else if (!handled || fate.fate === RejectionFate.Exits) handled = fate;
    }
    const taken = handled ?? settled;
    if (taken ? mayBeUnhandled || (mayExit && taken.fate !== RejectionFate.Exits) : mayBeHandled) return taken ? unknown : { ...unknown, conditionalHandler };
    if (taken) return taken;
    const unhandled = this.unhandledRejection(site);
    if (late && unhandled.fate === RejectionFate.Unhandled) unhandled.lateHandler = late;
    // A parameter every read of which drops it as it is: the argument's promise is dropped as it is, too.
    if (onlyDropped && ts.isParameter(declaration) && !holdsMappedArray && unhandled.fate === RejectionFate.Unhandled) unhandled.dropsRead = true;
    return unhandled;
  }

  /**
   * The rejection of a promise kept in a variable, at an `await` of a read of it (`const p = g(); ...
   * await p`, `await Promise.all(tasks)`): the await handles the promise (in time when no timer wait
   * comes between, see `timerWaitBetween`) and throws the rejection again at itself. A try of the
   * variable's own scope around the await catches it (the program goes on); a `return p` of the
   * variable's own async function gives the rejection to that function's promise, past any try of
   * it (measured: exit 1 with a try around `return p`, 0 around `return await p`). Else it goes
   * where a throw of the code that runs the scope goes: a try around that, the promise of the async function
   * called without `await` (see `rejectionBoundaries`), or, with neither, it stops the program
   * (measured in node 20: a top-level `await p` outside a try exits 1, inside a try 0; in
   * `async function main`, `main()` exits 1, `main().catch(log)` 0). Not known in another function,
   * in a function walked on its own, or when a process listener may take the error.
   */
  private awaitedRejection(site: TS.Node, awaited: TS.AwaitExpression | TS.ForOfStatement | TS.ReturnStatement | TS.ArrowFunction, scope: TS.Node): PromiseRejection {
    const ts = this.ts;
    const unknown = { promise: site, fate: RejectionFate.Unknown };
    let replacingTry: TS.TryStatement | undefined;
    const awaits = ts.isAwaitExpression(awaited) || ts.isForOfStatement(awaited);
    for (let child: TS.Node = awaited, parent = awaited.parent; parent !== scope && awaits; child = parent, parent = parent.parent) {
      if (parent && ts.isFunctionLike(parent)) {
        // In an async function the code calls (see `callRunning`): the throw rejects the promise of that call.
        const past = this.rejectionOfCallPromise(site, parent, scope);
        if (!past) return unknown;
        if (replacingTry) return this.replacedRejection(site, past, awaited, replacingTry);
        return past.fate === RejectionFate.Unhandled && !past.awaitedAt && !past.listenerEvent ? { ...past, awaitedAt: awaited } : past;
      }
      if (!parent || ts.isClassLike(parent)) return unknown;
      if (ts.isTryStatement(parent) && parent.tryBlock === child && parent.catchClause && !certainlyThrows(ts, parent.catchClause.block.statements)) {
        if (replacingTry) return { promise: site, fate: RejectionFate.Handled, awaitedAt: awaited, replacingTry, replacementHandler: parent };
        return { promise: site, fate: RejectionFate.Handled, awaitedAt: awaited, catchingTry: parent };
      }
      // A finally that returns or throws discards the error thrown at the await (measured in node 20:
      // `try { return await p } finally { return 'x' }` fulfils with 'x', exit 0); one that may: not known.
      if (ts.isTryStatement(parent) && parent.finallyBlock && child !== parent.finallyBlock) {
        const abrupt = this.finallyCompletesAbruptly(parent.finallyBlock);
        if (abrupt === undefined) return unknown;
        // One that throws puts its own error in the place of this one (measured in node 20: `try { return
        // await p } finally { throw e }` in main, with main().then(log), exits 1): that error goes on up.
        const throws = abrupt ? this.finallyThrows(parent.finallyBlock) : false;
        if (throws === undefined) return unknown;
        if (throws) {
          replacingTry ??= parent;
          continue;
        }
        if (abrupt) return replacingTry ? unknown : { promise: site, fate: RejectionFate.Handled, awaitedAt: awaited, discardingTry: parent };
      }
    }
    if (replacingTry) return this.replacedRejection(site, this.awaitedRejectionPastScope(site, awaited, scope), awaited, replacingTry);
    return this.awaitedRejectionPastScope(site, awaited, scope);
  }

  /**
   * What becomes of a throw that leaves the async function `fn` (a rejection of a promise kept in a
   * variable of `scope`, thrown again at an await in `fn`): the promise of the one call that runs it
   * (see `callRunning`), followed as any promise the code makes (`main();` drops it: node stops;
   * `main().catch(log)` handles it; `await main()` throws it again there). Measured in node 20
   * (/tmp/rej/a): `const p = g(); async function main() { await p } main();` exits 1,
   * `main().catch(log)` 0. Undefined when `fn` is not such a function, or the chain runs deeper than 8 calls.
   */
  private rejectionOfCallPromise(site: TS.Node, fn: TS.Node, scope: TS.Node): PromiseRejection | undefined {
    const ts = this.ts;
    if (!hasModifier(fn, ts.SyntaxKind.AsyncKeyword) || this.followedCallPromises >= 8) return undefined;
    const call = this.callRunning(fn);
    if (!call) return undefined;
    // `queueMicrotask(main)`: nothing takes the promise the call makes.
    if (this.dropsCallbackResult(call)) return this.unhandledRejection(site);
    this.followedCallPromises++;
    try {
      return this.rejectionFrom(site, call, scope);
    } finally {
      this.followedCallPromises--;
    }
  }

  /** How many calls `rejectionOfCallPromise` is following now (a bound: two functions may call each other). */
  private followedCallPromises = 0;

  /**
   * What takes the error a finally throws in the place of the rejection an await threw again (see
   * `awaitedRejection`): unhandled or caught as that error, with the try named; anything else (a
   * handler that exits, a process listener, not known): not known.
   */
  private replacedRejection(site: TS.Node, rejection: PromiseRejection, awaited: TS.Node, replacingTry: TS.TryStatement): PromiseRejection {
    if ((rejection.fate !== RejectionFate.Unhandled && rejection.fate !== RejectionFate.Handled) || rejection.listenerEvent) return { promise: site, fate: RejectionFate.Unknown };
    return { promise: site, fate: rejection.fate, awaitedAt: awaited, replacingTry, replacementHandler: rejection.catchingTry ?? rejection.handler };
  }

  /** Where an error thrown again at an await goes once past every try of the await's own scope (see `awaitedRejection`). */
  private awaitedRejectionPastScope(site: TS.Node, awaited: TS.AwaitExpression | TS.ForOfStatement | TS.ReturnStatement | TS.ArrowFunction, scope: TS.Node): PromiseRejection {
    const ts = this.ts;
    const unknown = { promise: site, fate: RejectionFate.Unknown };
    // A parameter's function (see `rejectionOfParameter`): the throw rejects the promise of its call, whatever runs now.
    const parameterCall = this.parameterCalls.get(scope);
    if (parameterCall) {
      if (!hasModifier(scope, ts.SyntaxKind.AsyncKeyword)) return unknown;
      // The call of a promise made in it (`run(g())`) is in the code running now: an await of it there is judged as one of a variable's.
      const past = this.rejectionFrom(site, parameterCall.call, parameterCall.heldIn ?? ts.findAncestor(parameterCall.call, ts.isFunctionLike) ?? this.context.sourceFile);
      return past && past.fate === RejectionFate.Unhandled && !past.awaitedAt && !past.listenerEvent && (ts.isAwaitExpression(awaited) || ts.isForOfStatement(awaited)) ? { ...past, awaitedAt: awaited } : past ?? unknown;
    }
    if (this.isolatedRoot || this.processListener('unhandledRejection') || this.processListener('uncaughtException')) return unknown;
    // The tries around the code that runs the scope (those inside it, around the declaration, do not see the await).
    for (let index = this.catchingTries.length - 1; index >= this.catchFloor; index--) {
      const tryStatement = this.catchingTries[index];
      if (tryStatement.pos < scope.pos || tryStatement.end > scope.end) {
        return { promise: site, fate: RejectionFate.Handled, awaitedAt: ts.isAwaitExpression(awaited) || ts.isForOfStatement(awaited) ? awaited : undefined, catchingTry: tryStatement };
      }
    }
    if (this.rejectionBoundaries.length > 0) {
      const boundary = this.rejectionBoundaries[this.rejectionBoundaries.length - 1];
      return boundary ? { ...boundary } : unknown;
    }
    return this.runningTimer ? unknown : { promise: site, fate: RejectionFate.Unhandled, awaitedAt: ts.isAwaitExpression(awaited) || ts.isForOfStatement(awaited) ? awaited : undefined };
  }

  /**
   * The first `await` of `scope` itself between a declaration and a read of it that certainly runs
   * and waits for a timer (`await sleep(100)`, see `awaitedMilliseconds`); Unknown when an await
   * there may wait for a task (I/O, a promise the walk cannot see) or may not run; undefined when
   * every await there waits only for promise jobs (`await null`), or there is none. An await of the
   * variable itself handles its promise while it waits: a later read is not late for it.
   */
  private timerWaitBetween(scope: TS.Node, declaration: TS.Node, read: TS.Node, from = declaration.end): TS.AwaitExpression | RejectionFate.Unknown | undefined {
    const ts = this.ts;
    const to = read.pos;
    let found: TS.AwaitExpression | RejectionFate.Unknown | undefined;
    const visit = (node: TS.Node): void => {
      if (found === RejectionFate.Unknown || node.end <= from || node.pos >= to || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if ((ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) && node.pos >= from && node.end <= to &&
          !(ts.isAwaitExpression(node) && this.isReadOf(node.expression, declaration))) {
        const wait = ts.isAwaitExpression(node) ? this.awaitedMilliseconds(node.expression) : undefined;
        if (wait === undefined || (wait !== null && !certainlyRunsIn(ts, node, scope))) found = RejectionFate.Unknown;
        else if (wait !== null) found ??= node as TS.AwaitExpression;
      }
      ts.forEachChild(node, visit);
    };
    const body = ts.isSourceFile(scope) ? scope : (scope as TS.FunctionLikeDeclaration).body;
    if (body) visit(body);
    return found;
  }

  /**
   * For a read of a promise variable in a function other than its own scope, run by a chain of calls
   * of the file that start in that scope (see `callRunning`): the first await on the way that
   * certainly runs and waits for a timer (in `scope` between the declaration and the outermost call,
   * or in a function between its start and the next call or the read), which makes the read late;
   * Unknown when the chain is not known or an await on it may wait for a task; undefined when it
   * comes in time. Measured in node 20 (/tmp/rej/a): `const p = g(); async function main() { try {
   * await p } catch {} } main();` exits 0, `await sleep(100)` before the try in main exits 1.
   */
  private timerWaitThroughCalls(read: TS.Node, scope: TS.Node, declaration: TS.Node): TS.Node | RejectionFate.Unknown | undefined {
    const ts = this.ts;
    let found: TS.Node | undefined;
    let node = read;
    for (let fn: TS.Node = ts.findAncestor(read, ts.isFunctionLike) ?? this.context.sourceFile, steps = 0; fn !== scope; steps++) {
      if (steps >= 8 || ts.isSourceFile(fn)) return RejectionFate.Unknown;
      // A timer's callback on the way (`setTimeout(() => main(), 0)`) runs after node has looked: late.
      const timer = this.timerTaking(fn) ?? this.onlyTimerTaking(fn);
      const call = timer ?? this.callRunning(fn);
      if (!call) return RejectionFate.Unknown;
      const body = (fn as TS.FunctionLikeDeclaration).body;
      const wait = body && !timer ? this.timerWaitBetween(fn, declaration, node, body.pos) : timer;
      if (wait === RejectionFate.Unknown) return wait;
      found ??= wait;
      node = call;
      fn = ts.findAncestor(call, ts.isFunctionLike) ?? this.context.sourceFile;
    }
    if (node.pos < declaration.end) return RejectionFate.Unknown;
    const wait = this.timerWaitBetween(scope, declaration, node);
    return wait === RejectionFate.Unknown ? wait : found ?? wait;
  }

  /**
   * The one call that runs `fn` where it stands, outside `fn`, before node looks for unhandled
   * rejections: the call of an IIFE, a call that runs it as a callback (see `callbackRunner`), or the
   * only use of the name of a function declaration or `const` function of the file when that use
   * calls it (`async function main() {...} main();`) or hands it to such a call. Undefined for
   * anything else: a generator, an exported function, a name used otherwise or twice.
   */
  private callRunning(fn: TS.Node): TS.CallExpression | undefined {
    // A question about the tree alone (names, never the walk's state): answered once per function.
    let known = this.runningCalls.get(fn);
    if (known === undefined) this.runningCalls.set(fn, known = this.findCallRunning(fn) ?? null);
    return known ?? undefined;
  }

  private readonly runningCalls = new Map<TS.Node, TS.CallExpression | null>();

  private findCallRunning(fn: TS.Node): TS.CallExpression | undefined {
    const ts = this.ts;
    if (!(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) || fn.asteriskToken) return undefined;
    const outer = skipParentheses(ts, fn);
    const parent = outer.parent;
    if (ts.isCallExpression(parent) && parent.expression === outer) return parent;
    const job = this.callbackRunner(outer);
    if (job || (ts.isCallExpression(parent) && parent.arguments[0] === outer)) return job;
    // An exported function may be called again by a module that imports it.
    const statement = ts.isVariableDeclaration(parent) ? parent.parent.parent : fn;
    if ((ts.isFunctionDeclaration(statement) || ts.isVariableStatement(statement)) &&
        (hasModifier(statement, ts.SyntaxKind.ExportKeyword) || hasModifier(statement, ts.SyntaxKind.DefaultKeyword))) return undefined;
    const uses = this.usesOfFunctionName(fn);
    if (!uses || uses.length !== 1) return undefined;
    const use = skipParentheses(ts, uses[0]);
    const only = ts.isCallExpression(use.parent) && use.parent.expression === use && !use.parent.questionDotToken ? use.parent : this.callbackRunner(use);
    return only && (only.pos >= fn.end || only.end <= fn.pos) ? only : undefined;
  }

  /** Whether a call that runs a callback (see `callbackRunner`) drops what it returns: `queueMicrotask`, `process.nextTick`, `forEach`. */
  private dropsCallbackResult(call: TS.CallExpression): boolean {
    const ts = this.ts;
    const callee = skipOuter(ts, call.expression);
    return (ts.isIdentifier(callee) && callee.text === 'queueMicrotask') || (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'nextTick' || callee.name.text === 'forEach'));
  }

  /**
   * The call that certainly runs `callback` (in parentheses or not) before node looks for unhandled
   * rejections: as a promise job or a tick, `Promise.resolve().then(callback)` (or
   * `Promise.resolve(literal)`), `queueMicrotask(callback)`, `process.nextTick(callback)`; or at once,
   * `[a, b].forEach(callback)` on an array literal with elements (no spread or hole). Undefined for
   * anything else. Measured in node 20 (/tmp/rej/e): `[1, 2].forEach(async () => { await p; })`
   * exits 1, with a try around the await 0.
   */
  private callbackRunner(callback: TS.Node): TS.CallExpression | undefined {
    const ts = this.ts;
    const call = callback.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== callback) return undefined;
    const callee = skipOuter(ts, call.expression);
    if (ts.isIdentifier(callee)) return this.isUndeclaredGlobal(callee, 'queueMicrotask') ? call : undefined;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    if (callee.name.text === 'nextTick') return this.isProcessObject(callee.expression) ? call : undefined;
    const receiver = skipOuter(ts, callee.expression);
    if (callee.name.text === 'forEach') {
      return ts.isArrayLiteralExpression(receiver) && receiver.elements.length > 0 &&
        receiver.elements.every((element) => !ts.isSpreadElement(element) && !ts.isOmittedExpression(element)) ? call : undefined;
    }
    return callee.name.text === 'then' && ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'resolve' &&
      this.isUndeclaredGlobal(receiver.expression.expression, 'Promise') && (receiver.arguments.length === 0 || isLiteralKind(ts, receiver.arguments[0].kind)) ? call : undefined;
  }

  /** Whether `expression` (in parentheses or not) is a read of the variable `declaration` declares. */
  private isReadOf(expression: TS.Expression, declaration: TS.Node): boolean {
    const inner = skipOuter(this.ts, expression);
    return this.ts.isIdentifier(inner) && this.context.resolver.declarationsOf(inner).includes(declaration as TS.Declaration);
  }

  /**
   * The timer call (`setTimeout`, `setInterval`, `setImmediate`) whose callback `node` is in, below
   * `scope`: the callback written there, or a function of the file that the file only ever hands to
   * timers (`function attach() { ... } setTimeout(attach, 0)`); undefined when there is none.
   */
  private timerCallbackAround(node: TS.Node, scope: TS.Node): TS.CallExpression | undefined {
    const ts = this.ts;
    for (let fn = ts.findAncestor(node, ts.isFunctionLike); fn && fn !== scope; fn = ts.findAncestor(fn.parent, ts.isFunctionLike)) {
      const timer = this.timerTaking(fn) ?? this.onlyTimerTaking(fn);
      if (timer) return timer;
    }
    return undefined;
  }

  /** The timer call whose callback argument `callback` is (in parentheses or not); undefined when it is none. */
  private timerTaking(callback: TS.Node): TS.CallExpression | undefined {
    const ts = this.ts;
    const outer = skipParentheses(ts, callback);
    const call = outer.parent;
    return ts.isCallExpression(call) && call.arguments[0] === outer && ts.isIdentifier(call.expression) &&
      (call.expression.text === 'setTimeout' || call.expression.text === 'setInterval' || call.expression.text === 'setImmediate') &&
      this.isUndeclaredGlobal(call.expression, call.expression.text) ? call : undefined;
  }

  /** For a function declaration or `const` function of the file whose every use hands it to a timer: the first such timer call. */
  private onlyTimerTaking(fn: TS.Node): TS.CallExpression | undefined {
    let first: TS.CallExpression | undefined;
    for (const identifier of this.usesOfFunctionName(fn) ?? []) {
      const timer = this.timerTaking(identifier);
      if (!timer) return undefined;
      first ??= timer;
    }
    return first;
  }

  /** The reads of the name of a function declaration or `const` function of the file (its own name left out); undefined for any other function. */
  private usesOfFunctionName(fn: TS.Node): TS.Identifier[] | undefined {
    const ts = this.ts;
    let declaration: TS.Node | undefined;
    let name: TS.Identifier | undefined;
    if (ts.isFunctionDeclaration(fn)) {
      declaration = fn;
      name = fn.name;
    } else {
      const holder = skipParentheses(ts, fn).parent;
      if (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && (holder.parent.flags & ts.NodeFlags.Const) !== 0) {
        declaration = holder;
        name = holder.name;
      }
    }
    if (!declaration || !name) return undefined;
    const uses: TS.Identifier[] = [];
    for (const identifier of this.context.identifiersNamed(name.escapedText)) {
      if (identifier !== name && this.context.resolver.declarationsOf(identifier).includes(declaration as TS.Declaration)) uses.push(identifier);
    }
    return uses;
  }

  /** Whether `fn` is the callback of a `queueMicrotask(fn)` or `process.nextTick(fn)` call made in `scope` itself. */
  private isMicrotaskCallbackOf(fn: TS.Node, scope: TS.Node): boolean {
    const ts = this.ts;
    const outer = skipParentheses(ts, fn);
    const call = outer.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== outer || (ts.findAncestor(call, ts.isFunctionLike) ?? this.context.sourceFile) !== scope) return false;
    const callee = skipOuter(ts, call.expression);
    if (ts.isIdentifier(callee)) return callee.text === 'queueMicrotask' && this.isUndeclaredGlobal(callee, 'queueMicrotask');
    return ts.isPropertyAccessExpression(callee) && callee.name.text === 'nextTick' && this.isProcessObject(callee.expression);
  }

  /**
   * Whether a read of a promise variable certainly runs whenever `scope` (the variable's function, or
   * the file) runs: the expression around it (its `.then`/`.catch` chain, the `Promise.all` call it is
   * an argument of) certainly runs in its function (see `certainlyRunsIn`: no `if`, `?:`, `&&`, loop
   * body, catch block or case between), no code before it there may leave first (see
   * `mayLeaveBefore`: from the declaration on in `scope`, in a callback from its start), and each
   * function between it and `scope` is a timer or microtask callback whose call certainly runs in
   * its own function in turn.
   */
  private readCertainlyRuns(read: TS.Node, scope: TS.Node, declaration: TS.VariableDeclaration | TS.ParameterDeclaration): boolean {
    const ts = this.ts;
    const expressionAround = (inner: TS.Node): TS.Node => {
      let node = inner;
      for (;;) {
        const parent = node.parent;
        const passesOn = ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) ||
          ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent) || ts.isArrayLiteralExpression(parent) ||
          ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isAwaitExpression(parent) || ts.isVoidExpression(parent) ||
          (ts.isPropertyAccessExpression(parent) && parent.expression === node);
        if (!passesOn) return node;
        node = parent;
      }
    };
    let node = expressionAround(read);
    for (let fn: TS.Node = ts.findAncestor(read, ts.isFunctionLike) ?? this.context.sourceFile, steps = 0; fn !== scope; steps++) {
      if (ts.isSourceFile(fn) || steps >= 8 || !certainlyRunsIn(ts, node, fn) || this.mayLeaveBefore(node, fn, -1, declaration) || this.parametersMayLeave(fn, -1, declaration)) return false;
      const outer = skipParentheses(ts, fn);
      const callerScope = ts.findAncestor(outer.parent, ts.isFunctionLike) ?? this.context.sourceFile;
      // A function the code calls directly (see `callRunning`) runs for certain when that call does.
      const direct = this.callRunning(fn);
      const call = this.timerTaking(fn) ?? this.onlyTimerTaking(fn) ?? (this.isMicrotaskCallbackOf(fn, callerScope) ? outer.parent : direct);
      if (!call) return false;
      // A call whose arguments (or receiver) may throw first does not run the function.
      if (direct && direct === call && (direct.arguments.some((argument) => this.mayLeave(argument, -1, declaration)) ||
        (ts.isPropertyAccessExpression(direct.expression) && this.mayLeave(direct.expression.expression, -1, declaration)))) return false;
      node = direct === call ? expressionAround(call) : call;
      fn = ts.findAncestor(call, ts.isFunctionLike) ?? this.context.sourceFile;
    }
    return certainlyRunsIn(ts, node, scope) && !this.mayLeaveBefore(node, scope, declaration.end, declaration) &&
      !(ts.isParameter(declaration) && this.parametersMayLeave(scope, declaration.end, declaration));
  }

  /**
   * Whether binding the parameters of `fn` (those from the offset `from` on) may throw before its body
   * runs: a pattern (`{ x }` given undefined throws), or a default that may leave (see `mayLeave`).
   * Measured in node 20 (/tmp/rej/k): `async function main(x = JSON.parse('{')) { try { await p }
   * catch {} }` with `main().catch(() => {})` never awaits p: exit 1.
   */
  private parametersMayLeave(fn: TS.Node, from: number, declaration: TS.Node): boolean {
    const ts = this.ts;
    if (!ts.isFunctionLike(fn)) return false;
    return fn.parameters.some((parameter) => parameter.pos >= from && (!ts.isIdentifier(parameter.name) ||
      (!!parameter.initializer && this.mayLeave(parameter.initializer, -1, declaration))));
  }

  /**
   * Whether code that runs before `node` on its way up to `scope` (from the offset `from` on: after
   * the promise's declaration, or the whole callback) may leave first (see `mayLeave`): an earlier
   * statement of each block around it (`if (!x) return;`, `JSON.parse(text);` in the same try
   * block), or an earlier operand. Measured in node 20: `const p = g(); if (!x) throw e; try { await p }
   * catch {}` exits 1 when the throw runs (p is never awaited), as does a handler after `if (!x) return;`.
   */
  private mayLeaveBefore(node: TS.Node, scope: TS.Node, from: number, declaration: TS.VariableDeclaration | TS.ParameterDeclaration): boolean {
    const ts = this.ts;
    for (let child = node, parent = node.parent; parent && parent !== scope; child = parent, parent = parent.parent) {
      const before = child.pos;
      if (ts.forEachChild(parent, (sibling) => (sibling.end <= before && this.mayLeave(sibling, from, declaration)) || undefined)) return true;
    }
    return false;
  }

  /**
   * Whether a `finally` between a return statement and its function completes abruptly after the
   * return (a `return`, `throw`, `break` or `continue` among its own statements), which discards the
   * returned value (measured in node 20: `try { return p } finally { return 'x' }` in an async
   * function fulfils with 'x', and p's rejection goes unhandled, exit 1); undefined when one may (see
   * `mayLeave`), false when none does.
   */
  private finallyDiscardsReturn(statement: TS.ReturnStatement, fn: TS.Node): boolean | undefined {
    const ts = this.ts;
    let mayDiscard = false;
    for (let child: TS.Node = statement, parent = statement.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
      if (!ts.isTryStatement(parent) || !parent.finallyBlock || child === parent.finallyBlock) continue;
      const abrupt = this.finallyCompletesAbruptly(parent.finallyBlock);
      if (abrupt) return true;
      if (abrupt === undefined) mayDiscard = true;
    }
    return mayDiscard ? undefined : false;
  }

  /**
   * Whether a finally block that completes abruptly does so by a throw: the first of its own
   * statements that leaves is a `throw`; undefined when a statement before that one may leave
   * (`if (x) return;`), so which way it leaves is not known.
   */
  private finallyThrows(block: TS.Block): boolean | undefined {
    const ts = this.ts;
    const index = block.statements.findIndex((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakOrContinueStatement(s));
    if (index < 0) return false;
    if (block.statements.slice(0, index).some((statement) => this.mayLeave(statement))) return undefined;
    return ts.isThrowStatement(block.statements[index]);
  }

  /** Whether a finally block completes abruptly: true with a `return`, `throw`, `break` or `continue` among its own statements, undefined when it may (see `mayLeave`), else false. */
  private finallyCompletesAbruptly(block: TS.Block): boolean | undefined {
    const ts = this.ts;
    if (block.statements.some((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isBreakOrContinueStatement(s))) return true;
    return this.mayLeave(block) ? undefined : false;
  }

  /**
   * Whether running `node` (only its code after the offset `from`, when given) may end other than by
   * going on after it: a `return` (unless `ownReturns`, for a function's body), a `throw`, a `break`
   * or `continue` to a statement outside it, or an expression that may throw. Conservative: a call
   * passes only when it is a method of the global `console`, a timer or microtask function, a
   * `Promise` static method or `new Promise`, `.then`/`.catch`/`.finally` on a read of `promise`
   * (the variable judged), an async function of the file, or a function of the file whose body may
   * not leave in turn; a property read only on a global object (`process.argv.length`); an `await`
   * only of a literal; a read of a name in its dead zone where the walk is (see `readsInDeadZone`).
   * A try with a catch clause keeps the throws of its block. Not looked at: operators on objects (`valueOf`).
   * Not merged with modules.ts `codeMayThrow` on purpose: this one also counts returns, jumps and
   * yields as leaving, resolves names with the scope resolver and reads the walk's state (dead zones),
   * none of which the module facts have.
   */
  private mayLeave(node: TS.Node, from = -1, promise?: TS.Node, ownReturns = false, depth = 0): boolean {
    const ts = this.ts;
    const root = node;
    const isGlobalObjectPath = (expression: TS.Expression): boolean => {
      const inner = skipOuter(ts, expression);
      if (ts.isPropertyAccessExpression(inner) && !inner.questionDotToken) return isGlobalObjectPath(inner.expression);
      return ts.isIdentifier(inner) && READABLE_GLOBAL_OBJECTS.some((name) => this.isUndeclaredGlobal(inner, name));
    };
    const isPromiseRead = (expression: TS.Expression): boolean => {
      const inner = skipOuter(ts, expression);
      return !!promise && ts.isIdentifier(inner) && this.context.resolver.declarationsOf(inner).includes(promise as TS.Declaration);
    };
    const callIsSafe = (call: TS.CallExpression | TS.NewExpression | TS.TaggedTemplateExpression): boolean => {
      const callee = skipOuter(ts, ts.isTaggedTemplateExpression(call) ? call.tag : call.expression);
      if (ts.isNewExpression(call)) return this.isUndeclaredGlobal(callee, 'Promise') && !!call.arguments?.[0] && (ts.isArrowFunction(call.arguments[0]) || ts.isFunctionExpression(call.arguments[0]));
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (PROMISE_CHAIN_METHODS.has(method) && isPromiseRead(callee.expression)) return true;
        if (this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'console')) return true;
        if (this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'Promise') && ['resolve', 'reject', 'all', 'allSettled', 'race', 'any'].includes(method)) return true;
        return method === 'nextTick' && this.isProcessObject(callee.expression);
      }
      if (!ts.isIdentifier(callee)) return false;
      if (['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate'].some((name) => this.isUndeclaredGlobal(callee, name))) return true;
      const target = this.handlerFunction(callee);
      if (!target || target === RejectionFate.Unknown || !target.body) return false;
      // An async function's throws (its parameters' too) reject its promise; a generator runs only its parameters.
      if (hasModifier(target, ts.SyntaxKind.AsyncKeyword)) return true;
      if (target.parameters.some((parameter) => parameter.initializer || !ts.isIdentifier(parameter.name))) return false;
      return !!target.asteriskToken || (depth < 3 && !this.mayLeave(target.body, -1, undefined, true, depth + 1));
    };
    const visit = (current: TS.Node, throwsCaught: boolean): boolean => {
      if (current.end <= from) return false;
      if (current.pos >= from) {
        if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current) || ts.isArrowFunction(current)) return false;
        if (ts.isClassLike(current)) {
          return !throwsCaught && (!!current.heritageClauses?.length || current.members.some((member) =>
            (member.name && ts.isComputedPropertyName(member.name)) || ts.isClassStaticBlockDeclaration(member) || (ts.canHaveDecorators(member) && !!ts.getDecorators(member)?.length) ||
            (ts.isPropertyDeclaration(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword) && !!member.initializer)));
        }
        if (ts.isReturnStatement(current)) return !(ownReturns && ts.findAncestor(current, ts.isFunctionLike) === root.parent) || (!!current.expression && visit(current.expression, throwsCaught));
        if (ts.isThrowStatement(current)) return !throwsCaught;
        if (ts.isBreakOrContinueStatement(current)) {
          const target = jumpTarget(ts, current);
          return !target || target.pos < root.pos || target.end > root.end;
        }
        if (ts.isTryStatement(current)) {
          return visit(current.tryBlock, throwsCaught || !!current.catchClause) ||
            (!!current.catchClause && ((!!current.catchClause.variableDeclaration && !ts.isIdentifier(current.catchClause.variableDeclaration.name) && !throwsCaught) || visit(current.catchClause.block, throwsCaught))) ||
            (!!current.finallyBlock && visit(current.finallyBlock, throwsCaught));
        }
        if (!throwsCaught) {
          if ((ts.isCallExpression(current) || ts.isNewExpression(current) || ts.isTaggedTemplateExpression(current)) && !callIsSafe(current)) return true;
          if (ts.isAwaitExpression(current) && !isLiteralKind(ts, skipOuter(ts, current.expression).kind) && !this.isUndeclaredGlobal(skipOuter(ts, current.expression), 'undefined')) return true;
          if (ts.isYieldExpression(current) || (ts.isSpreadElement(current) && !this.isLocalArray(current.expression)) ||
            (ts.isForOfStatement(current) && (!!current.awaitModifier || !this.isLocalArray(current.expression)))) return true;
          if ((ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) && !isGlobalObjectPath(current.expression) && !isPromiseRead(current.expression)) return true;
          if (ts.isBinaryExpression(current) && (current.operatorToken.kind === ts.SyntaxKind.InKeyword || current.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword ||
            (current.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isObjectLiteralExpression(current.left) || ts.isArrayLiteralExpression(current.left))))) return true;
          if ((ts.isVariableDeclaration(current) || ts.isParameter(current)) && !ts.isIdentifier(current.name)) return true;
          if (ts.isIdentifier(current) && this.readsInDeadZone(current)) return true;
        }
      }
      return !!ts.forEachChild(current, (child) => visit(child, throwsCaught) || undefined);
    };
    return visit(node, false);
  }

  /**
   * Whether iterating `expression` (a for-of, a spread) cannot throw: an array literal, or a read of a
   * `const` of the file or of an enclosing function, declared before it with an array literal (its
   * read in its dead zone is judged apart, see `readsInDeadZone`). Measured in node 20 (/tmp/rej/f):
   * `p.catch(log); for (const x of [1, 2]) console.log(x); p.then(f)` in `async function main`
   * exits 1 (the chain certainly runs).
   */
  private isLocalArray(expression: TS.Expression): boolean {
    const ts = this.ts;
    const inner = skipOuter(ts, expression);
    if (ts.isArrayLiteralExpression(inner)) return true;
    if (!ts.isIdentifier(inner)) return false;
    const declarations = this.context.resolver.declarationsOf(inner);
    // A const the read resolves to is in scope there: declared in the reading function or one around it.
    return declarations.length === 1 && constObjectKind(ts, declarations[0], inner, (global) => this.isUndeclaredGlobal(global, global.text)) === 'array';
  }

  /**
   * Whether a name read on the path judged by `mayLeave` is in its dead zone now, where the walk is
   * (it throws a ReferenceError there): a let, const or class whose frame is running and has not
   * reached its declaration, declared in a frame other than the reader's (a function's body runs to
   * its first await before its caller goes on), or after the read in the same one. Measured in node
   * 20 (review rv11 #4): const p = g(); const n = limit + 1; try { await p } catch {} in main,
   * called before the top-level let limit, throws at the read, p is never awaited: exit 1.
   */
  private readsInDeadZone(identifier: TS.Identifier): boolean {
    const ts = this.ts;
    const parent = identifier.parent;
    if ((ts.isPropertyAccessExpression(parent) && parent.name === identifier) || (ts.isPropertyAssignment(parent) && parent.name === identifier) ||
      ((ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isClassLike(parent) || ts.isFunctionLike(parent)) && parent.name === identifier)) return false;
    const reader = ts.findAncestor(identifier, ts.isFunctionLike) ?? this.context.sourceFile;
    return this.context.resolver.declarationsOf(identifier).some((declaration) =>
      (isLexicalVariable(ts, declaration) || ts.isClassDeclaration(declaration)) && !this.initialized.has(declaration) &&
      !isSwitchCaseDeclaration(ts, declaration) && this.isActive(frameOf(ts, declaration)) && (frameOf(ts, declaration) !== reader || declaration.pos > identifier.pos));
  }

  /** Whether a read of a promise is a statement of its own or a `void` operand: it drops the promise and makes none. */
  private dropsPromise(read: TS.Node): boolean {
    const ts = this.ts;
    let parent = read.parent;
    while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent) || ts.isSatisfiesExpression(parent)) parent = parent.parent;
    return ts.isExpressionStatement(parent) || ts.isVoidExpression(parent);
  }

  private processListenerCache = new Map<string, TS.CallExpression | null>();

  /**
   * A rejection nothing on the promise handles: Node.js stops with it, unless the file listens for
   * `process.on('unhandledRejection', listener)`, which then receives it instead (measured: node runs
   * on, exit 0), and which handles it as a rejection handler would (see `handlerFate`). Without that
   * listener, Node.js 20 raises the rejection as an uncaught exception, which a
   * `process.on('uncaughtException', listener)` receives in the same way (measured: exit 0).
   */
  private unhandledRejection(site: TS.Node): PromiseRejection {
    for (const event of ['unhandledRejection', 'uncaughtException']) {
      const listener = this.processListener(event);
      if (!listener) continue;
      const fate = this.handlerFate(listener.arguments[1]);
      if (fate !== undefined) return { promise: site, fate, handler: listener, listenerEvent: event };
      // A listener that throws again: node stops (an uncaughtException listener's throw is fatal).
      break;
    }
    return { promise: site, fate: RejectionFate.Unhandled };
  }

  /**
   * What takes a throw that nothing else catches in a timer callback that runs during a top-level
   * await: a `process.on('uncaughtException', listener)` the file registered before that await
   * (measured: node calls it and runs on, exit 0); undefined when there is none.
   */
  private uncaughtExceptionListener(site: TS.Node, runsDuring: TS.Node): PromiseRejection | undefined {
    const listener = this.processListener('uncaughtException');
    if (!listener || listener.pos > runsDuring.pos) return undefined;
    const fate = this.handlerFate(listener.arguments[1]);
    return fate === undefined ? undefined : { promise: site, fate, handler: listener, listenerEvent: 'uncaughtException', uncaught: true };
  }

  /** The file's first `process.on(event, listener)` call (or addListener, once, ...), on the process object however the file reaches it; null when there is none. */
  private processListener(event: string): TS.CallExpression | null {
    const ts = this.ts;
    let listener = this.processListenerCache.get(event);
    if (listener === undefined) {
      listener = this.context.index.calls.find((call) => {
        const access = call.expression;
        return ts.isPropertyAccessExpression(access) && ADD_LISTENER_METHODS.has(access.name.text) && call.arguments.length > 1 &&
          ts.isStringLiteralLike(call.arguments[0]) && call.arguments[0].text === event && this.isProcessObject(access.expression);
      }) ?? null;
      this.processListenerCache.set(event, listener);
    }
    return listener;
  }

  /**
   * Whether an expression is Node's process object: the global `process`, `globalThis.process` (or
   * `global.process`), or a name bound once to the `process`/`node:process` module (a default or
   * namespace import, or `const process = require('node:process')`).
   */
  private isProcessObject(expression: TS.Expression): boolean {
    const ts = this.ts;
    const target = skipOuter(ts, expression);
    if (ts.isPropertyAccessExpression(target)) {
      return target.name.text === 'process' && (this.isUndeclaredGlobal(skipOuter(ts, target.expression), 'globalThis') || this.isUndeclaredGlobal(skipOuter(ts, target.expression), 'global'));
    }
    if (!ts.isIdentifier(target)) return false;
    const declarations = this.context.resolver.declarationsOf(target);
    if (declarations.length === 0) return target.text === 'process';
    if (declarations.length !== 1) return false;
    const declaration = declarations[0];
    if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      const importDeclaration = ts.findAncestor(declaration, ts.isImportDeclaration);
      return !!importDeclaration && isProcessModuleSpecifier(ts, importDeclaration.moduleSpecifier);
    }
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer &&
        ((declaration.parent.flags & ts.NodeFlags.Const) !== 0 || !this.isBindingWritten(declaration))) {
      return this.isProcessModuleRequire(skipOuter(ts, declaration.initializer));
    }
    return false;
  }

  /**
   * Notes a timer an ES module schedules while its top level runs (`setTimeout(cb, 10)`), or forgets
   * one it cancels for certain (`clearTimeout(t)`): a later top-level await may let it run before the
   * rest of the module body (see `runTimersDuringAwait`).
   */
  private noteTimer(node: TS.CallExpression, callee: TS.Identifier): void {
    const ts = this.ts;
    const name = callee.text;
    if (TIMER_CLEARING_FUNCTIONS.has(name)) {
      const handle = node.arguments[0] && skipOuter(ts, node.arguments[0]);
      if (this.pendingTimers.length === 0 || this.mayNotRun() || !handle || !ts.isIdentifier(handle) || !this.isUndeclaredGlobal(callee, name)) return;
      const declaration = this.context.resolver.declarationsOf(handle)[0];
      for (let index = this.pendingTimers.length - 1; index >= 0; index--) if (this.pendingTimers[index].handle === declaration) this.pendingTimers.splice(index, 1);
      return;
    }
    if (name === 'queueMicrotask' && node.arguments.length > 0 && this.isUndeclaredGlobal(callee, name)) {
      this.pendingTimers.push({ callback: node.arguments[0], site: node, due: this.waitedMilliseconds, conditional: this.mayNotRun(), microtask: true });
      return;
    }
    if (!TIMER_FUNCTIONS.has(name) || node.arguments.length === 0 || !this.isUndeclaredGlobal(callee, name)) return;
    const delay = name === 'setImmediate' ? 0 : this.timerDelay(node.arguments[1]);
    const holder = skipOuter(ts, node).parent;
    this.pendingTimers.push({
      callback: node.arguments[0], site: node, due: delay === undefined ? undefined : this.waitedMilliseconds + delay, conditional: this.mayNotRun(),
      handle: holder && ts.isVariableDeclaration(holder) && holder.initializer && skipOuter(ts, holder.initializer) === node ? holder : undefined,
    });
  }

  /**
   * `Promise.resolve(value).then(cb)` at an ES module's top level: a promise job queued before the
   * module's own continuation, so it runs at the next top-level await, whatever that waits for
   * (measured: `Promise.resolve().then(() => use(limit)); await null; const limit` exits 1).
   */
  private notePromiseJob(node: TS.CallExpression, callee: TS.PropertyAccessExpression): void {
    const ts = this.ts;
    const receiver = skipOuter(ts, callee.expression);
    if (node.arguments.length === 0 || !ts.isCallExpression(receiver) || !ts.isPropertyAccessExpression(receiver.expression) ||
        receiver.expression.name.text !== 'resolve' || !this.isUndeclaredGlobal(receiver.expression.expression, 'Promise') ||
        (receiver.arguments.length > 0 && !isLiteralKind(ts, receiver.arguments[0].kind))) return;
    this.pendingTimers.push({
      callback: node.arguments[0], site: node, due: this.waitedMilliseconds, conditional: this.mayNotRun(), microtask: true, rejection: this.rejectionOf(node, node.arguments),
    });
  }

  /** A timer's delay in milliseconds, when written as a number (Node runs a delay under 1 as 1); undefined when not known. */
  private timerDelay(argument: TS.Expression | undefined): number | undefined {
    if (!argument) return 1;
    const value = skipOuter(this.ts, argument);
    return this.ts.isNumericLiteral(value) ? Math.max(1, Number(value.text)) : undefined;
  }

  /**
   * An ES module's top level waits at an `await`, and the event loop goes on meanwhile: the timer
   * callbacks it scheduled before run now if they are due before the wait ends, while the module's
   * later declarations have not run. A wait for a timer of the file (`await new Promise((r) =>
   * setTimeout(r, 100))`, a `sleep(100)` helper returning one, timers/promises' `setTimeout(100)`)
   * runs those due by its end, for certain; a wait only for promise jobs (`await null`,
   * `Promise.resolve()`) runs none; any other wait (I/O, an import, a promise the walk cannot see)
   * may run any of them: walked as code that may run.
   */
  private runTimersDuringAwait(awaitExpression: TS.AwaitExpression): void {
    const wait = this.awaitedMilliseconds(awaitExpression.expression);
    const certainAwait = !this.mayNotRun();
    const until = wait === undefined || wait === null ? undefined : this.waitedMilliseconds + wait;
    for (const timer of this.pendingTimers.slice()) {
      // Promise jobs queued before the await run at any await; tasks only at one that lets the event loop go on.
      if (wait === null && !timer.microtask) continue;
      const due = timer.microtask ? true : until !== undefined && timer.due !== undefined ? timer.due <= until : undefined;
      if (due === false) continue;
      const certain = due === true && certainAwait && !timer.conditional;
      if (certain) this.pendingTimers.splice(this.pendingTimers.indexOf(timer), 1);
      this.timerRunsDuring = awaitExpression;
      this.runningTimer = timer.site;
      // The callback runs in a task (or promise job) of its own: no try around the await catches its
      // throw; only the promise a `.then` callback's throw rejects takes it.
      const floorBefore = this.catchFloor;
      this.catchFloor = this.catchingTries.length;
      this.rejectionBoundaries.push(timer.rejection);
      try {
        if (certain) this.invokeCallbackArgument(timer.callback, timer.site);
        else this.invokeCallbackArgumentConditionally(timer.callback, timer.site);
      } finally {
        this.rejectionBoundaries.pop();
        this.catchFloor = floorBefore;
        this.timerRunsDuring = undefined;
        this.runningTimer = undefined;
      }
    }
    if (until !== undefined && certainAwait) this.waitedMilliseconds = until;
  }

  /**
   * How long a top-level `await` of this expression waits for a timer of the file, in milliseconds:
   * null when it waits only for promise jobs (no task runs meanwhile), undefined when it may wait
   * for anything.
   */
  private awaitedMilliseconds(expression: TS.Expression): number | null | undefined {
    const ts = this.ts;
    const awaited = skipOuter(ts, expression);
    if (isLiteralKind(ts, awaited.kind) || ts.isArrayLiteralExpression(awaited) || ts.isObjectLiteralExpression(awaited) || this.isUndeclaredGlobal(awaited, 'undefined')) return null;
    if (ts.isNewExpression(awaited)) return this.isUndeclaredGlobal(awaited.expression, 'Promise') ? this.executorTimerWait(awaited.arguments?.[0], undefined, undefined) : undefined;
    if (!ts.isCallExpression(awaited)) return undefined;
    const callee = skipOuter(ts, awaited.expression);
    if (ts.isPropertyAccessExpression(callee) && this.isUndeclaredGlobal(callee.expression, 'Promise') && (callee.name.text === 'resolve' || callee.name.text === 'reject')) {
      return awaited.arguments.length === 0 || isLiteralKind(ts, awaited.arguments[0].kind) ? null : undefined;
    }
    if (!ts.isIdentifier(callee)) return undefined;
    const declaration = this.context.resolver.declarationsOf(callee)[0];
    // `import { setTimeout } from 'node:timers/promises'`: a promise fulfilled by a timer.
    if (declaration && ts.isImportSpecifier(declaration) && (declaration.propertyName ?? declaration.name).text === 'setTimeout') {
      const specifier = declaration.parent.parent.parent.moduleSpecifier;
      return ts.isStringLiteral(specifier) && /^(node:)?timers\/promises$/.test(specifier.text) ? this.timerDelay(awaited.arguments[0]) : undefined;
    }
    // A helper of the file that returns `new Promise((resolve) => setTimeout(resolve, ms))`, called with the delay.
    const target = this.resolveCallable(callee);
    if (!target || ts.isClassLike(target) || !target.body) return undefined;
    // An async function of the file that awaits nothing settles its promise with promise jobs only (its body ran just now).
    if (hasModifier(target, ts.SyntaxKind.AsyncKeyword) && !target.asteriskToken && !containsAwait(ts, target.body)) return null;
    let returned: TS.Expression | undefined;
    if (!ts.isBlock(target.body)) returned = target.body;
    else if (target.body.statements.length === 1 && ts.isReturnStatement(target.body.statements[0])) returned = target.body.statements[0].expression;
    const promise = returned && skipOuter(ts, returned);
    if (!promise || !ts.isNewExpression(promise) || !this.isUndeclaredGlobal(promise.expression, 'Promise')) return undefined;
    return this.executorTimerWait(promise.arguments?.[0], target, awaited.arguments);
  }

  /**
   * The delay of `setTimeout(resolve, delay)` in a Promise executor that does only that, the delay
   * read from the helper's arguments when it is one of its parameters; undefined otherwise.
   */
  private executorTimerWait(executorArgument: TS.Expression | undefined, helper: TS.FunctionLikeDeclaration | undefined,
    helperArguments: readonly TS.Expression[] | undefined): number | undefined {
    const ts = this.ts;
    const executor = executorArgument && skipOuter(ts, executorArgument);
    if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) || executor.parameters.length === 0) return undefined;
    let body: TS.Node = executor.body;
    if (ts.isBlock(body)) {
      if (body.statements.length !== 1 || !ts.isExpressionStatement(body.statements[0])) return undefined;
      body = body.statements[0].expression;
    }
    const timer = skipOuter(ts, body as TS.Expression);
    if (!ts.isCallExpression(timer) || !this.isUndeclaredGlobal(timer.expression, 'setTimeout') || timer.arguments.length === 0) return undefined;
    const resolve = executor.parameters[0].name;
    const handler = skipOuter(ts, timer.arguments[0]);
    if (!ts.isIdentifier(resolve) || !ts.isIdentifier(handler) || handler.text !== resolve.text) return undefined;
    const delay = timer.arguments[1] && skipOuter(ts, timer.arguments[1]);
    if (delay && helper && ts.isIdentifier(delay)) {
      const position = helper.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === delay.text);
      if (position >= 0) return this.timerDelay(helperArguments?.[position] ?? delay);
    }
    return this.timerDelay(delay);
  }

  /**
   * What a rejection handler does with the rejection: handles it (Handled), or ends the program with
   * `process.exit()` (Exits); undefined when it is no function (a non-function handler is ignored) or
   * certainly throws (the rejection, or a new error, goes on to the promise it returns: measured,
   * `p.catch(() => { throw new Error('b') })` with nothing after ends node with exit code 1);
   * Unknown when it is a binding of the file the walk cannot see a function in, or when it may
   * return before its throw or exit (`if (e instanceof ReferenceError) return; throw e;`).
   */
  private handlerFate(handler: TS.Expression): RejectionFate | undefined {
    const callback = this.handlerFunction(skipOuter(this.ts, handler));
    if (callback === null) return undefined;
    if (callback === RejectionFate.Unknown) return RejectionFate.Unknown;
    switch (callback ? this.functionOutcome(callback, 0) : HandlerOutcome.Returns) {
      case HandlerOutcome.Throws: return undefined;
      case HandlerOutcome.Exits: return RejectionFate.Exits;
      case HandlerOutcome.Maybe: return RejectionFate.Unknown;
      default: return RejectionFate.Handled;
    }
  }

  /**
   * How a call of a function of the file ends, from its own statements in order (see
   * `HandlerOutcome`): a `throw`, a `return Promise.reject(...)` or a concise body that is one, a
   * call of `process.exit()` (however the file reaches it, see `isProcessExitCallee`), or a call of
   * another function of the file that ends so. A branch that throws or exits is not certain and is
   * passed over, as the walk does for a catch block; a statement with a `return` in it makes what
   * follows uncertain. A generator (or async generator) returns whatever its body says: calling it
   * runs none of the body, only makes the generator object.
   */
  private functionOutcome(fn: TS.FunctionLikeDeclaration, depth: number): HandlerOutcome {
    const ts = this.ts;
    const body = fn.body;
    if (!body || fn.asteriskToken) return HandlerOutcome.Returns;
    if (!ts.isBlock(body)) return this.expressionOutcome(body, depth) ?? HandlerOutcome.Returns;
    let mayHaveReturned = false;
    for (const statement of body.statements) {
      let outcome: HandlerOutcome | undefined;
      if (ts.isThrowStatement(statement)) outcome = HandlerOutcome.Throws;
      else if (ts.isExpressionStatement(statement)) outcome = this.expressionOutcome(statement.expression, depth);
      else if (ts.isReturnStatement(statement)) return (statement.expression && this.expressionOutcome(statement.expression, depth)) ?? HandlerOutcome.Returns;
      if (outcome !== undefined) return mayHaveReturned ? HandlerOutcome.Maybe : outcome;
      if (!mayHaveReturned && containsReturn(ts, statement)) mayHaveReturned = true;
    }
    return HandlerOutcome.Returns;
  }

  /** How evaluating an expression of a handler ends it, when it certainly throws, rejects or exits (see `functionOutcome`); undefined otherwise. */
  private expressionOutcome(expression: TS.Expression, depth: number): HandlerOutcome | undefined {
    const ts = this.ts;
    let call = skipOuter(ts, expression);
    // An async handler that awaits the call ends as the call does.
    if (ts.isAwaitExpression(call)) call = skipOuter(ts, call.expression);
    if (!ts.isCallExpression(call)) return undefined;
    const callee = skipOuter(ts, call.expression);
    if (this.isProcessExitCallee(callee)) return HandlerOutcome.Exits;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'reject' && this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'Promise')) return HandlerOutcome.Throws;
    if (depth >= 4 || !ts.isIdentifier(callee)) return undefined;
    const target = this.handlerFunction(callee);
    if (!target || target === RejectionFate.Unknown) return undefined;
    const outcome = this.functionOutcome(target, depth + 1);
    return outcome === HandlerOutcome.Returns ? undefined : outcome;
  }

  /**
   * Whether a callee is Node's `process.exit`: a property `exit` of the process object however the
   * file reaches it (see `isProcessObject`), or a name bound to it, imported (`import { exit } from
   * 'node:process'`) or destructured (`const { exit } = process`, `= require('process')`).
   */
  private isProcessExitCallee(callee: TS.Expression): boolean {
    const ts = this.ts;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 'exit' && this.isProcessObject(callee.expression);
    if (!ts.isIdentifier(callee)) return false;
    const declarations = this.context.resolver.declarationsOf(callee);
    if (declarations.length !== 1) return false;
    const declaration = declarations[0];
    if (ts.isImportSpecifier(declaration)) {
      const importDeclaration = ts.findAncestor(declaration, ts.isImportDeclaration);
      return (declaration.propertyName ?? declaration.name).text === 'exit' && !!importDeclaration && isProcessModuleSpecifier(ts, importDeclaration.moduleSpecifier);
    }
    if (!ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent) || declaration.dotDotDotToken) return false;
    const key = declaration.propertyName ?? declaration.name;
    const variable = declaration.parent.parent;
    if (!(ts.isIdentifier(key) || ts.isStringLiteral(key)) || key.text !== 'exit' || !ts.isVariableDeclaration(variable) || !variable.initializer ||
      (variable.parent.flags & ts.NodeFlags.Const) === 0) return false;
    const source = skipOuter(ts, variable.initializer);
    return this.isProcessObject(source) || this.isProcessModuleRequire(source);
  }

  /** `require('process')` or `require('node:process')`, with the global `require`. */
  private isProcessModuleRequire(expression: TS.Expression): boolean {
    const ts = this.ts;
    return ts.isCallExpression(expression) && this.isUndeclaredGlobal(expression.expression, 'require') && isProcessModuleSpecifier(ts, expression.arguments[0]);
  }

  /**
   * The function a rejection handler is: a function expression, or the function declaration or
   * `const` function a name of the file stands for; undefined for a function the walk cannot see (a
   * global, an import, a member such as `console.error`); null for no function at all (`null`,
   * `undefined`, a literal, or a name bound to one: node ignores such a handler); Unknown for
   * anything else (a parameter, a call, a binding written again).
   */
  private handlerFunction(callback: TS.Expression, depth = 0): TS.FunctionLikeDeclaration | null | undefined | RejectionFate.Unknown {
    const ts = this.ts;
    if (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) return callback;
    if (isLiteralKind(ts, callback.kind) || ts.isObjectLiteralExpression(callback) || ts.isArrayLiteralExpression(callback) ||
      ts.isTemplateLiteral(callback) || this.isUndeclaredGlobal(callback, 'undefined')) return null;
    if (ts.isPropertyAccessExpression(callback)) return undefined;
    if (!ts.isIdentifier(callback) || depth > 4) return RejectionFate.Unknown;
    const declarations = this.context.resolver.declarationsOf(callback);
    if (declarations.length === 0) return undefined;
    const declaration = declarations[0];
    if (declarations.length !== 1 || declaration.getSourceFile() !== this.context.sourceFile) return RejectionFate.Unknown;
    // A function declaration's name is a binding like any other: `fail = report` makes the handler call `report`.
    if (ts.isFunctionDeclaration(declaration)) return declaration.body && !this.isBindingWritten(declaration) ? declaration : RejectionFate.Unknown;
    if (ts.isImportClause(declaration) || ts.isImportSpecifier(declaration) || ts.isNamespaceImport(declaration)) return undefined;
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer && !this.isBindingWritten(declaration)) {
      return this.handlerFunction(skipOuter(ts, declaration.initializer), depth + 1);
    }
    return RejectionFate.Unknown;
  }

  // Loops and switches have methods of their own, and enter and leave conditional code with
  // `try`/`finally` rather than a callback: a closure per loop would allocate a context each time.
  private walkForLoop(loop: TS.ForStatement): void {
    this.walk(loop.initializer);
    this.walk(loop.condition);
    const stoppedBefore = this.enterConditional();
    try {
      this.walk(loop.statement);
      this.walk(loop.incrementor);
    } finally {
      this.leaveConditional(stoppedBefore);
    }
  }

  private walkForInOrOfLoop(loop: TS.ForOfStatement | TS.ForInStatement): void {
    this.walk(loop.expression);
    // `for await` waits before its first iteration, even over an empty or synchronous iterable.
    if (this.ts.isForOfStatement(loop) && loop.awaitModifier) this.suspend();
    // A plain for-of runs the iterable's generator as it goes: certainly up to its first yield (the
    // first next() runs before any iteration), and after it only as far as no break ends the loop.
    if (this.ts.isForOfStatement(loop) && !loop.awaitModifier) this.drainIterable(loop.expression, loop.expression, loop);
    // Over `{}`, `[]` or `''` no round runs: nothing is assigned, nothing in the body read.
    if (this.iteratedCount(loop) === 'none') return;
    const stoppedBefore = this.enterConditional();
    try {
      if (this.ts.isVariableDeclarationList(loop.initializer)) {
        for (const declaration of loop.initializer.declarations) this.markDeclared(declaration);
      } else {
        // `for (key in object)`: each round assigns key before the body runs.
        this.walkAssignmentTarget(loop.initializer);
      }
      this.walk(loop.statement);
    } finally {
      this.leaveConditional(stoppedBefore);
    }
  }

  private walkSwitch(statement: TS.SwitchStatement): void {
    this.walk(statement.expression);
    for (const clause of statement.caseBlock.clauses) {
      const stoppedBefore = this.enterConditional();
      try {
        if (this.ts.isCaseClause(clause)) this.walk(clause.expression);
        this.walkStatements(clause.statements);
      } finally {
        this.leaveConditional(stoppedBefore);
      }
    }
  }

  /** A test that always runs, then two branches of which either may run. */
  /**
   * An `if` or `?:`. A test whose value the file fixes where the walk is (`if (true)`, a `const` flag)
   * takes its branch for certain, so what that branch throws is certain too (an error, not a "may"
   * warning), and the other branch never runs. When the value is a loop counter's, it is known only
   * for the loop's first round (`constantOfName`): later rounds may take the other branch, which is
   * then walked as conditional.
   */
  private walkBranches(test: TS.Node, whenTrue: TS.Node, whenFalse: TS.Node | undefined): void {
    this.walk(test);
    this.firstRoundValueRead = false;
    const truth = this.truthOf(test as TS.Expression);
    const otherBranchMayRun = this.firstRoundValueRead;
    if (truth === true) this.walk(whenTrue);
    else if (truth === undefined || otherBranchMayRun) this.walkConditionally(whenTrue);
    if (truth === false) this.walk(whenFalse);
    else if (truth === undefined || otherBranchMayRun) this.walkConditionally(whenFalse);
  }

  /** Set when `constantOfName` answers with a loop counter's first-round value (see `walkBranches`). */
  private firstRoundValueRead = false;

  private walkBinary(node: TS.BinaryExpression): void {
    const ts = this.ts;
    const operator = this.operatorCategories[node.operatorToken.kind];
    if (operator === OperatorCategory.Assignment) {
      const left = skipOuter(ts, node.left);
      if (ts.isIdentifier(left) || ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) {
        // A destructuring assignment evaluates its value first, then assigns each target in order.
        this.walk(node.right);
        this.walkAssignmentTarget(left, node.right);
        return;
      }
      this.walk(node.left);
      this.walk(node.right);
      return;
    }
    if (operator === OperatorCategory.ShortCircuit) {
      this.walk(node.left);
      // A left side the file fixes runs the right side for certain (`true && f()`) or never
      // (`false && f()`), as in `walkBranches`.
      this.firstRoundValueRead = false;
      const left = this.constantOf(node.left);
      const otherOutcomeMayHappen = this.firstRoundValueRead;
      if (left === NOT_CONSTANT) {
        this.walkConditionally(node.right);
        return;
      }
      const kind = node.operatorToken.kind;
      const and = kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
      const or = kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.BarBarEqualsToken;
      const runsRight = and ? !!left : or ? !left : left === null || left === undefined;
      if (runsRight) this.walk(node.right);
      else if (otherOutcomeMayHappen) this.walkConditionally(node.right);
      return;
    }
    this.walk(node.left);
    this.walk(node.right);
  }

  /**
   * Assigns what an assignment target binds: a name, or each target of an array or object literal
   * written as a destructuring pattern (its computed keys walked in order, and each default as
   * `walkDefault` says, knowing the value when it is a literal); a member target (`o.x`, `o[k]`)
   * reads its object and key.
   */
  private walkAssignmentTarget(target: TS.Expression, value?: TS.Expression | typeof NO_VALUE): void {
    const ts = this.ts;
    const node = skipOuter(ts, target);
    if (ts.isIdentifier(node)) {
      this.assignIdentifier(node);
    } else if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((element, index) => {
        if (ts.isOmittedExpression(element)) return;
        if (ts.isSpreadElement(element)) this.walkAssignmentTarget(element.expression);
        else this.walkAssignmentTarget(element, this.elementOf(value, index));
      });
    } else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property)) {
          if (ts.isComputedPropertyName(property.name)) this.walk(property.name.expression);
          this.walkAssignmentTarget(property.initializer, this.propertyOf(value, property.name));
        } else if (ts.isShorthandPropertyAssignment(property)) {
          this.walkDefault(property.objectAssignmentInitializer, this.propertyOf(value, property.name));
          this.assignIdentifier(property.name);
        } else if (ts.isSpreadAssignment(property)) {
          this.walkAssignmentTarget(property.expression);
        }
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      this.walkDefault(node.right, value);
      // The target takes the default where the value lacks it.
      this.walkAssignmentTarget(node.left, value === NO_VALUE ? node.right : value);
    } else {
      this.walk(node);
    }
  }

  /**
   * A default of a destructuring pattern runs only when the value it takes the place of is
   * undefined: never when a literal gives that key or element a value that is not undefined, for
   * certain when a literal certainly lacks it (NO_VALUE), and otherwise it may run.
   */
  private walkDefault(initializer: TS.Expression | undefined, value: TS.Expression | typeof NO_VALUE | undefined): void {
    if (!initializer) return;
    if (value === NO_VALUE) {
      this.walk(initializer);
      return;
    }
    const known = value === undefined ? NOT_CONSTANT : this.constantOf(value);
    if (value !== undefined && (known === NOT_CONSTANT ? this.isObjectValue(value) : known !== undefined)) return;
    this.walkConditionally(initializer);
  }

  /** Whether an expression is an object, array, function or class literal: never undefined. */
  private isObjectValue(expression: TS.Expression): boolean {
    const ts = this.ts;
    const node = skipOuter(ts, expression);
    return ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) ||
      ts.isClassExpression(node) || ts.isTemplateExpression(node) || ts.isNewExpression(node) || ts.isRegularExpressionLiteral(node);
  }

  /** The element an array literal gives at an index: its expression, NO_VALUE past its end, undefined when not known (a spread before it, not a literal). */
  private elementOf(value: TS.Expression | typeof NO_VALUE | undefined, index: number): TS.Expression | typeof NO_VALUE | undefined {
    const ts = this.ts;
    if (value === undefined || value === NO_VALUE) return undefined;
    const node = skipOuter(ts, value);
    if (!ts.isArrayLiteralExpression(node)) return undefined;
    for (let position = 0; position < node.elements.length && position <= index; position++) {
      const element = node.elements[position];
      if (ts.isSpreadElement(element)) return undefined;
      if (position === index) return ts.isOmittedExpression(element) ? NO_VALUE : element;
    }
    return NO_VALUE;
  }

  /** The value an object literal gives a plain key: its expression, NO_VALUE when it has no such key, undefined when not known (a spread, a computed key, not a literal). */
  private propertyOf(value: TS.Expression | typeof NO_VALUE | undefined, name: TS.PropertyName): TS.Expression | typeof NO_VALUE | undefined {
    const ts = this.ts;
    if (value === undefined || value === NO_VALUE) return undefined;
    const node = skipOuter(ts, value);
    const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
    if (!ts.isObjectLiteralExpression(node) || key === undefined) return undefined;
    let found: TS.Expression | typeof NO_VALUE = NO_VALUE;
    for (const property of node.properties) {
      if (ts.isSpreadAssignment(property) || !property.name || ts.isComputedPropertyName(property.name) || ts.isPrivateIdentifier(property.name)) return undefined;
      if (property.name.text !== key) continue;
      if (ts.isPropertyAssignment(property)) found = property.initializer;
      else if (ts.isShorthandPropertyAssignment(property)) found = property.name;
      else return undefined;
    }
    return found;
  }

  /** Default values and computed keys inside a destructuring pattern run before the binding is set (a default as `walkDefault` says). */
  private walkBindingDefaults(name: TS.BindingName, value?: TS.Expression | typeof NO_VALUE): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) return;
    name.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      if (element.propertyName && ts.isComputedPropertyName(element.propertyName)) this.walk(element.propertyName.expression);
      const part = element.dotDotDotToken ? undefined : ts.isArrayBindingPattern(name) ? this.elementOf(value, index)
        : this.propertyOf(value, element.propertyName ?? element.name as TS.Identifier);
      this.walkDefault(element.initializer, part);
      this.walkBindingDefaults(element.name, part === NO_VALUE ? element.initializer : part);
      this.boundElements.add(element);
    });
  }

  private markDeclared(declaration: TS.VariableDeclaration): void {
    if (isLexicalVariable(this.ts, declaration)) this.initialized.add(declaration);
    else this.assigned.add(declaration);
  }

  /** A decorator expression is evaluated, then called with what it decorates, while the class is defined. */
  private applyDecorators(decorated: TS.Node): void {
    const ts = this.ts;
    // Only a node with modifiers can carry decorators (they are kept among the modifiers).
    if (!(decorated as { modifiers?: unknown }).modifiers || !ts.canHaveDecorators(decorated)) return;
    const decorators = ts.getDecorators(decorated);
    if (!decorators) return;
    for (const decorator of decorators) {
      this.walk(decorator.expression);
      this.invokeResolved(decorator.expression, decorator);
    }
  }

  private walkClassDefinition(node: TS.ClassLikeDeclaration): void {
    const ts = this.ts;
    this.applyDecorators(node);
    if (node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const type of clause.types) this.walk(type.expression);
      }
    }
    for (const member of node.members) {
      this.applyDecorators(member);
      if (member.name && ts.isComputedPropertyName(member.name)) this.walk(member.name.expression);
    }
    // Static initialisers run with the class's inner binding already set up.
    if (ts.isClassDeclaration(node)) this.initialized.add(node);
    for (const member of node.members) {
      const isStatic = hasModifier(member, this.staticKeyword);
      if (ts.isPropertyDeclaration(member) && isStatic && member.initializer) this.walkInFrame(member, member.initializer);
      if (ts.isClassStaticBlockDeclaration(member)) this.walkInFrame(member, member.body);
    }
  }

  /**
   * Whether an execution context is running: the file while its top level is walked, or a frame on
   * the walked stack. The stack holds at most `MAX_CALL_DEPTH` frames, so a scan is cheap, and a set
   * of active frames grew and shrank its table on every call walked.
   */
  private isActive(frame: TS.Node): boolean {
    return frame === this.context.sourceFile ? this.fileActive : this.callStack.includes(frame);
  }

  private isWalkableFunction(node: TS.Node): node is FunctionLikeWithBody {
    return this.walkableFunctionKinds[node.kind] === 1 && !!(node as TS.FunctionLikeDeclaration).body;
  }

  /** The node whose initialisation matters for a declaration: the VariableDeclaration of a destructured name. */
  private owningDeclaration(declaration: TS.Declaration): TS.VariableDeclaration | TS.ClassDeclaration | undefined {
    let current: TS.Node = declaration;
    while (this.declarationKinds[current.kind] === DeclarationCategory.Pattern) current = current.parent;
    return this.declarationKinds[current.kind] === DeclarationCategory.Owner ? current as TS.VariableDeclaration | TS.ClassDeclaration : undefined;
  }

  /** Whether a function (or class) is already being walked further up the walked stack: recursion is walked once. */
  private isOnCallStack(target: TS.Node): boolean {
    return this.callStack.includes(target);
  }

  /**
   * Enters an execution context (a call walked, a static initialiser); returns what `leaveFrame`
   * restores. A pair of calls with `try`/`finally` at the caller, not a callback: a closure over
   * `this` would make each caller allocate a context on every call.
   */
  private enterFrame(frame: TS.Node, callSite: TS.Node, callArguments?: readonly TS.Expression[]): boolean {
    this.callStack.push(frame);
    this.callSites.push(callSite);
    this.frameArguments.push(callArguments);
    this.conditionalAtEntry.push(this.conditional);
    this.suspensions.push(Suspension.None);
    return this.stopped;
  }

  private leaveFrame(frame: TS.Node, stoppedBefore: boolean): void {
    this.callStack.pop();
    this.callSites.pop();
    this.frameArguments.pop();
    this.conditionalAtEntry.pop();
    this.suspensions.pop();
    if (this.deepestSuspension >= this.callStack.length) {
      let deepest = this.suspensions.length - 1;
      while (deepest >= 0 && this.suspensions[deepest] === Suspension.None) deepest--;
      this.deepestSuspension = deepest;
    }
    // A caught throw goes on unwinding through the callers up to its try.
    this.stopped = stoppedBefore || this.unwindingTo !== undefined;
  }

  /**
   * An `await` (or a generator's `yield`) in the frame on top of the walked stack: the rest of its
   * body runs later, after its callers have gone on. Certain when no branch of the frame's own
   * body was entered on the way to it.
   */
  private suspend(): void {
    const top = this.callStack.length - 1;
    // At the top level (an ES module's top-level await) the module itself waits; its own bindings
    // still initialise in order, so nothing changes for the walk. A generator being iterated to the
    // end goes on at once.
    if (top < 0 || this.drainedGenerators.has(this.callStack[top])) return;
    const certain = this.conditional === this.conditionalAtEntry[top];
    if (certain) this.suspensions[top] = Suspension.Certain;
    else if (this.suspensions[top] === Suspension.None) this.suspensions[top] = Suspension.Possible;
    if (top > this.deepestSuspension) this.deepestSuspension = top;
  }

  /** The strongest suspension of a frame above the given one on the walked stack (the file is below every frame). */
  private suspensionAbove(frame: TS.Node): Suspension {
    const position = frame === this.context.sourceFile ? -1 : this.callStack.indexOf(frame);
    let strongest = Suspension.None;
    for (let index = position + 1; index <= this.deepestSuspension; index++) {
      if (this.suspensions[index] > strongest) strongest = this.suspensions[index];
    }
    return strongest;
  }

  /**
   * Whether an ES module's top level (the frame owning a binding) reaches an `await` after the
   * top-level call being walked and before the binding's declaration, while an async function
   * called from that call is suspended.
   */
  private topLevelAwaitsBefore(frame: TS.Node, declaration: TS.Node): boolean {
    const ts = this.ts;
    if (!this.context.isModule || frame !== this.context.sourceFile || this.callSites.length === 0) return false;
    let asyncSuspended = false;
    for (let index = 0; index <= this.deepestSuspension; index++) {
      if (this.suspensions[index] === Suspension.Certain && hasModifier(this.callStack[index], ts.SyntaxKind.AsyncKeyword)) asyncSuspended = true;
    }
    if (!asyncSuspended) return false;
    const after = this.callSites[0].getEnd();
    const before = declaration.getStart(this.context.sourceFile);
    return this.topLevelAwaitOffsets().some((offset) => offset >= after && offset < before);
  }

  private topLevelAwaitOffsetsCache: number[] | undefined;

  /** The offsets of the `await`s (and `for await`s) of the file's top level, outside functions, in source order. */
  private topLevelAwaitOffsets(): number[] {
    if (this.topLevelAwaitOffsetsCache) return this.topLevelAwaitOffsetsCache;
    const ts = this.ts;
    const offsets: number[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
      if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) offsets.push(node.getStart(this.context.sourceFile));
      ts.forEachChild(node, visit);
    };
    visit(this.context.sourceFile);
    this.topLevelAwaitOffsetsCache = offsets;
    return offsets;
  }

  /**
   * The set of functions already walked on the current kind of path: after a suspension, inside a
   * catching try, on a conditional path, or on a certain one. A function walked only after an await is walked again
   * when something calls it before.
   */
  private walkedOnThisPath(): Set<TS.Node> {
    if (this.deepestSuspension >= 0) return this.walkedSuspended;
    if (this.catchingTries.length > this.catchFloor) return this.walkedCaught;
    return this.conditional > 0 ? this.walkedConditional : this.walkedCertain;
  }

  /** Walks a static initialiser or static block in its own frame. */
  private walkInFrame(frame: TS.Node, node: TS.Node | undefined): void {
    const stoppedBefore = this.enterFrame(frame, frame);
    try {
      this.walk(node);
    } finally {
      this.leaveFrame(frame, stoppedBefore);
    }
  }

  private walkCall(node: TS.CallExpression): void {
    const ts = this.ts;
    const callee = skipOuter(ts, node.expression);
    const optional = !!node.questionDotToken || (ts.isPropertyAccessExpression(callee) && !!callee.questionDotToken);
    this.walk(node.expression);
    if (!optional) {
      this.runCall(node, callee);
      return;
    }
    // `f?.()` / `o?.m()` may not run at all.
    const stoppedBefore = this.enterConditional();
    try {
      this.runCall(node, callee);
    } finally {
      this.leaveConditional(stoppedBefore);
    }
  }

  /** The arguments of a call, then what the call runs when the walker can tell. */
  private runCall(node: TS.CallExpression, callee: TS.Expression): void {
    const ts = this.ts;
    for (const argument of node.arguments) this.walk(argument);
    // An ES module's top level may await: the timers it schedules before may run during the wait.
    if (this.context.isModule && this.fileActive && this.deepestSuspension < 0) {
      if (callee.kind === this.identifierKind) this.noteTimer(node, callee as TS.Identifier);
      else if (ts.isPropertyAccessExpression(callee) && callee.name.escapedText === 'then') this.notePromiseJob(node, callee);
    }
    // An immediately invoked function expression.
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) {
      this.invokeFunction(callee, node, false, node.arguments);
      return;
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      // Reflect.apply(fn, thisArg, args) calls fn now.
      if (method === 'apply' && this.isUndeclaredGlobal(callee.expression, 'Reflect') && node.arguments.length > 0) {
        this.invokeCallbackArgument(node.arguments[0], node);
        return;
      }
      // f.call(...) / f.apply(...) run f now, with the `this` they are given.
      if (method === 'call' || method === 'apply') {
        const target = this.targetGivenForeignThis(callee.expression, node.arguments[0]);
        if (!target) {
          this.invokeResolved(callee.expression, node);
          return;
        }
        // A walk with another `this` does not stand for a call with its own: it is not recorded as walked.
        const walked = this.walkedOnThisPath();
        const walkedBefore = walked.has(target);
        this.foreignThisFunctions.add(target);
        try {
          this.invokeResolved(callee.expression, node);
        } finally {
          this.foreignThisFunctions.delete(target);
          if (!walkedBefore) walked.delete(target);
        }
        return;
      }
      // gen().next() starts the generator's body, which runs up to its first yield.
      if (method === 'next' && this.resumeGeneratorCall(callee.expression, node)) return;
      // controller.abort() removes the listeners added with its signal (only tracked once there are listeners).
      if (method === 'abort' && this.listeners.size > 0) this.noteAbort(callee.expression);
      if (this.trackListeners(node, callee, method)) return;
      if (SYNC_ARRAY_CALLBACK_METHODS.has(method) && node.arguments.length > 0) {
        const receiver = skipOuter(ts, callee.expression);
        const certain = ts.isArrayLiteralExpression(receiver) && receiver.elements.length > 0;
        const callback = node.arguments[0];
        if (certain) this.invokeCallbackArgument(callback, node);
        else this.invokeCallbackArgumentConditionally(callback, node);
        return;
      }
      if (method === 'from' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Array' && node.arguments.length > 1) {
        this.invokeCallbackArgumentConditionally(node.arguments[1], node);
        return;
      }
      // 'a-b'.replace(pattern, fn) calls fn once per match, now (no match, no call); unless the file
      // has a replace method of its own, which the general case below follows.
      if ((method === 'replace' || method === 'replaceAll') && node.arguments.length > 1 && !this.callableNames.has(method)) {
        this.invokeCallbackArgumentConditionally(node.arguments[1], node);
        return;
      }
    }
    this.invokeResolved(node.expression, node, node.arguments);
  }

  /**
   * `emitter.on('name', listener)` then `emitter.emit('name')`: Node's EventEmitter calls the
   * listeners synchronously, inside `emit`, so a listener added before an emit at load time runs
   * then. Only a variable the file initialises with `new EventEmitter()` (or a class of the file
   * extending it) counts: other `on`/`emit` pairs (a socket's `emit` sends to the peer) do not call
   * their own listeners. Returns whether the call was such a method call. The same for an
   * `EventTarget` the file makes with `new EventTarget()`: `dispatchEvent(new Event('name'))` runs
   * its listeners synchronously too, but a listener's throw does not leave the call: Node throws it
   * again on the next tick (measured: the code after the call runs, then the process stops with the
   * ReferenceError, exit 1; a try around the call does not catch it).
   */
  private trackListeners(node: TS.CallExpression, callee: TS.PropertyAccessExpression, method: string): boolean {
    const ts = this.ts;
    const isAdd = ADD_LISTENER_METHODS.has(method);
    const isDispatch = method === 'emit' || method === 'dispatchEvent';
    if (!isAdd && !isDispatch && !REMOVE_LISTENER_METHODS.has(method)) return false;
    const receiver = skipOuter(ts, callee.expression);
    if (!ts.isIdentifier(receiver) || !this.trackedNames.has(receiver.escapedText as string)) return false;
    const declarations = this.context.resolver.declarationsOf(receiver);
    const onEventTarget = EVENT_TARGET_METHODS.has(method);
    if (declarations.length !== 1 || !(onEventTarget ? this.isEventTargetVariable(declarations[0]) : this.isEventEmitterVariable(declarations[0]))) return false;
    const emitter = declarations[0];
    let eventArgument = node.arguments[0] ? skipOuter(ts, node.arguments[0]) : undefined;
    // dispatchEvent(new Event('name')) (or a CustomEvent): the name is the event's first argument.
    if (method === 'dispatchEvent') {
      eventArgument = eventArgument && ts.isNewExpression(eventArgument) && ts.isIdentifier(eventArgument.expression) &&
        (eventArgument.expression.text === 'Event' || eventArgument.expression.text === 'CustomEvent') && eventArgument.arguments?.[0]
        ? skipOuter(ts, eventArgument.arguments[0]) : undefined;
    }
    const eventName = eventArgument && ts.isStringLiteralLike(eventArgument) ? eventArgument.text : undefined;
    let byEvent = this.listeners.get(emitter);
    if (!byEvent) this.listeners.set(emitter, byEvent = new Map());
    if (!isAdd && !isDispatch) {
      // A function written in the off/removeListener call itself is a new object, equal to no
      // listener added before: nothing is removed.
      const removed = method === 'removeAllListeners' || !node.arguments[1] ? undefined : skipOuter(ts, node.arguments[1]);
      if (removed && (ts.isFunctionExpression(removed) || ts.isArrowFunction(removed))) return true;
      // A removed listener, or one named by something the walk cannot read: none is known to run any more.
      if (eventName === undefined) byEvent.clear();
      else byEvent.delete(eventName);
      return true;
    }
    if (eventName === undefined) return true;
    if (isAdd) {
      if (node.arguments.length < 2) return true;
      const registered = byEvent.get(eventName) ?? [];
      const once = method === 'addEventListener' ? this.hasOnceOption(node.arguments[2]) : method.endsWith('nceListener') || method === 'once';
      const signal = method === 'addEventListener' ? this.signalOption(node.arguments[2]) : undefined;
      // A signal aborted already (AbortSignal.abort()) adds nothing.
      if (signal === 'aborted') return true;
      registered.push({ callback: node.arguments[1], conditional: this.conditional > 0, once, signal });
      byEvent.set(eventName, registered);
      return true;
    }
    const registered = byEvent.get(eventName);
    if (!registered) return true;
    // No try around dispatchEvent catches what its listeners throw (see above).
    const floorBefore = this.catchFloor;
    const dispatching = method === 'dispatchEvent';
    if (dispatching) {
      this.catchFloor = this.catchingTries.length;
      this.rejectionBoundaries.push(undefined);
    }
    try {
      for (const listener of registered) {
        // A listener whose signal was aborted for certain is gone (true); one whose signal may have been aborted may not run (false).
        const aborted = listener.signal === undefined ? undefined
          : listener.signal === 'unknown' ? (this.abortedControllers.size > 0 ? false : undefined) : this.abortedControllers.get(listener.signal);
        if (aborted === true) continue;
        if (listener.conditional || aborted === false) this.invokeCallbackArgumentConditionally(listener.callback, node);
        else this.invokeCallbackArgument(listener.callback, node);
      }
    } finally {
      if (dispatching) this.rejectionBoundaries.pop();
      this.catchFloor = floorBefore;
    }
    byEvent.set(eventName, registered.filter((listener) => !listener.once));
    return true;
  }

  /** Whether addEventListener's options say `{ once: true }` (a listener that runs on the first dispatch only). */
  private hasOnceOption(options: TS.Expression | undefined): boolean {
    const ts = this.ts;
    const value = options ? skipOuter(ts, options) : undefined;
    return !!value && ts.isObjectLiteralExpression(value) && value.properties.some((property) => ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) && property.name.text === 'once' && property.initializer.kind === ts.SyntaxKind.TrueKeyword);
  }

  /**
   * The `signal` of addEventListener's options: the declaration of the AbortController variable of
   * `{ signal: controller.signal }` (or of a `const signal = controller.signal` given as `{ signal }`),
   * `aborted` for `AbortSignal.abort()`, `unknown` for any other signal, undefined for none.
   */
  private signalOption(options: TS.Expression | undefined): TS.Node | 'unknown' | 'aborted' | undefined {
    const ts = this.ts;
    const value = options ? skipOuter(ts, options) : undefined;
    if (!value || !ts.isObjectLiteralExpression(value)) return undefined;
    const property = value.properties.find((candidate) => !!candidate.name && ts.isIdentifier(candidate.name) && candidate.name.text === 'signal');
    if (!property) return undefined;
    let signal: TS.Expression | undefined = ts.isPropertyAssignment(property) ? skipOuter(ts, property.initializer)
      : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (signal && ts.isIdentifier(signal)) {
      // `const signal = controller.signal;`
      const declaration = this.context.resolver.declarationsOf(signal)[0];
      signal = declaration && ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0 && declaration.initializer
        ? skipOuter(ts, declaration.initializer) : undefined;
    }
    if (!signal) return 'unknown';
    if (ts.isCallExpression(signal) && ts.isPropertyAccessExpression(signal.expression) && signal.expression.name.text === 'abort' &&
        this.isUndeclaredGlobal(skipOuter(ts, signal.expression.expression), 'AbortSignal')) return 'aborted';
    if (!ts.isPropertyAccessExpression(signal) || signal.name.text !== 'signal') return 'unknown';
    const controller = skipOuter(ts, signal.expression);
    return ts.isIdentifier(controller) ? this.context.resolver.declarationsOf(controller)[0] ?? 'unknown' : 'unknown';
  }

  /** `controller.abort()`: records the controller variable, and whether the call certainly runs. */
  private noteAbort(receiver: TS.Expression): void {
    const ts = this.ts;
    const controller = skipOuter(ts, receiver);
    const declaration = ts.isIdentifier(controller) ? this.context.resolver.declarationsOf(controller)[0] : undefined;
    if (!declaration) return;
    const certain = !this.mayNotRun() && this.catchingTries.length <= this.catchFloor;
    this.abortedControllers.set(declaration, this.abortedControllers.get(declaration) === true || certain);
  }

  /** Whether a declaration is a variable, never assigned again, initialised with `new EventTarget()` (the global class). */
  private isEventTargetVariable(declaration: TS.Node): boolean {
    const ts = this.ts;
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
    const initializer = skipOuter(ts, declaration.initializer);
    if (!ts.isNewExpression(initializer) || !this.isUndeclaredGlobal(skipOuter(ts, initializer.expression), 'EventTarget')) return false;
    return (declaration.parent.flags & ts.NodeFlags.Const) !== 0 || !this.isBindingWritten(declaration);
  }

  /**
   * Whether a declaration is a variable, never assigned again, initialised with `new` of Node's
   * EventEmitter (imported or required from 'events' or 'node:events', under any local name) or of
   * a class extending it. A class of the file merely named `EventEmitter` may call its listeners
   * later or never, and a reassigned variable may hold another emitter by the time of the emit.
   */
  private isEventEmitterVariable(declaration: TS.Node): boolean {
    const ts = this.ts;
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
    const initializer = skipOuter(ts, declaration.initializer);
    if (!ts.isNewExpression(initializer) || !this.isEventEmitterClass(initializer.expression, 0)) return false;
    return (declaration.parent.flags & ts.NodeFlags.Const) !== 0 || !this.isBindingWritten(declaration);
  }

  /** Whether an expression is Node's EventEmitter class or a class extending it (`depth` bounds the chain of names followed). */
  private isEventEmitterClass(expression: TS.Expression, depth: number): boolean {
    const ts = this.ts;
    const value = skipOuter(ts, expression);
    if (depth > 8) return false;
    if (ts.isPropertyAccessExpression(value)) return value.name.text === 'EventEmitter' && this.isEventsModule(value.expression, depth + 1);
    if (ts.isClassLike(value)) {
      return !!value.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword &&
        clause.types.some((type) => this.isEventEmitterClass(type.expression, depth + 1)));
    }
    if (isRequireOfEvents(ts, value)) return true;
    if (!ts.isIdentifier(value)) return false;
    const declarations = this.context.resolver.declarationsOf(value);
    if (declarations.length !== 1) return false;
    const declaration = declarations[0];
    // `import EventEmitter from 'events'` and `import { EventEmitter } from 'events'` (the module's default export is the class).
    if (ts.isImportClause(declaration)) return isEventsSpecifier(ts, declaration.parent.moduleSpecifier);
    if (ts.isImportSpecifier(declaration)) {
      const imported = (declaration.propertyName ?? declaration.name).text;
      return (imported === 'EventEmitter' || imported === 'default') && isEventsSpecifier(ts, declaration.parent.parent.parent.moduleSpecifier);
    }
    // `const { EventEmitter } = require('events')`.
    if (ts.isBindingElement(declaration)) {
      const imported = declaration.propertyName ?? declaration.name;
      const pattern = declaration.parent;
      return ts.isIdentifier(imported) && imported.text === 'EventEmitter' && ts.isObjectBindingPattern(pattern) &&
        ts.isVariableDeclaration(pattern.parent) && !!pattern.parent.initializer && (pattern.parent.parent.flags & ts.NodeFlags.Const) !== 0 &&
        this.isEventsModule(pattern.parent.initializer, depth + 1);
    }
    if (ts.isClassDeclaration(declaration)) return this.isEventEmitterClass(declaration as unknown as TS.ClassExpression, depth + 1);
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
    if ((declaration.parent.flags & ts.NodeFlags.Const) === 0 && this.isBindingWritten(declaration)) return false;
    return this.isEventEmitterClass(declaration.initializer, depth + 1);
  }

  /** Whether an expression is the 'events' module: `require('events')`, `import * as events from 'events'`, or a variable holding either. */
  private isEventsModule(expression: TS.Expression, depth: number): boolean {
    const ts = this.ts;
    const value = skipOuter(ts, expression);
    if (isRequireOfEvents(ts, value)) return true;
    if (!ts.isIdentifier(value) || depth > 8) return false;
    const declarations = this.context.resolver.declarationsOf(value);
    if (declarations.length !== 1) return false;
    const declaration = declarations[0];
    if (ts.isNamespaceImport(declaration)) return isEventsSpecifier(ts, declaration.parent.parent.moduleSpecifier);
    if (ts.isImportClause(declaration)) return isEventsSpecifier(ts, declaration.parent.moduleSpecifier);
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
    if ((declaration.parent.flags & ts.NodeFlags.Const) === 0 && this.isBindingWritten(declaration)) return false;
    return this.isEventsModule(declaration.initializer, depth + 1);
  }

  /**
   * Whether the file writes a binding anywhere after declaring it: an assignment, `++`/`--`, a
   * destructuring assignment target or a for-in/for-of target naming it. Only identifiers of the
   * same name that stand in such a place are resolved, so the question is cheap.
   */
  private isBindingWritten(declaration: TS.NamedDeclaration): boolean {
    const known = this.writtenBindings.get(declaration);
    if (known !== undefined) return known;
    const ts = this.ts;
    const name = declaration.name;
    let written = false;
    if (name && ts.isIdentifier(name)) {
      for (const identifier of this.context.identifiersNamed(name.escapedText)) {
        if (identifier === name || !isWriteTarget(ts, identifier)) continue;
        if (this.context.resolver.declarationsOf(identifier).includes(declaration as TS.Declaration)) {
          written = true;
          break;
        }
      }
    } else {
      written = true;
    }
    this.writtenBindings.set(declaration, written);
    return written;
  }

  /**
   * Iterating a value to the end (`[...iterable]`, `for (const x of iterable)`) runs its generator:
   * a direct call of a generator function of the file (`[...numbers()]`), or the generator
   * `[Symbol.iterator]` method of an object literal or class instance a variable holds.
   */
  private drainIterable(expression: TS.Expression, site: TS.Node, loop?: TS.ForOfStatement): void {
    const ts = this.ts;
    const iterable = skipOuter(ts, expression);
    let generator: TS.Node | undefined;
    if (ts.isCallExpression(iterable)) {
      const callee = skipOuter(ts, iterable.expression);
      if (this.mayRunSomething(callee, false)) {
        const target = this.resolveCallable(callee);
        if (target && !ts.isClassLike(target) && target.asteriskToken) generator = target;
      }
    } else if (ts.isIdentifier(iterable) && this.trackedNames.has(iterable.escapedText as string)) {
      generator = this.iteratorMethodOf(iterable);
    }
    if (!generator || !this.isWalkableFunction(generator) || this.drainedGenerators.has(generator)) return;
    this.drainedGenerators.add(generator);
    // A loop the body never leaves runs the generator to its end, as a spread does: nothing of it is conditional.
    const exit = loop ? loopExit(ts, loop) : LoopExit.Never;
    const followsLoop = exit !== LoopExit.Never;
    const leftAtFirstYield = exit === LoopExit.First;
    if (followsLoop) this.loopGeneratorsBeforeYield.add(generator);
    if (leftAtFirstYield) this.loopGeneratorsLeftAtFirstYield.add(generator);
    try {
      this.invokeFunction(generator, site, true);
    } finally {
      this.drainedGenerators.delete(generator);
      // No longer in the set: a yield was passed, and the rest of the body was walked as conditional
      // (or not walked, when the loop is left in its first iteration).
      const stoppedAtYield = leftAtFirstYield && !this.loopGeneratorsLeftAtFirstYield.has(generator);
      this.loopGeneratorsLeftAtFirstYield.delete(generator);
      if (followsLoop && !this.loopGeneratorsBeforeYield.delete(generator) && !stoppedAtYield) this.conditional--;
    }
  }

  /**
   * At the first yield of a generator a for-of runs, the rest of its body becomes conditional (see
   * `drainIterable`); when the loop is left in its first iteration, the loop calls the generator's
   * return(), which ends it at that yield as a `return` there would: its body goes no further. A yield
   * inside a try keeps the conditional walk (return() runs the finally blocks, which the walk of a
   * `return` does not model here).
   */
  private passYieldOfLoopGenerator(yieldNode: TS.Node): void {
    const top = this.callStack.length - 1;
    if (top < 0) return;
    const generator = this.callStack[top];
    if (!this.loopGeneratorsBeforeYield.delete(generator)) return;
    if (this.loopGeneratorsLeftAtFirstYield.has(generator) &&
        this.ts.findAncestor(yieldNode, (node) => node === generator || this.ts.isTryStatement(node)) === generator) {
      this.loopGeneratorsLeftAtFirstYield.delete(generator);
      this.stopped = true;
      return;
    }
    this.conditional++;
  }

  /**
   * The generator `[Symbol.iterator]` method of the object literal or `new C()` a variable of the
   * file is initialised with; or the generator function whose call initialises it (`const it =
   * numbers()`, a generator object: iterating it runs the function's body), when the variable is
   * not assigned again.
   */
  private iteratorMethodOf(identifier: TS.Identifier): TS.Node | undefined {
    const ts = this.ts;
    const declarations = this.context.resolver.declarationsOf(identifier);
    if (declarations.length !== 1 || !ts.isVariableDeclaration(declarations[0]) || !declarations[0].initializer) return undefined;
    const initializer = skipOuter(ts, declarations[0].initializer);
    if (ts.isCallExpression(initializer)) return this.generatorHeldBy(declarations[0], initializer);
    let members: readonly (TS.ObjectLiteralElementLike | TS.ClassElement)[] | undefined;
    if (ts.isObjectLiteralExpression(initializer)) members = initializer.properties;
    else if (ts.isNewExpression(initializer)) {
      const constructor = skipOuter(ts, initializer.expression);
      const classes = ts.isIdentifier(constructor) ? this.context.resolver.declarationsOf(constructor) : [];
      if (classes.length === 1 && ts.isClassLike(classes[0])) members = classes[0].members;
    }
    return members?.find((member) => ts.isMethodDeclaration(member) && !!member.asteriskToken && !!member.name && ts.isComputedPropertyName(member.name) &&
      member.name.expression.getText(this.context.sourceFile) === 'Symbol.iterator');
  }

  private getterNamesCache: Set<string> | undefined;

  /**
   * The names of the file's getters (`get v() {}` in classes and object literals), the only property
   * reads that run code of the file. A name the file redefines or deletes somewhere
   * (`Object.defineProperty(o, 'v', ...)`, `delete o.v`) is left out: the read may find a data
   * property by then, and which object was changed is not followed. A redefinition whose keys the
   * walk cannot read leaves out every getter.
   */
  private getterNames(): Set<string> {
    if (this.getterNamesCache) return this.getterNamesCache;
    const ts = this.ts;
    const names = new Set<string>();
    for (const fn of this.context.index.functionLikes) {
      if (ts.isGetAccessorDeclaration(fn) && fn.body && ts.isIdentifier(fn.name)) names.add(fn.name.escapedText as string);
    }
    if (names.size > 0) this.dropRedefinedGetterNames(names);
    this.getterNamesCache = names;
    return names;
  }

  private dropRedefinedGetterNames(names: Set<string>): void {
    const ts = this.ts;
    for (const call of this.context.index.calls) {
      const callee = skipOuter(ts, call.expression);
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const method = callee.name.text;
      const isDefineOne = method === 'defineProperty' &&
        (this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'Object') || this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'Reflect'));
      const isDefineMany = method === 'defineProperties' && this.isUndeclaredGlobal(skipOuter(ts, callee.expression), 'Object');
      if (!isDefineOne && !isDefineMany) continue;
      const keys = call.arguments[1] ? skipOuter(ts, call.arguments[1]) : undefined;
      if (isDefineOne && keys && ts.isStringLiteralLike(keys)) {
        names.delete(ts.escapeLeadingUnderscores(keys.text) as string);
        continue;
      }
      if (isDefineMany && keys && ts.isObjectLiteralExpression(keys) && keys.properties.every((property) => !ts.isSpreadAssignment(property) &&
        !!property.name && (ts.isIdentifier(property.name) || ts.isStringLiteralLike(property.name)))) {
        for (const property of keys.properties) names.delete(ts.escapeLeadingUnderscores((property.name as TS.Identifier | TS.StringLiteral).text) as string);
        continue;
      }
      names.clear();
      return;
    }
    for (const name of [...names]) {
      const deleted = this.context.identifiersNamed(name as TS.__String).some((identifier) => {
        if (!ts.isPropertyAccessExpression(identifier.parent) || identifier.parent.name !== identifier) return false;
        let operand: TS.Node = identifier.parent;
        while (ts.isParenthesizedExpression(operand.parent)) operand = operand.parent;
        return ts.isDeleteExpression(operand.parent);
      });
      if (deleted) names.delete(name);
    }
  }

  /** Reading `o.v` runs the getter the file declares for it, when the file says which (not an assignment to it). */
  private invokeGetter(access: TS.PropertyAccessExpression): void {
    const ts = this.ts;
    const parent = skipOuter(ts, access).parent;
    if (ts.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    if (this.callStack.length >= MAX_CALL_DEPTH) return;
    const declarations = this.context.resolver.declarationsOf(access);
    if (declarations.length !== 1 || !ts.isGetAccessorDeclaration(declarations[0]) || declarations[0].getSourceFile() !== this.context.sourceFile) return;
    this.invokeFunction(declarations[0] as FunctionLikeWithBody, access);
  }

  /**
   * For `fn.call(thisArg)` / `fn.apply(thisArg)`: the function run, when `thisArg` is not the object
   * `fn` is read from (`o.f.call(o)` keeps its `this`), so that its `this` is not the one the syntax says.
   */
  private targetGivenForeignThis(functionExpression: TS.Expression, thisArgument: TS.Expression | undefined): TS.Node | undefined {
    const ts = this.ts;
    const fn = skipOuter(ts, functionExpression);
    if (!thisArgument || (!ts.isIdentifier(fn) && !ts.isPropertyAccessExpression(fn))) return undefined;
    const sourceFile = this.context.sourceFile;
    if (ts.isPropertyAccessExpression(fn) && skipOuter(ts, thisArgument).getText(sourceFile) === skipOuter(ts, fn.expression).getText(sourceFile)) return undefined;
    const target = this.resolveCallable(fn);
    if (!target || ts.isClassLike(target) || ts.isArrowFunction(target) || this.foreignThisFunctions.has(target)) return undefined;
    return target;
  }

  /** Whether an expression is the plain name of a global the file does not declare (`Reflect`, not a local `Reflect`). */
  private isUndeclaredGlobal(expression: TS.Expression, name: string): boolean {
    return this.ts.isIdentifier(expression) && expression.text === name && this.context.resolver.declarationsOf(expression).length === 0;
  }

  /** The generator function of the file whose call initialises a variable never assigned again (`const it = numbers()`). */
  private generatorHeldBy(declaration: TS.VariableDeclaration, call: TS.CallExpression): FunctionLikeWithBody | undefined {
    const ts = this.ts;
    if (!ts.isIdentifier(declaration.name) || ((declaration.parent.flags & ts.NodeFlags.Const) === 0 && this.isBindingWritten(declaration))) return undefined;
    const target = this.resolveCallable(skipOuter(ts, call.expression));
    return target && !ts.isClassLike(target) && target.asteriskToken ? target : undefined;
  }

  /**
   * For `gen().next()`, or `it.next()` on a variable holding `gen()`: walks the body of the
   * generator function that made the receiver, if the file says which.
   */
  private resumeGeneratorCall(receiver: TS.Expression, callSite: TS.Node): boolean {
    const ts = this.ts;
    const generatorCall = skipOuter(ts, receiver);
    if (ts.isIdentifier(generatorCall) && this.trackedNames.has(generatorCall.escapedText as string)) {
      const generator = this.iteratorMethodOf(generatorCall);
      // Not an iterable object's [Symbol.iterator] method: `next()` on the object does not run it.
      if (!generator || !this.isWalkableFunction(generator) || !(generator as TS.FunctionLikeDeclaration).asteriskToken ||
          (ts.isMethodDeclaration(generator) && ts.isComputedPropertyName(generator.name))) return false;
      this.invokeFunction(generator, callSite, true);
      return true;
    }
    if (!ts.isCallExpression(generatorCall)) return false;
    const generatorCallee = skipOuter(ts, generatorCall.expression);
    if (!this.mayRunSomething(generatorCallee, false)) return false;
    const target = this.resolveCallable(generatorCallee);
    if (!target || ts.isClassLike(target) || !target.asteriskToken) return false;
    this.invokeFunction(target, callSite, true);
    return true;
  }

  private walkNew(node: TS.NewExpression): void {
    const ts = this.ts;
    this.walk(node.expression);
    for (const argument of node.arguments ?? []) this.walk(argument);
    const callee = skipOuter(ts, node.expression);
    if (ts.isIdentifier(callee) && callee.text === 'Promise' && node.arguments && node.arguments.length > 0 &&
        this.context.resolver.declarationsOf(callee).length === 0) {
      // The constructor catches a throw of the executor and rejects the promise instead: only an `await` of it throws again.
      const floorBefore = this.catchFloor;
      let rejection = this.rejectionOf(node, node.arguments);
      // The executor runs at once: its throw rejects the promise before the constructor returns.
      if (rejection?.atOnce) rejection = rejection.atOnce;
      if (rejection) {
        this.catchFloor = this.catchingTries.length;
        this.rejectionBoundaries.push(rejection);
      }
      try {
        this.invokeCallbackArgument(node.arguments[0], node);
      } finally {
        if (rejection) this.rejectionBoundaries.pop();
        this.catchFloor = floorBefore;
      }
      return;
    }
    if (!this.mayRunSomething(callee, true)) return;
    const target = this.resolveCallable(callee);
    if (!target) return;
    if (ts.isClassLike(target)) {
      this.constructClass(target, node);
      return;
    }
    this.invokeFunction(target, node, false, node.arguments);
  }

  /** Runs what `new C()` runs: instance field initialisers and the constructor (and the parent's, via super). */
  private constructClass(target: TS.ClassLikeDeclaration, callSite: TS.Node): void {
    const ts = this.ts;
    if (this.callStack.length >= MAX_CALL_DEPTH || this.isOnCallStack(target)) return;
    const stoppedBefore = this.enterFrame(target, callSite);
    try {
      // The constructor's parameters are bound first (with the arguments of the `new`), then fields and body run.
      const constructor = target.members.find(ts.isConstructorDeclaration);
      if (constructor?.body) {
        // Walked here as a call is: not walked again on its own (as if called without arguments) when this path is certain.
        this.walkedOnThisPath().add(constructor);
        this.walkParameters(constructor as FunctionLikeWithBody, callSite, ts.isNewExpression(callSite) ? callSite.arguments ?? NO_ARGUMENTS : undefined);
      }
      for (const member of target.members) {
        const isStatic = hasModifier(member, this.staticKeyword);
        if (ts.isPropertyDeclaration(member) && !isStatic && member.initializer) this.walk(member.initializer);
      }
      if (constructor?.body) this.walk(constructor.body);
    } finally {
      this.leaveFrame(target, stoppedBefore);
    }
  }

  /** A callback the callee may run or not (an array of unknown length). */
  private invokeCallbackArgumentConditionally(argument: TS.Expression, callSite: TS.Node): void {
    const stoppedBefore = this.enterConditional();
    try {
      this.invokeCallbackArgument(argument, callSite);
    } finally {
      this.leaveConditional(stoppedBefore);
    }
  }

  private invokeCallbackArgument(argument: TS.Expression | undefined, callSite: TS.Node): void {
    if (!argument) return;
    const ts = this.ts;
    const callback = skipOuter(ts, argument);
    if (ts.isFunctionExpression(callback) || ts.isArrowFunction(callback)) this.invokeFunction(callback, callSite);
    else this.invokeResolved(callback, callSite);
  }

  private invokeResolved(calleeExpression: TS.Expression, callSite: TS.Node, callArguments?: readonly TS.Expression[]): void {
    const callee = skipOuter(this.ts, calleeExpression);
    if (!this.invokeParameter(callee, callSite)) this.invokeNamed(callee, callSite, callArguments);
  }

  /** Runs the function a callee names, when the file says which (not a parameter: see `invokeParameter`). */
  private invokeNamed(callee: TS.Expression, callSite: TS.Node, callArguments?: readonly TS.Expression[]): void {
    if (!this.mayRunSomething(callee, false, callArguments)) return;
    const target = this.resolveCallable(callee);
    if (target && !this.ts.isClassLike(target)) this.invokeFunction(target, callSite, false, callArguments);
  }

  /**
   * A call of a parameter of a walked function (`function each(list, fn) { ... fn(x) }`): runs what
   * the walked call passed for it, a function written in place or one the file names. Only frames
   * made by a direct call know their arguments; a spread argument at or before the parameter, or a
   * rest parameter, leaves it unknown. Returns whether the callee was such a parameter. A parameter
   * passed on (`inner(fn)`) is looked up only in frames below the one it was passed to: the call
   * may sit in a closure of that same function, whose own parameter it then names.
   */
  private invokeParameter(callee: TS.Expression, callSite: TS.Node, framesBelow = this.callStack.length): boolean {
    const ts = this.ts;
    if (!ts.isIdentifier(callee)) return false;
    for (let index = framesBelow - 1; index >= 0; index--) {
      const callArguments = this.frameArguments[index];
      if (!callArguments) continue;
      const parameters = (this.callStack[index] as TS.FunctionLikeDeclaration).parameters;
      const position = parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.escapedText === callee.escapedText);
      if (position < 0) continue;
      const declarations = this.context.resolver.declarationsOf(callee);
      if (declarations.length !== 1 || declarations[0] !== parameters[position]) continue;
      // A parameter the function assigns may hold another function by the time of the call.
      if (parameters[position].dotDotDotToken || this.isBindingWritten(parameters[position])) return true;
      for (let argumentIndex = 0; argumentIndex <= position && argumentIndex < callArguments.length; argumentIndex++) {
        if (ts.isSpreadElement(callArguments[argumentIndex])) return true;
      }
      const argument = callArguments[position] ? skipOuter(ts, callArguments[position]) : undefined;
      if (!argument || this.invokeParameter(argument, callSite, index)) return true;
      if (ts.isFunctionExpression(argument) || ts.isArrowFunction(argument)) this.invokeFunction(argument, callSite);
      else this.invokeNamed(argument, callSite);
      return true;
    }
    return false;
  }

  /**
   * The positions of the parameters a function's own body calls (`fn(x)`, `fn.call(...)`, by name).
   * A call passing such a function another callback runs other code, so it is walked again rather
   * than skipped as walked (see `passesNewCallback`).
   */
  private calledParameterPositions(target: FunctionLikeWithBody): readonly number[] {
    if (!this.calledParametersReady) this.collectCalledParameters();
    return this.calledParametersCache.get(target) ?? NO_POSITIONS;
  }

  private calledParametersReady = false;

  /**
   * One pass over the file index's calls: a call whose callee is a plain name (or `name.call`,
   * `name.apply`) calls a parameter of the nearest enclosing function with a parameter of that name.
   */
  private collectCalledParameters(): void {
    this.calledParametersReady = true;
    const ts = this.ts;
    for (const call of this.context.index.calls) {
      let callee = skipOuter(ts, call.expression);
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) callee = skipOuter(ts, callee.expression);
      if (!ts.isIdentifier(callee)) continue;
      for (let current: TS.Node | undefined = call.parent; current; current = current.parent) {
        if (!this.isWalkableFunction(current)) continue;
        const position = current.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.escapedText === callee.escapedText);
        if (position < 0) continue;
        const known = this.calledParametersCache.get(current);
        if (!known) this.calledParametersCache.set(current, [position]);
        else if (!known.includes(position)) this.calledParametersCache.set(current, [...known, position]);
        break;
      }
    }
  }

  /**
   * Whether a call gives a function that calls its parameters a callback it was not walked with yet:
   * a function written in place (by node) or a name (by its text, so that a helper called a thousand
   * times with the same callback is walked once). Records the callbacks when `record` is set.
   */
  private passesNewCallback(target: FunctionLikeWithBody, callArguments: readonly TS.Expression[] | undefined, record: boolean): boolean {
    if (!callArguments || callArguments.length === 0) return false;
    const positions = this.calledParameterPositions(target);
    if (positions.length === 0) return false;
    const ts = this.ts;
    let seen = this.walkedCallbacks.get(target);
    let found = false;
    for (const position of positions) {
      const argument = callArguments[position] ? skipOuter(ts, callArguments[position]) : undefined;
      if (!argument) continue;
      let key: TS.Node | string;
      if (ts.isFunctionExpression(argument) || ts.isArrowFunction(argument)) key = argument;
      else if (ts.isIdentifier(argument) || ts.isPropertyAccessExpression(argument)) key = argument.getText(this.context.sourceFile);
      else continue;
      if (seen?.has(key)) continue;
      found = true;
      if (!record) return true;
      if (!seen) this.walkedCallbacks.set(target, seen = new Set());
      seen.add(key);
    }
    return found;
  }

  /**
   * Whether walking a call (or, with `constructs`, a `new`) of this callee could do anything: false
   * when every function or class of the file `resolveCallable` could answer with (see
   * `callableTargetsByName`) would be skipped right now by `invokeFunction` (already walked on this
   * kind of path, on the walked stack, or the stack is full) or by `constructClass` (on the stack).
   * Asked before resolving: on real library files most calls are method calls (`this.x.m()`,
   * `new Node.Identifier()`), which only the type checker answers (it binds the file, then infers
   * types: ~1-2 ms per question on fast-check.js), and many reach functions walked already.
   * Resolving has no side effect, so skipping it changes no finding. A call passing a new callback
   * to a function that calls its parameters is walked again (see `passesNewCallback`).
   */
  private mayRunSomething(callee: TS.Expression, constructs: boolean, callArguments?: readonly TS.Expression[]): boolean {
    if (this.callStack.length >= MAX_CALL_DEPTH) return false;
    const ts = this.ts;
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return false;
    const name = (ts.isIdentifier(callee) ? callee.escapedText : callee.name.escapedText) as string;
    const targets = this.callableTargetsByName();
    // No array of the two candidate lists: this runs for every call the walk meets, and the literal
    // was ~0.1 MB of a 5,000-line check's allocation (sampling heap profile, session 12).
    const named = targets.functions.get(name);
    if ((named && this.mayRunFunction(named, callee, callArguments)) || this.mayRunFunction(targets.functionsOfAnyName, callee, callArguments)) return true;
    if (!constructs) return false;
    const namedClasses = targets.classes.get(name);
    return (!!namedClasses && this.mayRunClass(namedClasses)) || this.mayRunClass(targets.classesOfAnyName);
  }

  /** `mayRunSomething` for the functions a callee may denote. */
  private mayRunFunction(candidates: readonly TS.Node[], callee: TS.Expression, callArguments: readonly TS.Expression[] | undefined): boolean {
    const walked = this.walkedOnThisPath();
    for (const candidate of candidates) {
      if ((!walked.has(candidate) || (callArguments && (this.passesNewCallback(candidate as FunctionLikeWithBody, callArguments, false) ||
        this.runsNewDefaults(candidate as FunctionLikeWithBody, callee, callArguments, false)))) &&
        !this.isOnCallStack(candidate)) return true;
    }
    return false;
  }

  /** `mayRunSomething` for the classes a `new` may construct. */
  private mayRunClass(candidates: readonly TS.Node[]): boolean {
    for (const candidate of candidates) if (!this.isOnCallStack(candidate)) return true;
    return false;
  }

  private callableTargetsCache: CallableTargets | undefined;

  /**
   * Every function and class of the file `resolveCallable` can answer with, by the name a callee
   * must have to denote it (the checker answers with declarations of the callee's own name):
   * function and method declarations with a body, class declarations, and function or class
   * expressions initialising a variable, property assignment or property declaration. Those whose
   * declaration has a name no callee spells plainly (computed, numeric, none) count for every name.
   */
  private callableTargetsByName(): CallableTargets {
    if (this.callableTargetsCache) return this.callableTargetsCache;
    const ts = this.ts;
    const index = this.context.index;
    const targets: CallableTargets = { functions: new Map(), functionsOfAnyName: [], classes: new Map(), classesOfAnyName: [] };
    // The file index lists the candidates (found during the scope walk): reading every function,
    // variable and property again here cost ~0.6 ms on the 5,000-line bench file, mostly first reads of cold nodes.
    for (const fn of index.functionDeclarationsWithBody) addCallableTarget(ts, targets.functions, targets.functionsOfAnyName, fn.name, fn);
    for (const declaration of index.classDeclarations) addCallableTarget(ts, targets.classes, targets.classesOfAnyName, declaration.name, declaration);
    this.addCallableHolders(targets, index.callableVariables);
    this.addCallableHolders(targets, index.callableProperties);
    this.callableTargetsCache = targets;
    return targets;
  }

  private addCallableHolders(targets: CallableTargets, holders: readonly (TS.VariableDeclaration | TS.PropertyAssignment | TS.PropertyDeclaration)[]): void {
    const ts = this.ts;
    for (const holder of holders) {
      const value = callableValueOf(ts, holder)!;
      if (ts.isClassExpression(value)) addCallableTarget(ts, targets.classes, targets.classesOfAnyName, holder.name, value);
      else addCallableTarget(ts, targets.functions, targets.functionsOfAnyName, holder.name, value);
    }
  }

  /** The function (or class) a callee expression denotes, when the file says so unambiguously. */
  private resolveCallable(callee: TS.Expression): FunctionLikeWithBody | TS.ClassLikeDeclaration | undefined {
    const ts = this.ts;
    if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
    // `this.m` in a function run with another `this` (`o.f.call(other)`) is not the member the syntax names.
    if (this.foreignThisFunctions.size > 0 && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword &&
        this.foreignThisFunctions.has(thisContainerOf(ts, callee))) return undefined;
    if (!this.callableNames.has((ts.isIdentifier(callee) ? callee.escapedText : callee.name.escapedText) as string)) return undefined;
    const declarations = this.context.resolver.declarationsOf(callee);
    if (declarations.length !== 1) return undefined;
    const declaration = declarations[0];
    if (declaration.getSourceFile() !== this.context.sourceFile) return undefined;
    if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body) {
      return declaration as FunctionLikeWithBody;
    }
    if (ts.isClassDeclaration(declaration)) return declaration;
    // A binding initialised with a function: only callable if the binding itself is usable, which
    // `reference` has already checked for the callee identifier.
    if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) &&
        declaration.initializer) {
      const initializer = skipOuter(ts, declaration.initializer);
      if (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) {
        if (ts.isVariableDeclaration(declaration) && !this.isBindingUsable(declaration)) return undefined;
        return initializer;
      }
      if (ts.isClassExpression(initializer)) return initializer;
    }
    return undefined;
  }

  private isBindingUsable(declaration: TS.VariableDeclaration): boolean {
    if (isLexicalVariable(this.ts, declaration)) return this.initialized.has(declaration) || !this.isActive(frameOf(this.ts, declaration));
    return this.assigned.has(declaration) || !this.isActive(frameOf(this.ts, declaration));
  }

  /**
   * Walks a call of a function. Calling a generator function (sync or async) only binds its
   * parameters: its body starts on the first `next()`, so `resumesGenerator` says a call walked
   * runs the body (`gen().next()`); a function walked on its own (the call site is the function)
   * runs its body too.
   */
  private invokeFunction(target: FunctionLikeWithBody, callSite: TS.Node, resumesGenerator = false, callArguments?: readonly TS.Expression[]): void {
    const ts = this.ts;
    if (!target.body) return;
    if (this.callStack.length >= MAX_CALL_DEPTH || this.isOnCallStack(target)) return;
    if (target.asteriskToken && !resumesGenerator && callSite !== target) {
      this.bindParameters(target, callSite, callArguments);
      return;
    }
    // Initialisation only grows as the walk goes on (a function's own locals start afresh on every
    // call, and its walk resets them), so a second walk of the same function finds nothing the first
    // did not; only a walk on a certain path after one on a conditional path can raise a severity.
    // An async function called without `await`: a throw rejects its promise (see `rejectionOf`).
    let rejection = callSite !== target && !target.asteriskToken && hasModifier(target, ts.SyntaxKind.AsyncKeyword)
      ? this.rejectionOf(callSite, callArguments) : undefined;
    // The frame about to be entered: its throws before its first await reject the promise at once.
    if (rejection?.atOnce) rejection = { ...rejection, frame: this.callStack.length };
    // Walked where its throw does not stop the program, it is walked again for a call where it does.
    const walked = rejection && rejection.fate !== RejectionFate.Unhandled && this.deepestSuspension < 0 ? this.walkedCaught : this.walkedOnThisPath();
    // Recorded on every walk, so that a later call with the same callbacks is skipped.
    const newCallback = this.passesNewCallback(target, callArguments, true);
    // A call that runs a default value no walk of the function ran yet is walked again (`f(1)`, then `f()`).
    const newDefaults = this.runsNewDefaults(target, callSite, callArguments, true);
    if (walked.has(target) && !newCallback && !newDefaults) return;
    walked.add(target);
    // A fresh execution context: its own let/const start uninitialised again.
    this.forgetLocalState(target);
    // The rejected promise takes the throw: a try around the call does not see it.
    const floorBefore = this.catchFloor;
    if (rejection) {
      this.catchFloor = this.catchingTries.length;
      this.rejectionBoundaries.push(rejection);
    }
    const stoppedBefore = this.enterFrame(target, callSite, callArguments);
    try {
      this.walkParameters(target);
      if (ts.isBlock(target.body)) this.walkStatements(target.body.statements);
      else this.walk(target.body);
    } finally {
      if (rejection) this.rejectionBoundaries.pop();
      // A throw the promise made here took ends here: the caller goes on.
      if (this.unwindingTo === callSite) this.unwindingTo = undefined;
      this.leaveFrame(target, stoppedBefore);
      this.catchFloor = floorBefore;
    }
  }

  /**
   * Parameter defaults and destructuring defaults, which run when the call binds its arguments
   * (by default the one that made the frame on top of the walked stack): a parameter's default only
   * when the call leaves the argument out or passes `undefined` (and may be when the walk does not
   * know the arguments).
   */
  private walkParameters(target: FunctionLikeWithBody, callSite = this.callSites[this.callSites.length - 1],
    callArguments = this.frameArguments[this.frameArguments.length - 1]): void {
    const parameters = target.parameters;
    if (parameters.length === 0) return;
    const hazards = this.parameterHazards(target);
    for (let position = 0; position < parameters.length; position++) {
      const parameter = parameters[position];
      if (parameter.initializer) {
        const state = this.argumentState(target, position, callSite, callArguments);
        if (state === ArgumentState.Missing) this.walk(parameter.initializer);
        else if (state === ArgumentState.Unknown) this.walkConditionally(parameter.initializer);
      }
      if (parameter.name.kind !== this.identifierKind) this.walkBindingDefaults(parameter.name);
      if (hazards.length > 0) this.checkParameterHazards(target, hazards, position, callSite, callArguments);
    }
  }

  /**
   * Whether the call passes the parameter at `position`. A function walked on its own (the call
   * site is the function) runs as if called without it: a default that throws then throws
   * whenever a call leaves the argument out. A spread argument at or before it leaves it unknown.
   */
  private argumentState(target: TS.Node, position: number, callSite: TS.Node, callArguments: readonly TS.Expression[] | undefined): ArgumentState {
    if (callSite === target) return ArgumentState.Missing;
    if (!callArguments) return ArgumentState.Unknown;
    const ts = this.ts;
    const argumentIndex = position - this.thisParameterOffset(target);
    for (let index = 0; index <= argumentIndex && index < callArguments.length; index++) {
      if (ts.isSpreadElement(callArguments[index])) return ArgumentState.Unknown;
    }
    const argument = callArguments[argumentIndex];
    return !argument || this.isUndefinedValue(argument) ? ArgumentState.Missing : ArgumentState.Given;
  }

  /**
   * 1 when the first parameter is TypeScript's `this` parameter, which declares the type of `this`
   * and takes no argument (it is erased when compiled), so the argument of parameter N is argument N - 1.
   */
  private thisParameterOffset(target: TS.Node): number {
    const first = (target as FunctionLikeWithBody).parameters?.[0];
    return first && first.name.kind === this.identifierKind && (first.name as TS.Identifier).escapedText === 'this' ? 1 : 0;
  }

  /** `undefined` (the global, not a binding of that name) or `void x`: a default takes its place. */
  private isUndefinedValue(expression: TS.Expression): boolean {
    const value = skipOuter(this.ts, expression);
    return value.kind === this.ts.SyntaxKind.VoidExpression || this.isUndeclaredGlobal(value, 'undefined');
  }

  /** The walked parameter defaults of each function, one bit per parameter position (see `runsNewDefaults`). */
  private readonly walkedDefaults = new Map<TS.Node, number>();

  /**
   * Whether a call runs the default value of a parameter that no walk of the function has run yet
   * (a walk of `f(1)` does not run `a = later` in `function f(a = later)`; one of `f()` does).
   * Records them when `record` is set.
   */
  private runsNewDefaults(target: FunctionLikeWithBody, callSite: TS.Node, callArguments: readonly TS.Expression[] | undefined, record: boolean): boolean {
    const parameters = target.parameters;
    let runs = 0;
    for (let position = 0; position < parameters.length && position < 30; position++) {
      if (parameters[position].initializer && this.argumentState(target, position, callSite, callArguments) !== ArgumentState.Given) runs |= 1 << position;
    }
    if (runs === 0) return false;
    const walked = this.walkedDefaults.get(target) ?? 0;
    if ((runs & ~walked) === 0) return false;
    if (record) this.walkedDefaults.set(target, walked | runs);
    return true;
  }

  private readonly parameterHazardsCache = new Map<TS.Node, readonly ParameterHazard[]>();

  /**
   * The default values of a function's parameter list that read a name the list binds at or after
   * their own turn. Parameters and the names of their destructuring patterns are bound left to right,
   * each default running just before the name it belongs to, so such a read is always in the
   * temporal dead zone. Computed once per function, and only for lists with a default value.
   */
  private parameterHazards(target: FunctionLikeWithBody): readonly ParameterHazard[] {
    const parameters = target.parameters;
    // Most default values are literals (`b = 0`), which read nothing: no map entry and no walk for those lists.
    let mayRead = false;
    for (const parameter of parameters) {
      if (parameter.name.kind !== this.identifierKind || (parameter.initializer && !isLiteralKind(this.ts, parameter.initializer.kind))) mayRead = true;
    }
    if (!mayRead) return NO_HAZARDS;
    const known = this.parameterHazardsCache.get(target);
    if (known) return known;
    const ts = this.ts;
    // Binding order: each bound name's turn, and each default's turn (that of the name it precedes).
    const turnOf = new Map<TS.Node, number>();
    const names = new Set<string>();
    const defaults: { initializer: TS.Expression; owner: TS.ParameterDeclaration | TS.BindingElement; position: number; turn: number }[] = [];
    let turn = 0;
    const bind = (name: TS.BindingName, owner: TS.ParameterDeclaration | TS.BindingElement, position: number): void => {
      if (ts.isIdentifier(name)) {
        turnOf.set(owner, turn++);
        names.add(name.text);
        return;
      }
      for (const element of name.elements) {
        if (ts.isOmittedExpression(element)) continue;
        if (element.initializer) defaults.push({ initializer: element.initializer, owner: element, position, turn });
        bind(element.name, element, position);
      }
    };
    parameters.forEach((parameter, position) => {
      if (parameter.initializer) defaults.push({ initializer: parameter.initializer, owner: parameter, position, turn });
      bind(parameter.name, parameter, position);
    });
    const hazards: ParameterHazard[] = [];
    for (const entry of defaults) {
      // Only the names the list binds are resolved; a read inside a function written in the default runs later.
      const visit = (node: TS.Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
        if (ts.isIdentifier(node) && names.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
            !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
          const read = this.context.resolver.declarationsOf(node)[0];
          const readTurn = read ? turnOf.get(read) : undefined;
          if (readTurn !== undefined && readTurn >= entry.turn) {
            hazards.push({ identifier: node, owner: entry.owner, position: entry.position, read: read as TS.ParameterDeclaration | TS.BindingElement });
          }
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(entry.initializer);
    }
    const result = hazards.length > 0 ? hazards : NO_HAZARDS;
    this.parameterHazardsCache.set(target, result);
    return result;
  }

  /**
   * Reports the hazards of the parameter at `position` whose default runs for the call walked:
   * certainly when the call leaves the value out, possibly when the walk cannot tell.
   */
  private checkParameterHazards(target: FunctionLikeWithBody, hazards: readonly ParameterHazard[], position: number, callSite: TS.Node,
    callArguments: readonly TS.Expression[] | undefined): void {
    for (const hazard of hazards) {
      if (hazard.position !== position) continue;
      if (callSite === target) {
        this.reportUncalledParameterHazard(target, hazard);
        continue;
      }
      const runs = this.defaultRuns(target, hazard, callSite, callArguments);
      if (runs === DefaultRuns.No) continue;
      this.reportParameterHazard(target, hazard, runs === DefaultRuns.Possibly, callSite);
    }
  }

  /** Whether a call with these arguments runs the default that holds the hazard. */
  private defaultRuns(target: FunctionLikeWithBody, hazard: ParameterHazard, callSite: TS.Node, callArguments: readonly TS.Expression[] | undefined): DefaultRuns {
    const position = hazard.position;
    const state = this.argumentState(target, position, callSite, callArguments);
    return this.ts.isParameter(hazard.owner)
      ? (state === ArgumentState.Missing ? DefaultRuns.Certainly : state === ArgumentState.Unknown ? DefaultRuns.Possibly : DefaultRuns.No)
      : this.elementDefaultRuns(hazard.owner, target.parameters[position], state, callArguments?.[position - this.thisParameterOffset(target)]);
  }

  /**
   * A hazard of a function walked on its own (as if called without arguments). The file's own calls
   * of the function (`g(1)`, `new P(2)`, in a loop, a branch or a callback) were walked, each with
   * its arguments and on its own kind of path, and reported there if they run the default; so this
   * walk reports only for a function the file never names (an error: any call without the argument
   * throws), or, as a warning, one the file hands on to code that calls it with arguments it does
   * not see (a callback, a bound function) or with arguments that run the default (a timer's extra arguments).
   */
  private reportUncalledParameterHazard(target: FunctionLikeWithBody, hazard: ParameterHazard): void {
    const uses = this.usesOfFunction(target);
    if (!uses) {
      this.reportParameterHazard(target, hazard, false, undefined);
      return;
    }
    for (const use of uses) {
      if (use.direct) continue;
      if (!use.callArguments || this.defaultRuns(target, hazard, use.site, use.callArguments) !== DefaultRuns.No) {
        this.reportParameterHazard(target, hazard, true, undefined, use.site);
        return;
      }
    }
  }

  private readonly usesOfFunctionCache = new Map<TS.Node, readonly FunctionUse[] | undefined>();

  /**
   * The places the file names a function (by its declaration, the variable it initialises, its class
   * for a constructor, or `.name` for a method): a direct call or `new`, a call whose arguments are
   * known (`setTimeout(g, 0, 5)`, `g.bind(null, 5)`, `g.call(null, 5)`), or a use that hands it on.
   * Undefined when the file never names it. Asked only for functions with a parameter hazard.
   */
  private usesOfFunction(target: FunctionLikeWithBody): readonly FunctionUse[] | undefined {
    if (this.usesOfFunctionCache.has(target)) return this.usesOfFunctionCache.get(target);
    const ts = this.ts;
    const uses: FunctionUse[] = [];
    let declaration: TS.Node | undefined;
    let name: TS.Identifier | undefined;
    let holder: TS.Node = ts.isConstructorDeclaration(target) ? target.parent : target;
    if (ts.isFunctionDeclaration(holder) || ts.isClassDeclaration(holder)) {
      declaration = holder;
      name = holder.name;
    } else if (ts.isMethodDeclaration(target) && ts.isIdentifier(target.name)) {
      name = target.name;
    } else {
      while (holder.parent && ts.isParenthesizedExpression(holder.parent)) holder = holder.parent;
      const parent = holder.parent;
      if (parent && ts.isVariableDeclaration(parent) && parent.initializer === holder && ts.isIdentifier(parent.name)) {
        declaration = parent;
        name = parent.name;
      } else if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== holder) {
        // Written in place as an argument (a callback): called with arguments the walk may not see.
        uses.push(this.useOfFunction(holder));
      }
    }
    if (name) {
      for (const identifier of this.context.identifiersNamed(name.escapedText)) {
        if (identifier === name) continue;
        if (declaration) {
          if (this.context.resolver.declarationsOf(identifier)[0] !== declaration) continue;
          uses.push(this.useOfFunction(identifier));
        } else if (ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier) {
          uses.push(this.useOfFunction(identifier.parent));
        }
      }
    }
    const result = uses.length > 0 ? uses : undefined;
    this.usesOfFunctionCache.set(target, result);
    return result;
  }

  /** What a place that names a function does with it (see `usesOfFunction`). */
  private useOfFunction(reference: TS.Node): FunctionUse {
    const ts = this.ts;
    let expression = reference;
    while (expression.parent && (ts.isParenthesizedExpression(expression.parent) || ts.isNonNullExpression(expression.parent) ||
      ts.isAsExpression(expression.parent) || ts.isSatisfiesExpression(expression.parent))) expression = expression.parent;
    const parent = expression.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === expression) return { site: parent, direct: true };
    if (ts.isPropertyAccessExpression(parent) && parent.expression === expression && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      const call = parent.parent;
      const method = parent.name.text;
      // g.call(thisArg, ...args) and g.bind(thisArg, ...args) (the arguments a bound call adds come after).
      if (method === 'call' || method === 'bind') return { site: call, direct: false, callArguments: call.arguments.slice(1) };
      const list = call.arguments[1] ? skipOuter(ts, call.arguments[1]) : undefined;
      if (method === 'apply' && (!list || ts.isArrayLiteralExpression(list))) return { site: call, direct: false, callArguments: list ? list.elements : [] };
      return { site: call, direct: false };
    }
    if (ts.isCallExpression(parent) && parent.arguments[0] === expression && ts.isIdentifier(parent.expression)) {
      // A timer calls its callback with the timer's extra arguments.
      const timer = parent.expression.text;
      const extraFrom = timer === 'setImmediate' ? 1 : timer === 'setTimeout' || timer === 'setInterval' ? 2 : -1;
      if (extraFrom > 0 && this.isUndeclaredGlobal(parent.expression, timer)) return { site: parent, direct: false, callArguments: parent.arguments.slice(extraFrom) };
    }
    return { site: parent, direct: false };
  }

  /**
   * Whether the default of a destructured element runs: the value destructured is the argument, or
   * the parameter's own default when the argument is left out. An object or array literal says
   * whether it holds the element; any other value may or may not.
   */
  private elementDefaultRuns(element: TS.BindingElement, parameter: TS.ParameterDeclaration, state: ArgumentState, argument: TS.Expression | undefined): DefaultRuns {
    const ts = this.ts;
    if (state === ArgumentState.Unknown) return DefaultRuns.Possibly;
    const source = state === ArgumentState.Given ? argument : parameter.initializer;
    // Destructuring undefined throws a TypeError before any default runs.
    if (!source) return DefaultRuns.No;
    if (element.parent !== parameter.name) return DefaultRuns.Possibly;
    const value = skipOuter(ts, source);
    if (ts.isObjectBindingPattern(element.parent) && ts.isObjectLiteralExpression(value)) {
      const key = element.propertyName ?? element.name;
      if (!(ts.isIdentifier(key) || ts.isStringLiteral(key)) || value.properties.some(ts.isSpreadAssignment)) return DefaultRuns.Possibly;
      const property = value.properties.find((candidate) => !!candidate.name && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name)) && candidate.name.text === key.text);
      if (!property) return DefaultRuns.Certainly;
      return ts.isPropertyAssignment(property) && this.isUndefinedValue(property.initializer) ? DefaultRuns.Certainly : DefaultRuns.No;
    }
    if (ts.isArrayBindingPattern(element.parent) && ts.isArrayLiteralExpression(value)) {
      const index = element.parent.elements.indexOf(element);
      for (let i = 0; i <= index && i < value.elements.length; i++) if (ts.isSpreadElement(value.elements[i])) return DefaultRuns.Possibly;
      const item = value.elements[index];
      return !item || ts.isOmittedExpression(item) || this.isUndefinedValue(item) ? DefaultRuns.Certainly : DefaultRuns.No;
    }
    return DefaultRuns.Possibly;
  }

  private reportParameterHazard(target: FunctionLikeWithBody, hazard: ParameterHazard, possibly: boolean, callSite: TS.Node | undefined, handedOn?: TS.Node): void {
    const ts = this.ts;
    const name = hazard.identifier.text;
    // Numbered as the caller counts arguments: TypeScript's `this` parameter takes none.
    const parameterNumber = hazard.position + 1 - this.thisParameterOffset(target);
    const own = hazard.read === hazard.owner;
    const which = own ? msg('the parameter itself') : msg('a later parameter');
    const order = msg('Parameters are initialised left to right when the function\'s execution context is created; each one is in its temporal dead zone until its turn.');
    const message = ts.isParameter(hazard.owner)
      ? msg('The default value of parameter {0} reads \'{1}\', {2}, which is still uninitialised, so calling this function without that argument throws a ReferenceError. ' +
        'Parameters are initialised left to right when the function\'s execution context is created; each one is in its temporal dead zone until its turn.', parameterNumber, name, which)
      : msg('The default value of \'{0}\' in parameter {1} reads \'{2}\', which is bound after it, so a call whose argument has no \'{0}\' throws a ReferenceError. {3}',
        hazard.owner.name.getText(this.context.sourceFile), parameterNumber, name, order);
    const relatedInfo = [related(hazard.read, msg('\'{0}\' is declared here', name))];
    if (callSite) relatedInfo.push(related(callSite, msg('This call runs the default value')));
    if (handedOn) relatedInfo.push(related(handedOn, msg('The function is handed on here')));
    const catcher = this.catcherOfThrow();
    const severity = possibly || this.mayNotRun() || ExecutionWalker.goesOn(catcher) ? 'warning' : 'error';
    const finding = makeFinding('tdz-default-param', hazard.identifier, message, { severity, related: relatedInfo });
    // Walked on its own, the function runs as if called without the argument: say so, rather than the general sentence.
    if (handedOn) {
      appendSentence(finding, msg('The file hands the function on at line {0}, to code that may call it without that argument.', lineOf(handedOn)));
    } else if (!callSite) {
      appendSentence(finding, msg('This happens whenever the function runs without that argument; nothing in this file calls it so while the file itself runs.'));
    }
    this.push(finding, `${hazard.identifier.pos}`, catcher, !callSite);
    if (catcher && !possibly) this.unwindTo(catcher);
  }

  /** The part of a generator call that runs at once: its parameters and their defaults. */
  private bindParameters(target: FunctionLikeWithBody, callSite: TS.Node, callArguments?: readonly TS.Expression[]): void {
    this.forgetLocalState(target);
    const stoppedBefore = this.enterFrame(target, callSite, callArguments);
    try {
      this.walkParameters(target);
    } finally {
      this.leaveFrame(target, stoppedBefore);
    }
  }

  private forgetLocalState(target: TS.Node): void {
    // Deleting only what is there: a delete can shrink a set's table, and a later add grow it again.
    for (const declaration of this.localDeclarationsOf(target)) {
      if (this.initialized.has(declaration)) this.initialized.delete(declaration);
      if (this.assigned.has(declaration)) this.assigned.delete(declaration);
    }
  }

  /** The variable and class declarations a function owns (not those of nested functions), from the file index. */
  private localDeclarationsOf(target: TS.Node): readonly TS.Node[] {
    return this.context.index.localDeclarations.get(target) ?? NO_DECLARATIONS;
  }

  private assignIdentifier(identifier: TS.Identifier): void {
    for (const declaration of this.context.resolver.declarationsOf(identifier)) {
      if (isVarVariable(this.ts, declaration)) this.assigned.add(declaration);
      if (isLexicalVariable(this.ts, declaration)) this.reference(identifier, { write: true });
    }
  }

  /** Checks one identifier in expression position against the current initialisation state. */
  private reference(identifier: TS.Identifier, options: { typeofOperand?: boolean; write?: boolean } = NO_OPTIONS): void {
    // Most names are not declared in this file at all: the cheapest test first.
    if (!this.trackedNames.has(identifier.escapedText as string)) return;
    const ts = this.ts;
    const parent = identifier.parent;
    // Names that are not references: declaration names, property names, labels. The kind table
    // rules out most parents (calls, operators, statements) before the tests per kind.
    if (this.nameParentKinds[parent.kind] === 1 && ((ts.isPropertyAccessExpression(parent) && parent.name === identifier) ||
        (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) ||
        (ts.isVariableDeclaration(parent) && parent.name === identifier) ||
        (ts.isBindingElement(parent) && parent.name === identifier) ||
        (ts.isParameter(parent) && parent.name === identifier) ||
        (ts.isFunctionLike(parent) && (parent as TS.FunctionLikeDeclaration).name === identifier) ||
        (ts.isClassLike(parent) && parent.name === identifier) ||
        (ts.isPropertyAssignment(parent) && parent.name === identifier) ||
        (ts.isMetaProperty(parent)))) return;
    const declarations = this.context.resolver.declarationsOf(identifier);
    if (declarations.length === 0) return;
    const declaration = this.owningDeclaration(declarations[0]);
    if (!declaration || (this.boundElements.size > 0 && this.boundElements.has(declarations[0]))) return;
    const frame = this.runtimeFrameOf(declaration);
    if (!frame || !this.isActive(frame)) return;
    if (this.deepestSuspension < 0) {
      this.checkReference(identifier, declaration, frame, options);
      return;
    }
    // After an await in a called async function the read runs later, when the frame that owns the
    // binding has gone on: nothing is known, so nothing is reported. Except in an ES module whose
    // top level itself awaits between the call and the declaration: the callee may resume while the
    // module is still waiting there, before the declaration has run (a warning: it depends on
    // which settles first).
    const suspension = this.suspensionAbove(frame);
    if (suspension === Suspension.Certain && !this.topLevelAwaitsBefore(frame, declaration)) return;
    this.readAfterPossibleSuspension = suspension !== Suspension.None;
    try {
      this.checkReference(identifier, declaration, frame, options);
    } finally {
      this.readAfterPossibleSuspension = false;
    }
  }

  private checkReference(identifier: TS.Identifier, declaration: TS.VariableDeclaration | TS.ClassDeclaration, frame: TS.Node,
    options: { typeofOperand?: boolean; write?: boolean }): void {
    const ts = this.ts;
    const isLexical = isLexicalVariable(ts, declaration) || ts.isClassDeclaration(declaration);
    if (isLexical) {
      if (this.initialized.has(declaration) || isSwitchCaseDeclaration(ts, declaration)) return;
      // A reference textually inside the declaration's own initializer that is deferred (a closure) is
      // not walked, so reaching here means it really runs now.
      this.reportTdz(identifier, declaration, options.typeofOperand ?? false);
      return;
    }
    if (isVarVariable(ts, declaration) && !options.write) {
      if (this.assigned.has(declaration) || this.varsAssignedInClosures.has(declaration) || options.typeofOperand) return;
      // At the top of a CommonJS module these names are parameters of the module wrapper function,
      // so a `var` of the same name starts with the parameter's value, not undefined.
      if (!this.context.isModule && ts.isSourceFile(frame) && COMMONJS_WRAPPER_PARAMETERS.has(identifier.text)) return;
      // The namespace idiom `var App = App || {}` reads the var on purpose, to pick up an earlier script's value.
      const parentExpression = skipOuter(ts, identifier).parent;
      if (ts.isBinaryExpression(parentExpression) && parentExpression.left === identifier &&
          (parentExpression.operatorToken.kind === ts.SyntaxKind.BarBarToken || parentExpression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return;
      // Those heuristics are about reading undefined on purpose; calling it throws (LL1102), so a call is never silenced by them.
      const parent = identifier.parent;
      const isCallee = ts.isCallExpression(parent) && skipOuter(ts, parent.expression) === identifier;
      if (!isCallee && (this.keepsOwnValue(identifier) || this.branchedInCallee(frame, identifier) || this.carriedFromEarlierRound(identifier))) return;
      this.reportVarBeforeAssignment(identifier, declaration);
    }
  }

  /**
   * Whether a `var` read is the value its own assignment keeps when that operand is chosen:
   * `var x = process.env.X || x`, `var sep = 'sep' in o ? o.sep : sep` (the right of `||`/`??` or a
   * branch of `?:` making the var's initialiser or the value assigned to it). The var is left as
   * it was, undefined or an earlier script's value, on purpose.
   */
  private keepsOwnValue(identifier: TS.Identifier): boolean {
    const ts = this.ts;
    let node: TS.Node = identifier;
    for (let steps = 0; steps < 8; steps++) {
      const parent = node.parent;
      if (ts.isParenthesizedExpression(parent) || (ts.isConditionalExpression(parent) && parent.condition !== node) ||
          (ts.isBinaryExpression(parent) && parent.right === node && (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
            parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken))) {
        node = parent;
        continue;
      }
      if (node === identifier) return false;
      const target = ts.isVariableDeclaration(parent) && parent.initializer === node ? parent.name
        : ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? skipOuter(ts, parent.left) : undefined;
      return !!target && ts.isIdentifier(target) && target.escapedText === identifier.escapedText &&
        this.context.resolver.declarationsOf(target)[0] === this.context.resolver.declarationsOf(identifier)[0];
    }
    return false;
  }

  /**
   * Whether the walk entered a branch (an `if`, `?:`, `&&`, a loop, a `case`) inside the functions
   * it follows from the frame that owns a binding to the read, and one such branch on the way to the
   * read (from the read up to its function, and from each call site up to the function holding it)
   * may not run: whether it runs depends on the arguments and state of that call, which the walk
   * does not follow. A `var` read there is not reported. A branch that certainly runs (`if (true)`,
   * a loop over a non-empty array literal, a counted loop that enters, a `case` of a known value) is
   * no such branch; a read on a branch of the owning frame itself is reported too, as a warning.
   */
  private branchedInCallee(frame: TS.Node, identifier: TS.Identifier): boolean {
    const position = frame === this.context.sourceFile ? -1 : this.callStack.indexOf(frame);
    if (position + 1 >= this.callStack.length || this.conditional <= this.conditionalAtEntry[position + 1]) return false;
    for (let index = this.callStack.length - 1; index > position; index--) {
      if (this.mayNotReach(index === this.callStack.length - 1 ? identifier : this.callSites[index + 1])) return true;
    }
    return false;
  }

  /** Whether some branch between a node and the function (or file) holding it may not run (the first round of a loop, see `mayNotRunWithin`). */
  private mayNotReach(from: TS.Node): boolean {
    let child = from;
    for (let node = from.parent, steps = 0; node && steps < 256; child = node, node = node.parent, steps++) {
      if (this.isWalkableFunction(node) || this.ts.isSourceFile(node) || this.ts.isClassStaticBlockDeclaration(node)) return false;
      if (this.mayNotRunWithin(node, child)) return true;
    }
    return false;
  }

  /**
   * Whether a child may not run when its parent runs: a branch of `if`, `?:`, `&&`, `||`, `??` or
   * `?.` whose test is not a known constant that takes it, a `case` not the one a known value
   * matches, a `catch`, a loop's body on its first round unless the loop certainly enters it
   * (`loopEnters`), a `do` loop's test, a `for` loop's update. (modules.ts `isConditionalBelow` asks
   * this at load time without the walk's state, so it takes every loop body and clause as conditional.)
   */
  private mayNotRunWithin(node: TS.Node, child: TS.Node): boolean {
    const ts = this.ts;
    if (ts.isIfStatement(node)) return child !== node.expression && this.truthOf(node.expression) !== (child === node.thenStatement);
    if (ts.isConditionalExpression(node)) return child !== node.condition && this.truthOf(node.condition) !== (child === node.whenTrue);
    if (ts.isBinaryExpression(node)) {
      if (child !== node.right || this.operatorCategories[node.operatorToken.kind] !== OperatorCategory.ShortCircuit) return false;
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return this.truthOf(node.left) !== true;
      if (operator === ts.SyntaxKind.BarBarToken) return this.truthOf(node.left) !== false;
      const value = this.constantOf(node.left);
      return value !== null && value !== undefined;
    }
    if (ts.isCaseOrDefaultClause(node)) return this.matchedClause(node.parent) !== node;
    if (ts.isCatchClause(node)) return true;
    if (ts.isDoStatement(node)) return child === node.expression;
    if (ts.isWhileStatement(node)) return child !== node.expression && !this.loopEnters(node);
    if (ts.isForStatement(node)) return child !== node.initializer && child !== node.condition && (child === node.incrementor || !this.loopEnters(node));
    if (ts.isForInStatement(node) || ts.isForOfStatement(node)) return child !== node.expression && !this.loopEnters(node);
    return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) &&
      !!node.questionDotToken && child !== node.expression;
  }

  /** Whether a loop certainly runs its first round: a known true test (a counted `for` from its initial values), a non-empty array or object literal iterated, a `do`. */
  private loopEnters(loop: TS.IterationStatement): boolean {
    const ts = this.ts;
    if (ts.isDoStatement(loop)) return true;
    if (ts.isWhileStatement(loop)) return this.truthOf(loop.expression) === true;
    if (ts.isForStatement(loop)) return !loop.condition || this.truthOf(loop.condition) === true;
    if (ts.isForInStatement(loop) || ts.isForOfStatement(loop)) return this.iteratedCount(loop) === 'some';
    return false;
  }

  /** How many rounds a for-in/of over a literal runs: none (`{}`, `[]`, `''`), some, or unknown. */
  private iteratedCount(loop: TS.ForInStatement | TS.ForOfStatement): 'none' | 'some' | undefined {
    const ts = this.ts;
    const iterated = skipOuter(ts, loop.expression);
    if (ts.isForOfStatement(loop) && loop.awaitModifier) return undefined;
    if (ts.isArrayLiteralExpression(iterated)) {
      if (iterated.elements.length === 0) return 'none';
      return iterated.elements.some((element) => !ts.isSpreadElement(element)) ? 'some' : undefined;
    }
    if (ts.isStringLiteral(iterated) || ts.isNoSubstitutionTemplateLiteral(iterated)) return iterated.text.length === 0 ? 'none' : 'some';
    if (ts.isForInStatement(loop) && ts.isObjectLiteralExpression(iterated)) {
      if (iterated.properties.length === 0) return 'none';
      return iterated.properties.some((property) => ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) ||
        ts.isMethodDeclaration(property)) ? 'some' : undefined;
    }
    return undefined;
  }

  /** The clause of a switch its discriminant, a known constant, runs first, when every case before the match is a known constant too. */
  private matchedClause(block: TS.CaseBlock): TS.CaseOrDefaultClause | undefined {
    const ts = this.ts;
    const switched = this.constantOf(block.parent.expression);
    if (switched === NOT_CONSTANT) return undefined;
    let fallback: TS.CaseOrDefaultClause | undefined;
    for (const clause of block.clauses) {
      if (!ts.isCaseClause(clause)) {
        fallback = clause;
        continue;
      }
      const value = this.constantOf(clause.expression);
      if (value === NOT_CONSTANT) return undefined;
      if (value === switched) return clause;
    }
    return fallback;
  }

  /** Whether an expression is known truthy or falsy (see `constantOf`); undefined when not known. */
  private truthOf(expression: TS.Expression): boolean | undefined {
    const value = this.constantOf(expression);
    return value === NOT_CONSTANT ? undefined : !!value;
  }

  /**
   * The value of an expression the file fixes where the walk is (see `constantValue`), its names read
   * by `constantOfName`. NOT_CONSTANT otherwise.
   */
  private constantOf(expression: TS.Expression, depth = 0): unknown {
    return constantValue(this.ts, expression, this.constantOfName, depth);
  }

  /**
   * The value of a name where the walk is: `undefined`, or a name bound by a `const` or by a var
   * never written again whose initialiser has run, to a value `constantValue` knows. A loop counter
   * read in the test or the body of its `for` has its initial value (the first round), unless the
   * test or the body writes it. NOT_CONSTANT otherwise. (modules.ts `constantsOf` reads names at
   * load time instead, without the walk's state.)
   */
  private readonly constantOfName: NameValue = (node, depth) => {
    const ts = this.ts;
    if (this.isUndeclaredGlobal(node, 'undefined')) return undefined;
    const declarations = this.context.resolver.declarationsOf(node);
    const declaration = declarations[0];
    if (declarations.length !== 1 || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return NOT_CONSTANT;
    const loop = declaration.parent.parent;
    if (ts.isForStatement(loop) && loop.initializer === declaration.parent) {
      // The first round of the loop: the initial value, when the read is in the test or the body and neither writes the counter (`++i < n`).
      const inTest = !!loop.condition && node.pos >= loop.condition.pos && node.end <= loop.condition.end;
      if ((!inTest && (node.pos < loop.statement.pos || node.end > loop.statement.end)) || this.writesWithin(node, loop.statement) ||
          (loop.condition && this.writesWithin(node, loop.condition))) return NOT_CONSTANT;
      this.firstRoundValueRead = true;
      return this.constantOf(declaration.initializer, depth + 1);
    }
    const fixed = (declaration.parent.flags & ts.NodeFlags.Const) !== 0 ? this.initialized.has(declaration) : this.assigned.has(declaration) && !this.isBindingWritten(declaration);
    return fixed ? this.constantOf(declaration.initializer, depth + 1) : NOT_CONSTANT;
  };

  /** Whether the binding a read names is written (assigned, updated, a for-in/of target, a `var` initialiser) inside a node (see `writePositions`). */
  private writesWithin(identifier: TS.Identifier, within: TS.Node): boolean {
    const writes = this.writePositions(identifier);
    const first = firstAtOrAfter(writes, within.pos);
    return first < writes.length && writes[first] < within.end;
  }

  /**
   * Whether a `var` read inside a loop sees the value an earlier round assigned: the loop body
   * assigns the var after the read, and the read is on a branch of that body that may not run on the
   * first round (`if (!index || !eq(value, seen)) { var seen = value; }`, see `mayNotRunWithin`) or
   * tests the var itself (`computed === undefined`, `!wrapper`). Only the first round can see
   * undefined, and such code is written for it. An unconditional use (`total += v; var v = ...;`),
   * or one on a branch or an inner loop the first round certainly takes (`if (i === 0)` in a loop
   * from 0), is still reported.
   */
  private carriedFromEarlierRound(identifier: TS.Identifier): boolean {
    const ts = this.ts;
    // Cheap first: a loop of the read's function must hold the next write too (most reads have none).
    const nextWrite = this.nextWriteAfter(identifier);
    let holdsWrite = false;
    for (let node = identifier.parent; node && !holdsWrite; node = node.parent) {
      if (this.isWalkableFunction(node) || ts.isSourceFile(node) || ts.isClassStaticBlockDeclaration(node)) break;
      holdsWrite = node.end > nextWrite && ts.isIterationStatement(node, false);
    }
    if (!holdsWrite) return false;
    let guarded = this.testsItself(identifier);
    let child: TS.Node = identifier;
    for (let node = identifier.parent, steps = 0; node && steps < 64; child = node, node = node.parent, steps++) {
      if (this.isWalkableFunction(node) || ts.isSourceFile(node) || ts.isClassStaticBlockDeclaration(node)) return false;
      const isLoop = ts.isIterationStatement(node, false) && !(ts.isForStatement(node) && child === node.initializer) &&
        !((ts.isForInStatement(node) || ts.isForOfStatement(node)) && (child === node.expression || child === node.initializer));
      if (isLoop && guarded && nextWrite < node.end) return true;
      if (this.mayNotRunWithin(node, child)) guarded = true;
    }
    return false;
  }

  /** Whether a read tests its own name for holding a value: `!x`, `x === undefined` (or null, void 0), `if (x)`, `x ? a : b`, `x && y`. */
  private testsItself(identifier: TS.Identifier): boolean {
    const ts = this.ts;
    let node: TS.Node = identifier;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
    if (ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) return parent.expression === node;
    if (ts.isConditionalExpression(parent)) return parent.condition === node;
    if (!ts.isBinaryExpression(parent)) return false;
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return parent.left === node;
    if (operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken &&
        operator !== ts.SyntaxKind.EqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) return false;
    const other = skipOuter(ts, parent.left === node ? parent.right : parent.left);
    return other.kind === ts.SyntaxKind.NullKeyword || ts.isVoidExpression(other) || (ts.isIdentifier(other) && this.isUndeclaredGlobal(other, 'undefined'));
  }

  /**
   * Where the var a read names is next written after the read (a `var` initialiser, an assignment,
   * an update or a for-in/of target of the same binding; see `writePositions`, found once per
   * binding, then by binary search); Infinity when it is not.
   */
  private nextWriteAfter(identifier: TS.Identifier): number {
    const writes = this.writePositions(identifier);
    const next = firstAtOrAfter(writes, identifier.end);
    return next < writes.length ? writes[next] : Infinity;
  }

  /** The start positions, in order, of the names that write the var a read names: initialisers, assignments, updates, for-in/of targets. */
  private writePositions(identifier: TS.Identifier): readonly number[] {
    const binding = this.context.resolver.declarationsOf(identifier)[0];
    const known = this.varWritePositions.get(binding);
    if (known) return known;
    const ts = this.ts;
    const positions: number[] = [];
    for (const candidate of this.context.identifiersNamed(identifier.escapedText)) {
      const parent = candidate.parent;
      const writes = (ts.isVariableDeclaration(parent) && parent.name === candidate && (!!parent.initializer ||
          ts.isForInStatement(parent.parent.parent) || ts.isForOfStatement(parent.parent.parent))) || isWriteTarget(ts, candidate);
      if (writes && this.context.resolver.declarationsOf(candidate)[0] === binding) positions.push(candidate.pos);
    }
    this.varWritePositions.set(binding, positions);
    return positions;
  }

  /**
   * The execution context that owns a declaration, or null when the declaration is not a runtime
   * binding of this file (another file, or ambient like `declare const x`: nothing to be in a TDZ).
   * One pass from the declaration up to the root answers all three questions; every read of a
   * tracked name asks, and a cache per declaration cost more (a growing map) than the few steps up.
   */
  private runtimeFrameOf(declaration: TS.Node): TS.Node | null {
    const ts = this.ts;
    const declareKeyword = this.declareKeyword;
    let frame: TS.Node | undefined;
    let root: TS.Node = declaration;
    for (let current: TS.Node | undefined = declaration; current; current = current.parent) {
      if (hasModifier(current, declareKeyword)) return null;
      if (!frame && current !== declaration && isFrame(ts, current)) frame = current;
      root = current;
    }
    if (root !== this.context.sourceFile || this.context.sourceFile.isDeclarationFile) return null;
    return frame ?? root;
  }

  /** Whether the code being walked may not run now: a branch, or after an await that may have suspended a callee. */
  private mayNotRun(): boolean {
    return this.conditional > 0 || this.readAfterPossibleSuspension;
  }

  private severity(): 'error' | 'warning' {
    return this.mayNotRun() ? 'warning' : 'error';
  }

  private reportTdz(identifier: TS.Identifier, declaration: TS.VariableDeclaration | TS.ClassDeclaration, typeofOperand: boolean): void {
    const ts = this.ts;
    const name = identifier.text;
    const declarationLine = lineOf(declaration);
    const kindWord = ts.isClassDeclaration(declaration) ? 'class' : (declaration.parent.flags & ts.NodeFlags.Const) ? 'const' : 'let';
    const mayOrWill = this.mayNotRun() ? msg('may throw') : msg('throws');
    const catcher = this.catcherOfThrow();
    // A caught throw does not stop the program: a warning, which says where it is caught.
    const severity = ExecutionWalker.goesOn(catcher) ? 'warning' : this.severity();
    const phase = msg('In the creation phase of the execution context \'{0}\' is created but left uninitialised (the temporal dead zone); ' +
      'it is initialised only when the execution phase reaches its {1} declaration on line {2}.', name, kindWord, declarationLine);
    const relatedInfo = [related(ts.isClassDeclaration(declaration) && declaration.name ? declaration.name : declaration, msg('\'{0}\' is declared and initialised here', name))];
    const fix = this.moveDeclarationFix(identifier, identifier.text, declaration);
    // Inside a walked call: report at the call site in the frame that owns the declaration.
    const declarationFrame = frameOf(ts, declaration);
    if (this.callStack.length > 0 && frameOf(ts, identifier) !== declarationFrame) {
      // The last entry of the walked stack that sits in the declaration's own frame; when that is not
      // a call (a static initialiser), the first call made from inside it.
      const isCallLike = (node: TS.Node): boolean =>
        ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isDecorator(node);
      let index = -1;
      this.callSites.forEach((callSite, i) => {
        if (frameOf(ts, callSite) === declarationFrame) index = i;
      });
      if (index < 0) index = 0;
      while (index < this.callSites.length - 1 && !isCallLike(this.callSites[index])) index++;
      const site = this.callSites[index];
      if (isCallLike(site)) {
        relatedInfo.unshift(related(identifier, msg('\'{0}\' is read here, during the call', name)));
        // Moving the declaration above the call changes when its initialiser runs: only offered when
        // that cannot change what the initialiser computes.
        const callFix = this.hasMovableInitializer(declaration, site) ? this.moveDeclarationFix(site, name, declaration) : undefined;
        this.push(makeFinding('tdz-call-before-init', site,
          msg('This call {0} a ReferenceError: {1} reads \'{2}\' (line {3}) before its {4} declaration on line {5} has run. {6}',
            mayOrWill, calleeName(ts, site), name, lineOf(identifier), kindWord, declarationLine, phase),
          { severity, related: relatedInfo, fixes: callFix ? [callFix] : [] }), `${site.pos}:${name}`, catcher);
        if (catcher) this.unwindTo(catcher);
        return;
      }
    }
    let code = 'tdz-read-before-init';
    if (typeofOperand) code = 'tdz-typeof';
    else if (ts.isClassDeclaration(declaration)) code = 'tdz-class-before-declaration';
    const what = typeofOperand
      ? msg('`typeof {0}` {1} a ReferenceError here, unlike typeof of an undeclared name.', name, mayOrWill)
      : ts.isClassDeclaration(declaration)
        ? msg('Class \'{0}\' is used before its declaration on line {1}; this {2} a ReferenceError (classes are not hoisted like functions).', name, declarationLine, mayOrWill)
        : msg('\'{0}\' is read before its {1} declaration on line {2}; this {3} a ReferenceError.', name, kindWord, declarationLine, mayOrWill);
    this.push(makeFinding(code, identifier, msg('{0} {1}', what, phase), { severity, related: relatedInfo, fixes: fix ? [fix] : [] }), `${identifier.pos}`, catcher);
    if (catcher) this.unwindTo(catcher);
  }

  private reportVarBeforeAssignment(identifier: TS.Identifier, declaration: TS.VariableDeclaration): void {
    const ts = this.ts;
    const name = identifier.text;
    const parent = identifier.parent;
    const isCallee = ts.isCallExpression(parent) && skipOuter(ts, parent.expression) === identifier;
    const initializer = declaration.initializer ? skipOuter(ts, declaration.initializer) : undefined;
    const relatedInfo = [related(declaration, msg('\'{0}\' is declared with var and assigned here', name))];
    const phase = msg('In the creation phase of the execution context \'var {0}\' is created and set to undefined; ' +
      'the value is assigned only when the execution phase reaches line {1}.', name, lineOf(declaration));
    if (isCallee && initializer && (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer))) {
      this.push(makeFinding('hoisting-call-before-assignment', parent,
        msg('\'{0}\' is called before the function expression is assigned to it, so this {1} "TypeError: {0} is not a function". {2} Only function declarations are hoisted with their body.',
          name, this.mayNotRun() ? msg('may throw') : msg('throws'), phase),
        { related: relatedInfo }), `${identifier.pos}`);
      return;
    }
    if (isCallee) return;
    this.push(makeFinding('hoisting-var-read-before-assignment', identifier,
      msg('\'{0}\' is read before it is assigned, so it is undefined here. {1}', name, phase), { related: relatedInfo }), `${identifier.pos}`);
  }

  /** "Move the declaration above its first use", offered only for a top-level statement moved within one statement list. */
  private moveDeclarationFix(use: TS.Node, name: string, declaration: TS.VariableDeclaration | TS.ClassDeclaration): QuickFix | undefined {
    const ts = this.ts;
    const declarationStatement = ts.isClassDeclaration(declaration) ? declaration : declaration.parent.parent;
    if (!ts.isVariableStatement(declarationStatement) && !ts.isClassDeclaration(declarationStatement)) return undefined;
    if (ts.isVariableStatement(declarationStatement) && declarationStatement.declarationList.declarations.length !== 1) return undefined;
    let useStatement: TS.Node = use;
    while (useStatement.parent && useStatement.parent !== declarationStatement.parent) useStatement = useStatement.parent;
    if (useStatement.parent !== declarationStatement.parent || useStatement.pos >= declarationStatement.pos) return undefined;
    const sourceFile = this.context.sourceFile;
    const text = declarationStatement.getText(sourceFile);
    const insertAt = rangeOf(useStatement, sourceFile);
    const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(declarationStatement.getStart(sourceFile)).line];
    const nextLine = sourceFile.getLineAndCharacterOfPosition(declarationStatement.getEnd()).line + 1;
    const lineStarts = sourceFile.getLineStarts();
    const removeEnd = nextLine < lineStarts.length ? lineStarts[nextLine] : declarationStatement.getEnd();
    const indentation = sourceFile.text.slice(sourceFile.getLineStarts()[insertAt.line - 1], useStatement.getStart(sourceFile));
    const removal = rangeBetweenOffsets(sourceFile, lineStart, removeEnd);
    return {
      ...fixTitle(msg('Move the declaration of \'{0}\' above its first use', name)),
      edits: [
        { file: this.context.file, line: insertAt.line, column: insertAt.column, endLine: insertAt.line, endColumn: insertAt.column, newText: `${text}\n${indentation}` },
        { file: this.context.file, ...removal, newText: '' },
      ],
    };
  }

  /**
   * Whether a `let`/`const` initialiser gives the same value when run earlier, above `use`: it calls
   * nothing, writes nothing, creates no function or class (their code could read anything later)
   * and reads no binding of the file declared from the statement holding `use` on. Literals, and arrays and
   * objects of them, qualify.
   */
  private hasMovableInitializer(declaration: TS.VariableDeclaration | TS.ClassDeclaration, use: TS.Node): boolean {
    const ts = this.ts;
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) return false;
    const sourceFile = this.context.sourceFile;
    const earliest = use.getStart(sourceFile);
    let movable = true;
    const visit = (node: TS.Node): void => {
      if (!movable) return;
      if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isFunctionLike(node) ||
          ts.isClassLike(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isDeleteExpression(node) ||
          (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) ||
          ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
            (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken))) {
        movable = false;
        return;
      }
      if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
          !(ts.isPropertyAssignment(node.parent) && node.parent.name === node)) {
        for (const target of this.context.resolver.declarationsOf(node)) {
          if (target.getSourceFile() === sourceFile && target.getStart(sourceFile) >= earliest) movable = false;
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration.initializer);
    return movable;
  }

  private push(finding: Finding, key: string, catcher?: TS.TryStatement | PromiseRejection, explained = false): void {
    const fullKey = `${finding.code}:${key}`;
    const known = this.reported.get(fullKey);
    if (known) {
      // The same throw found again where nothing catches it (a function walked inside a try or with
      // a handled promise first, then called without): the error takes the warning's place.
      if (known.severity !== 'warning' || finding.severity !== 'error') return;
      const index = this.context.findings.indexOf(known);
      if (index >= 0) this.context.findings.splice(index, 1);
    }
    this.reported.set(fullKey, finding);
    if (this.timerRunsDuring) {
      appendSentence(finding, msg('The timer\'s callback can run while the module waits at the top-level await on line {0}: an ES module that awaits at its top level lets timers and other tasks run before the rest of its body.',
        lineOf(this.timerRunsDuring)));
    }
    if (catcher && 'fate' in catcher) this.explainRejection(finding, catcher);
    else if (catcher) {
      appendSentence(finding, msg('The try statement on line {0} catches this ReferenceError, so the program goes on in its catch block instead of stopping; the rest of the try block does not run.',
        lineOf(catcher)));
    }
    if (this.isolatedRoot && finding.severity === 'error' && !explained) {
      appendSentence(finding, msg('This happens whenever the function runs; nothing in this file calls it while the file itself runs.'));
    }
    this.context.findings.push(finding);
  }

  /** Says which promise a throw rejects, and whether the program goes on (see `RejectionFate`). */
  private explainRejection(finding: Finding, rejection: PromiseRejection): void {
    const madeAt = lineOf(rejection.promise);
    const handler = rejection.handler;
    if (handler && rejection.listenerEvent) {
      const goesOn = rejection.fate === RejectionFate.Exits
        ? msg('then ends the program with process.exit()')
        : msg('so the program goes on instead of stopping');
      if (rejection.uncaught) {
        appendSentence(finding, msg('Nothing in the timer\'s callback catches this ReferenceError, but the process.on(\'{0}\') listener on line {1} catches this ReferenceError, {2}.',
          rejection.listenerEvent, lineOf(handler), goesOn));
      } else {
        appendSentence(finding, msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise) and nothing on it handles the rejection, ' +
          'but the process.on(\'{1}\') listener on line {2} catches this ReferenceError, {3}.', madeAt, rejection.listenerEvent, lineOf(handler), goesOn));
      }
      return;
    }
    if (!rejection.awaitedAt && rejection.catchingTry) {
      appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise); the async function that returns it ' +
        'rejects in turn, and the try statement on line {1} catches this ReferenceError where that function\'s promise is awaited, so the program goes on.', madeAt, lineOf(rejection.catchingTry)));
      return;
    }
    if (rejection.awaitedAt && rejection.replacingTry) {
      appendSentence(finding, rejection.fate === RejectionFate.Unhandled
        ? msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise), and the await on line {1} ' +
          'throws the rejection again inside the try statement on line {2}, whose finally block then throws another error in its place, and nothing handles that error: Node.js stops (exit code 1).',
          madeAt, lineOf(rejection.awaitedAt), lineOf(rejection.replacingTry))
        : msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise), and the await on line {1} ' +
          'throws the rejection again inside the try statement on line {2}, whose finally block then throws another error in its place; line {3} handles that error, so the program goes on.',
          madeAt, lineOf(rejection.awaitedAt), lineOf(rejection.replacingTry), lineOf(rejection.replacementHandler ?? rejection.replacingTry)));
      return;
    }
    if (rejection.awaitedAt && rejection.discardingTry) {
      appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise), and the await on line {1} ' +
        'throws the rejection again inside the try statement on line {2}, whose finally block then leaves by a return, break or continue and so discards this ReferenceError: the program goes on.',
        madeAt, lineOf(rejection.awaitedAt), lineOf(rejection.discardingTry)));
      return;
    }
    if (rejection.awaitedAt && (rejection.catchingTry || rejection.fate === RejectionFate.Unhandled)) {
      appendSentence(finding, rejection.catchingTry
        ? msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise), and the await on line {1} ' +
          'throws the rejection again inside the try statement on line {2}, which catches this ReferenceError, so the program goes on.', madeAt, lineOf(rejection.awaitedAt), lineOf(rejection.catchingTry))
        : msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise), and the await on line {1} ' +
          'throws the rejection again where nothing catches it: Node.js stops (exit code 1).', madeAt, lineOf(rejection.awaitedAt)));
      return;
    }
    switch (rejection.fate) {
      case RejectionFate.Handled: {
        const method = handler && this.ts.isPropertyAccessExpression(handler.expression) ? handler.expression.name.text : 'catch';
        if (method === 'race' || method === 'any') {
          appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise); ' +
            'Promise.{1}() on line {2} takes the rejection and settles with another of its elements, so the program goes on.', madeAt, method, lineOf(handler ?? rejection.promise)));
          return;
        }
        appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise), ' +
          'and the rejection handler of the .{1}() call on line {2} catches this ReferenceError, so the program goes on.', madeAt, method, lineOf(handler ?? rejection.promise)));
        return;
      }
      case RejectionFate.Exits: {
        const method = handler && this.ts.isPropertyAccessExpression(handler.expression) ? handler.expression.name.text : 'catch';
        appendSentence(finding, msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise), ' +
          'and the rejection handler of the .{1}() call on line {2} catches this ReferenceError, then ends the program with process.exit().', madeAt, method, lineOf(handler ?? rejection.promise)));
        return;
      }
      case RejectionFate.Settled:
        appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise); ' +
          'Promise.allSettled() on line {1} takes the rejection as a result, so the program goes on.', madeAt, lineOf(handler ?? rejection.promise)));
        return;
      case RejectionFate.Unhandled:
        appendSentence(finding, msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise), and nothing handles ' +
          'the rejection: Node.js stops with an unhandled rejection (exit code 1) once the code running now and its microtasks have finished.', madeAt));
        if (rejection.lateHandler && this.ts.isAwaitExpression(rejection.lateHandler)) {
          appendSentence(finding, msg('The promise is read again only after the await on line {0}, which waits for a timer: timers run only after that check, so a handler added then comes too late; ' +
            'add the handler before the await.', lineOf(rejection.lateHandler)));
        } else if (rejection.lateHandler) {
          appendSentence(finding, msg('The promise is read in the callback of the timer set on line {0}, but timers run only after that check, so a handler added there comes too late; ' +
            'add the handler before the current code ends, or in process.nextTick() or queueMicrotask().', lineOf(rejection.lateHandler)));
        }
        return;
      default:
        if (rejection.conditionalHandler) {
          appendSentence(finding, msg('The promise made on line {0} rejects with it (a throw inside an async function or a Promise executor rejects its promise); the handler on line {1} ' +
            'handles the rejection only on a path that may not run: when it does not, nothing handles it and Node.js stops with an unhandled rejection (exit code 1).', madeAt, lineOf(rejection.conditionalHandler)));
          return;
        }
        appendSentence(finding, msg('The promise made on line {0} rejects with it instead (a throw inside an async function or a Promise executor rejects its promise); ' +
          'whether something handles the rejection is not followed here.', madeAt));
    }
  }
}

/** The functions and classes `resolveCallable` can answer with, by name (see `ExecutionWalker.callableTargetsByName`). */
interface CallableTargets {
  functions: Map<string, TS.Node[]>;
  functionsOfAnyName: TS.Node[];
  classes: Map<string, TS.Node[]>;
  classesOfAnyName: TS.Node[];
}

/** Files a function or class under the escaped name a callee would spell (`callableKey`, as the file index's `callableNames`). */
function addCallableTarget(ts: typeof TS, byName: Map<string, TS.Node[]>, ofAnyName: TS.Node[], name: TS.Node | undefined, target: TS.Node): void {
  const key = callableKey(ts, name);
  if (key === undefined) {
    ofAnyName.push(target);
    return;
  }
  const list = byName.get(key);
  if (list) list.push(target);
  else byName.set(key, [target]);
}

/** The function whose `this` a node sees: the nearest enclosing function that is not an arrow function (or the file). */
function thisContainerOf(ts: typeof TS, node: TS.Node): TS.Node {
  let current: TS.Node = node.parent;
  while (!ts.isSourceFile(current) && !(ts.isFunctionLike(current) && !ts.isArrowFunction(current))) current = current.parent;
  return current;
}

/** Whether a module specifier names Node's events module. */
function isEventsSpecifier(ts: typeof TS, specifier: TS.Expression): boolean {
  return ts.isStringLiteralLike(specifier) && (specifier.text === 'events' || specifier.text === 'node:events');
}

/** `require('events')` (the module itself is the EventEmitter class). */
function isRequireOfEvents(ts: typeof TS, expression: TS.Expression): boolean {
  return ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'require' &&
    expression.arguments.length === 1 && isEventsSpecifier(ts, expression.arguments[0]);
}

function rangeBetweenOffsets(sourceFile: TS.SourceFile, start: number, end: number) {
  const a = sourceFile.getLineAndCharacterOfPosition(start);
  const b = sourceFile.getLineAndCharacterOfPosition(end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

function calleeName(ts: typeof TS, site: TS.Node): LocalizableMessage | string {
  if (ts.isDecorator(site)) return msg('the decorator \'@{0}\'', site.expression.getText());
  if (ts.isCallExpression(site) || ts.isNewExpression(site)) {
    const callee = site.expression;
    if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) return `'${callee.getText()}'`;
  }
  return msg('the called code');
}

/** A literal default value (a number, string, boolean or null): it reads no binding. */
function isLiteralKind(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  return (kind >= ts.SyntaxKind.FirstLiteralToken && kind <= ts.SyntaxKind.LastLiteralToken) || kind === ts.SyntaxKind.TrueKeyword ||
    kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword;
}

/** How a for-of loop's body lets the loop end before its iterable is done (see `loopExit`). */
const enum LoopExit {
  /** Nothing in the body leaves the loop: the iterable is iterated to its end. */
  Never,
  /** The first iteration certainly leaves it (a `break`, `return` or `throw` reached before any `continue` of the loop). */
  First,
  /** Some path leaves it, in some iteration. */
  Maybe,
}

/**
 * How a for-of loop's body leaves the loop. `continue` and `break` are matched with the statement
 * they belong to: an unlabelled `continue` inside a nested loop, or an unlabelled `break` inside a
 * nested loop or switch, concerns that statement, not this loop; a labelled one concerns this loop
 * (or one around it) unless its label is declared inside the body. Code in nested functions and
 * classes does not count.
 */
function loopExit(ts: typeof TS, loop: TS.ForOfStatement): LoopExit {
  const ownLabel = ts.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  const innerLabels = new Set<string>();
  /** Whether a `continue` of this loop may run in `node` (`nested`: inside a loop of the body, which an unlabelled one continues instead). */
  const mayContinue = (node: TS.Node, nested: boolean): boolean => {
    if (ts.isContinueStatement(node)) return node.label ? node.label.text === ownLabel : !nested;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isLabeledStatement(node)) innerLabels.add(node.label.text);
    const inner = nested || ts.isIterationStatement(node, false);
    return !!ts.forEachChild(node, (child) => mayContinue(child, inner) || undefined);
  };
  /** Whether `node` may leave the loop (`captured`: inside a loop or switch of the body, which an unlabelled break leaves instead). */
  const mayLeave = (node: TS.Node, captured: boolean): boolean => {
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node)) return true;
    // A `yield` hands control to the generator's consumer, which may never ask again; an `await` lets
    // the caller go on, and the rest of the loop runs only later; `process.exit()` ends the program.
    // In each case the iterable may not be iterated to its end while the code around runs.
    if (ts.isYieldExpression(node) || ts.isAwaitExpression(node) || isProcessExitCall(ts, node)) return true;
    if (ts.isBreakStatement(node)) return node.label ? !innerLabels.has(node.label.text) : !captured;
    // `continue outer` of a loop around this one leaves it.
    if (ts.isContinueStatement(node)) return !!node.label && node.label.text !== ownLabel && !innerLabels.has(node.label.text);
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isLabeledStatement(node)) innerLabels.add(node.label.text);
    const inner = captured || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node);
    return !!ts.forEachChild(node, (child) => mayLeave(child, inner) || undefined);
  };
  /** Whether running `statement` certainly leaves the loop (before any `continue` of it). */
  const certainlyLeaves = (statement: TS.Statement): boolean => {
    if (ts.isBreakStatement(statement)) return !statement.label || !innerLabels.has(statement.label.text);
    if (ts.isContinueStatement(statement)) return !!statement.label && statement.label.text !== ownLabel;
    if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
    if (ts.isBlock(statement)) return sequenceLeaves(statement.statements);
    if (ts.isIfStatement(statement)) return !mayContinue(statement.expression, false) && !!statement.elseStatement && certainlyLeaves(statement.thenStatement) && certainlyLeaves(statement.elseStatement);
    return false;
  };
  const sequenceLeaves = (statements: readonly TS.Statement[]): boolean => {
    for (const statement of statements) {
      if (certainlyLeaves(statement)) return true;
      if (mayContinue(statement, false)) return false;
    }
    return false;
  };
  if (certainlyLeaves(loop.statement)) return LoopExit.First;
  innerLabels.clear();
  return mayLeave(loop.statement, false) ? LoopExit.Maybe : LoopExit.Never;
}

/** A `process.exit(...)` call (by its spelling: the callers only use it to say that code may stop there). */
function isProcessExitCall(ts: typeof TS, node: TS.Node): node is TS.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'exit' && ts.isIdentifier(callee.expression) && callee.expression.text === 'process';
}

/** The call `fn` is the callback of when that call is `list.map(fn)`. */
function mapCallOf(ts: typeof TS, fn: TS.Node): TS.CallExpression | undefined {
  const outer = skipParentheses(ts, fn);
  const call = outer.parent;
  return ts.isCallExpression(call) && call.arguments[0] === outer && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'map' ? call : undefined;
}

/** The outermost parenthesised expression around `node` (itself when it is not in parentheses). */
function skipParentheses(ts: typeof TS, node: TS.Node): TS.Node {
  let outer = node;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return outer;
}

/**
 * Whether code of `scope` runs whenever the scope's body runs to it: between it and the scope there
 * are only statements, blocks (also a try block), declarations, a return's value, parentheses, call
 * arguments and the right side of an assignment; no branch, loop or short-circuit operator.
 */
function certainlyRunsIn(ts: typeof TS, node: TS.Node, scope: TS.Node): boolean {
  for (let child = node, parent = node.parent; parent && parent !== scope; child = parent, parent = parent.parent) {
    if (ts.isFunctionLike(parent) && (parent as TS.FunctionLikeDeclaration).body === child) return parent === scope;
    if (ts.isExpressionStatement(parent) || ts.isVariableStatement(parent) || ts.isVariableDeclarationList(parent) || ts.isParenthesizedExpression(parent) ||
      ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isVariableDeclaration(parent) && parent.initializer === child) || (ts.isTryStatement(parent) && parent.tryBlock === child) ||
      (ts.isBlock(parent) && (ts.isBlock(parent.parent) || ts.isSourceFile(parent.parent) || (ts.isTryStatement(parent.parent) && parent.parent.tryBlock === parent) || parent.parent === scope)) ||
      ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== child) || (ts.isForOfStatement(parent) && parent.expression === child) ||
      (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) continue;
    return false;
  }
  return true;
}

/** `'process'` or `'node:process'` as a module specifier. */
function isProcessModuleSpecifier(ts: typeof TS, specifier: TS.Node | undefined): boolean {
  return !!specifier && ts.isStringLiteralLike(specifier) && (specifier.text === 'process' || specifier.text === 'node:process');
}

/** Whether a statement has a `return` in it, not counting the functions nested in it. */
function containsReturn(ts: typeof TS, statement: TS.Node): boolean {
  const visit = (node: TS.Node): boolean =>
    ts.isReturnStatement(node) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && !!ts.forEachChild(node, (child) => visit(child) || undefined));
  return visit(statement);
}

/** Whether a function body awaits (`await`, `for await`), not counting the functions nested in it. */
function containsAwait(ts: typeof TS, body: TS.Node): boolean {
  const visit = (node: TS.Node): boolean =>
    ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && !!node.awaitModifier) ||
    (!ts.isFunctionLike(node) && !ts.isClassLike(node) && !!ts.forEachChild(node, (child) => visit(child) || undefined));
  return visit(body);
}

/** The index of the first of ascending positions that is at or after `position` (the list's length when none is). */
function firstAtOrAfter(positions: readonly number[], position: number): number {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle] < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function hasFunctionAncestor(ts: typeof TS, node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) return true;
  return false;
}

function isCompoundOrUpdateTarget(ts: typeof TS, node: TS.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node) {
    const kind = parent.operatorToken.kind;
    return kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment;
  }
  return (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken);
}


function isSwitchCaseDeclaration(ts: typeof TS, declaration: TS.Node): boolean {
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return !!statement.parent && (ts.isCaseClause(statement.parent) || ts.isDefaultClause(statement.parent));
}

/** The execution-following TDZ / var-hoisting walk. */
export function checkExecutionOrder(context: FileContext): void {
  new ExecutionWalker(context).run();
}

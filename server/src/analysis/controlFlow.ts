// What code certainly does, read from its syntax alone (no name is resolved): shared by the
// execution-order walk (hoisting.ts) and the load-time walk of the module facts (modules.ts).
import type * as TS from 'typescript';
import { jumpTarget, type TypeScriptModule } from '../syntax/index';
import { skipOuter } from './context';

/**
 * Whether statements run in order certainly reach a `throw` (review rv12 #2): one among them, in a
 * nested block, in a switch whose first clause throws before anything else, or in a finally block,
 * with no statement before it that may jump elsewhere (a return, or a break or continue to a
 * statement outside it, even nested). Measured in node 20: `catch (e) { { throw e; } }`,
 * `switch (1) { case 1: throw e; }` and `try {} finally { throw e; }` in a catch each stop the
 * program with the ReferenceError (exit 1). A catch block of which this holds hands its error on.
 */
export function certainlyThrows(ts: TypeScriptModule, statements: readonly TS.Statement[]): boolean {
  for (const statement of statements) {
    if (ts.isThrowStatement(statement)) return true;
    if (ts.isBlock(statement) && certainlyThrows(ts, statement.statements)) return true;
    if (ts.isTryStatement(statement) && statement.finallyBlock && certainlyThrows(ts, statement.finallyBlock.statements)) return true;
    if (ts.isSwitchStatement(statement) && statement.caseBlock.clauses.length === 1 && certainlyThrows(ts, statement.caseBlock.clauses[0].statements) &&
        (ts.isDefaultClause(statement.caseBlock.clauses[0]) || isSameLiteral(ts, statement.expression, statement.caseBlock.clauses[0].expression))) return true;
    if (jumpsOut(ts, statement, statement)) return false;
  }
  return false;
}

/** Whether code may jump past the end of `statement`: a `return`, or a break or continue whose target is not inside it (nested functions and classes aside). */
function jumpsOut(ts: TypeScriptModule, node: TS.Node, statement: TS.Statement): boolean {
  if (ts.isReturnStatement(node)) return true;
  if (ts.isBreakOrContinueStatement(node)) {
    const target = jumpTarget(ts, node);
    return !target || target.pos < statement.pos || target.end > statement.end;
  }
  return !ts.isFunctionLike(node) && !ts.isClassLike(node) && !!ts.forEachChild(node, (child) => jumpsOut(ts, child, statement) || undefined);
}

/** Whether two expressions are the same numeric or string literal (`switch (1) { case 1: ... }`). */
function isSameLiteral(ts: TypeScriptModule, a: TS.Expression, b: TS.Expression): boolean {
  const left = skipOuter(ts, a);
  const right = skipOuter(ts, b);
  return (ts.isNumericLiteral(left) || ts.isStringLiteral(left)) && left.kind === right.kind && (left as TS.LiteralExpression).text === (right as TS.LiteralExpression).text;
}

/** The methods that chain on a promise (`p.then(f)`, `p.catch(f)`, `p.finally(f)`): each returns a promise that settles after `p`. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** A method called on an expression (see `methodCallOn`). */
export interface MethodCallStep {
  call: TS.CallExpression;
  method: string;
  /** Whether the method is `then`, `catch` or `finally`: on a promise, the call returns the next promise of the chain. */
  chains: boolean;
  /**
   * The rejection handler it passes: `catch`'s first argument, `then`'s second. None for `finally` or
   * a `then` with one argument, which pass a rejection on to the promise the call returns.
   */
  onRejected: TS.Expression | undefined;
}

/**
 * The call of a method on `receiver` (`receiver.name(...)`, `receiver` with its parentheses already
 * taken in), undefined when it is not the receiver of a call. The step by which both walks that
 * follow a promise along its chain (hoisting.ts `rejectionFrom`, modules.ts `rejectionCaught` and
 * `isAwaitedAtTopLevel`) go on.
 */
export function methodCallOn(ts: TypeScriptModule, receiver: TS.Node): MethodCallStep | undefined {
  const access = receiver.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== receiver) return undefined;
  const call = access.parent;
  if (!ts.isCallExpression(call) || call.expression !== access) return undefined;
  const method = access.name.text;
  return { call, method, chains: PROMISE_CHAIN_METHODS.has(method), onRejected: method === 'catch' ? call.arguments[0] : method === 'then' ? call.arguments[1] : undefined };
}

/** What `constantValue` answers for an expression whose value the code does not fix. */
export const NOT_CONSTANT: unique symbol = Symbol('not constant');

/**
 * The value a name holds, for `constantValue` (`depth` is the reader's: pass `depth + 1` when
 * evaluating its initialiser), or NOT_CONSTANT. Each walk has its own rules: the execution-order walk
 * knows which initialisers have run where it is (hoisting.ts `constantOfName`), the module facts know
 * the file's constants at load time (modules.ts `constantsOf`).
 */
export type NameValue = (identifier: TS.Identifier, depth: number) => unknown;

/**
 * The value of an expression the code fixes: a literal (an array, object or function literal is
 * some object, compared by identity), `void`, `!`, `-`, `+`, `typeof` of one, a comparison, `+` or
 * `-` of two, `&&`, `||` and `??` (the right side only when the left one does not decide), and
 * names as `nameValue` reads them. NOT_CONSTANT otherwise, and beyond 8 levels.
 */
export function constantValue(ts: TypeScriptModule, expression: TS.Expression, nameValue: NameValue, depth = 0): unknown {
  const node = skipOuter(ts, expression);
  if (depth > 8) return NOT_CONSTANT;
  switch (node.kind) {
    case ts.SyntaxKind.NumericLiteral: return Number((node as TS.NumericLiteral).text);
    case ts.SyntaxKind.StringLiteral: case ts.SyntaxKind.NoSubstitutionTemplateLiteral: return (node as TS.StringLiteral).text;
    case ts.SyntaxKind.TrueKeyword: return true;
    case ts.SyntaxKind.FalseKeyword: return false;
    case ts.SyntaxKind.NullKeyword: return null;
    case ts.SyntaxKind.ArrayLiteralExpression: case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.FunctionExpression: case ts.SyntaxKind.ArrowFunction: return node;
    case ts.SyntaxKind.VoidExpression: return undefined;
    case ts.SyntaxKind.Identifier: return nameValue(node as TS.Identifier, depth);
    default: break;
  }
  if (ts.isPrefixUnaryExpression(node)) {
    const operand = constantValue(ts, node.operand, nameValue, depth + 1);
    if (operand === NOT_CONSTANT) return NOT_CONSTANT;
    if (node.operator === ts.SyntaxKind.ExclamationToken) return !operand;
    // `-[5]` is -5: an object's number is not worked out.
    if (typeof operand === 'object' && operand !== null) return NOT_CONSTANT;
    if (node.operator === ts.SyntaxKind.MinusToken) return -(operand as number);
    if (node.operator === ts.SyntaxKind.PlusToken) return +(operand as number);
    return NOT_CONSTANT;
  }
  if (ts.isTypeOfExpression(node)) {
    const operand = constantValue(ts, node.expression, nameValue, depth + 1);
    return operand === NOT_CONSTANT ? NOT_CONSTANT : operand === null ? 'object' : typeof operand === 'object' ? (ts.isObjectLiteralExpression(operand as TS.Node) ||
      ts.isArrayLiteralExpression(operand as TS.Node) ? 'object' : 'function') : typeof operand;
  }
  if (!ts.isBinaryExpression(node)) return NOT_CONSTANT;
  const left = constantValue(ts, node.left, nameValue, depth + 1);
  if (left === NOT_CONSTANT) return NOT_CONSTANT;
  const operator = node.operatorToken.kind;
  if ((operator === ts.SyntaxKind.AmpersandAmpersandToken && !left) || (operator === ts.SyntaxKind.BarBarToken && left) ||
      (operator === ts.SyntaxKind.QuestionQuestionToken && left !== null && left !== undefined)) return left;
  const right = constantValue(ts, node.right, nameValue, depth + 1);
  if (right === NOT_CONSTANT) return NOT_CONSTANT;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) return right;
  if (operator === ts.SyntaxKind.EqualsEqualsEqualsToken) return left === right;
  if (operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) return left !== right;
  // Objects are compared by identity only: `[] == ''` converts the array, which is not worked out.
  if ((typeof left === 'object' && left !== null) || (typeof right === 'object' && right !== null)) return NOT_CONSTANT;
  const [a, b] = [left as number, right as number];
  switch (operator) {
    case ts.SyntaxKind.EqualsEqualsToken: return a == b;
    case ts.SyntaxKind.ExclamationEqualsToken: return a != b;
    case ts.SyntaxKind.LessThanToken: return a < b;
    case ts.SyntaxKind.LessThanEqualsToken: return a <= b;
    case ts.SyntaxKind.GreaterThanToken: return a > b;
    case ts.SyntaxKind.GreaterThanEqualsToken: return a >= b;
    case ts.SyntaxKind.PlusToken: return typeof a === 'object' || typeof b === 'object' ? NOT_CONSTANT : a + b;
    case ts.SyntaxKind.MinusToken: return a - b;
    default: return NOT_CONSTANT;
  }
}

/** What a `const` certainly holds (see `constObjectKind`). */
export type ConstObjectKind = 'array' | 'map' | 'set' | 'object';

/**
 * What a name certainly holds where it is read, given the declaration it denotes (each walk finds
 * that its own way: hoisting.ts by the scope resolver, modules.ts from the syntax): a `const` declared
 * before the read (else the read may be in its dead zone and throw) made by an array or object
 * literal, or by a `new` of the global Map or Set (`isGlobal` says whether that name denotes the
 * global there); undefined for anything else.
 */
export function constObjectKind(ts: TypeScriptModule, declaration: TS.Node | undefined, read: TS.Node, isGlobal: (name: TS.Identifier) => boolean): ConstObjectKind | undefined {
  if (!declaration || declaration.end > read.pos || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer ||
      !ts.isVariableDeclarationList(declaration.parent) || (declaration.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  const value = skipOuter(ts, declaration.initializer);
  if (ts.isArrayLiteralExpression(value)) return 'array';
  if (ts.isObjectLiteralExpression(value)) return 'object';
  const created = ts.isNewExpression(value) ? value.expression : undefined;
  if (!created || !ts.isIdentifier(created) || (created.text !== 'Map' && created.text !== 'Set') || !isGlobal(created)) return undefined;
  return created.text === 'Map' ? 'map' : 'set';
}

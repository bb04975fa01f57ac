// Hoisting and TDZ rules that follow from the shape of declarations alone: `switch` clauses sharing
// one lexical scope, block-level function declarations, `var` redeclaring a function or parameter,
// and `var` loop variables captured by callbacks that run after the loop. (Default parameters that
// read later parameters are found by the execution-order walk, hoisting.ts: only a call that leaves
// the argument out runs the default.)
import type * as TS from 'typescript';
import { isStrictAt, rangeOf } from '../syntax/index';
import { fixTitle, frameOf, isVarVariable, lineOf, makeFinding, related, skipOuter, type FileContext } from './context';
import { msg } from '../syntax/message';

const DEFERRED_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback']);
const DEFERRED_METHODS = new Set(['then', 'catch', 'finally', 'nextTick', 'addEventListener', 'on', 'once', 'addListener', 'push', 'unshift']);

export function checkDeclarations(context: FileContext): void {
  const ts = context.ts;
  const index = context.index;
  for (const fn of index.functionLikes) {
    if (ts.isFunctionDeclaration(fn) && fn.name && fn.body) checkBlockFunction(context, fn);
  }
  for (const caseBlock of index.caseBlocks) checkSwitchCaseDeclarations(context, caseBlock);
  for (const declaration of index.variableDeclarations) {
    if (isVarVariable(ts, declaration) && ts.isIdentifier(declaration.name)) checkVarRedeclaration(context, declaration);
  }
  for (const loop of index.loops) {
    if (loop.initializer && ts.isVariableDeclarationList(loop.initializer) && isVarList(ts, loop.initializer)) checkLoopVarCapture(context, loop);
  }
}

function isVarList(ts: typeof TS, list: TS.VariableDeclarationList): boolean {
  return (list.flags & ts.NodeFlags.BlockScoped) === 0;
}

/**
 * The identifiers under a node that are evaluated when it is (not inside nested functions or
 * classes). One array and one visitor are reused for every question: this runs for every case
 * clause of a switch, and a new array and closure per clause would be garbage.
 */
class EagerIdentifierCollector {
  private readonly found: TS.Identifier[] = [];

  constructor(private readonly ts: typeof TS) {}

  /** The identifiers under `root` evaluated when it is; valid until the next call. */
  collect(root: TS.Node): readonly TS.Identifier[] {
    this.found.length = 0;
    this.visit(root);
    return this.found;
  }

  private readonly visit = (node: TS.Node): undefined => {
    const ts = this.ts;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return undefined;
    if (ts.isIdentifier(node)) this.found.push(node);
    if (ts.isPropertyAccessExpression(node)) return this.visit(node.expression);
    ts.forEachChild(node, this.visit);
    return undefined;
  };
}

function clauseEndsWithJump(ts: typeof TS, clause: TS.CaseOrDefaultClause): boolean {
  const last = clause.statements[clause.statements.length - 1];
  if (!last) return false;
  const statement = ts.isBlock(last) ? last.statements[last.statements.length - 1] : last;
  return !!statement && (ts.isBreakStatement(statement) || ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isContinueStatement(statement));
}

function checkSwitchCaseDeclarations(context: FileContext, caseBlock: TS.CaseBlock): void {
  const ts = context.ts;
  const clauses = caseBlock.clauses;
  const collector = new EagerIdentifierCollector(ts);
  clauses.forEach((clause, declaringIndex) => {
    for (const statement of clause.statements) {
      const declarations: TS.Node[] = [];
      if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped)) declarations.push(...statement.declarationList.declarations);
      if (ts.isClassDeclaration(statement)) declarations.push(statement);
      for (const declaration of declarations) {
        clauses.forEach((other, useIndex) => {
          if (useIndex === declaringIndex) return;
          const reachableOnlyByJump = useIndex < declaringIndex ||
            clauses.slice(declaringIndex, useIndex).some((between) => clauseEndsWithJump(ts, between));
          for (const identifier of collector.collect(other)) {
            if (ts.isVariableDeclaration(identifier.parent) && identifier.parent.name === identifier) continue;
            const target = context.resolver.declarationsOf(identifier)[0];
            let owner: TS.Node | undefined = target;
            while (owner && (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner))) owner = owner.parent;
            if (owner !== declaration) continue;
            const name = identifier.text;
            context.findings.push(makeFinding('tdz-switch-case', identifier,
              msg('\'{0}\' is declared in another case of this switch (line {1}); when this case is entered directly, that declaration has not run, so this throws a ReferenceError. ' +
                'All case clauses share one block scope: its let/const/class bindings are created uninitialised when the switch block is entered and only initialised when their own case runs. Wrap each case body in braces to give it its own scope.',
              name, lineOf(declaration)),
              { severity: reachableOnlyByJump ? 'error' : 'warning', related: [related(declaration, msg('\'{0}\' is declared here', name))] }));
          }
        });
      }
    }
  });
}

function checkBlockFunction(context: FileContext, declaration: TS.FunctionDeclaration): void {
  const ts = context.ts;
  const block = declaration.parent;
  const inBlock = (ts.isBlock(block) && !ts.isFunctionLike(block.parent) && !ts.isSourceFile(block.parent)) || ts.isCaseClause(block) || ts.isDefaultClause(block);
  if (!inBlock || !declaration.name) return;
  reportBlockFunctionUses(context, declaration as TS.FunctionDeclaration & { name: TS.Identifier }, block);
}

/**
 * The rest of `checkBlockFunction`, for a function declared in a block. Kept apart because its
 * visitor closes over local variables, which would make every call allocate a context, and most
 * function declarations are not in a block.
 */
function reportBlockFunctionUses(context: FileContext, declaration: TS.FunctionDeclaration & { name: TS.Identifier }, block: TS.Node): void {
  const ts = context.ts;
  const name = declaration.name.text;
  const strict = isStrictAt(ts, declaration, context.isModule);
  const frame = frameOf(ts, declaration);
  // Uses of the name in the same function but outside the block: there sloppy and strict code differ.
  // The region is the frame's code and that of the functions directly in it, the block excepted.
  const region = ts.isSourceFile(frame) ? frame : (frame as TS.FunctionLikeDeclaration).body ?? frame;
  const uses: TS.Identifier[] = [];
  for (const node of context.identifiersNamed(declaration.name.escapedText)) {
    if (node === declaration.name || (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) ||
        (ts.isPropertyAssignment(node.parent) && node.parent.name === node) || !isInRegion(ts, node, region, frame, block)) continue;
    const targets = context.resolver.declarationsOf(node);
    if (targets.length === 0 || targets.includes(declaration)) uses.push(node);
  }
  if (uses.length === 0) return;
  const first = uses[0];
  const before = first.getStart() < declaration.getStart();
  const behaviour = strict
    ? msg('In strict code a function declared in a block exists only inside that block, so \'{0}\' here is a ReferenceError (or another binding).', name)
    : msg('In sloppy code the block\'s function is also hoisted to the enclosing function as a var: \'{0}\' is undefined here {1}, and calling it then throws a TypeError; in strict code (modules, classes, "use strict") it would be a ReferenceError.',
      name, before ? msg('until the block runs') : msg('unless the block ran'));
  context.findings.push(makeFinding('hoisting-block-function', first,
    msg('\'{0}\' is a function declared inside a block (line {1}) but used outside it, where sloppy and strict code disagree. {2} ' +
      'Declare it at function level, or assign a function expression to a let declared outside the block.', name, lineOf(declaration), behaviour),
    { related: [related(declaration.name, msg('\'{0}\' is declared inside this block', name))] }));
}

/**
 * Whether a walk down from `region` reaches `node`: one that does not enter `block`, nor a function
 * whose frame is not `frame` (functions nested in the frame's functions).
 */
function isInRegion(ts: typeof TS, node: TS.Node, region: TS.Node, frame: TS.Node, block: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === block) return false;
    if (current !== frame && ts.isFunctionLike(current) && frameOf(ts, current) !== frame) return false;
    if (current === region) return true;
  }
  return false;
}

/** LSP's DiagnosticTag.Unnecessary (the analysis does not import LSP). */
const UNNECESSARY_TAG = 1;

function checkVarRedeclaration(context: FileContext, declaration: TS.VariableDeclaration): void {
  const ts = context.ts;
  const name = declaration.name as TS.Identifier;
  const frame = frameOf(ts, declaration);
  // The compiler keeps a function and a var of the same name as separate (conflicting) symbols, so
  // look the name up among the frame's own hoisted function declarations and parameters.
  // Plain loops on escaped names: this runs for every `var` of the file, and a `find` callback per
  // declaration would allocate a closure for each.
  const escapedName = name.escapedText;
  const body = ts.isSourceFile(frame) ? undefined : (frame as TS.FunctionLikeDeclaration).body;
  const frameStatements = ts.isSourceFile(frame) ? frame.statements : body && ts.isBlock(body) ? body.statements : undefined;
  let fn: TS.FunctionDeclaration | undefined;
  if (frameStatements) {
    for (const statement of frameStatements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.escapedText === escapedName) {
        fn = statement;
        break;
      }
    }
  }
  let parameter: TS.ParameterDeclaration | undefined;
  if (ts.isFunctionLike(frame)) {
    for (const candidate of frame.parameters) {
      if (ts.isIdentifier(candidate.name) && candidate.name.escapedText === escapedName) {
        parameter = candidate;
        break;
      }
    }
  }
  const text = name.text;
  // A plain `var x;` that redeclares a function or parameter does nothing at all (the creation phase
  // skips it and no value is assigned), so the editor may fade it as unnecessary. A `for (var x of
  // ...)` or `for (var x in ...)` head has no initialiser but assigns, so it is not tagged.
  const tags = !declaration.initializer && ts.isVariableStatement(declaration.parent.parent) ? [UNNECESSARY_TAG] : undefined;
  if (fn) {
    context.findings.push(makeFinding('hoisting-var-redeclaration', name,
      msg('\'var {0}\' redeclares the function \'{0}\' (line {1}). In the creation phase the function declaration wins and the var is skipped, ' +
        'so \'{0}\' is the function until {2}; code above this line sees the function, code below sees the new value.',
      text, lineOf(fn), declaration.initializer ? msg('this line runs and replaces it with the assigned value') : msg('something assigns it')),
      { related: [related(fn, msg('function \'{0}\' is declared here', text))], tags }));
  } else if (parameter) {
    const hasDefaults = (frame as TS.SignatureDeclaration).parameters.some((p) => !!p.initializer);
    const separateScope = hasDefaults
      ? msg(' Because this function has default parameter values, its body gets a separate var scope: the var starts with the parameter\'s value, but closures created in the parameter list keep seeing the parameter, not this var.')
      : '';
    context.findings.push(makeFinding('hoisting-var-redeclaration', name,
      msg('\'var {0}\' redeclares the parameter \'{0}\'. In the creation phase the parameter already holds the argument, so the var is skipped and {1}.{2}',
        text, declaration.initializer ? msg('this line simply overwrites the argument') : msg('keeps the argument\'s value (it does not reset it to undefined)'), separateScope),
      { related: [related(parameter, msg('parameter \'{0}\' is declared here', text))], tags }));
  }
}

/** Whether a function node is handed to an API that runs it after the current synchronous run. */
function isDeferredCallback(ts: typeof TS, fn: TS.Node): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as TS.Expression)) return false;
  const callee = skipOuter(ts, call.expression);
  if (ts.isIdentifier(callee)) return DEFERRED_FUNCTIONS.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (DEFERRED_FUNCTIONS.has(method)) return true;
    return DEFERRED_METHODS.has(method);
  }
  return false;
}

function checkLoopVarCapture(context: FileContext, loop: TS.ForStatement | TS.ForInStatement | TS.ForOfStatement): void {
  const ts = context.ts;
  const list = loop.initializer as TS.VariableDeclarationList;
  const loopVariables = new Set<TS.VariableDeclaration>(list.declarations);
  const captures: { reference: TS.Identifier; callback: TS.Node }[] = [];
  const visit = (node: TS.Node, callback: TS.Node | undefined): void => {
    let current = callback;
    if (!current && (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && isDeferredCallback(ts, node)) current = node;
    if (current && ts.isIdentifier(node)) {
      const target = context.resolver.declarationsOf(node)[0];
      if (target && loopVariables.has(target as TS.VariableDeclaration)) captures.push({ reference: node, callback: current });
    }
    ts.forEachChild(node, (child) => visit(child, current));
  };
  visit(loop.statement, undefined);
  if (ts.isForStatement(loop) && loop.incrementor) visit(loop.incrementor, undefined);
  if (captures.length === 0) return;
  const { reference } = captures[0];
  const name = reference.text;
  const sourceFile = context.sourceFile;
  const keyword = rangeOf(list, sourceFile);
  const usedAfterLoop = usesOutside(context, loop, loopVariables);
  const fixes = usedAfterLoop ? [] : [{
    ...fixTitle(msg('Use \'let\' so each iteration gets its own \'{0}\'', name)),
    edits: [{ file: context.file, line: keyword.line, column: keyword.column, endLine: keyword.line, endColumn: keyword.column + 3, newText: 'let' }],
  }];
  const finalValue = ts.isForStatement(loop) ? msg('the value that ended the loop') : msg('the last value');
  context.findings.push(makeFinding('hoisting-loop-var-captured', list,
    msg('The callback reads \'{0}\' after the loop has finished, so every call sees {1}, not the value of its own iteration. ' +
      'A var is created once in the creation phase of the enclosing execution context and shared by all iterations; the callbacks run later, in the execution phase after the loop. ' +
      'With let, each iteration has its own binding.', name, finalValue),
    { related: captures.map(({ reference: use }) => related(use, msg('\'{0}\' is read here when the callback runs', use.text))), fixes }));
}

function usesOutside(context: FileContext, loop: TS.Node, declarations: Set<TS.VariableDeclaration>): boolean {
  const ts = context.ts;
  const frame = frameOf(ts, loop);
  // Only an identifier spelled as a loop variable can resolve to one, except in import and export
  // specifiers, where a name can stand for another: those are resolved, not every identifier of the
  // frame (a walk of the frame per captured loop variable made large files quadratic).
  const used = (node: TS.Identifier): boolean => {
    if (!isInFrameOutside(node, frame, loop)) return false;
    const target = context.resolver.declarationsOf(node)[0];
    return !!target && declarations.has(target as TS.VariableDeclaration);
  };
  // A name inside a destructuring pattern resolves to its binding element, never to one of these
  // declarations, so only the plain identifiers can be used after the loop.
  const names = new Set<TS.__String>();
  for (const declaration of declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.escapedText);
  for (const name of names) for (const node of context.identifiersNamed(name)) if (used(node)) return true;
  for (const node of context.specifierIdentifiers()) if (!names.has(node.escapedText) && used(node)) return true;
  return false;
}

/** Whether a walk of `frame` that skips `loop` reaches `node`. */
function isInFrameOutside(node: TS.Node, frame: TS.Node, loop: TS.Node): boolean {
  for (let current: TS.Node | undefined = node; current; current = current.parent) {
    if (current === loop) return false;
    if (current === frame) return true;
  }
  return false;
}

/** Style (off by default): a function called above its declaration, relying on function hoisting. */
export function checkFunctionUseBeforeDeclaration(context: FileContext): void {
  const ts = context.ts;
  const reported = new Set<TS.Node>();
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const target = context.resolver.declarationsOf(node.expression)[0];
      if (target && ts.isFunctionDeclaration(target) && !reported.has(target) && target.getSourceFile() === context.sourceFile &&
          node.getStart() < target.getStart() && frameOf(ts, node) === frameOf(ts, target)) {
        reported.add(target);
        context.findings.push(makeFinding('hoisting-function-used-before-declaration', node.expression,
          msg('\'{0}\' is called above its declaration (line {1}); this works because function declarations are created with their body in the creation phase, but readers may not expect it.', node.expression.text, lineOf(target)),
          { related: [related(target, msg('declared here'))] }));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(context.sourceFile);
}

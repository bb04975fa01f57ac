// Per-file state shared by the analyses: the parsed tree, the name resolver, and helpers that turn
// nodes into findings with 1-based ranges.
import type * as TS from 'typescript';
import { createBindingResolver, isEsModule, rangeOf, type BindingResolver, type TypeScriptModule } from '../syntax/index';
import { RULES } from './rules';
import type { Finding, FindingSeverity, QuickFix, RelatedLocation } from './types';

export interface FileContext {
  ts: TypeScriptModule;
  sourceFile: TS.SourceFile;
  file: string;
  resolver: BindingResolver;
  isModule: boolean;
  findings: Finding[];
}

export function createFileContext(ts: TypeScriptModule, sourceFile: TS.SourceFile): FileContext {
  return {
    ts,
    sourceFile,
    file: sourceFile.fileName,
    resolver: createBindingResolver(ts, sourceFile),
    isModule: isEsModule(ts, sourceFile),
    findings: [],
  };
}

export function related(node: TS.Node, message: string): RelatedLocation {
  const sourceFile = node.getSourceFile();
  return { file: sourceFile.fileName, ...rangeOf(node, sourceFile), message };
}

/** Builds a finding for rule `code` at `node`, with the rule's default severity unless given. */
export function makeFinding(
  code: string,
  node: TS.Node,
  message: string,
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
    message,
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

/** The nearest enclosing function-like node or the source file: the owner of an execution context. */
export function frameOf(ts: TypeScriptModule, node: TS.Node): TS.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isSourceFile(current) || ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) return current;
    // A class field initializer runs in its own (method-like) context.
    if (ts.isPropertyDeclaration(current) && current.initializer) return current;
  }
  return node.getSourceFile();
}

/** Whether an identifier is written, not read: the target of `=` or a declaration's name. */
export function isPlainAssignmentTarget(ts: TypeScriptModule, node: TS.Node): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
}

/** Strips parentheses, `as`, `!` and `satisfies` around an expression. */
export function skipOuter(ts: TypeScriptModule, node: TS.Expression): TS.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) ||
        ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) current = current.expression;
    else return current;
  }
}

/** `let`/`const`/`using` declarations (block-scoped, with a TDZ), as opposed to `var`. */
export function isLexicalVariable(ts: TypeScriptModule, declaration: TS.Node): declaration is TS.VariableDeclaration {
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return false;
  return (declaration.parent.flags & ts.NodeFlags.BlockScoped) !== 0;
}

export function isVarVariable(ts: TypeScriptModule, declaration: TS.Node): declaration is TS.VariableDeclaration {
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return false;
  return (declaration.parent.flags & ts.NodeFlags.BlockScoped) === 0;
}

/** The variable declaration that owns a binding name (walking out of destructuring patterns). */
export function declarationOfBindingName(ts: TypeScriptModule, node: TS.Node): TS.VariableDeclaration | undefined {
  for (let current: TS.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isVariableDeclaration(current)) return current;
    if (!ts.isBindingElement(current) && !ts.isObjectBindingPattern(current) && !ts.isArrayBindingPattern(current)) return undefined;
  }
  return undefined;
}

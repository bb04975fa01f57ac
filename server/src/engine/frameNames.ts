// V8 names a stack frame after the call's receiver and the property the function was found under
// ("at Foo.bar", "at Object.run", "at new Foo", "at get value [as value]"); QuickJS names it after
// the function alone ("at bar", "at Foo"). The receiver is a run-time fact QuickJS does not keep,
// so this table supplies the name V8 prints for the usual call of each function, read from where
// the function is defined: a class member is called on an instance of its class (or on the class,
// for a static member), an object literal's member on that object, a constructor with `new`, a
// function assigned to `X.prototype.y` on an X. The sandbox (sandbox/stacks.ts) looks a frame up by
// its position: the innermost function whose text contains it.

import type * as TS from 'typescript';

/**
 * One function of the evaluated code: its extent as 1-based [startLine, startColumn, endLine,
 * endColumn] and the name V8 prints for its frames, or null where QuickJS's name is already V8's
 * (entries without a name still matter: they are the innermost function of the frames inside them).
 * `{name}` in the text stands for the frame's QuickJS name (computed keys are known only then).
 */
export type FrameNameEntry = [number, number, number, number, string | null];

/** The frame names of every function in `code` (the JavaScript QuickJS runs, before the engine's rewrite). */
export function frameNameTable(ts: typeof TS, code: string, fileName: string): FrameNameEntry[] {
  const source = ts.createSourceFile(fileName.replace(/\.[cm]?tsx?$/i, '.js'), code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const entries: FrameNameEntry[] = [];
  const position = (offset: number) => source.getLineAndCharacterOfPosition(offset);
  const add = (node: TS.Node, name: string | null) => {
    const start = position(node.getStart(source));
    const end = position(node.getEnd());
    entries.push([start.line + 1, start.character + 1, end.line + 1, end.character + 1, name]);
  };
  const className = (node: TS.ClassLikeDeclaration) => node.name?.text ?? null;
  const isStatic = (node: TS.Node) => (ts.getCombinedModifierFlags(node as TS.Declaration) & ts.ModifierFlags.Static) !== 0;

  /** The name V8 prints for a function defined as `node`, from its place in the code. */
  const nameOf = (node: TS.Node): string | null => {
    const parent = node.parent;
    if (ts.isConstructorDeclaration(node)) {
      const owner = className(node.parent);
      return owner ? `new ${owner}` : null;
    }
    if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
      // Measured in Node 20: accessors print without a receiver, with the property they serve.
      return ts.isPrivateIdentifier(node.name) ? null : '{name} [as {property}]';
    }
    if (ts.isMethodDeclaration(node) && ts.isPrivateIdentifier(node.name)) return null;
    const member = ts.isMethodDeclaration(node) ? node
      : (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === node ? parent
        : null;
    if (member) {
      if (ts.isPrivateIdentifier(member.name as TS.Node)) return null;
      const holder = member.parent;
      if (ts.isClassLike(holder)) {
        const owner = className(holder);
        // A static member's receiver is the class itself, which V8 names by the class too.
        if (!owner) return null;
        return isStatic(member) || !ts.isPropertyDeclaration(member) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? `${owner}.{name}` : null;
      }
      if (ts.isObjectLiteralExpression(holder)) return 'Object.{name}';
      return null;
    }
    // `X.prototype.y = function () {}`: called on an X under the name y.
    if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(parent.left) && (ts.isFunctionExpression(node) || ts.isArrowFunction(node))) {
      const target = parent.left;
      const property = target.name.text;
      const own = ts.isFunctionExpression(node) && node.name ? node.name.text : null;
      if (ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === 'prototype' && ts.isIdentifier(target.expression.expression)) {
        const type = target.expression.expression.text;
        return own ? (own === property ? `${type}.${own}` : `${type}.${own} [as ${property}]`) : `${type}.${property}`;
      }
      // V8's inferred name for an anonymous function assigned to module.exports.y (measured).
      if (!own && ts.isPropertyAccessExpression(target.expression) && target.expression.getText(source) === 'module.exports') return `module.exports.${property}`;
    }
    return null;
  };

  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body !== undefined) add(node, nameOf(node));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return entries;
}

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
 * A sixth element, 1, marks a function whose frames V8 names after the receiver of the call, which
 * the definition cannot tell (see isReceiverDependent): the engine's rewrite records that receiver.
 */
export type FrameNameEntry = [number, number, number, number, string | null, 1?];

/** The frame names of every function in `code` (the JavaScript QuickJS runs, before the engine's rewrite). */
export function frameNameTable(ts: typeof TS, code: string, fileName: string, parsed?: TS.SourceFile): FrameNameEntry[] {
  // `parsed`: the request's shared parse of `code` (applicable.ts parseJavaScript), the same as this one.
  const source = parsed?.text === code ? parsed : ts.createSourceFile(fileName.replace(/\.[cm]?tsx?$/i, '.js'), code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
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
      // V8's inferred name for an anonymous function assigned to a property of a named object
      // (`module.exports.y`, `o.k`, `holder.fn`): the whole target, printed whatever the receiver (measured).
      if (!own && isNameChain(ts, target.expression)) return target.getText(source).replace(/\s+/g, '');
    }
    return null;
  };

  const uses = nameUses(ts, source);
  /**
   * Whether the receiver of a call decides the frame's name where the definition cannot: a method
   * of a class that another class extends (V8 names the receiver's class, `Derived.describe`), and
   * a plain function that is passed around, so it may be called as a method (`Object.standalone`
   * for `standalone.call({})`, `Bus.<anonymous>` for an emitter's listener). Arrow functions cannot
   * see their receiver, and functions only ever called by name run without one: both keep the
   * static name, as do the rest, so the rewrite adds its bookkeeping only where it can matter.
   */
  const isReceiverDependent = (node: TS.Node, staticName: string | null): boolean => {
    if (ts.isMethodDeclaration(node)) {
      if (ts.isPrivateIdentifier(node.name) || !ts.isClassLike(node.parent)) return false;
      const owner = className(node.parent);
      return owner !== null && uses.extended.has(owner);
    }
    if (ts.isFunctionExpression(node) && staticName !== null) {
      // `X.prototype.y = function () {}` where a class extends X.
      const parent = node.parent;
      return ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left) && ts.isPropertyAccessExpression(parent.left.expression) &&
        ts.isIdentifier(parent.left.expression.expression) && uses.extended.has(parent.left.expression.expression.text);
    }
    if (staticName !== null) return false;
    if (ts.isFunctionDeclaration(node)) return node.name !== undefined && uses.escaping.has(node.name.text);
    if (!ts.isFunctionExpression(node)) return false;
    let outer: TS.Node = node.parent;
    while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
    // An immediately invoked function runs without a receiver.
    if (ts.isCallExpression(outer) && skipParentheses(ts, outer.expression) === node) return false;
    if (ts.isVariableDeclaration(outer) && ts.isIdentifier(outer.name)) {
      return uses.escaping.has(outer.name.text) || (node.name !== undefined && uses.escaping.has(node.name.text));
    }
    return true;
  };

  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) && (node as TS.FunctionLikeDeclaration).body !== undefined) {
      const name = nameOf(node);
      add(node, name);
      if (isReceiverDependent(node, name)) entries[entries.length - 1].push(1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return entries;
}

/** `a`, `a.b`, `a.b.c`: identifiers joined by dots (no `this`, calls or computed keys). */
function isNameChain(ts: typeof TS, node: TS.Expression): boolean {
  if (ts.isIdentifier(node)) return true;
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && isNameChain(ts, node.expression);
}

function skipParentheses(ts: typeof TS, node: TS.Node): TS.Node {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/**
 * Names used in the file: `extended`, the classes (and functions) some class extends by name;
 * `escaping`, the names read anywhere other than as the callee of a plain call (`f()`), so the
 * value may be called as a method. Scopes are ignored: a shared name only costs bookkeeping.
 */
function nameUses(ts: typeof TS, source: TS.SourceFile): { extended: Set<string>; escaping: Set<string> } {
  const extended = new Set<string>();
  const escaping = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword) {
      for (const type of node.types) if (ts.isIdentifier(type.expression)) extended.add(type.expression.text);
    }
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      if (ts.isShorthandPropertyAssignment(parent)) escaping.add(node.text);
      else if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
        // A property name, not a use of the binding.
      } else if ((parent as TS.NamedDeclaration).name === node) {
        // A declaration's own name (a binding, a member, a property key).
      } else if (!(ts.isCallExpression(parent) && parent.expression === node)) escaping.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { extended, escaping };
}

/** What the engine's rewrite needs of a table: entries by function start, and those named by receiver. */
export interface FrameIndex {
  /** `line:column` (1-based) of each function's start -> its entry. */
  byStart: Map<string, number>;
  receiverFrames: Set<number>;
}

export function frameIndexOf(table: FrameNameEntry[]): FrameIndex {
  const byStart = new Map<string, number>();
  const receiverFrames = new Set<number>();
  table.forEach((entry, index) => {
    byStart.set(`${entry[0]}:${entry[1]}`, index);
    if (entry[5] === 1) receiverFrames.add(index);
  });
  return { byStart, receiverFrames };
}

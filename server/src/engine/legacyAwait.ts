// Node < 11 ran V8 6.x, where `await p` on a native promise took three microtask ticks instead of
// one (the "await optimization" of V8 7.2 / Node 12 removed two). Measured against Node 10.24.1:
// `async function a() { await b(); log('a1 end') }` prints after a `.then` queued later in the
// same tick. The old semantics are exactly `await new Promise((resolve) => resolve(p))`: resolving
// with a thenable costs one job to call `p.then` and one more to resolve the wrapper. This rewrite
// wraps every `await` operand in such a helper for the node-legacy model. It splices text rather
// than re-printing the file, so every line keeps its number (only columns after an `await` move).

type TypeScript = typeof import('typescript');

/** Global the sandbox defines for node-legacy; it must match sandbox/index.ts. */
export const LEGACY_AWAIT_HELPER = '__looplens_legacyAwait';

export function rewriteAwaitsForLegacy(ts: TypeScript, text: string, fileName: string): string {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const inserts: { at: number; text: string }[] = [];
  const visit = (node: import('typescript').Node): void => {
    if (ts.isAwaitExpression(node)) {
      const operand = node.expression;
      inserts.push({ at: operand.getStart(source), text: `${LEGACY_AWAIT_HELPER}(` });
      inserts.push({ at: operand.getEnd(), text: ')' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (inserts.length === 0) return text;
  // Apply from the end so earlier offsets stay valid; at equal offsets keep closing before opening.
  inserts.sort((a, b) => b.at - a.at || (a.text === ')' ? 1 : -1));
  let result = text;
  for (const insert of inserts) result = result.slice(0, insert.at) + insert.text + result.slice(insert.at);
  return result;
}

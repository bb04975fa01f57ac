// Which models make sense for a file (`--model all`), decided from its text, with the reason a
// model was left out. A cheap lexical scan is enough here: it only chooses what to run, and the
// run itself reports anything the model cannot provide.

import type { ModelName } from './types';
import { englishText, msg, type LocalizableMessage } from '../syntax/message';

type TypeScript = typeof import('typescript');

/**
 * Strips comments and string/template contents so identifiers inside them do not count. Every
 * pattern here matches from any opening quote (an unclosed one runs to the end of its line or of the
 * text), because a pattern that can fail after scanning ahead is retried from every later quote,
 * which is quadratic: 40 KB of unclosed quotes took seconds and froze the language server.
 */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*(?:'|\\?(?=\n|$))|"(?:[^"\\\n]|\\.)*(?:"|\\?(?=\n|$))/g, '""')
    .replace(/`(?:[^`\\]|\\[\s\S])*(?:`|\\?$)/g, '``');
}

/** "a, b, c" as a message, so that a language can use its own list separator. */
function listOf(items: (string | LocalizableMessage)[]): string | LocalizableMessage {
  return items.reduce((list, item) => msg('{0}, {1}', list, item));
}

export function applicableModels(text: string, fileName: string): {
  models: ModelName[];
  skipped: Partial<Record<ModelName, string>>;
  /** The reasons in `skipped` as localisable messages, for the editor's language. */
  skippedParts: Partial<Record<ModelName, LocalizableMessage>>;
} {
  const code = codeOnly(text);
  const skippedParts: Partial<Record<ModelName, LocalizableMessage>> = {};
  const lower = fileName.toLowerCase();

  const nodeOnly: (string | LocalizableMessage)[] = [];
  if (/\brequire\s*\(/.test(code)) nodeOnly.push('require()');
  if (/\bprocess\s*\./.test(code)) nodeOnly.push('process');
  if (/\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|\brequire\s*\(\s*["']node:/.test(text)) nodeOnly.push(msg("'node:' imports"));
  if (/\b(__dirname|__filename|setImmediate|Buffer)\b/.test(code)) nodeOnly.push(msg('Node globals'));
  if (nodeOnly.length > 0) skippedParts.browser = msg('uses {0}, which browsers do not have', listOf(nodeOnly));

  const commonJsOnly: (string | LocalizableMessage)[] = [];
  if (/\brequire\s*\(/.test(code)) commonJsOnly.push('require()');
  if (/\bmodule\s*\.\s*exports\b|\bexports\s*\./.test(code)) commonJsOnly.push('module.exports');
  if (/\b(__dirname|__filename)\b/.test(code)) commonJsOnly.push('__dirname/__filename');
  if (lower.endsWith('.cjs') || lower.endsWith('.cts')) commonJsOnly.push(msg('a .cjs file name'));
  if (commonJsOnly.length > 0) skippedParts['node-esm'] = msg('uses {0}, which ES modules do not have', listOf(commonJsOnly));

  // `[^\S\n]*`, not `\s*`: a run of whitespace with line breaks in it would be rescanned from
  // every line break (quadratic; 100,000 blank lines froze the language server for a minute), and
  // such a run always also matches from its last line break.
  const isModuleSyntax = /(^|[\n;])[^\S\n]*(import\s*[\w{*'"]|export\s)/.test(code) || lower.endsWith('.mjs') || lower.endsWith('.mts');
  if (isModuleSyntax) skippedParts['node-legacy'] = msg('is an ES module, which Node < 11 could not load without a flag');

  const browserOnly: (string | LocalizableMessage)[] = [];
  if (/\b(window|document|requestAnimationFrame|MutationObserver|MessageChannel|localStorage|navigator)\b/.test(code)) browserOnly.push(msg('browser APIs'));
  if (browserOnly.length > 0) {
    for (const model of ['node', 'node-esm', 'node-legacy'] as const) {
      skippedParts[model] ??= msg('uses {0}, which Node does not have', listOf(browserOnly));
    }
  }

  const skipped: Partial<Record<ModelName, string>> = {};
  for (const [model, reason] of Object.entries(skippedParts) as [ModelName, LocalizableMessage][]) skipped[model] = englishText(reason);
  const models = (['node', 'node-esm', 'node-legacy', 'browser'] as const).filter((model) => !(model in skipped));
  return { models, skipped, skippedParts };
}

/**
 * Whether Node 20 would load the file as an ES module on syntax alone (it detects `import`/
 * `export` statements and `import.meta` in ambiguous .js files).
 */
export function detectModuleSyntax(ts: TypeScript, text: string, fileName: string, parsed?: import('typescript').SourceFile): boolean {
  const source = parsed?.text === text ? parsed : ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return true;
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  // Node 20.19+ also runs an ambiguous file as a module when only a module can have its top-level
  // await (measured: `await Promise.resolve();` in a .js file without "type" runs, as a module).
  return /\bimport\.meta\b/.test(text) || hasTopLevelAwait(ts, source);
}

/**
 * The parse of JavaScript the engine's preparation steps share (detectModuleSyntax, frameNameTable,
 * rewriteForEngine): each takes it when its text is theirs, so a prediction parses a text once
 * (engine/index.ts RequestParses). Parent pointers set; a TypeScript entry's compiled code is parsed
 * under a .js name.
 */
export function parseJavaScript(ts: TypeScript, text: string, fileName: string): import('typescript').SourceFile {
  return ts.createSourceFile(fileName.replace(/\.[cm]?tsx?$/i, '.js'), text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
}

/** An `await` expression or `for await` outside every function of the file. */
function hasTopLevelAwait(ts: TypeScript, source: import('typescript').SourceFile): boolean {
  const visit = (node: import('typescript').Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
    return ts.forEachChild(node, visit) === true;
  };
  return ts.forEachChild(source, visit) === true;
}

// Which models make sense for a file (`--model all`), decided from its text, with the reason a
// model was left out. A cheap lexical scan is enough here: it only chooses what to run, and the
// run itself reports anything the model cannot provide.

import type { ModelName } from './types';

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

export function applicableModels(text: string, fileName: string): { models: ModelName[]; skipped: Partial<Record<ModelName, string>> } {
  const code = codeOnly(text);
  const skipped: Partial<Record<ModelName, string>> = {};
  const lower = fileName.toLowerCase();

  const nodeOnly: string[] = [];
  if (/\brequire\s*\(/.test(code)) nodeOnly.push('require()');
  if (/\bprocess\s*\./.test(code)) nodeOnly.push('process');
  if (/\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|\brequire\s*\(\s*["']node:/.test(text)) nodeOnly.push("'node:' imports");
  if (/\b(__dirname|__filename|setImmediate|Buffer)\b/.test(code)) nodeOnly.push('Node globals');
  if (nodeOnly.length > 0) skipped.browser = `uses ${nodeOnly.join(', ')}, which browsers do not have`;

  const commonJsOnly: string[] = [];
  if (/\brequire\s*\(/.test(code)) commonJsOnly.push('require()');
  if (/\bmodule\s*\.\s*exports\b|\bexports\s*\./.test(code)) commonJsOnly.push('module.exports');
  if (/\b(__dirname|__filename)\b/.test(code)) commonJsOnly.push('__dirname/__filename');
  if (lower.endsWith('.cjs') || lower.endsWith('.cts')) commonJsOnly.push('a .cjs file name');
  if (commonJsOnly.length > 0) skipped['node-esm'] = `uses ${commonJsOnly.join(', ')}, which ES modules do not have`;

  // `[^\S\n]*`, not `\s*`: a run of whitespace with line breaks in it would be rescanned from
  // every line break (quadratic; 100,000 blank lines froze the language server for a minute), and
  // such a run always also matches from its last line break.
  const isModuleSyntax = /(^|[\n;])[^\S\n]*(import\s*[\w{*'"]|export\s)/.test(code) || lower.endsWith('.mjs') || lower.endsWith('.mts');
  if (isModuleSyntax) skipped['node-legacy'] = 'is an ES module, which Node < 11 could not load without a flag';

  const browserOnly: string[] = [];
  if (/\b(window|document|requestAnimationFrame|MutationObserver|MessageChannel|localStorage|navigator)\b/.test(code)) browserOnly.push('browser APIs');
  if (browserOnly.length > 0) {
    for (const model of ['node', 'node-esm', 'node-legacy'] as const) {
      skipped[model] ??= `uses ${browserOnly.join(', ')}, which Node does not have`;
    }
  }

  const models = (['node', 'node-esm', 'node-legacy', 'browser'] as const).filter((model) => !(model in skipped));
  return { models, skipped };
}

/**
 * Whether Node 20 would load the file as an ES module on syntax alone (it detects `import`/
 * `export` statements and `import.meta` in ambiguous .js files).
 */
export function detectModuleSyntax(ts: TypeScript, text: string, fileName: string): boolean {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return true;
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  return /\bimport\.meta\b/.test(text);
}

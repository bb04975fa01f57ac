// Every user-facing string exists in English and Simplified Chinese: the manifest strings
// (package.nls*.json, and every %key% the manifest uses), the runtime strings passed to l10n.t in
// the client and the server, and the message templates the pure core builds with msg() (the
// engine's `why` sentences, notes and stop reasons, the analysis's diagnostics, related texts and
// quick-fix titles), all in l10n/bundle.l10n.zh-cn.json. Then, over the protocol, a server started
// with locale zh-cn answers a diagnostic, a hover's why and a prediction line's why in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { positionOf, repoRoot, startServer } from './lspClient.mjs';

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

function sourceFiles(dir) {
  const found = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.endsWith('.ts')) found.push(full);
    }
  };
  walk(path.join(repoRoot, dir));
  return found;
}

/** The string literals passed as first argument to `l10n.t(...)`. */
function l10nKeys(files) {
  const keys = new Set();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/l10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) keys.add(match[2].replace(/\\(.)/g, '$1'));
    // A template literal or a variable would escape this check; forbid them.
    assert.doesNotMatch(text, /l10n\.t\(\s*[`a-zA-Z]/, `${file}: l10n.t must get a string literal`);
    // The object form takes a variable: only the renderer of the core's messages may use it.
    if (!file.endsWith(path.join('features', 'localize.ts'))) assert.doesNotMatch(text, /l10n\.t\(\s*\{/, `${file}: l10n.t({...}) is reserved for features/localize.ts`);
  }
  return keys;
}

/** The value of a string literal or of a `+` chain of them; undefined for anything computed. */
function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/**
 * The templates of every `msg(...)` call (syntax/message.ts) in the given files, read with the
 * TypeScript parser so that concatenated literals count and comments do not. A call whose template
 * is not a literal would hide a key from this test, so it fails the test.
 */
function messageTemplates(files) {
  const templates = new Map();
  for (const file of files) {
    const sourceFile = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') {
        const template = node.arguments[0] && literalText(node.arguments[0]);
        const where = `${path.relative(repoRoot, file)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        assert.ok(template !== undefined, `${where}: msg() must get a literal template`);
        templates.set(template, where);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return templates;
}

/** The source files whose user-facing strings are checked. */
function checkedSources() {
  const serverGlue = fs.readdirSync(path.join(repoRoot, 'server/src')).filter((name) => name.endsWith('.ts')).map((name) => path.join(repoRoot, 'server/src', name));
  return {
    l10nFiles: [...sourceFiles('client/src'), ...sourceFiles('server/src/features'), ...serverGlue],
    coreFiles: sourceFiles('server/src'),
  };
}

const placeholders = (s) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

test('package.nls.json and package.nls.zh-cn.json have the same keys, all non-empty', () => {
  const english = readJson('package.nls.json');
  const chinese = readJson('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
  for (const [key, value] of Object.entries(chinese)) {
    assert.ok(typeof value === 'string' && value.trim().length > 0, key);
    assert.notEqual(value, english[key], `${key} is not translated`);
  }
});

test('every %key% in package.json is defined', () => {
  const english = readJson('package.nls.json');
  const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
  const used = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 0);
  for (const key of used) assert.ok(key in english, `missing ${key} in package.nls.json`);
});

test('every runtime string has a zh-cn translation and the bundle has no stale keys', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const { l10nFiles, coreFiles } = checkedSources();
  const keys = l10nKeys(l10nFiles);
  assert.ok(keys.size > 20);
  const templates = messageTemplates(coreFiles);
  for (const template of templates.keys()) keys.add(template);
  for (const key of keys) assert.ok(typeof bundle[key] === 'string' && bundle[key].length > 0, `missing zh-cn translation: ${key} (${templates.get(key) ?? 'l10n.t'})`);
  for (const key of Object.keys(bundle)) assert.ok(keys.has(key), `stale bundle key: ${key}`);
  for (const [key, value] of Object.entries(bundle)) {
    assert.equal(placeholders(value), placeholders(key), `placeholders differ: ${key}`);
  }
});

test('the core builds its user-facing sentences as messages: the why, notes, stop reasons, diagnostics and fixes', () => {
  const templates = messageTemplates(checkedSources().coreFiles);
  const from = (folder) => [...templates.values()].filter((where) => where.startsWith(folder)).length;
  // Lower bounds, so that a file that went back to plain English strings shows up here.
  assert.ok(from('server/src/engine/causes.ts') >= 20, `causes.ts: ${from('server/src/engine/causes.ts')}`);
  assert.ok(from('server/src/engine/') >= 40, `engine: ${from('server/src/engine/')}`);
  assert.ok(from('server/src/analysis/') >= 60, `analysis: ${from('server/src/analysis/')}`);
  // No English sentence is left in the core's finding messages, related texts or fix titles.
  const leftovers = [];
  // Rule titles (rules.ts) name the rules in SARIF output, which stays English like the CLI.
  const analysisFiles = checkedSources().coreFiles.filter((f) => f.includes(`${path.sep}analysis${path.sep}`) && !/(rules|sarif)\.ts$/.test(f));
  for (const file of analysisFiles) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\b(?:message|title):\s*[`'"]/g)) leftovers.push(`${path.relative(repoRoot, file)}: ${text.slice(match.index, match.index + 60)}`);
  }
  assert.deepEqual(leftovers, []);
});

test('the zh-cn bundle is Chinese: every translation that has words has Chinese characters', () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const untranslated = Object.entries(bundle).filter(([key, value]) => /[a-z]{3,} [a-z]{3,}/i.test(key.replace(/`[^`]*`|'[^']*'|\([^)]*\)/g, '')) && !/[\u4e00-\u9fff]/.test(value));
  assert.deepEqual(untranslated.map(([key]) => key), []);
});

/** Renders a message the way an editor in the bundle's language should see it (independent of the server's code). */
function renderWith(bundle, message) {
  const values = message.args.map((arg) => (typeof arg === 'object' ? renderWith(bundle, arg) : String(arg)));
  return (bundle[message.message] ?? message.message).replace(/\{(\d+)\}/g, (whole, index) => values[Number(index)] ?? whole);
}

const CHINESE = /[\u4e00-\u9fff]/;

test('with locale zh-cn, a diagnostic, a hover\'s why, a prediction line\'s why and the context tree\'s this reasons come back in Chinese', async () => {
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
  const { analyzeFile } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'core.js')).href);
  const text = [
    "console.log('start');",
    "setTimeout(() => console.log('timeout'), 0);",
    "Promise.resolve().then(() => console.log('then'));",
    'function later() {',
    '  return value;',
    '}',
    'try {',
    '  later();',
    '} catch (error) {',
    '  console.log(error.name);',
    '}',
    'let value = 1;',
    '',
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-l10n-'));
  const file = path.join(dir, 'zh.js');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const host = { readFile: (name) => (fs.existsSync(name) ? fs.readFileSync(name, 'utf8') : undefined), fileExists: (name) => fs.existsSync(name) };
  const finding = analyzeFile(ts, text, file, host).find((f) => f.code === 'tdz-call-before-init');
  assert.ok(finding?.messageParts, 'the analysis reports the call in the TDZ, with a localisable message');
  const chineseFinding = renderWith(bundle, finding.messageParts);
  assert.match(chineseFinding, CHINESE);

  for (const locale of ['zh-cn', 'en']) {
    const server = await startServer({ locale });
    try {
      await server.open(uri, text);
      const diagnostics = await server.waitForDiagnostics(uri, (params) => params.diagnostics.some((d) => d.code === 'LL1002'), 60000);
      const diagnostic = diagnostics.diagnostics.find((d) => d.code === 'LL1002');
      const prediction = await server.connection.sendRequest('looplens/predict', { uri, models: ['node'] });
      const lines = prediction.result.models.node.output;
      const thenLine = lines.find((line) => line.text === 'then');
      assert.ok(thenLine?.whyParts, 'the line printed by the .then callback carries its why as a message');
      const hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, "console.log('then')", 2) });
      // The context tree's `this` reasons (English templates without arguments) follow the locale too.
      const tree = await server.connection.sendRequest('looplens/contextTree', { uri, model: 'node' });
      const reasons = tree.trace.contexts.map((context) => context.thisReason);
      assert.ok(reasons.length > 1, 'the trace has contexts');
      for (const reason of reasons) assert.equal(CHINESE.test(reason), locale === 'zh-cn', `${locale}: ${reason}`);
      if (locale === 'en') {
        assert.equal(diagnostic.message.startsWith(finding.message), true, diagnostic.message);
        assert.doesNotMatch(thenLine.why, CHINESE);
        assert.ok(hover.contents.value.includes(thenLine.why), hover.contents.value);
        continue;
      }
      assert.ok(diagnostic.message.includes(chineseFinding), `diagnostic: ${diagnostic.message}`);
      assert.ok(diagnostic.relatedInformation.every((related) => CHINESE.test(related.message)), JSON.stringify(diagnostic.relatedInformation));
      for (const line of lines) {
        assert.equal(line.why, renderWith(bundle, line.whyParts));
        assert.match(line.why, CHINESE);
      }
      assert.ok(hover.contents.value.includes(thenLine.why), `hover: ${hover.contents.value}`);
    } finally {
      await server.stop();
    }
  }
});

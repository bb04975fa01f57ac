// The architecture's invariant, checked on every run: the pure core (syntax/, engine/, analysis/)
// knows nothing of editors; engine/ and analysis/ do not import each other; syntax/ imports
// neither; only client/ imports `vscode`. Imports are read with the TypeScript scanner
// (`ts.preProcessFile`), so comments and strings cannot fool the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(m|c)?[jt]sx?$/.test(name) && !name.endsWith('.md')) out.push(full);
  }
  return out;
}

/** Every module specifier a file imports, requires or dynamically imports. */
function importsOf(file) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((entry) => entry.fileName);
}

/** The project folder a relative import lands in, e.g. 'server/src/engine'. */
function layerOf(file, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = relative(root, resolve(dirname(file), specifier)).split(sep);
  if (target[0] === 'server' && target[1] === 'src' && target.length > 3) return target.slice(0, 3).join('/');
  return target.slice(0, 2).join('/');
}

function violations(folder, forbidden) {
  const found = [];
  for (const file of sourceFiles(join(root, folder))) {
    for (const specifier of importsOf(file)) {
      const layer = layerOf(file, specifier);
      for (const rule of forbidden) {
        if (rule.test(specifier, layer)) found.push(`${relative(root, file)} imports '${specifier}' (${rule.why})`);
      }
    }
  }
  return found;
}

const editorApis = {
  test: (specifier) => specifier === 'vscode' || specifier.startsWith('vscode-languageserver') || specifier.startsWith('vscode-languageclient') || specifier.startsWith('vscode-jsonrpc'),
  why: 'the core must not know the editor protocol',
};
const importsEngine = { test: (_s, layer) => layer === 'server/src/engine', why: 'engine/ is off limits here' };
const importsAnalysis = { test: (_s, layer) => layer === 'server/src/analysis', why: 'analysis/ is off limits here' };
const importsFeatures = { test: (_s, layer) => layer === 'server/src/features' || /server\/src\/server$/.test(layer ?? ''), why: 'the core must not reach into the LSP glue' };

test('the core folders import nothing from vscode or vscode-languageserver', () => {
  const found = [
    ...violations('server/src/syntax', [editorApis, importsFeatures]),
    ...violations('server/src/engine', [editorApis, importsFeatures]),
    ...violations('server/src/analysis', [editorApis, importsFeatures]),
  ];
  assert.deepEqual(found, []);
});

test('engine/ and analysis/ do not import each other; syntax/ imports neither', () => {
  const found = [
    ...violations('server/src/engine', [importsAnalysis]),
    ...violations('server/src/analysis', [importsEngine]),
    ...violations('server/src/syntax', [importsEngine, importsAnalysis]),
  ];
  assert.deepEqual(found, []);
});

test('only client/ imports vscode', () => {
  const onlyVscode = { test: (specifier) => specifier === 'vscode', why: 'only the client may use the VS Code API' };
  assert.deepEqual(violations('server/src', [onlyVscode]), []);
});

test('the checker itself sees imports (a guard against a vacuous pass)', () => {
  const engineFiles = sourceFiles(join(root, 'server/src'));
  assert.ok(engineFiles.length > 3, 'expected server sources to scan');
  assert.ok(engineFiles.some((file) => importsOf(file).length > 0), 'expected at least one import to be found');
  assert.equal(layerOf(join(root, 'server/src/features/x.ts'), '../engine/index'), 'server/src/engine');
});

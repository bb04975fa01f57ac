// The cycle scan reads most modules with `ts.preProcessFile` (a token scan, no syntax tree) and
// parses only the modules on a cycle and their importers. That is sound only if the sketch finds
// every import the full extraction finds (it may find more): checked here on every module of the
// labelled corpus, the module fixtures and the examples, with the resolution flavour (require or
// import) that decides which file a package specifier resolves to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cases } from './analysis-corpus.mjs';
import { core, ts, root } from './analysis-harness.mjs';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === 'node_modules' ? [] : filesUnder(path)) : [path];
  });
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

test('the import sketch finds every import the full extraction finds', () => {
  const modules = [
    ...cases.flatMap((testCase) => Object.entries(testCase.files).map(([file, text]) => ({ file: `/corpus/${testCase.family}/${testCase.name}/${file}`, text }))),
    ...['test/fixtures/modules', 'test/fixtures/analysis', 'examples'].flatMap((dir) => filesUnder(join(root, dir)).map((file) => ({ file, text: readFileSync(file, 'utf8') }))),
  ].filter(({ file }) => SOURCE.test(file) && !/\.d\.[cm]?ts$/.test(file));
  let sketched = 0;
  let imports = 0;
  for (const { file, text } of modules) {
    const sketch = core.sketchModuleFacts(ts, file, text, 'hash');
    if (!sketch) continue;
    sketched++;
    const full = core.extractModuleFacts(ts, ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), 'hash');
    const found = sketch.imports.map((fact) => `${fact.specifier} (${fact.commonJs ? 'require' : 'import'})`);
    for (const fact of full.imports) {
      imports++;
      const wanted = `${fact.specifier} (${fact.commonJs ? 'require' : 'import'})`;
      assert.ok(found.includes(wanted), `${file}: the sketch misses ${wanted}; it has ${found.join(', ')}`);
    }
  }
  assert.ok(sketched > 300 && imports > 200, `${sketched} modules sketched, ${imports} imports compared`);
});

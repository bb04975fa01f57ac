// The analysis parses a document's first version without the parser's parent-linking pass (its
// scope walk links the parents), also through the IncrementalParser the analysis worker keeps. These
// cases check that the flag reaches the parser, that an edit on such an unlinked tree still parses
// incrementally into a fully linked tree, and that the findings equal a plain full parse's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { analyzeFile, IncrementalParser } = require('../../dist/core.js');
const ts = require('typescript');

const host = { readFile: () => undefined, fileExists: () => false };
const text = [
  'console.log(early);',
  'let early = 1;',
  'function later() { return value; }',
  'later();',
  'const value = 2;',
  'setInterval(() => console.log(early), 1000);',
].join('\n');
const edited = text.replace('later();', 'later();\nconsole.log(late);\nvar late = 3;');

function everyNodeLinked(sourceFile) {
  let linked = true;
  const visit = (node, parent) => {
    if (node.parent !== parent) linked = false;
    ts.forEachChild(node, (child) => visit(child, node));
  };
  ts.forEachChild(sourceFile, (child) => visit(child, sourceFile));
  return linked;
}

test('the parser skips the linking pass only when asked', () => {
  const parser = new IncrementalParser(ts);
  assert.equal(parser.parse('/a.js', text, false).statements[0].parent, undefined);
  assert.equal(parser.parse('/b.js', text).statements[0].parent?.kind, ts.SyntaxKind.SourceFile);
});

test('an edit on an unlinked tree parses into a linked tree equal to a full parse', () => {
  const parser = new IncrementalParser(ts);
  parser.parse('/a.js', text, false);
  const updated = parser.parse('/a.js', edited, false);
  assert.ok(everyNodeLinked(updated));
  const full = ts.createSourceFile('/a.js', edited, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const shape = (sourceFile) => { const kinds = []; const visit = (node) => { kinds.push(`${node.kind}@${node.pos}-${node.end}`); ts.forEachChild(node, visit); }; visit(sourceFile); return kinds; };
  assert.deepEqual(shape(updated), shape(full));
});

test('findings through the parser equal a plain full parse, first version and edit', () => {
  const parser = new IncrementalParser(ts);
  for (const version of [text, edited]) {
    const viaParser = analyzeFile(ts, version, '/a.js', host, { parser });
    const plain = analyzeFile(ts, version, '/a.js', host);
    assert.ok(plain.length > 0);
    assert.deepEqual(viaParser, plain);
  }
});

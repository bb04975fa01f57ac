// Diagnostic tags (issue 5 item 4: "tags where apt"): a `var` that redeclares a parameter or a
// function without assigning anything has no effect, so its finding carries LSP's Unnecessary tag
// (1) and the editor fades it; a redeclaration that assigns, in a statement or a for-of/for-in head,
// keeps its finding untagged. The tag survives the conversion to an LSP diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, ts } from './analysis-harness.mjs';
import { DEFAULT_SETTINGS, findingsToDiagnostics } from '../../dist/test/features.js';

const host = { readFile: () => undefined, fileExists: () => false };

function redeclarations(text) {
  const file = '/virtual/tags.js';
  const findings = core.analyzeFile(ts, text, file, host).filter((finding) => finding.code === 'hoisting-var-redeclaration');
  return { file, findings, at: (finding) => text.split('\n')[finding.line - 1].slice(finding.column - 1, finding.endColumn - 1) + '@' + finding.line };
}

test('a var that only redeclares a parameter or a function is tagged unnecessary', () => {
  const text = [
    'function keep(count) {',
    '  var count;',
    '  return count;',
    '}',
    'function shown() {}',
    'var shown;',
    'console.log(keep(2), typeof shown);',
  ].join('\n');
  const { file, findings } = redeclarations(text);
  assert.deepEqual(findings.map((finding) => [finding.line, finding.tags]), [[2, [1]], [6, [1]]]);
  const diagnostics = findingsToDiagnostics(findings, file, DEFAULT_SETTINGS.diagnostics, 'file:///docs/rules');
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.tags), [[1], [1]]);
});

test('a redeclaration that assigns is not tagged', () => {
  const text = [
    'function reset(count) {',
    '  var count = 0;',
    '  return count;',
    '}',
    'function each(item, list) {',
    '  for (var item of list) console.log(item);',
    '  for (var item in list) console.log(item);',
    '}',
    'function shown() {}',
    'var shown = 1;',
    'console.log(reset(2), each(0, [1]), shown);',
  ].join('\n');
  const { findings, at } = redeclarations(text);
  assert.ok(findings.length >= 2, JSON.stringify(findings.map(at)));
  for (const finding of findings) assert.equal(finding.tags, undefined, at(finding));
});

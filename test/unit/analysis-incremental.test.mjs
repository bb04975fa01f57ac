// Incremental re-parsing (the analysis worker keeps each document's last tree and re-parses only
// around an edit) must not change a single finding: every labelled corpus program and the 5,000-line
// bench file go through a seeded series of edits, each version analysed both through one long-lived
// IncrementalParser and from a fresh parse, and the findings compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cases } from './analysis-corpus.mjs';
import { core, ts } from './analysis-harness.mjs';
import { generateLargeFile } from '../../scripts/bench/generate-workspace.mjs';

const host = { readFile: () => undefined, fileExists: () => false };
const options = { families: ['tdz', 'hoisting', 'leak'], includeStyle: true };

/** Snippets typed in the middle of a program: statements, partial tokens, a TDZ read, a deletion. */
const edits = ['let later = 1;\n', 'console.log(later);\n', '{', '}', '(', 'function f() { return g(); }\n', 'var v = 2; ', '// note\n', '`${x}`', ''];

function applyEdit(text, { at, insert, remove }) {
  const offset = Math.floor(at * text.length);
  return text.slice(0, offset) + insert + text.slice(offset + remove);
}

const editArbitrary = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  insert: fc.constantFrom(...edits),
  remove: fc.integer({ min: 0, max: 12 }),
});

function compareVersions(fileName, first, steps) {
  const parser = new core.IncrementalParser(ts);
  let text = first;
  for (const step of [null, ...steps]) {
    if (step) text = applyEdit(text, step);
    const incremental = core.analyzeFile(ts, text, fileName, host, { ...options, parser });
    const fresh = core.analyzeFile(ts, text, fileName, host, options);
    assert.deepEqual(incremental, fresh, `${fileName} after ${JSON.stringify(step)}:\n${text}`);
  }
}

test('incremental re-parsing gives the same findings as a fresh parse on edited corpus programs', () => {
  const programs = cases.flatMap((testCase) => Object.entries(testCase.files)
    .filter(([file]) => /\.[cm]?[jt]s$/.test(file))
    .map(([file, text]) => ({ fileName: `/corpus/${testCase.family}/${testCase.name}/${file}`, text })));
  assert.ok(programs.length > 100, `${programs.length} programs`);
  fc.assert(fc.property(fc.constantFrom(...programs), fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), ({ fileName, text }, steps) => {
    compareVersions(fileName, text, steps);
  }), { seed: 20261127, numRuns: 60 });
});

test('incremental re-parsing gives the same findings on the 5,000-line bench file', () => {
  const text = generateLargeFile({ lines: 5000 });
  compareVersions('/bench/large.js', text, [
    { at: 0.5, insert: 'console.log(state12.count);\nlet lateBinding = 1;\n', remove: 0 },
    { at: 0.25, insert: '', remove: 40 },
    { at: 0.9, insert: 'lateBinding++;\n', remove: 0 },
  ]);
});

test('an edit reuses the untouched part of the tree; a text over the size limit is not kept', () => {
  const parser = new core.IncrementalParser(ts);
  const text = Array.from({ length: 50 }, (_, i) => `let value${i} = ${i};\n`).join('');
  const first = parser.parse('/a.js', text);
  assert.equal(parser.parse('/a.js', text), first, 'an unchanged text is the same tree');
  const statement = first.statements[0];
  const edited = parser.parse('/a.js', `${text}let last = value3;\n`);
  assert.equal(edited.statements.length, 51);
  assert.equal(edited.statements[0], statement, 'the first statement is the same node, not parsed again');
  const limited = new core.IncrementalParser(ts, { maxTextLength: 100 });
  assert.notEqual(limited.parse('/b.js', text), limited.parse('/b.js', text), 'a long text is parsed afresh each time');
});

// Documents for the robustness fuzzers (the LSP fuzz over stdio and the in-process feature fuzz) and
// the checks that every answer about them is well formed: seed material (every example and corpus
// file), mutations of it and random text as fast-check arbitraries, fixed pathological documents,
// and shape/range assertions for hovers, inlay hints, code lenses, code actions, diagnostics and
// predictions.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../protocol/lspClient.mjs';

// ---- Seed material: every example and corpus file ----

function filesUnder(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full));
    else if (/\.(c|m)?(j|t)sx?$/.test(name)) found.push(full);
  }
  return found;
}
const seedFiles = [...filesUnder(join(repoRoot, 'examples')), ...filesUnder(join(repoRoot, 'test', 'differential', 'corpus'))];
export const seedTexts = seedFiles.map((file) => ({ name: relative(repoRoot, file), text: readFileSync(file, 'utf8') }));

// ---- Well-formed answers ----

/** Line lengths (UTF-16 units) as the server sees the document: LSP splits at \n, \r\n and \r. */
export function lineLengths(text) {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

export function assertPosition(position, lines, what) {
  assert.ok(position && Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: a position ${JSON.stringify(position)}`);
  assert.ok(position.line >= 0 && position.character >= 0, `${what}: negative position ${JSON.stringify(position)}`);
  assert.ok(position.line < lines.length, `${what}: line ${position.line} past the end (${lines.length} lines)`);
  assert.ok(position.character <= lines[position.line], `${what}: character ${position.character} past the end of line ${position.line} (${lines[position.line]})`);
}

export function assertRange(range, lines, what) {
  assert.ok(range && typeof range === 'object', `${what}: a range`);
  assertPosition(range.start, lines, `${what} start`);
  assertPosition(range.end, lines, `${what} end`);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: start after end ${JSON.stringify(range)}`);
}

const isMarkup = (value) => typeof value === 'string' || (value && typeof value.value === 'string' && (value.kind === undefined || ['markdown', 'plaintext'].includes(value.kind)) || typeof value?.language === 'string');

export const checks = {
  hover(answer, lines) {
    if (answer === null) return;
    const contents = Array.isArray(answer.contents) ? answer.contents : [answer.contents];
    assert.ok(contents.every(isMarkup), `hover contents: ${JSON.stringify(answer.contents).slice(0, 200)}`);
    if (answer.range) assertRange(answer.range, lines, 'hover range');
  },
  inlayHint(answer, lines) {
    if (answer === null) return;
    assert.ok(Array.isArray(answer), 'inlay hints: an array');
    for (const hint of answer) {
      assertPosition(hint.position, lines, 'inlay hint');
      assert.ok(typeof hint.label === 'string' || (Array.isArray(hint.label) && hint.label.every((part) => typeof part.value === 'string')), 'inlay hint label');
    }
  },
  codeLens(answer, lines) {
    assert.ok(Array.isArray(answer), 'code lenses: an array');
    for (const lens of answer) {
      assertRange(lens.range, lines, 'code lens');
      if (lens.command) assert.equal(typeof lens.command.title, 'string');
    }
  },
  codeAction(answer, lines) {
    assert.ok(Array.isArray(answer), 'code actions: an array');
    for (const action of answer) {
      assert.equal(typeof action.title, 'string', 'code action title');
      for (const diagnostic of action.diagnostics ?? []) assertRange(diagnostic.range, lines, 'code action diagnostic');
      for (const edits of Object.values(action.edit?.changes ?? {})) for (const edit of edits) assertRange(edit.range, lines, 'code action edit');
    }
  },
  diagnostic(answer, lines) {
    assert.equal(answer?.kind, 'full', 'a full diagnostic report');
    checks.diagnostics(answer.items, lines);
  },
  diagnostics(items, lines) {
    assert.ok(Array.isArray(items), 'diagnostic items');
    for (const item of items) {
      assertRange(item.range, lines, `diagnostic ${item.code}`);
      assert.equal(typeof item.message, 'string');
      assert.ok(item.message.length > 0, 'a diagnostic says something');
    }
  },
  /** A PredictResult (the engine's, or the `result` of a looplens/predict answer). */
  predictResult(result) {
    for (const [model, modelResult] of Object.entries(result.models)) {
      assert.ok(Array.isArray(modelResult.output), `${model} output`);
      for (const line of modelResult.output) assert.equal(typeof line.text, 'string');
      assert.ok([null, 'time-budget', 'memory', 'output-limit', 'virtual-time', 'unsupported', 'file-size'].includes(modelResult.stopped), `${model} stopped ${modelResult.stopped}`);
      // A program never run (a file over the size budget) has no exit code and printed nothing.
      const neverRun = modelResult.exitCode === null && modelResult.stopped === 'file-size' && modelResult.output.length === 0;
      assert.ok(Number.isInteger(modelResult.exitCode) || neverRun, `${model} exit code ${modelResult.exitCode}`);
    }
  },
};

/** Positions spread over the document (including ones past the end: the editor may lag behind). */
export function probePositions(text, picks) {
  const lines = lineLengths(text);
  return picks.map(([lineFraction, characterFraction]) => {
    const line = Math.min(lines.length, Math.floor(lineFraction * (lines.length + 1)));
    const length = lines[line] ?? 0;
    return { line, character: Math.floor(characterFraction * (length + 2)) };
  });
}

// ---- Fixed pathological documents ----

export const FIVE_MB = 5 * 1024 * 1024;
const bigProgram = (() => {
  const unit = 'for (let i = 0; i < 3; i++) { setTimeout(() => console.log("t", i), 0); Promise.resolve(i).then((v) => console.log("p", v)); }\n';
  return unit.repeat(Math.ceil(FIVE_MB / unit.length));
})();

function pseudoRandomBytes(length, seed) {
  // A fixed linear congruential sequence: the same "binary file" on every run.
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

export const PATHOLOGICAL = {
  'an empty document': [''],
  // One version only: each version of 5 MB costs about a minute of wall time on the shared machine.
  'a 5 MB program': [bigProgram],
  'a 500 KB program, then cut off in an open bracket': [bigProgram.slice(0, 512 * 1024), `${bigProgram.slice(0, 256 * 1024)}(((`],
  'a 1 MB single line': [`console.log(${'1+'.repeat(512 * 1024)}1);`],
  '10,000 nested brackets': ['['.repeat(10000) + ']'.repeat(10000), '('.repeat(10000) + ')'.repeat(10000), `console.log(${'['.repeat(10000)}1${']'.repeat(10000)});`],
  '10,000 unclosed brackets and braces': ['{'.repeat(10000), 'function f() {'.repeat(3000), '`${'.repeat(5000)],
  '10,000 nested arrow functions': [`const f = ${'() => '.repeat(10000)}1; console.log(f);`],
  '10,000 nested template literals': [`console.log(${'`${'.repeat(3000)}1${'}`'.repeat(3000)});`],
  'binary content (latin1)': [pseudoRandomBytes(64 * 1024, 7).toString('latin1')],
  'binary content (invalid UTF-8 decoded)': [pseudoRandomBytes(64 * 1024, 11).toString('utf8')],
  'NUL bytes and lone surrogates': ['console.log("\u0000");\u0000\u0000\ud800 let x = "\udc00";\r\r\n\u2028\u2029 console.log(x)'],
  'only line breaks of every kind': ['\n\r\n\r\u2028\u2029'.repeat(20000)],
  // Both froze the server before the lexical scan in engine/applicable.ts was made linear.
  '100,000 blank lines': ['\n'.repeat(100000)],
  '40,000 unclosed quotes and template escapes': ["'\\".repeat(20000), '`\\'.repeat(20000), '/*'.repeat(20000)],
  'a TypeScript file of garbage': ['<<<<>>>> as as as satisfies enum enum declare module "'],
};

// ---- Seeded random documents ----

/** Mutations of a seed file: each is data for fast-check, applied in order. */
const mutationArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('insert'), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('{', '}', '(', ')', '`', '${', '"', "'", '/*', '*/', '//', 'await ', 'yield ', 'import ', 'export ', '=>', '\u0000', '\ud800', '\r\n', 'let ', 'class ')) }),
  fc.record({ kind: fc.constant('delete'), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate'), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 400 }) }),
);

function mutate(text, mutation) {
  const at = Math.floor(mutation.at * text.length);
  switch (mutation.kind) {
    case 'truncate': return text.slice(0, at);
    case 'insert': return text.slice(0, at) + mutation.text + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + mutation.length);
    case 'duplicate': return text.slice(0, at + mutation.length) + text.slice(at, at + mutation.length) + text.slice(at + mutation.length);
    default: throw new Error(`unknown mutation ${mutation.kind}`);
  }
}

const positionPick = fc.tuple(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.double({ min: 0, max: 1.2, noNaN: true }));

export const documentArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    source: fc.constant('mutated corpus file'),
    seedIndex: fc.nat({ max: seedTexts.length - 1 }),
    versions: fc.array(fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
  }) },
  { weight: 1, arbitrary: fc.record({
    source: fc.constant('random text'),
    texts: fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }), fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString('latin1'))), { minLength: 1, maxLength: 3 }),
  }) },
).chain((document) => fc.record({ document: fc.constant(document), extension: fc.constantFrom('js', 'mjs', 'cjs', 'ts'), picks: fc.array(positionPick, { minLength: 1, maxLength: 3 }) }));

export function textsOf(document) {
  if (document.source === 'random text') return { texts: document.texts, what: 'random text' };
  const seed = seedTexts[document.seedIndex];
  const texts = [];
  let text = seed.text;
  for (const mutations of document.versions) {
    for (const mutation of mutations) text = mutate(text, mutation);
    texts.push(text);
  }
  return { texts, what: `mutated ${seed.name}` };
}

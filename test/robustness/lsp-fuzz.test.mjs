// Language-server robustness (issue 9, item 4): the built server (`dist/server.js --stdio`) is fed
// hostile and broken documents through open / change / close, and every feature is asked about
// each one (hover, inlay hints, code lens, code actions, pulled diagnostics, looplens/predict).
// What must hold: the process never dies, every request answers within a bound, and every answer
// is well formed (the right shape, ranges inside the document). Broken input is data, not an
// exception.
//
// Two parts: fixed pathological documents (5 MB, 10,000 nested brackets, a 1 MB line, binary
// bytes, lone surrogates, ...), then seeded fast-check documents: random text, and truncated or
// mutated files from examples/ and test/differential/corpus/.
//
// Size: LOOPLENS_LSP_FUZZ_RUNS documents (default 16, about a minute on two busy cores; the
// pathological documents take two to three more minutes there, mostly the multi-megabyte ones),
// seed LOOPLENS_LSP_FUZZ_SEED (default fixed, so CI is repeatable). The issue's 100,000-document
// run: LOOPLENS_LSP_FUZZ_RUNS=100000 node --test test/robustness/lsp-fuzz.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { repoRoot, startServer } from '../protocol/lspClient.mjs';

const NUM_RUNS = Number(process.env.LOOPLENS_LSP_FUZZ_RUNS ?? 16);
const SEED = Number(process.env.LOOPLENS_LSP_FUZZ_SEED ?? 20261127);
/** Every request must answer within this (generous: two cores shared by many processes). */
const REQUEST_BOUND_MS = Number(process.env.LOOPLENS_LSP_FUZZ_BOUND_MS ?? 30000);
/**
 * Multi-megabyte documents get more: parsing and analysing 5 MB takes seconds of CPU, and on this
 * shared machine wall time runs up to ten times ahead of CPU time (measured: 23 s for the 5 MB
 * program's diagnostics under a load average of 22).
 */
const LARGE_DOCUMENT_BOUND_MS = REQUEST_BOUND_MS * 4;

// Small budgets and one model keep the engine's share of each document short; the point here is
// the server's handling of the input, not the prediction itself.
const SETTINGS = { models: ['node'], budgets: { timeMs: 300, outputLines: 200 }, debounceMs: 0 };
const PREDICT_PARAMS = { models: ['node'], budgets: { timeMs: 300, outputLines: 200 } };

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
const seedTexts = seedFiles.map((file) => ({ name: relative(repoRoot, file), text: readFileSync(file, 'utf8') }));

// ---- The server, shared by every document so that damage would accumulate ----

let server;
const stats = { documents: 0, requests: 0, slowestMs: 0, slowestWhat: '', byMethod: {} };

before(async () => {
  server = await startServer({ settings: SETTINGS, pullDiagnostics: true });
});

after(async () => {
  const lines = Object.entries(stats.byMethod).map(([method, { count, maxMs, totalMs }]) => `  ${method.padEnd(28)} ${String(count).padStart(6)} requests, mean ${Math.round(totalMs / count)} ms, max ${Math.round(maxMs)} ms`);
  console.log(`lsp fuzz summary: seed ${SEED}, ${stats.documents} documents, ${stats.requests} requests, slowest ${Math.round(stats.slowestMs)} ms (${stats.slowestWhat})\n${lines.join('\n')}`);
  if (server) {
    const alive = server.child.exitCode === null;
    const code = await server.stop();
    if (alive) assert.equal(code, 0, 'the server shut down cleanly after the fuzzing');
  }
});

function assertAlive(context) {
  assert.equal(server.child.exitCode, null, `the server process died (${context}); stderr:\n${server.stderr.join('').slice(-2000)}`);
  assert.equal(server.child.signalCode, null, `the server process was killed (${context})`);
}

/** Sends a request and fails when it does not answer within the bound; records the time it took. */
async function requestWithin(method, params, what, boundMs = REQUEST_BOUND_MS) {
  const started = performance.now();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} did not answer within ${boundMs} ms (${what})`)), boundMs);
  });
  try {
    return await Promise.race([server.connection.sendRequest(method, params), timeout]);
  } finally {
    clearTimeout(timer);
    const elapsed = performance.now() - started;
    stats.requests++;
    const entry = (stats.byMethod[method] ??= { count: 0, maxMs: 0, totalMs: 0 });
    entry.count++;
    entry.totalMs += elapsed;
    entry.maxMs = Math.max(entry.maxMs, elapsed);
    if (elapsed > stats.slowestMs) {
      stats.slowestMs = elapsed;
      stats.slowestWhat = `${method} on ${what}`;
    }
  }
}

// ---- Well-formed answers ----

/** Line lengths (UTF-16 units) as the server sees the document: LSP splits at \n, \r\n and \r. */
function lineLengths(text) {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function assertPosition(position, lines, what) {
  assert.ok(position && Number.isInteger(position.line) && Number.isInteger(position.character), `${what}: a position ${JSON.stringify(position)}`);
  assert.ok(position.line >= 0 && position.character >= 0, `${what}: negative position ${JSON.stringify(position)}`);
  assert.ok(position.line < lines.length, `${what}: line ${position.line} past the end (${lines.length} lines)`);
  assert.ok(position.character <= lines[position.line], `${what}: character ${position.character} past the end of line ${position.line} (${lines[position.line]})`);
}

function assertRange(range, lines, what) {
  assert.ok(range && typeof range === 'object', `${what}: a range`);
  assertPosition(range.start, lines, `${what} start`);
  assertPosition(range.end, lines, `${what} end`);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: start after end ${JSON.stringify(range)}`);
}

const isMarkup = (value) => typeof value === 'string' || (value && typeof value.value === 'string' && (value.kind === undefined || ['markdown', 'plaintext'].includes(value.kind)) || typeof value?.language === 'string');

const checks = {
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
    assert.ok(Array.isArray(answer.items), 'diagnostic items');
    for (const item of answer.items) {
      assertRange(item.range, lines, `diagnostic ${item.code}`);
      assert.equal(typeof item.message, 'string');
      assert.ok(item.message.length > 0, 'a diagnostic says something');
    }
  },
  predict(answer) {
    if (answer === null) return;
    assert.ok(Number.isInteger(answer.version), 'prediction version');
    const result = answer.result;
    if (!result) {
      assert.equal(typeof answer.error, 'string', `a prediction without a result says why: ${JSON.stringify(answer).slice(0, 200)}`);
      return;
    }
    for (const [model, modelResult] of Object.entries(result.models)) {
      assert.ok(Array.isArray(modelResult.output), `${model} output`);
      for (const line of modelResult.output) assert.equal(typeof line.text, 'string');
      assert.ok([null, 'time-budget', 'memory', 'output-limit', 'virtual-time', 'unsupported'].includes(modelResult.stopped), `${model} stopped ${modelResult.stopped}`);
      assert.ok(Number.isInteger(modelResult.exitCode), `${model} exit code`);
    }
  },
};

/** Asks every feature about the document as it is now (`text`, already opened or changed). */
async function exerciseFeatures(uri, text, positions, what) {
  const lines = lineLengths(text);
  const boundMs = text.length > 1024 * 1024 ? LARGE_DOCUMENT_BOUND_MS : REQUEST_BOUND_MS;
  const request = (method, params) => requestWithin(method, params, what, boundMs);
  const lastLine = lines.length - 1;
  const whole = { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine] } };
  const textDocument = { uri };
  const answers = await Promise.all([
    request('textDocument/diagnostic', { textDocument }).then((answer) => checks.diagnostic(answer, lines)),
    request('textDocument/codeLens', { textDocument }).then((answer) => checks.codeLens(answer, lines)),
    request('textDocument/inlayHint', { textDocument, range: whole }).then((answer) => checks.inlayHint(answer, lines)),
    request('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [] } }).then((answer) => checks.codeAction(answer, lines)),
    request('looplens/predict', { uri, ...PREDICT_PARAMS }).then((answer) => checks.predict(answer)),
    ...positions.map((position) => request('textDocument/hover', { textDocument, position }).then((answer) => checks.hover(answer, lines))),
  ]);
  assertAlive(what);
  return answers;
}

/** Positions spread over the document (including ones past the end: the editor may lag behind). */
function probePositions(text, picks) {
  const lines = lineLengths(text);
  return picks.map(([lineFraction, characterFraction]) => {
    const line = Math.min(lines.length, Math.floor(lineFraction * (lines.length + 1)));
    const length = lines[line] ?? 0;
    return { line, character: Math.floor(characterFraction * (length + 2)) };
  });
}

let documentCounter = 0;

/** Opens a document, asks everything, changes it to each later text, asks again, and closes it. */
async function lifecycle(texts, { extension = 'js', picks = [[0.5, 0.5]], what = 'document' } = {}) {
  const uri = pathToFileURL(join(repoRoot, 'test', 'robustness', `.fuzz-${documentCounter++}.${extension}`)).href;
  stats.documents++;
  const languageId = /ts$/.test(extension) ? 'typescript' : 'javascript';
  await server.open(uri, texts[0], languageId);
  try {
    for (let index = 0; index < texts.length; index++) {
      if (index > 0) await server.change(uri, texts[index]);
      await exerciseFeatures(uri, texts[index], probePositions(texts[index], picks), `${what}, version ${index + 1}`);
    }
  } finally {
    await server.close(uri);
  }
  assertAlive(`after closing ${what}`);
}

// ---- Fixed pathological documents ----

const FIVE_MB = 5 * 1024 * 1024;
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

const PATHOLOGICAL = {
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

for (const [name, texts] of Object.entries(PATHOLOGICAL)) {
  test(`pathological: ${name}`, async () => {
    const picks = [[0, 0], [0.5, 0.5], [1, 1], [2, 0]];
    await lifecycle(texts, { what: name, picks, extension: name.includes('TypeScript') ? 'ts' : 'js' });
  });
}

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

const documentArbitrary = fc.oneof(
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

function textsOf(document) {
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

test(`fuzz: ${NUM_RUNS} seeded documents (seed ${SEED}) through open, change, every feature and close`, { timeout: Math.max(600_000, NUM_RUNS * 60_000) }, async () => {
  assert.ok(seedTexts.length > 50, `seed files found: ${seedTexts.length}`);
  const started = performance.now();
  let fuzzed = 0;
  const result = await fc.check(
    fc.asyncProperty(fc.record({ entry: documentArbitrary }), async ({ entry }) => {
      const { texts, what } = textsOf(entry.document);
      await lifecycle(texts, { extension: entry.extension, picks: entry.picks, what });
      // Long runs (the issue's 100,000 documents) show that they are moving.
      if (++fuzzed % 100 === 0) console.log(`fuzz: ${fuzzed} documents, ${stats.requests} requests, ${Math.round((performance.now() - started) / 1000)} s`);
    }),
    // Shrinking restarts documents on an already-broken server; the first failure says enough.
    { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
  );
  console.log(`fuzz: ${result.numRuns} documents in ${Math.round((performance.now() - started) / 1000)} s, ${result.failed ? 'FAILED' : 'all handled'}`);
  if (result.failed) {
    const error = result.errorInstance ?? new Error(String(result.error));
    error.message = `document ${result.numRuns} (seed ${SEED}, path ${result.counterexamplePath}) broke the server: ${error.message}\n${JSON.stringify(result.counterexample).slice(0, 2000)}`;
    throw error;
  }
});

// ---- After all that, the server still predicts a real program correctly ----

test('after the fuzzing, the same server predicts a real program exactly as real node runs it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'looplens-lsp-fuzz-'));
  try {
    const file = join(dir, 'after.js');
    const text = "setTimeout(() => console.log('timeout'), 0);\nPromise.resolve().then(() => console.log('micro'));\nprocess.nextTick(() => console.log('tick'));\nconsole.log('sync');\n";
    writeFileSync(file, text);
    const printed = execFileSync(process.execPath, [file], { encoding: 'utf8' }).split('\n').slice(0, -1);
    const uri = pathToFileURL(file).href;
    await server.open(uri, text);
    const answer = await requestWithin('looplens/predict', { uri, models: ['node'] }, 'the control program');
    assert.deepEqual(answer.result.models.node.output.map((line) => line.text), printed);
    await server.close(uri);
    assertAlive('the control program');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

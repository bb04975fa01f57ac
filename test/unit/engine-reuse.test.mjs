// The engine worker reuses a prepared context for every run of the same model: it puts the
// context's wasm memory and the run's host-side state back to how they were right after the sandbox
// was prepared (engine/worker.ts, engine/contextSnapshot.ts). These tests predict the same file
// several times in one Predictor, with runs in between that change the sandbox as much as a
// program can (globals, prototypes, budgets hit, a missing module), and check that every run
// predicts what real node prints, as a first run in a fresh context does.

import { test, after } from 'node:test';
/* global AbortController */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

// Prepared contexts are also kept on disk for the next process (engine/contextCache.ts): this
// file's workers use a directory of their own (a worker copies the environment when it starts).
const cacheDirectory = mkdtempSync(join(tmpdir(), 'looplens-reuse-'));
process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
// Not the contexts the build ships (engine-shipped-contexts.test.mjs tests those): an empty
// directory here means preparing from scratch, the path these tests compare the others with.
process.env.LOOPLENS_SHIPPED_CONTEXTS = 'off';
after(() => rmSync(cacheDirectory, { recursive: true, force: true }));

const predictor = new Predictor({ ts });
after(() => predictor.dispose());

async function predict(code, { model = 'node', fileName = '/virtual/reuse/main.js', files = {}, budgets = {}, trace = false } = {}) {
  const host = { readFile: (path) => (path === fileName ? code : files[path]) };
  const result = await predictor.predict({ fileName, text: code, models: [model], budgets, trace }, host);
  return result.models[model];
}
const stdout = (result) => result.output.filter((line) => line.stream === 'stdout').map((line) => line.text);

// Prints what a previous run in the same context would have left behind, then leaves all of it behind.
const MUTATING = `console.log(typeof globalThis.leftOver, Object.prototype.polluted, Array.prototype.extra, typeof Promise.prototype.then);
console.log(JSON.stringify(Object.keys(require.cache).length), typeof process.listeners('exit')[0]);
globalThis.leftOver = 1;
Object.prototype.polluted = 'yes';
Array.prototype.extra = 1;
Promise.prototype.then = function broken() { return 'broken'; };
process.on('exit', () => console.log('exit handler'));
setTimeout(() => console.log('timer', [1, 2].length), 100);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));
console.log('main');
`;

test('a reused context shows nothing of the previous run: globals, prototypes, handlers, queues', async () => {
  const real = await runNode(MUTATING);
  const expected = splitLines(real.stdout);
  for (let run = 1; run <= 3; run++) {
    const result = await predict(MUTATING);
    assert.deepEqual(stdout(result), expected, `run ${run}`);
    assert.equal(result.exitCode, real.exitCode, `run ${run}: exit code`);
    assert.equal(result.stopped, null, `run ${run}`);
  }
});

test('runs stopped by the time and memory budgets leave the next run of the file unaffected', async () => {
  const fileName = '/virtual/reuse/budgets.js';
  const normal = "let total = 0;\nfor (let i = 0; i < 1000; i++) total += i;\nsetTimeout(() => console.log('total', total), 100);\nconsole.log('start');\n";
  const real = await runNode(normal);
  const endless = await predict('console.log("before");\nwhile (true) {}\n', { fileName, budgets: { timeMs: 300 } });
  assert.equal(endless.stopped, 'time-budget');
  assert.deepEqual(stdout(await predict(normal, { fileName })), splitLines(real.stdout));
  // Grows the wasm memory: that instance is dropped rather than restored, and a new one prepared.
  const hungry = await predict('const keep = [];\nfor (;;) keep.push(new Array(1000000).fill(1));\n', { fileName, budgets: { memoryBytes: 24 * 1024 * 1024, timeMs: 10000 } });
  assert.equal(hungry.stopped, 'memory');
  assert.deepEqual(stdout(await predict(normal, { fileName })), splitLines(real.stdout));
});

test('an ES module import that failed to resolve succeeds once the file exists', async () => {
  const fileName = '/virtual/reuse/entry.mjs';
  const entry = "import { value } from './dep.mjs';\nconsole.log('value', value);\n";
  const dep = 'export const value = 42;\n';
  const [missing, present] = await Promise.all([runNode(entry, { esm: true }), runNode(entry, { esm: true, extraFiles: { 'dep.mjs': dep } })]);
  const failed = await predict(entry, { model: 'node-esm', fileName });
  assert.equal(failed.exitCode, missing.exitCode);
  assert.deepEqual(stdout(failed), splitLines(missing.stdout));
  const loaded = await predict(entry, { model: 'node-esm', fileName, files: { '/virtual/reuse/dep.mjs': dep } });
  assert.equal(loaded.exitCode, present.exitCode);
  assert.deepEqual(stdout(loaded), splitLines(present.stdout));
});

test('require() of an ES module graph with top-level await is refused in every run of a reused context', async () => {
  const entry = "try {\n  require('./tla.mjs');\n} catch (error) {\n  console.log(error.code);\n}\nconsole.log('after');\n";
  const tla = "console.log('tla body');\nawait null;\nexport const value = 1;\n";
  const real = await runNode(entry, { extraFiles: { 'tla.mjs': tla } });
  const fileName = join(real.dir, 'main.js');
  for (let run = 1; run <= 2; run++) {
    const result = await predict(entry, { fileName, files: { [join(real.dir, 'tla.mjs')]: tla } });
    assert.deepEqual(stdout(result), splitLines(real.stdout), `run ${run}`);
  }
});

test('traced and untraced runs of one file alternate in the same context and agree with each other', async () => {
  const fileName = '/virtual/reuse/traced.js';
  const code = "function greet(name) {\n  return 'hi ' + name;\n}\nPromise.resolve('a').then((v) => console.log(greet(v)));\nconsole.log(greet('b'));\n";
  const real = await runNode(code);
  const first = await predict(code, { fileName, trace: true });
  const plain = await predict(code, { fileName });
  const second = await predict(code, { fileName, trace: true });
  assert.deepEqual(stdout(first), splitLines(real.stdout));
  assert.deepEqual(stdout(plain), splitLines(real.stdout));
  assert.deepEqual(stdout(second), splitLines(real.stdout));
  assert.ok(first.trace && second.trace, 'both traced runs return a trace');
  assert.equal(second.trace.contexts.length, first.trace.contexts.length);
  assert.equal(plain.trace, undefined);
});

test('a cancelled prediction rejects, a runaway one is stopped, and the next prediction of the file is right', async () => {
  const fileName = '/virtual/reuse/cancelled.js';
  const code = "setTimeout(() => console.log('later'), 100);\nconsole.log('now');\n";
  const real = await runNode(code);
  const host = { readFile: () => undefined };
  // A short run is left to finish (its answer dropped) so the worker keeps its prepared contexts.
  const quick = new AbortController();
  const quickRun = predictor.predict({ fileName, text: code, models: ['node'] }, host, quick.signal);
  quick.abort();
  await assert.rejects(quickRun, { name: 'AbortError' });
  assert.deepEqual(stdout(await predict(code, { fileName })), splitLines(real.stdout));
  // A run that would go on until its budget is stopped with the worker after a short grace period.
  const endless = new AbortController();
  const started = Date.now();
  const endlessRun = predictor.predict({ fileName, text: 'while (true) {}\n', models: ['node'], budgets: { timeMs: 60_000 } }, host, endless.signal);
  setTimeout(() => endless.abort(), 200);
  await assert.rejects(endlessRun, { name: 'AbortError' });
  assert.ok(Date.now() - started < 30_000, 'the endless run was stopped long before its budget');
  assert.deepEqual(stdout(await predict(code, { fileName })), splitLines(real.stdout));
});

test('warmUp prepares the model\'s context before any file is known, and its practice run leaves nothing behind', async () => {
  const code = "console.log(typeof Counter, typeof counter, typeof globalThis.count, process.argv.length);\nsetTimeout(() => console.log('later'), 100);\n";
  const real = await runNode(code);
  const warmed = new Predictor({ ts });
  try {
    await warmed.warmUp('node');
    const stats = await warmed.workerStats(false);
    assert.deepEqual(stats.preparedContexts.map((context) => context.key), ['node false']);
    const host = { readFile: () => undefined };
    const result = await warmed.predict({ fileName: real.filePath, text: code, models: ['node'] }, host);
    assert.deepEqual(stdout(result.models.node), splitLines(real.stdout));
  } finally {
    await warmed.dispose();
  }
});

// ---- Contexts restored in a new process from the copy on disk ----

/** Predicts `code` as `fileName` with a new Predictor (a new worker, so nothing prepared in memory), twice. */
async function predictInNewWorker(code, fileName, models, cache = cacheDirectory) {
  process.env.LOOPLENS_CONTEXT_CACHE = cache;
  const fresh = new Predictor({ ts });
  try {
    const host = { readFile: (path) => (path === fileName ? code : undefined) };
    const first = await fresh.predict({ fileName, text: code, models }, host);
    // The second run comes after the first one's context was written (that happens after answering).
    const second = await fresh.predict({ fileName, text: code, models }, host);
    return [first, second];
  } finally {
    process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
    await fresh.dispose();
  }
}

/** A model's result without what differs between any two runs (CPU and wall times). */
function comparable(result) {
  return JSON.parse(JSON.stringify(result, (key, value) => (/(cpu|elapsed|duration)/i.test(key) && typeof value === 'number' ? undefined : value)));
}

const diskFiles = (directory = cacheDirectory) => readdirSync(directory).filter((name) => name.endsWith('.ctx'));

/** A cache file's header and memory bytes (engine/contextCache.ts: [u32 header length][header JSON][memory]). */
function readContextFile(file) {
  const data = readFileSync(file);
  const headerLength = data.readUInt32LE(0);
  return { header: JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')), memory: data.subarray(4 + headerLength) };
}

/** Writes a cache file in that layout. */
function writeContextFile(file, header, memory) {
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length, 0);
  writeFileSync(file, Buffer.concat([length, headerBytes, memory]));
}

/** The digest a cache file records: of its other header fields as written, then of its memory (contextCache.ts digestOf). */
function contextDigest(header, memory) {
  const { digest: _recorded, ...fields } = header;
  return createHash('sha1').update(JSON.stringify(fields)).update(memory).digest('hex');
}

// Output that depends on much of the sandbox: inspect, errors with stacks, timers, promises, streams' events.
const SANDBOX_HEAVY = `const { EventEmitter } = require('events');
console.log({ nested: { list: [1, 'two', null], map: new Map([[1, { a: 1 }]]) } }, __filename.endsWith('.js'));
const emitter = new EventEmitter();
emitter.on('ping', (n) => console.log('ping', n));
setTimeout(() => emitter.emit('ping', 2), 100);
Promise.reject(new TypeError('nope')).catch((error) => console.log(error instanceof TypeError, error.message));
queueMicrotask(() => console.log('microtask'));
process.nextTick(() => console.log('tick'));
console.log(typeof require('path').join, [3, 1, 2].sort());
`;

test('a context restored from disk in a new worker predicts what a freshly prepared one does, for every model', async () => {
  const fileName = '/virtual/reuse/disk.js';
  const models = ['node', 'node-legacy', 'browser'];
  const browserSafe = SANDBOX_HEAVY;
  const real = await runNode(browserSafe);
  const [prepared, preparedAgain] = await predictInNewWorker(browserSafe, fileName, models);
  assert.ok(diskFiles().length >= models.length, `a prepared context per model was written: ${diskFiles().join(', ')}`);
  const [restored] = await predictInNewWorker(browserSafe, fileName, models);
  for (const model of models) {
    assert.deepEqual(comparable(restored.models[model]), comparable(prepared.models[model]), `${model}: restored from disk vs prepared`);
    assert.deepEqual(comparable(preparedAgain.models[model]), comparable(prepared.models[model]), `${model}: restored in memory vs prepared`);
  }
  assert.deepEqual(stdout(restored.models.node), splitLines(real.stdout));
});

test('a new worker really runs in the memory read from disk, and the copy made for one file serves another', async () => {
  // The copy's memory is altered where the sandbox keeps process.versions.ares (its digest made
  // anew): a worker that prints the altered value ran in that memory, not in a context it prepared.
  const cache = mkdtempSync(join(tmpdir(), 'looplens-reuse-altered-'));
  try {
    const code = 'console.log(__filename, process.argv[1], process.versions.ares);\n';
    const [made] = await predictInNewWorker(code, '/virtual/reuse/first.js', ['node'], cache);
    const ares = stdout(made.models.node)[0].split(' ')[2];
    assert.match(ares, /^\d+\.\d+\.\d+$/);
    const [name] = diskFiles(cache);
    const data = readFileSync(join(cache, name));
    const headerLength = data.readUInt32LE(0);
    const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8'));
    const memory = Buffer.from(data.subarray(4 + headerLength));
    const altered = ares.replace(/\d/g, '9');
    let replaced = 0;
    for (let at = memory.indexOf(ares); at >= 0; at = memory.indexOf(ares, at + 1)) {
      memory.write(altered, at, 'latin1');
      replaced++;
    }
    assert.ok(replaced > 0, 'the version string is in the memory copy');
    const alteredHeader = Buffer.from(JSON.stringify({ ...header, digest: contextDigest(header, memory) }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(alteredHeader.length, 0);
    writeFileSync(join(cache, name), Buffer.concat([length, alteredHeader, memory]));
    const [restored] = await predictInNewWorker(code, '/virtual/reuse/second/other.js', ['node'], cache);
    assert.deepEqual(stdout(restored.models.node), [`/virtual/reuse/second/other.js /virtual/reuse/second/other.js ${altered}`]);
    assert.deepEqual(diskFiles(cache), [name], 'one prepared context per model, whatever the file');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

// The file's own facts: its name, directory, argv, the working directory and stack positions.
const WHERE_AM_I = `console.log(__filename, __dirname, process.argv.slice(1), process.cwd());
console.log(new Error('here').stack.split('\\n')[1]);
setTimeout(() => { throw new Error('late'); }, 100);
`;
const WHERE_AM_I_ESM = `console.log(import.meta.url, process.argv.slice(1), process.cwd());
console.log(new Error('here').stack.split('\\n')[1]);
setTimeout(() => { throw new Error('late'); }, 100);
`;

test('one prepared context serves every file of its model: each run sees its own file, directory, argv and positions', async () => {
  for (const [model, code, esm] of [['node', WHERE_AM_I, false], ['node-esm', WHERE_AM_I_ESM, true]]) {
    const extension = esm ? '.mjs' : '.js';
    const reals = await Promise.all([`alpha${extension}`, `a-much-longer-file-name${extension}`].map((fileName) => runNode(code, { esm, fileName })));
    // A, B, then A again: every run follows one on another file in the same context.
    for (const real of [...reals, reals[0]]) {
      const result = await predict(code, { model, fileName: real.filePath });
      assert.deepEqual(stdout(result), splitLines(real.stdout), `${model} ${real.filePath}`);
      assert.equal(result.exitCode, real.exitCode, `${model} ${real.filePath}: exit code`);
      const stderrText = result.output.filter((line) => line.stream === 'stderr').map((line) => line.text).join('\n');
      assert.ok(stderrText.includes(`${esm ? 'file://' : ''}${real.filePath}:3`), `${model}: the crash report names ${real.filePath}:\n${stderrText}`);
    }
  }
});

test('the cache directory holds one file per model and goal, and partial writes abandoned long ago are removed', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'looplens-reuse-bounded-'));
  try {
    const abandoned = join(cache, '0123456789abcdef-0123456789abcdef.ctx.1.1.tmp');
    const inProgress = join(cache, 'fedcba9876543210-fedcba9876543210.ctx.2.2.tmp');
    writeFileSync(abandoned, 'partial');
    writeFileSync(inProgress, 'partial');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(abandoned, hourAgo, hourAgo);
    const code = "console.log('hello');\n";
    await predictInNewWorker(code, '/virtual/reuse/one.js', ['node'], cache);
    await predictInNewWorker(code, '/virtual/reuse/two/other.js', ['node'], cache);
    const names = readdirSync(cache);
    assert.equal(names.filter((name) => name.endsWith('.ctx')).length, 1, names.join(', '));
    assert.ok(!names.includes('0123456789abcdef-0123456789abcdef.ctx.1.1.tmp'), 'the abandoned partial write is removed');
    assert.ok(names.includes('fedcba9876543210-fedcba9876543210.ctx.2.2.tmp'), 'a recent one may still be written: it stays');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

/**
 * Runs `check` with a directory of its own holding the node context a first worker wrote after
 * predicting `code` (its file's path), and what real node prints for `code`; removes the directory after.
 */
async function withWrittenContext(code, fileName, check) {
  const cache = mkdtempSync(join(tmpdir(), 'looplens-reuse-written-'));
  try {
    const real = await runNode(code);
    await predictInNewWorker(code, fileName, ['node'], cache);
    const [name] = diskFiles(cache);
    await check({ cache, file: join(cache, name), real });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

test('a damaged, foreign or unwritable cache falls back to preparing from scratch', async () => {
  const fileName = '/virtual/reuse/damaged.js';
  const code = "setTimeout(() => console.log('later'), 100);\nconsole.log('now', [1, 2]);\n";
  await withWrittenContext(code, fileName, async ({ cache, file, real }) => {
    const intact = readFileSync(file);
    const damages = {
      truncated: intact.subarray(0, intact.length >> 1),
      'flipped bytes': Buffer.concat([intact.subarray(0, intact.length - 100), Buffer.alloc(100, 0xab)]),
      'not a context': Buffer.from('hello'),
      'bad header': Buffer.concat([Buffer.from([255, 255, 255, 0]), intact.subarray(4)]),
    };
    for (const [damage, bytes] of Object.entries(damages)) {
      writeFileSync(file, bytes);
      const [first, second] = await predictInNewWorker(code, fileName, ['node'], cache);
      assert.deepEqual(stdout(first.models.node), splitLines(real.stdout), damage);
      assert.deepEqual(stdout(second.models.node), splitLines(real.stdout), damage);
    }
    // A path that cannot be a directory: nothing is kept, predictions are unaffected.
    const unwritable = join(file, 'below-a-file');
    const [first] = await predictInNewWorker(code, fileName, ['node'], unwritable);
    assert.deepEqual(stdout(first.models.node), splitLines(real.stdout));
  });
});

test('a cache file whose header fields were changed is not used, even with its memory intact', async () => {
  // The header says how to put the memory back (the pages a fresh instance has written, the
  // handles' pointers, the memory size): the digest covers those fields as well as the bytes.
  const fileName = '/virtual/reuse/header.js';
  const code = "console.log('header', [1, 2]);\n";
  await withWrittenContext(code, fileName, async ({ cache, file, real }) => {
    const intact = readContextFile(file);
    assert.equal(intact.header.digest, contextDigest(intact.header, intact.memory), 'the recorded digest covers the header fields and the memory');
    assert.ok(Array.isArray(intact.header.freshPages) && intact.header.freshPages.length > 0, 'the header lists the pages a fresh instance has written');
    // The pages a fresh instance has written, said to be none; the memory and the digest as they were.
    writeContextFile(file, { ...intact.header, freshPages: [] }, intact.memory);
    const [first, second] = await predictInNewWorker(code, fileName, ['node'], cache);
    assert.deepEqual(stdout(first.models.node), splitLines(real.stdout));
    assert.deepEqual(stdout(second.models.node), splitLines(real.stdout));
    const after = readContextFile(file);
    assert.deepEqual(after.header.freshPages, intact.header.freshPages, 'the changed file was dropped and the context prepared and written anew');
    assert.equal(after.header.digest, contextDigest(after.header, after.memory));
  });
});

test('a first prediction of another module goal while warm-up still loads QuickJS gets an instance of its own', async () => {
  // warmUp() prepares the node CommonJS context; an ES module predicted before QuickJS has loaded
  // asks for a second context at the same moment. Both once took the same spare instance, and the
  // two contexts' restores then overwrote each other's memory (later CommonJS runs printed nothing).
  // Without the disk copies, so both contexts are prepared from scratch (the slow path the race needs).
  const saved = process.env.LOOPLENS_CONTEXT_CACHE;
  process.env.LOOPLENS_CONTEXT_CACHE = 'off';
  const fresh = new Predictor({ ts });
  try {
    const commonjs = `const label = 'cjs';\nsetTimeout(() => console.log(label, 'timer'), 0);\nPromise.resolve().then(() => console.log(label, 'job'));\nconsole.log(label, 'main');\n`;
    const esm = `const label = 'esm';\nawait null;\nconsole.log(label, 'after await');\n`;
    const warming = fresh.warmUp();
    const moduleRun = fresh.predict({ fileName: '/virtual/race/main.mjs', text: esm, models: ['node'], budgets: {}, trace: false }, { readFile: () => esm });
    await warming;
    const realModule = await runNode(esm, { esm: true });
    assert.deepEqual(stdout((await moduleRun).models.node), splitLines(realModule.stdout));
    const realCommonjs = await runNode(commonjs);
    for (let run = 1; run <= 3; run++) {
      const result = await fresh.predict({ fileName: '/virtual/race/main.js', text: commonjs, models: ['node'], budgets: {}, trace: false }, { readFile: () => commonjs });
      assert.deepEqual(stdout(result.models.node), splitLines(realCommonjs.stdout), `CommonJS run ${run}`);
    }
  } finally {
    process.env.LOOPLENS_CONTEXT_CACHE = saved;
    await fresh.dispose();
  }
});

// ---- Lazily compiled parts of the sandbox (sandbox/lazy.ts) ----

// Replaces built-ins the loading of a module relies on, then loads modules the sandbox compiles on
// first use (fs, assert, and streams through fs): Node's library was loaded before the program ran.
const NEEDS_CHUNKS = `Object.prototype.polluted = 'yes';
Array.prototype.push = function () { return 'hijacked'; };
Object.keys = () => ['hijacked'];
const fs = require('fs');
const assert = require('assert');
try { assert.deepStrictEqual({ a: 1 }, { a: 2 }); } catch (error) { console.log(error.code, error.name); }
console.log(typeof fs.createReadStream, typeof fs.promises.readFile, typeof require('stream').Readable);
setTimeout(() => console.log('timer'), 100);
Promise.resolve().then(() => console.log('microtask'));
`;

test('modules compiled on first use load as in node after a program replaced built-ins, and stay compiled in memory and on disk', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'looplens-reuse-chunks-'));
  try {
    const fileName = '/virtual/reuse/chunks.js';
    const expected = splitLines((await runNode(NEEDS_CHUNKS)).stdout);
    process.env.LOOPLENS_CONTEXT_CACHE = cache;
    const fresh = new Predictor({ ts });
    let chunksInMemory;
    try {
      const host = { readFile: (path) => (path === fileName ? NEEDS_CHUNKS : undefined) };
      for (let run = 1; run <= 2; run++) {
        const result = (await fresh.predict({ fileName, text: NEEDS_CHUNKS, models: ['node'] }, host)).models.node;
        assert.deepEqual(stdout(result), expected, `run ${run}`);
      }
      const stats = await fresh.workerStats(false);
      chunksInMemory = stats.preparedContexts.find((context) => context.key.startsWith('node '))?.chunks;
    } finally {
      process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
      await fresh.dispose();
    }
    // fs, assert and the stream library (fs streams, require('stream')) at least; nothing the program did not need.
    for (const chunk of ['fs', 'assert', 'streams']) assert.ok(chunksInMemory.includes(chunk), `the prepared context holds ${chunk}: ${chunksInMemory}`);
    for (const chunk of ['url', 'browser']) assert.ok(!chunksInMemory.includes(chunk), `the prepared context holds only what the run needed: ${chunksInMemory}`);
    // A new worker restores the context with the chunks in it.
    const [restored] = await predictInNewWorker(NEEDS_CHUNKS, fileName, ['node'], cache);
    assert.deepEqual(stdout(restored.models.node), expected, 'restored from disk');
    const [name] = diskFiles(cache);
    const data = readFileSync(join(cache, name));
    const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8'));
    assert.deepEqual(header.chunks.split(',').sort(), [...chunksInMemory].sort(), 'the copy on disk records the chunks compiled into it');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('a run its time budget stopped after compiling a chunk answers as it ran, and the chunk is kept for the next run', async () => {
  const fileName = '/virtual/reuse/chunks-budget.js';
  const endless = "const fs = require('fs');\nconsole.log(typeof fs.readFileSync);\nwhile (true) {}\n";
  const fresh = new Predictor({ ts });
  try {
    const host = { readFile: (path) => (path === fileName ? endless : undefined) };
    const result = (await fresh.predict({ fileName, text: endless, models: ['node'], budgets: { timeMs: 300 } }, host)).models.node;
    assert.equal(result.stopped, 'time-budget');
    assert.deepEqual(stdout(result), ['function']);
    const stats = await fresh.workerStats(false);
    const chunks = stats.preparedContexts.find((context) => context.key.startsWith('node '))?.chunks ?? [];
    assert.ok(chunks.includes('fs'), `the chunk the stopped run compiled is in the prepared context: ${chunks}`);
  } finally {
    await fresh.dispose();
  }
});

test('runs made again after compiling a chunk share the first run\'s time budget: when what is left cannot pay for another run, the answer is the run as it ran', async () => {
  // About 0.1 s of CPU per million iterations on the development machine; what matters is only
  // that the same program takes about as long in every run.
  const code = "const fs = require('fs');\nlet total = 0;\nfor (let i = 0; i < 3000000; i++) total += i % 7;\nconsole.log(typeof fs.readFileSync, total);\n";
  const expected = splitLines((await runNode(code)).stdout);
  const saved = process.env.LOOPLENS_CONTEXT_CACHE;
  process.env.LOOPLENS_CONTEXT_CACHE = 'off';
  const fresh = new Predictor({ ts });
  try {
    const host = { readFile: () => undefined };
    const predictWith = async (model, timeMs) => (await fresh.predict({ fileName: '/virtual/reuse/shared-budget.js', text: code, models: [model], budgets: { timeMs } }, host)).models[model];
    // With budget to spare, the run that compiled fs is made again with fs compiled beforehand.
    const first = await predictWith('node', 20_000);
    assert.deepEqual(stdout(first), expected);
    assert.deepEqual((await fresh.workerStats(false)).chunkRuns, { again: 1, answeredAsRan: 0 });
    // What one run costs once fs is compiled in (this process's CPU: the engine worker's and this thread's).
    const started = process.cpuUsage();
    assert.deepEqual(stdout(await predictWith('node', 20_000)), expected);
    const used = process.cpuUsage(started);
    const oneRunMs = (used.user + used.system) / 1000;
    // Another model's context has no fs compiled yet. With a budget of 1.9 runs, the first run (its chunk compile included)
    // fits, and what it leaves cannot pay for a second: the answer is the run as it ran.
    const bounded = await predictWith('node-legacy', Math.ceil(oneRunMs * 1.9));
    assert.equal(bounded.stopped, null);
    assert.deepEqual(stdout(bounded), expected);
    // The worker decides from its own CPU clock, which this process's clock only approximates: on a
    // loaded machine (CI, 2026-11-28) the first run came out cheaper than the measured one, so the
    // worker made the run again and the rest of the budget stopped it. Either way the answer must
    // be the run as it ran (the assertions above: complete output, not stopped), counted once.
    // When the first run came out cheap enough, the worker may also make the run again and finish it
    // in what was left (again 2, nothing answered as ran): the answer is then complete too.
    const { again, answeredAsRan } = (await fresh.workerStats(false)).chunkRuns;
    assert.ok(again === 1 || again === 2, `at most one more run was made: again ${again}`);
    if (again === 1) assert.equal(answeredAsRan, 1, 'a run not made again is answered as it ran');
    else assert.ok(answeredAsRan <= 1, `the run made again was counted once: ${answeredAsRan}`);
    // The chunk was kept all the same: the next run of that model compiles nothing.
    const stats = await fresh.workerStats(false);
    assert.ok(stats.preparedContexts.find((context) => context.key === 'node-legacy false')?.chunks.includes('fs'));
  } finally {
    process.env.LOOPLENS_CONTEXT_CACHE = saved;
    await fresh.dispose();
  }
});

test('a Predictor disposed right after its first prediction (a CLI run) leaves the prepared context on disk', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'looplens-reuse-cli-'));
  process.env.LOOPLENS_CONTEXT_CACHE = cache;
  const fresh = new Predictor({ ts });
  try {
    const fileName = '/virtual/reuse/cli.js';
    const code = "console.log('once');\n";
    // The first prediction sends a warm-up ahead of its run; the warm-up may answer after the run.
    const result = await fresh.predict({ fileName, text: code, models: ['node'] }, { readFile: (path) => (path === fileName ? code : undefined) });
    assert.deepEqual(stdout(result.models.node), ['once']);
    await fresh.dispose();
    assert.equal(diskFiles(cache).length, 1, 'the context prepared for the run was written before the worker stopped');
  } finally {
    process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
    await fresh.dispose();
    rmSync(cache, { recursive: true, force: true });
  }
});

// QuickJS seeds Math.random when it creates a context, so a prepared context (reused after every
// run, kept on disk, shipped with the build) would hand every run the same numbers: the worker
// seeds it afresh before each run (engine/randomSeed.ts).
test('Math.random draws other numbers in every run of a reused context and in every new worker, and its lines stay varying', async () => {
  const fileName = '/virtual/reuse/random.js';
  const code = 'console.log(Math.random(), Math.random());\n';
  const drawn = new Set();
  const record = (result, where) => {
    assert.equal(result.output.length, 1, where);
    assert.equal(result.output[0].varying, true, `${where}: the line is marked varying`);
    const numbers = result.output[0].text.split(' ').map(Number);
    assert.ok(numbers.length === 2 && numbers.every((number) => number >= 0 && number < 1) && numbers[0] !== numbers[1], `${where}: ${result.output[0].text}`);
    assert.ok(!drawn.has(result.output[0].text), `${where} drew the numbers of an earlier run: ${result.output[0].text}`);
    drawn.add(result.output[0].text);
  };
  for (const model of ['node', 'browser']) {
    for (let run = 1; run <= 2; run++) record(await predict(code, { model, fileName }), `${model}, run ${run} in the shared worker`);
  }
  // New workers: the first prepares the context and writes it to disk, the second restores that copy.
  for (let worker = 1; worker <= 2; worker++) {
    const runs = await predictInNewWorker(code, fileName, ['node']);
    runs.forEach((result, index) => record(result.models.node, `new worker ${worker}, run ${index + 1}`));
  }
});

// ---- QuickJS's wasm compiled by the Predictor ----

test('a worker given the wasm the Predictor compiled predicts what one compiling its own copy does, and a missing or broken wasm file falls back', async () => {
  const fileName = '/virtual/reuse/wasm.js';
  const real = await runNode(SANDBOX_HEAVY);
  const directory = mkdtempSync(join(tmpdir(), 'looplens-reuse-wasm-'));
  const brokenWasm = join(directory, 'broken.wasm');
  writeFileSync(brokenWasm, 'not wasm');
  const predictWith = async (wasmPath, cache) => {
    process.env.LOOPLENS_CONTEXT_CACHE = cache;
    const fresh = new Predictor({ ts, wasmPath });
    try {
      const host = { readFile: (path) => (path === fileName ? SANDBOX_HEAVY : undefined) };
      const result = await fresh.predict({ fileName, text: SANDBOX_HEAVY, models: ['node'] }, host);
      return { result, wasm: (await fresh.workerStats(false)).wasm };
    } finally {
      process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
      await fresh.dispose();
    }
  };
  try {
    // Each with an empty cache of its own, so each worker prepares its context in its own instance.
    const precompiled = await predictWith(undefined, mkdtempSync(join(directory, 'precompiled-')));
    const missing = await predictWith(join(directory, 'missing.wasm'), mkdtempSync(join(directory, 'missing-')));
    const broken = await predictWith(brokenWasm, mkdtempSync(join(directory, 'broken-')));
    assert.deepEqual([precompiled.wasm, missing.wasm, broken.wasm], ['precompiled', 'bundled', 'bundled']);
    assert.deepEqual(stdout(precompiled.result.models.node), splitLines(real.stdout));
    assert.deepEqual(comparable(missing.result.models.node), comparable(precompiled.result.models.node));
    assert.deepEqual(comparable(broken.result.models.node), comparable(precompiled.result.models.node));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

// Prepared contexts made in one process and used in another (engine/contextCache.ts): the ones the
// build ships (dist/prepared-contexts.bin) and the ones a process leaves in the user's directory.
// A context is a copy of QuickJS's memory, so whatever the sandbox read from the host while it was
// prepared would be frozen in it. These tests prepare contexts under one time zone, locale,
// environment and working directory and use them under others, each engine in a process of its
// own (a process's time zone is fixed when it starts), and check that the output is what a context
// prepared from scratch in the using process gives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, constants } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = process.env.LOOPLENS_DIST ?? join(root, 'dist');
const shippedFile = join(dist, 'prepared-contexts.bin');
const scratch = mkdtempSync(join(tmpdir(), 'looplens-shipped-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// Everything a program can learn about its host: the clock's zone, locale formatting, the
// environment, the working directory, the platform, argv, the temporary and home directories.
const NODE_PROBE = `const d = new Date(2020, 5, 15, 12, 30);
console.log(d.toString(), d.getTimezoneOffset(), new Date(2020, 0, 15).getTimezoneOffset(), new Date(0).toString());
console.log(Intl.DateTimeFormat().resolvedOptions().timeZone, d.toLocaleString(), d.toLocaleDateString('de-DE'));
console.log((1234.5).toLocaleString(), ['b', 'a', 'ä'].sort((x, y) => x.localeCompare(y)).join());
console.log(process.platform, process.cwd(), process.argv.slice(1), JSON.stringify(process.env));
console.log(typeof Date.now(), typeof process.hrtime.bigint(), require('os').tmpdir(), require('os').homedir());
`;
const BROWSER_PROBE = `const d = new Date(2020, 5, 15, 12, 30);
console.log(d.toString(), d.getTimezoneOffset(), new Date(2020, 0, 15).getTimezoneOffset());
console.log(Intl.DateTimeFormat().resolvedOptions().timeZone, d.toLocaleString(), (1234.5).toLocaleString());
console.log(typeof Date.now(), typeof performance.now());
`;

/** The child: one Predictor predicts the probes (node, node-esm, browser) and prints their output lines. */
const CHILD = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const ts = require('typescript');
const { Predictor } = require(${JSON.stringify(join(dist, 'core.js'))});
const predictor = new Predictor({ ts });
const lines = {};
const trivial = process.env.PROBE === 'trivial';
const runs = trivial ? [['node', '/virtual/where/main.js', 'console.log(1);'], ['node-esm', '/virtual/where/main.mjs', 'console.log(1);'], ['browser', '/virtual/where/page.js', 'console.log(1);']] : [['node', '/virtual/where/main.js', ${JSON.stringify(NODE_PROBE)}], ['node-esm', '/virtual/where/main.mjs', ${JSON.stringify(NODE_PROBE.replace("require('os')", 'process.binding ? (await import("os")) : null'))}], ['browser', '/virtual/where/page.js', ${JSON.stringify(BROWSER_PROBE)}]];
try {
  for (const [model, fileName, text] of runs) {
    const result = await predictor.predict({ fileName, text, models: [model] }, { readFile: () => undefined });
    lines[model] = result.models[model].output.map((line) => line.stream + ': ' + line.text);
  }
} finally {
  await predictor.dispose();
}
process.stdout.write(JSON.stringify(lines));
`;

/** Runs the probes in a new process with this time zone, locale, working directory and context directory. */
function probe({ tz, lang, cwd, contexts, shipped = true, extraEnv = {}, trivial = false }) {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, ...extraEnv, PROBE: trivial ? 'trivial' : 'host', TZ: tz, LANG: lang, LC_ALL: lang, LOOPLENS_CONTEXT_CACHE: contexts, LOOPLENS_SHIPPED_CONTEXTS: shipped ? 'on' : 'off' };
    execFile(process.execPath, ['--input-type=module', '-e', CHILD], { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolvePromise({ lines: JSON.parse(stdout), stderr });
    });
  });
}

/** The probe's first line as real node prints it in that time zone and locale. */
function realDateLine({ tz, lang }) {
  const code = NODE_PROBE.split('\n').slice(0, 2).join('\n');
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, ['-e', code], { env: { ...process.env, TZ: tz, LANG: lang, LC_ALL: lang }, encoding: 'utf8' }, (error, stdout) => {
      if (error) reject(error);
      else resolvePromise(stdout.trimEnd());
    });
  });
}

const contextFiles = (directory) => readdirSync(directory).filter((name) => name.endsWith('.ctx')).sort();
const digests = (directory) => contextFiles(directory).map((name) => createHash('sha1').update(readFileSync(join(directory, name))).digest('hex'));

const NEW_YORK = { tz: 'America/New_York', lang: 'en_US.UTF-8', cwd: root };
const CHATHAM = { tz: 'Pacific/Chatham', lang: 'de_DE.UTF-8', cwd: tmpdir(), extraEnv: { LOOPLENS_PROBE: 'prepared here' } };

test('a context prepared under another time zone, locale, environment and working directory predicts what one prepared in place does', async () => {
  const contexts = join(scratch, 'user');
  // Prepared from scratch (nothing shipped) in Chatham, in German, elsewhere, with one more variable.
  await probe({ ...CHATHAM, contexts, shipped: false });
  const prepared = digests(contexts);
  assert.ok(prepared.length >= 3, `a context per model was kept: ${contextFiles(contexts).join(', ')}`);
  // Used in New York; compared with a process that prepares its own there.
  const restored = await probe({ ...NEW_YORK, contexts, shipped: false });
  assert.deepEqual(digests(contexts), prepared, `the kept contexts were used as they are, not prepared again:\n${restored.stderr}`);
  const fresh = await probe({ ...NEW_YORK, contexts: 'off' });
  assert.deepEqual(restored.lines, fresh.lines);
  // The probe shows the using process's zone, not the preparing one's: as real node does there.
  assert.equal(restored.lines.node[0], `stdout: ${await realDateLine(NEW_YORK)}`);
  assert.ok(!JSON.stringify(restored.lines).includes('prepared here'), 'the preparing process\'s environment is not in the prediction');
});

test('the build ships a context per model and module goal, and a new install uses it and keeps a copy', async () => {
  assert.ok(existsSync(shippedFile), `node esbuild.mjs makes ${shippedFile} (did it warn that it could not?)`);
  const archive = readFileSync(shippedFile);
  const indexLength = archive.readUInt32LE(0);
  const index = JSON.parse(archive.subarray(4, 4 + indexLength).toString('utf8'));
  assert.deepEqual(index.contexts.map((context) => context.key.replace('\u0000', ' ')).sort(), ['browser false', 'node false', 'node true', 'node-esm true', 'node-legacy false', 'node-legacy true']);
  // The stream's prefix up to a context's end holds that context and every one before it.
  const first = brotliDecompressSync(archive.subarray(4 + indexLength, 4 + indexLength + index.contexts[0].end), { finishFlush: constants.BROTLI_OPERATION_FLUSH });
  const firstHeader = JSON.parse(first.subarray(4, 4 + first.readUInt32LE(0)).toString('utf8'));
  assert.equal(firstHeader.key, index.contexts[0].key);

  // An empty user directory: the shipped contexts are used and copied into it (programs that
  // compile no part of the sandbox on first use, which would change the copy: worker.ts keepCompiledChunks).
  const contexts = join(scratch, 'new-install');
  await probe({ ...CHATHAM, contexts, trivial: true });
  const copied = contextFiles(contexts).map((name) => JSON.parse(readFileSync(join(contexts, name)).subarray(4, 4 + readFileSync(join(contexts, name)).readUInt32LE(0)).toString('utf8')));
  const shippedDigests = new Map();
  let stream = brotliDecompressSync(archive.subarray(4 + indexLength), { finishFlush: constants.BROTLI_OPERATION_FLUSH });
  while (stream.length > 0) {
    const headerLength = stream.readUInt32LE(0);
    const header = JSON.parse(stream.subarray(4, 4 + headerLength).toString('utf8'));
    shippedDigests.set(header.key, header.digest);
    stream = stream.subarray(4 + headerLength + header.byteLength);
  }
  for (const model of ['node false', 'node-esm true', 'browser false']) {
    const copy = copied.find((header) => header.key.replace('\u0000', ' ') === model);
    assert.ok(copy, `${model}: the shipped context was copied into the user's directory`);
    assert.equal(copy.digest, shippedDigests.get(copy.key), `${model}: the copy is the shipped memory, not one prepared here`);
  }
  // Chatham's clock: the shipped contexts (made by the build, in its own time zone) predict what
  // contexts prepared here do.
  const shipped = await probe({ ...CHATHAM, contexts: join(scratch, 'another-install') });
  const fresh = await probe({ ...CHATHAM, contexts: 'off' });
  assert.deepEqual(shipped.lines, fresh.lines);
  assert.equal(shipped.lines.node[0], `stdout: ${await realDateLine(CHATHAM)}`);
});

test('a damaged context file in the user\'s directory is not used: the shipped one takes its place', async () => {
  // The Predictor reads the user's files for a starting worker and checks them (contextCache.ts
  // readStartupContexts); one that fails is left to the worker, which drops it for the shipped one.
  const contexts = join(scratch, 'damaged-copy');
  const first = await probe({ ...NEW_YORK, contexts, trivial: true });
  const copies = new Map(contextFiles(contexts).map((name) => [name, readFileSync(join(contexts, name))]));
  assert.ok(copies.size >= 3, `the shipped contexts were copied: ${[...copies.keys()].join(', ')}`);
  for (const [name, intact] of copies) {
    const damaged = Buffer.from(intact);
    damaged[damaged.length - 1000] ^= 0xff;
    writeFileSync(join(contexts, name), damaged);
  }
  const second = await probe({ ...NEW_YORK, contexts, trivial: true });
  assert.deepEqual(second.lines, first.lines);
  assert.match(second.stderr, /ignoring the damaged prepared context/);
  for (const [name, intact] of copies) assert.ok(readFileSync(join(contexts, name)).equals(intact), `${name}: the shipped copy is written again`);
  // Sound files now: a third process uses them as they are, with nothing to say.
  const third = await probe({ ...NEW_YORK, contexts, trivial: true });
  assert.deepEqual(third.lines, first.lines);
  assert.doesNotMatch(third.stderr, /damaged/);
});

const codeCaches = (directory) => readdirSync(directory).filter((name) => name.endsWith('.v8cache'));

test('the worker bundle code cache is kept with a digest, a damaged one is replaced, and an untrusted directory is neither read nor written', async () => {
  const contexts = join(scratch, 'code-cache');
  const first = await probe({ ...NEW_YORK, contexts, trivial: true });
  const [name] = codeCaches(contexts);
  assert.ok(name, 'the first worker left a code cache');
  const file = join(contexts, name);
  const stored = readFileSync(file);
  assert.deepEqual(stored.subarray(0, 20), createHash('sha1').update(stored.subarray(20)).digest(), 'the file starts with the SHA-1 of the cache');
  // One flipped byte: V8 20 would accept it (it checks no checksum); the digest makes the worker
  // compile as usual and write a sound cache in its place.
  const damaged = Buffer.from(stored);
  damaged[damaged.length >> 1] ^= 0xff;
  writeFileSync(file, damaged);
  const second = await probe({ ...NEW_YORK, contexts, trivial: true });
  assert.deepEqual(second.lines, first.lines);
  const replaced = readFileSync(file);
  assert.deepEqual(replaced.subarray(0, 20), createHash('sha1').update(replaced.subarray(20)).digest());
  assert.notDeepEqual(replaced, damaged);
  // A directory others can write to: nothing is read from it or written into it.
  const open = join(scratch, 'world-writable');
  mkdirSync(open);
  chmodSync(open, 0o777);
  const third = await probe({ ...NEW_YORK, contexts: open, trivial: true });
  assert.deepEqual(third.lines, first.lines);
  assert.deepEqual(readdirSync(open), [], 'nothing written into a directory others can write to');
});

/** The stored result of predicting `text` (node) with the build in `build` (a copy of dist/), in a process of its own. */
function predictWithBuild(build, contexts, text) {
  const child = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const { Predictor } = require(${JSON.stringify(join(build, 'core.js'))});
const predictor = new Predictor({ ts: require('typescript') });
try {
  const result = await predictor.predict({ fileName: '/virtual/main.js', text: ${JSON.stringify(text)}, models: ['node'] }, { readFile: () => undefined });
  process.stdout.write(JSON.stringify(result.models.node));
} finally {
  await predictor.dispose();
}
`;
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, LOOPLENS_CONTEXT_CACHE: contexts, LOOPLENS_SHIPPED_CONTEXTS: 'off' };
    execFile(process.execPath, ['--input-type=module', '-e', child], { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolvePromise(stdout);
    });
  });
}

test('a worker bundle edited to the same length and modification time does not run the old build from its code cache', async () => {
  // V8 checks only the source length of a code cache: named by size and time, the cache of the
  // first build ran the old functions for the edited one (rv8b finding 4).
  const build = join(scratch, 'edited-build');
  mkdirSync(build);
  for (const name of ['core.js', 'engine-worker.js', 'engine-worker-main.js', 'sandbox.js', 'quickjs.wasm']) copyFileSync(join(dist, name), join(build, name));
  const contexts = join(scratch, 'edited-build-contexts');
  const program = "require('child_process').spawnSync('ls');";
  const first = await predictWithBuild(build, contexts, program);
  assert.match(first, /LoopLens cannot model/);
  assert.equal(codeCaches(contexts).length, 1, 'the first worker left a code cache');
  // The edit: a top-level statement of the bundle (whose code every code cache holds) becomes one
  // of the same length that throws, so the edited build cannot answer; the old one's code would.
  const bundle = join(build, 'engine-worker-main.js');
  const { atime, mtime } = statSync(bundle);
  const text = readFileSync(bundle, 'utf8');
  const statement = 'var SHIPPED_CONTEXTS_FILE = "prepared-contexts.bin";';
  assert.equal(text.split(statement).length, 2, 'the statement is in the bundle once');
  writeFileSync(bundle, text.replace(statement, 'throw new Error("edited build");'.padEnd(statement.length, ' ')));
  utimesSync(bundle, atime, mtime);
  assert.equal(statSync(bundle).size, Buffer.byteLength(text));
  await assert.rejects(predictWithBuild(build, contexts, program), /edited build/, 'the edited build ran its own code');
});

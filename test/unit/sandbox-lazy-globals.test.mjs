// Intl (sandbox/intl.ts) and Node's EventTarget, Event, CustomEvent, AbortController and
// AbortSignal (sandbox/node/abort.ts) are lazily compiled chunks behind lazy globals: a program
// that does not use them must not compile them (cold start), one that does must print what real
// node prints on its first run and on later runs (the chunk is then in the prepared context),
// and the lines whose text depends on the clock or the host's time zone are marked varying.
// Expected outputs are measured with real node (and real Node 10 for node-legacy) at test time.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyNodeSkipReason, runNode, runNodeLegacy, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

// A context directory of its own and no shipped contexts: the chunks a context holds are then
// exactly the ones this file's runs compiled.
const cacheDirectory = mkdtempSync(join(tmpdir(), 'looplens-lazy-globals-'));
process.env.LOOPLENS_CONTEXT_CACHE = cacheDirectory;
process.env.LOOPLENS_SHIPPED_CONTEXTS = 'off';

const predictor = new Predictor({ ts });
// The Predictor writes its prepared contexts when disposed: the directory goes after that.
after(async () => {
  await predictor.dispose();
  rmSync(cacheDirectory, { recursive: true, force: true });
});

async function predict(code, model = 'node', fileName = '/virtual/lazy/main.js') {
  const host = { readFile: (path) => (path === fileName ? code : undefined) };
  return (await predictor.predict({ fileName, text: code, models: [model] }, host)).models[model];
}
const stdout = (result) => result.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
async function chunksOf(model) {
  const stats = await predictor.workerStats(false);
  const chunks = stats.preparedContexts.find((context) => context.key.startsWith(`${model} `))?.chunks ?? [];
  return typeof chunks === 'string' ? chunks.split(',') : chunks;
}

const PLAIN = `
console.log([3, 1, 2].sort(), (1234.5).toLocaleString('en-US'), 'a'.localeCompare('b'));
setTimeout(() => console.log('timer'), 0);
`;

const USES_BOTH = `
const number = new Intl.NumberFormat('de-DE', { style: 'percent' });
console.log(number.format(0.256), number, Object.create({ style: 'percent' }) && (0.5).toLocaleString(undefined, Object.create({ style: 'percent' })));
const target = new EventTarget();
target.addEventListener('go', (event) => console.log('listener', event.type, event instanceof Event));
target.dispatchEvent(new CustomEvent('go', { detail: 1 }));
console.log(target, new AbortController().signal instanceof EventTarget);
`;

test('a program that uses neither Intl nor EventTarget compiles neither chunk', async () => {
  const expected = splitLines((await runNode(PLAIN)).stdout);
  assert.deepEqual(stdout(await predict(PLAIN)), expected);
  const chunks = await chunksOf('node');
  for (const chunk of ['intl', 'abort']) assert.ok(!chunks.includes(chunk), `the node context holds only what was needed: ${chunks}`);
});

test('Intl and EventTarget print as in node on the run that compiles their chunks and on later runs', async () => {
  const expected = splitLines((await runNode(USES_BOTH)).stdout);
  for (let run = 1; run <= 2; run++) assert.deepEqual(stdout(await predict(USES_BOTH)), expected, `run ${run}`);
  const chunks = await chunksOf('node');
  for (const chunk of ['intl', 'abort']) assert.ok(chunks.includes(chunk), `the node context keeps ${chunk}: ${chunks}`);
});

test('date texts in the host time zone and event time stamps mark their lines varying; explicit time zones do not', async () => {
  const code = `
const date = new Date(Date.UTC(2024, 1, 29, 13, 5));
console.log(new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', timeStyle: 'short' }).format(date));
console.log(new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(date));
console.log(date.toLocaleTimeString('en-US', { timeZone: 'UTC' }));
console.log(date.toLocaleTimeString('en-US'));
console.log(new Event('tick'));
console.log(new Intl.NumberFormat('en-US').format(1234.5));
`;
  const result = await predict(code);
  const real = splitLines((await runNode(code)).stdout);
  const lines = result.output.filter((line) => line.stream === 'stdout');
  // The event prints on six lines, all marked; its time stamp's value differs from the real one.
  const timeStamp = /^ {2}timeStamp: [\d.]+$/;
  assert.deepEqual(lines.map((line) => line.text.replace(timeStamp, '  timeStamp: N')), real.map((line) => line.replace(timeStamp, '  timeStamp: N')));
  assert.deepEqual(lines.map((line) => Boolean(line.varying)), [false, true, false, true, ...Array(6).fill(true), false]);
});

test('node-legacy has no EventTarget, Event or CustomEvent, and Intl speaks English only with Node 10\'s four services', async (t) => {
  const reason = await legacyNodeSkipReason();
  if (reason) return t.skip(reason);
  const code = `console.log(typeof EventTarget, typeof Event, typeof CustomEvent);
console.log(JSON.stringify([Object.getOwnPropertyNames(Intl), (1234.5).toLocaleString('de-DE'), 'ä'.localeCompare('z', 'sv')]));
console.log(JSON.stringify([new Intl.NumberFormat('de-DE', { style: 'percent' }).format(0.25), new Date(0).toLocaleString('de-DE', { timeZone: 'UTC' })]));
console.log(JSON.stringify([Intl.NumberFormat.supportedLocalesOf(['de', 'en']), new Intl.PluralRules('en').select(1)]));
`;
  const expected = splitLines((await runNodeLegacy(code)).stdout);
  assert.deepEqual(stdout(await predict(code, 'node-legacy')), expected);
});

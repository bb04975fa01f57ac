// Generated stream programs (fast-check) run in real node and in the sandbox's stream library
// (test/unit/nodelib-harness.mjs): a Readable with a random highWaterMark and push schedule
// (synchronous, nextTick, setImmediate, promise), consumed in a random mode (data events, the
// 'readable' event with read(), or pipe into a Writable with a random highWaterMark and callback
// timing), every stream event logged. The event order must be identical. Only deterministic
// scheduling is used (no timers), so real node's order is the one answer.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { runNode, splitLines } from '../helpers/oracle.mjs';
import { runInSandbox } from './nodelib-harness.mjs';

const schedule = fc.constantFrom('sync', 'nextTick', 'immediate', 'promise');

const scenario = fc.record({
  readableHwm: fc.integer({ min: 1, max: 8 }),
  chunks: fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 5 }),
  pushTiming: schedule,
  objectMode: fc.boolean(),
  consumer: fc.constantFrom('data', 'readable', 'pipe', 'pipe-transform'),
  writableHwm: fc.integer({ min: 1, max: 8 }),
  writeTiming: schedule,
  pauseAfterFirst: fc.boolean(),
});

function defer(timing, body) {
  switch (timing) {
    case 'sync':
      return body;
    case 'nextTick':
      return `process.nextTick(() => { ${body} });`;
    case 'immediate':
      return `setImmediate(() => { ${body} });`;
    default:
      return `Promise.resolve().then(() => { ${body} });`;
  }
}

function programOf(s) {
  const lines = [
    "const { Readable, Writable, Transform } = require('stream');",
    "const log = (...a) => console.log(...a);",
    `const chunks = ${JSON.stringify(s.chunks)};`,
    'let next = 0;',
    `const source = new Readable({ highWaterMark: ${s.readableHwm}, objectMode: ${s.objectMode}, read() {`,
    "  log('_read', next);",
    `  ${defer(s.pushTiming, "const ok = this.push(next < chunks.length ? chunks[next++] : null); log('push returned', ok);")}`,
    '} });',
    "for (const event of ['end', 'close', 'pause', 'resume', 'error']) source.on(event, () => log('source', event));",
  ];
  if (s.consumer === 'data') {
    lines.push("let seen = 0; source.on('data', (c) => { log('data', String(c));");
    if (s.pauseAfterFirst) lines.push("  if (++seen === 1) { source.pause(); setImmediate(() => source.resume()); }");
    lines.push('});');
  } else if (s.consumer === 'readable') {
    lines.push("source.on('readable', () => { let c; log('readable'); while ((c = source.read()) !== null) log('read', String(c)); });");
  } else {
    lines.push(
      `const sink = new Writable({ highWaterMark: ${s.writableHwm}, objectMode: ${s.objectMode}, write(c, e, cb) {`,
      "  log('write', String(c));",
      `  ${defer(s.writeTiming, 'cb();')}`,
      '} });',
      "for (const event of ['drain', 'finish', 'close', 'pipe', 'unpipe']) sink.on(event, () => log('sink', event));",
    );
    if (s.consumer === 'pipe-transform') {
      lines.push(
        `const upper = new Transform({ objectMode: ${s.objectMode}, transform(c, e, cb) { ${defer(s.writeTiming, 'cb(null, String(c).toUpperCase());')} } });`,
        "for (const event of ['end', 'finish', 'close']) upper.on(event, () => log('transform', event));",
        'source.pipe(upper).pipe(sink);',
      );
    } else {
      lines.push('source.pipe(sink);');
    }
  }
  lines.push("log('main done');");
  return lines.join('\n');
}

test('generated stream programs print what real node prints', { timeout: 600_000 }, async () => {
  // A fixed seed keeps the suite reproducible; NODELIB_FUZZ_SEED / NODELIB_FUZZ_RUNS explore further.
  const samples = fc.sample(scenario, { numRuns: Number(process.env.NODELIB_FUZZ_RUNS ?? 24), seed: Number(process.env.NODELIB_FUZZ_SEED ?? 20262711) });
  const mismatches = [];
  for (const s of samples) {
    const code = programOf(s);
    const real = await runNode(code, { fileName: 'stream-fuzz.js' });
    const predicted = await runInSandbox(code, { fileName: '/tmp/looplens-nodelib/stream-fuzz.js', cwd: '/tmp/looplens-nodelib' });
    const expected = splitLines(real.stdout);
    const actual = splitLines(predicted.stdout);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      mismatches.push(`${JSON.stringify(s)}\n--- node:\n${expected.join('\n')}\n--- sandbox:\n${actual.join('\n')}`);
    }
  }
  assert.deepEqual(mismatches, [], `${mismatches.length} of ${samples.length} generated programs differ:\n\n${mismatches.join('\n\n')}`);
});

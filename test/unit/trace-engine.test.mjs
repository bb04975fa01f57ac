// The trace through the real engine: Predictor.predict with `trace: true` instruments the file in
// the host, runs it in QuickJS with the recorder installed by the sandbox bootstrap, and returns
// the trace. Asking for the trace must not change the prediction: every program of the order
// corpus gives the same output and exit code with and without it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, ts, core, checkTrace, fixtureCases } from './trace-harness.mjs';

const predictor = new core.Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined) };

async function predict(fileName, text, model, trace) {
  const result = await predictor.predict({ fileName, text, models: [model], trace }, host);
  return result.models[model];
}

const orderDir = join(root, 'test/fixtures/trace/order');
const programs = readdirSync(orderDir).filter((name) => /\.m?js$/.test(name)).sort();

/** Output lines without stack-frame columns: mapping a crash report's columns back is the engine's part. */
function comparable(output) {
  return output.map((line) => [line.stream, line.stream === 'stderr' ? line.text.replace(/(:\d+):\d+(\)?)$/, '$1$2') : line.text]);
}


for (const name of programs) {
  test(`asking for the trace does not change the node prediction of ${name}`, async () => {
    const fileName = join(orderDir, name);
    const text = readFileSync(fileName, 'utf8');
    const plain = await predict(fileName, text, 'node', false);
    const traced = await predict(fileName, text, 'node', true);
    assert.deepEqual(comparable(traced.output), comparable(plain.output));
    assert.equal(traced.exitCode, plain.exitCode);
    assert.equal(traced.stopped, plain.stopped);
    assert.ok(traced.trace && traced.trace.contexts.length > 0, 'no trace came back');
    assert.equal(plain.trace, undefined);
  });
}

// Stack frames are named from the rewrite's bookkeeping (receivers, async activations, Promise.all
// elements), which must see through the trace's instrumentation of the same code.
for (const name of ['async-frames.js', 'receiver-names.js', 'frame-names-receivers.js']) {
  test(`asking for the trace does not change the stack frames of stacks/${name}`, async () => {
    const fileName = join(root, 'test/differential/corpus/stacks', name);
    const text = readFileSync(fileName, 'utf8');
    const plain = await predict(fileName, text, 'node', false);
    const traced = await predict(fileName, text, 'node', true);
    assert.ok(plain.output.some((line) => /\bat (async |\w+\.\w)/.test(line.text)), 'no receiver or async frame to compare');
    assert.deepEqual(comparable(traced.output), comparable(plain.output));
  });
}

// The fixtures' expectations hold for the engine's own trace too (its inspect is Node's format).
for (const fixture of fixtureCases()) {
  test(`engine trace of ${fixture.name}`, async () => {
    const fileName = join(root, 'test/fixtures/trace', fixture.name, fixture.inputName);
    const result = await predict(fileName, fixture.text, 'node', true);
    assert.ok(result.trace, 'no trace came back');
    const problems = checkTrace(result.trace, fixture.expected, { sourceText: fixture.text, outputLines: result.output.map((line) => line.text) });
    assert.deepEqual(problems, []);
  });
}

// The browser model runs the file as a classic script: the top level's `this` is the global object.
for (const name of ['browser-event-loop.js', 'execution-context.js', 'generators.js']) {
  test(`asking for the trace does not change the browser prediction of the seed's ${name}`, async () => {
    const fileName = join(root, 'examples', name);
    const text = readFileSync(fileName, 'utf8');
    const plain = await predict(fileName, text, 'browser', false);
    const traced = await predict(fileName, text, 'browser', true);
    assert.deepEqual(comparable(traced.output), comparable(plain.output));
    assert.ok(traced.trace.contexts.length > 0);
    assert.equal(traced.trace.contexts[0].kind, 'script');
    assert.match(traced.trace.contexts[0].thisReason, /script top level/);
  });
}

// The other Node models rewrite or wrap the code further (node-legacy's extra await ticks, the
// ES-module evaluation of node-esm); the trace's hooks must compose with both.
for (const name of ['02-async-chain.js', '20-try-catch-async.js', '08-async-generators.js', '41-esm-tla.mjs']) {
  for (const model of ['node-legacy', 'node-esm']) {
    test(`asking for the trace does not change the ${model} prediction of ${name}`, async () => {
      const fileName = join(orderDir, name);
      const text = readFileSync(fileName, 'utf8');
      const plain = await predict(fileName, text, model, false);
      const traced = await predict(fileName, text, model, true);
      assert.deepEqual(comparable(traced.output), comparable(plain.output));
      assert.ok(traced.trace.contexts.length > 0);
    });
  }
}

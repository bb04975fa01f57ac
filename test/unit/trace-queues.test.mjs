// The trace's queue snapshots (ExecutionTrace.queues): what waited in each queue when every engine
// step began, and who resumed each suspended generator or async function. Expectations are derived,
// never typed: the printed order is real node's (run here), each printed line's causal record says
// when its callback was queued and when it ran, and line numbers are found in the program's text.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, ts, core } from './trace-harness.mjs';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const predictor = new core.Predictor({ ts });
after(() => predictor.dispose());
const host = { readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined) };

async function predict(fileName, text, model, trace = true) {
  const result = await predictor.predict({ fileName, text, models: [model], trace }, host);
  return result.models[model];
}

/** 1-based number of the first line of `text` that is not a comment and contains `needle`. */
function lineOf(text, needle) {
  const index = text.split('\n').findIndex((line) => !line.trimStart().startsWith('//') && line.includes(needle));
  assert.ok(index >= 0, `${needle} is in the program`);
  return index + 1;
}

/** The queues of snapshot `index`, following "left out = same as the previous one". */
function contentsAt(snapshots, index) {
  for (let at = index; at >= 0; at--) if (snapshots[at].queues) return snapshots[at].queues;
  return {};
}

/** Every waiting callback of a snapshot as `queue api line`, in queue order. */
function waiting(snapshots, index) {
  const names = [];
  for (const [queue, { items, more }] of Object.entries(contentsAt(snapshots, index))) {
    assert.equal(more, 0, 'no queue overflows in these small programs');
    for (const item of items) names.push(`${queue} ${item.api} ${item.line}`);
  }
  return names.sort();
}

const plainApi = (api) => api.replace(/^\./, '').replace(/^process\./, 'process.');

test("the seed's Node event-loop example: at every step the snapshot lists exactly the callbacks queued before it and run after it", async () => {
  const fileName = join(root, 'examples/node-event-loop.js');
  const text = readFileSync(fileName, 'utf8');
  const result = await predict(fileName, text, 'node');
  const real = await runNode(text);
  assert.deepEqual(result.output.map((line) => line.text), splitLines(real.stdout), 'the engine prints what real node prints');
  const snapshots = result.trace.queues;
  assert.ok(Array.isArray(snapshots) && snapshots.length > 1, 'the trace has queue snapshots');
  assert.deepEqual(snapshots.map((snapshot) => snapshot.step), [...snapshots.keys()], 'one snapshot per engine step, in order');
  assert.deepEqual(snapshots[0].queues, {}, 'the main script starts with empty queues');

  // Every callback of this program prints, so the printed lines' causal records name them all: a
  // callback waits at step S when it was queued in an earlier step and runs in a later one.
  const callbacks = new Map();
  for (const line of result.output) {
    const cause = line.cause;
    if (cause && cause.scheduledBy) callbacks.set(cause.runStep, cause);
  }
  const lastStep = Math.max(...callbacks.keys());
  assert.equal(snapshots.at(-1).step, lastStep, 'the last snapshot is the last step that ran');
  for (let step = 1; step <= lastStep; step++) {
    const expected = [...callbacks.values()]
      .filter((cause) => cause.enqueuedStep < step && cause.runStep > step)
      .map((cause) => `${cause.queue} ${plainApi(cause.scheduledBy)} ${cause.scheduledAt.line}`)
      .sort();
    assert.deepEqual(waiting(snapshots, step), expected, `the queues when step ${step} began`);
    const running = callbacks.get(step);
    assert.deepEqual(
      [snapshots[step].running.queue, snapshots[step].running.api, snapshots[step].running.line],
      [running.queue, plainApi(running.scheduledBy), running.scheduledAt.line],
      `the callback step ${step} runs`,
    );
    assert.equal(snapshots[step].running.queuedStep, running.enqueuedStep, `the step that queued step ${step}'s callback`);
  }

  // The step of the first timer: the second timer waits, due when it later ran, and it is the one at line 28.
  const firstTimerStep = result.output.find((line) => line.text === '2').cause.runStep;
  const secondTimerLine = result.output.find((line) => line.text === '9');
  const timers = contentsAt(snapshots, firstTimerStep).timers.items;
  assert.deepEqual(timers.map((item) => [item.api, item.line]), [['setTimeout', lineOf(text, "console.log('9')") - 1]]);
  assert.equal(timers[0].dueMs, secondTimerLine.cause.virtualTimeMs, 'due when it ran (both timers were set at 0 ms with the same delay)');
});

test('an await waits outside the microtask queue until its promise settles, then its continuation is queued', async () => {
  const fileName = join(root, 'test/fixtures/trace/await-queues.js');
  const text = [
    "const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));",
    'async function main() {',
    "  console.log('before');",
    '  await wait(100);',
    "  console.log('after');",
    '}',
    'main();',
    "setTimeout(() => console.log('other'), 300);",
    '',
  ].join('\n');
  const result = await predict(fileName, text, 'node');
  const real = await runNode(text);
  assert.deepEqual(result.output.map((line) => line.text), splitLines(real.stdout));
  const snapshots = result.trace.queues;
  const awaitLine = lineOf(text, 'await wait');
  const resumedStep = result.output.find((line) => line.text === 'after').cause.runStep;
  assert.deepEqual([snapshots[resumedStep].running.api, snapshots[resumedStep].running.line], ['await', awaitLine], 'the step that printed "after" resumed the await');
  const timerStep = resumedStep - 1;
  assert.deepEqual([snapshots[timerStep].running.queue, snapshots[timerStep].running.api], ['timers', 'setTimeout'], 'the timer that resolves the promise ran just before');
  assert.equal(snapshots[resumedStep].running.queuedStep, timerStep, 'the continuation was queued while that timer ran (it settled the promise)');
  for (let step = 0; step <= timerStep; step++) {
    assert.ok(!waiting(snapshots, step).some((entry) => entry.startsWith('microtask await')), `step ${step}: the await is not queued before its promise settles`);
  }
  assert.deepEqual(waiting(snapshots, timerStep), [`timers setTimeout ${lineOf(text, "'other'")}`], 'while the first timer runs, only the other timer waits');
  const fetchUser = result.trace.contexts.find((context) => context.name === 'main');
  assert.deepEqual(fetchUser.suspensions[0].resumedBy, { callerId: null, source: 'microtask', step: resumedStep }, 'a promise job resumed it, with no caller');
});

test("a generator's resumptions name the context that called next()", async () => {
  const fileName = join(root, 'test/webview/fixtures/generator.js');
  const text = readFileSync(fileName, 'utf8');
  const result = await predict(fileName, text, 'node');
  const generator = result.trace.contexts.find((context) => context.kind === 'generator');
  const nextLine = lineOf(text, ".next('x')");
  const caller = result.trace.contexts.find((context) => context.kind !== 'generator' && context.range.line < nextLine && context.range.endLine > nextLine && context.kind !== 'script');
  assert.ok(caller, 'a function holds the next() call');
  const resumed = generator.suspensions.filter((suspension) => suspension.resumeStep !== null);
  assert.equal(resumed.length, 1);
  assert.equal(resumed[0].resumedBy.callerId, caller.id, `${caller.name} called next()`);
});

test('the browser model: timers and posted tasks are listed, and without a trace nothing is recorded', async () => {
  const fileName = join(root, 'examples/browser-event-loop.js');
  const text = readFileSync(fileName, 'utf8');
  const traced = await predict(fileName, text, 'browser');
  const plain = await predict(fileName, text, 'browser', false);
  assert.equal(plain.trace, undefined);
  assert.deepEqual(traced.output.map((line) => line.text), plain.output.map((line) => line.text), 'the trace changes nothing');
  const snapshots = traced.trace.queues;
  const firstTimer = traced.output.find((line) => line.cause?.scheduledBy === 'setTimeout');
  const secondTimerLine = traced.output.filter((line) => line.cause?.scheduledBy === 'setTimeout').at(-1).cause.scheduledAt.line;
  assert.deepEqual(snapshots[firstTimer.cause.runStep].running.queue, 'task');
  assert.ok(waiting(snapshots, firstTimer.cause.runStep).includes(`timers setTimeout ${secondTimerLine}`), 'the second timer waits while the first runs');
});

test('many pending promises: the snapshots say they may list promise jobs late, and the prediction is unchanged', async () => {
  const fileName = join(root, 'test/fixtures/trace/many-awaits.js');
  const text = [
    'let release;',
    'const gate = new Promise((resolve) => { release = resolve; });',
    'let resumed = 0;',
    'async function waiter() { await gate; resumed++; }',
    'for (let i = 0; i < 300; i++) waiter();',
    "setTimeout(() => { release(); setTimeout(() => console.log('resumed', resumed), 100); }, 100);",
    '',
  ].join('\n');
  const traced = await predict(fileName, text, 'node');
  const plain = await predict(fileName, text, 'node', false);
  const real = await runNode(text);
  assert.deepEqual(plain.output.map((line) => line.text), splitLines(real.stdout));
  assert.deepEqual(traced.output.map((line) => line.text), plain.output.map((line) => line.text), 'the trace changes nothing');
  const snapshots = traced.trace.queues;
  assert.ok(snapshots.some((snapshot) => snapshot.microtasksApproximate), 'some snapshot is marked approximate');
  // The first resumption runs right after the timer that released the gate; by then the engine has
  // found some of the 300 continuations queued, and lists at most 16 of them with a count of the rest.
  const awaitLine = lineOf(text, 'await gate');
  const firstResumption = snapshots.findIndex((snapshot) => snapshot.running.api === 'await');
  assert.ok(firstResumption > 0);
  assert.equal(snapshots[firstResumption - 1].running.queue, 'timers');
  const microtasks = contentsAt(snapshots, firstResumption).microtask;
  assert.ok(microtasks.items.length === 16 && microtasks.items.every((item) => item.api === 'await' && item.line === awaitLine), JSON.stringify(microtasks));
  assert.ok(microtasks.more > 0);
});

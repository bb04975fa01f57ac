// Node's Timeout and Immediate objects in predictions (sandbox/timers.ts). What they print is
// compared with real node by the differential corpus (timers/*-object-shape.js, which mask the
// start time and async ids); this file checks what a corpus comparison cannot see: that a printed
// timer marks its output as varying (its start time and async ids depend on the real process),
// that a line without one does not, and that no engine-internal key is reachable on the objects.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { runNode, splitLines } from '../helpers/oracle.mjs';

const require = createRequire(import.meta.url);
const { Predictor } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');
const ts = require('typescript');

const predictor = new Predictor({ ts });
after(() => predictor.dispose());

async function predictNode(text) {
  const result = await predictor.predict({ fileName: '/virtual/timers.js', text, models: ['node'] }, { readFile: () => undefined });
  return result.models.node;
}

test('printing a Timeout or an Immediate marks the line varying; creating one marks nothing', async () => {
  const result = await predictNode(`
const timeout = setTimeout(() => {}, 5);
console.log('plain line');
console.log(timeout);
console.log(setImmediate(() => {}));
console.log(typeof timeout);
`);
  assert.equal(result.stopped, null, result.notes.join(' '));
  const varyingByFirstLine = new Map();
  for (const line of result.output) {
    const first = line.text.split('\n')[0];
    if (!varyingByFirstLine.has(first)) varyingByFirstLine.set(first, Boolean(line.varying));
  }
  assert.equal(varyingByFirstLine.get('plain line'), false, 'creating a timer reads the clock without marking the next line');
  assert.equal(varyingByFirstLine.get('Timeout {'), true, 'the expanded Timeout');
  assert.equal(varyingByFirstLine.get('Immediate {'), true, 'the expanded Immediate');
  assert.equal(varyingByFirstLine.get('object'), false);
});

test('the own keys of timer objects and their prototypes are those of real node (no engine id)', async () => {
  const program = `
const describe = (value) => [...Reflect.ownKeys(value), '|', ...Reflect.ownKeys(Object.getPrototypeOf(value))]
  .map(String).filter((key) => key !== 'Symbol(nodejs.dispose)').join(' ');
const timeout = setTimeout(() => {}, 5);
const immediate = setImmediate(() => {});
console.log(describe(timeout));
console.log(describe(immediate));
console.log(describe(timeout._idleNext));
`;
  const real = await runNode(program);
  assert.equal(real.exitCode, 0, real.stderr);
  const result = await predictNode(program);
  assert.deepEqual(result.output.map((line) => line.text), splitLines(real.stdout));
});

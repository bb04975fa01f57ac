// inspectNode10/formatNode10 (the node-legacy model's console text) against the real util.inspect
// and util.format of Node 10.24.1, run as a child process. The same expressions are evaluated in
// both processes; errors get fixed stacks so that both print the same frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { preamble, values, withOptions, formatCalls } from './inspect-corpus.mjs';
import { ensureNode10 } from '../../scripts/oracle/fetch-node10.mjs';

const require = createRequire(import.meta.url);
const sandbox = require('../../dist/test/inspect.js');

let node10;
let skip = false;
try {
  node10 = await ensureNode10();
} catch (error) {
  skip = `no Node 10 binary: ${error.message}`;
}

// Syntax and built-ins Node 10 does not have, values whose text depends on the process (stacks,
// promise states), the lone surrogate (it cannot cross the child's UTF-8 stdout intact) and
// built-ins whose prototype was removed (Node 10 printed those inconsistently; not modelled).
const unsupported = /static x|globalThis|AggregateError|class extends Foo|\\ud800|Error\(|extends Error|Promise|cause|setPrototypeOf\((new|\/|\[)/;
const preamble10 = preamble.replace('class WithStatic { static x = 1; }', 'class WithStatic {} WithStatic.x = 1;');

const fixedStack = (name, message) => `Object.assign(new ${name}(${JSON.stringify(message)}), { stack: ${JSON.stringify(`${name}: ${message}\n    at inner (/app/a.js:1:7)\n    at outer (/app/a.js:5:3)`)} })`;
const errorCases = [
  fixedStack('Error', 'boom'), fixedStack('TypeError', 'bad'), `Object.assign(${fixedStack('Error', 'with code')}, { code: 'E_CODE' })`,
  `({ err: ${fixedStack('Error', 'nested')} })`, `[${fixedStack('RangeError', 'in array')}]`, `Object.assign(${fixedStack('Error', 'x')}, { name: 'CustomError' })`,
  "Object.assign(new Error('no frames'), { stack: 'Error: no frames' })", "Object.assign(new Error('no stack'), { stack: undefined })",
];

const jobs = [
  ...values.filter((source) => !unsupported.test(source)).map((source) => ({ kind: 'inspect', source, options: 'undefined' })),
  ...errorCases.map((source) => ({ kind: 'inspect', source, options: 'undefined' })),
  ...withOptions.filter(([source, options]) => !unsupported.test(source) && !('getters' in options) && !('numericSeparator' in options) && !('maxStringLength' in options))
    .map(([source, options]) => ({ kind: 'inspect', source, options: `(${JSON.stringify(options)})` })),
  ...formatCalls.filter((source) => !unsupported.test(source) && !source.includes('Object.create(null)')).map((source) => ({ kind: 'format', source, options: 'undefined' })),
  ...errorCases.map((source) => ({ kind: 'format', source: `['%s and %o', 'x', ${source}]`, options: 'undefined' })),
];

function run(source, job, util) {
  const value = new Function(`${preamble10}\nreturn (${source});`)();
  const options = new Function(`return ${job.options}`)();
  return job.kind === 'format' ? util.format(...value) : util.inspect(value, options);
}

test('inspectNode10 and formatNode10 print what Node 10.24 prints', { skip }, () => {
  assert.ok(jobs.length >= 150, `only ${jobs.length} cases`);
  const script = `
    const util = require('util');
    const jobs = ${JSON.stringify(jobs)};
    const out = jobs.map((job) => {
      try {
        const value = new Function(${JSON.stringify(preamble10)} + '\\nreturn (' + job.source + ');')();
        const options = new Function('return ' + job.options)();
        return job.kind === 'format' ? util.format.apply(null, value) : util.inspect(value, options);
      } catch (error) {
        return 'threw ' + error.message;
      }
    });
    process.stdout.write(JSON.stringify(out));`;
  const expected = JSON.parse(execFileSync(node10, ['-e', script], { maxBuffer: 1 << 26 }).toString());
  const legacy = { inspect: sandbox.inspectNode10, format: sandbox.formatNode10 };
  const mismatches = [];
  jobs.forEach((job, i) => {
    let actual;
    try {
      actual = run(job.source, job, legacy);
    } catch (error) {
      actual = `threw ${error.message}`;
    }
    if (actual !== expected[i]) mismatches.push(`${job.source} ${job.options}\n--- node 10:\n${expected[i]}\n--- sandbox:\n${actual}`);
  });
  assert.deepEqual(mismatches, []);
});

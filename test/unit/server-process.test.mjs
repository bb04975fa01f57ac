// The environment the VS Code client (and the benchmark) adds when it starts the language server:
// glibc malloc tuning that keeps freed memory from piling up in per-thread arenas, and the Node
// options that keep V8's young generation small (serverProcess.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SERVER_EXEC_ARGV, serverProcessEnvironment } from '../../dist/core.js';

test('the malloc tuning is added when the environment does not set it', () => {
  assert.deepEqual(serverProcessEnvironment({ PATH: '/usr/bin' }), { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
});

test("the user's own malloc settings win over the tuning", () => {
  assert.deepEqual(serverProcessEnvironment({ MALLOC_ARENA_MAX: '8' }), { MALLOC_TRIM_THRESHOLD_: '131072' });
  assert.deepEqual(serverProcessEnvironment({ MALLOC_ARENA_MAX: '4', MALLOC_TRIM_THRESHOLD_: '0' }), {});
});


/** The new space's resident size in a node started with `execArgv` after a burst of short-lived objects. */
function newSpaceAfterChurnMb(execArgv) {
  const churn = `
    const kept = [];
    for (let i = 0; i < 3e6; i++) { const item = { i, text: 'x' + i }; if (i % 1000 === 0) kept.push(item); }
    const space = require('node:v8').getHeapSpaceStatistics().find((entry) => entry.space_name === 'new_space');
    process.stdout.write(String(space.physical_space_size / (1024 * 1024)));`;
  const child = spawnSync(process.execPath, [...execArgv, '-e', churn], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  return Number(child.stdout);
}

test("the server's Node options are accepted and keep the young generation small", () => {
  const plain = newSpaceAfterChurnMb([]);
  const capped = newSpaceAfterChurnMb(SERVER_EXEC_ARGV);
  assert.ok(capped <= 8, `new space with ${SERVER_EXEC_ARGV.join(' ')}: ${capped} MB`);
  assert.ok(capped < plain, `new space ${plain} MB without the options, ${capped} MB with them`);
});

// The environment the VS Code client (and the benchmark) adds when it starts the language server:
// glibc malloc tuning that keeps freed memory from piling up in per-thread arenas (serverProcess.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverProcessEnvironment } from '../../dist/core.js';

test('the malloc tuning is added when the environment does not set it', () => {
  assert.deepEqual(serverProcessEnvironment({ PATH: '/usr/bin' }), { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' });
});

test("the user's own malloc settings win over the tuning", () => {
  assert.deepEqual(serverProcessEnvironment({ MALLOC_ARENA_MAX: '8' }), { MALLOC_TRIM_THRESHOLD_: '131072' });
  assert.deepEqual(serverProcessEnvironment({ MALLOC_ARENA_MAX: '4', MALLOC_TRIM_THRESHOLD_: '0' }), {});
});


// The analysis worker can be lost (a crash, an exit, a timeout). Its module graphs, and with them the
// workspace scan's modules, are lost too, so the client tells its owner (the language server then
// scans again); disposing of the client on shutdown is not a loss and says nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { AnalysisWorkerClient } = require(join(root, 'dist/test/analysis-worker.js'));

test('a lost analysis worker is reported once, and the next request gets a fresh worker', async () => {
  const losses = [];
  const client = new AnalysisWorkerClient(join(root, 'dist/server.js'), () => {}, (reason) => losses.push(reason.message));
  try {
    assert.ok(await client.scan('/virtual/first.js', 'console.log(1);'), 'the first worker answers');
    // The worker thread ends on its own, as a crash would end it.
    await client.worker.terminate();
    for (let waited = 0; losses.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(losses.length, 1, 'the loss was reported');
    assert.match(losses[0], /exited/);
    assert.ok(await client.scan('/virtual/second.js', 'console.log(2);'), 'a fresh worker answers');
    assert.ok(await client.stats(false), 'and it is the client\'s worker now');
  } finally {
    await client.dispose();
  }
  assert.equal(losses.length, 1, 'dispose is not a loss');
});

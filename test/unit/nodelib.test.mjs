// The sandbox's Node library against real node: every program in
// test/differential/corpus/node-lib/ runs in real node (the oracle) and in QuickJS with the
// library and a stand-in event loop (test/unit/nodelib-harness.mjs); stdout must be identical,
// stderr identical after the corpus' normalisation (no stack frames, no crash header, pid
// replaced), and the exit codes equal.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCorpus, normalizeNodeStderr } from '../differential/corpus.mjs';
import { runNode, splitLines } from '../helpers/oracle.mjs';
import { runInSandbox } from './nodelib-harness.mjs';
import { join } from 'node:path';

// The stand-in loop runs CommonJS files; ES module programs are checked by the differential suite.
const programs = (await loadCorpus(join(import.meta.dirname, '..', 'differential', 'corpus', 'node-lib'))).filter(
  (program) => program.rel.endsWith('.js') && program.models.includes('node'),
);

/** Programs whose prediction is known to differ from node, with the reason. */
const KNOWN_DIFFERENCES = {
  'process-unhandled-rejection-listener.js': 'the stand-in loop of this harness does not track unhandled rejections (the engine does; the differential suite checks this program)',
  'process-uncaught-rejection-to-exception.js': 'the stand-in loop of this harness does not track unhandled rejections (the engine does; the differential suite checks this program)',
};

test('the node-lib corpus has programs for every module group', () => {
  const count = (...prefixes) => programs.filter((p) => prefixes.some((prefix) => p.rel.startsWith(prefix))).length;
  assert.ok(count('events-') >= 15, `events: ${count('events-')}`);
  assert.ok(count('stream-') >= 20, `streams: ${count('stream-')}`);
  assert.ok(count('fs-') >= 10, `fs: ${count('fs-')}`);
  assert.ok(count('util-', 'assert-', 'process-') >= 10, `util/assert/process: ${count('util-', 'assert-', 'process-')}`);
});

// Two at a time: a real node run (a child process) overlaps with a QuickJS run (this process).
describe('node-lib corpus', { concurrency: 2 }, () => {
  for (const program of programs) {
    const todo = KNOWN_DIFFERENCES[program.rel];
    test(`node-lib/${program.rel}`, { todo }, async () => {
      const fileName = program.rel.split('/').pop();
      const real = await runNode(program.code, { fileName });
      const cwd = '/tmp/looplens-nodelib';
      const predicted = await runInSandbox(program.code, { cwd, fileName: `${cwd}/${fileName}` });
      // 'crash' is the stand-in loop's uncaught exception, which real node also reports (stderr, exit code).
      assert.ok(predicted.stopped === null || predicted.stopped === 'crash', `the sandbox stopped: ${predicted.stopped}\n${predicted.stderr}`);
      assert.deepEqual(splitLines(predicted.stdout), splitLines(real.stdout), 'stdout');
      assert.deepEqual(
        normalizeNodeStderr(predicted.stderr, `${cwd}/${fileName}`),
        normalizeNodeStderr(real.stderr, real.filePath),
        'stderr',
      );
      assert.equal(predicted.exitCode, real.exitCode, 'exit code');
    });
  }
});

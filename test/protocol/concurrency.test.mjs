// Concurrent edits and cancellations (issue 9, item 4): several documents are edited at once while
// every feature is asked about each version without waiting for the answers, and a third of the
// requests are cancelled at random moments. What must hold: every request either answers or is
// cancelled (RequestCancelled, or ContentModified/ServerCancelled for a superseded version), no
// prediction answers for a version older than the one the request was sent after, the server stays
// up, and once the edits stop, each document's diagnostics and prediction are those of its final
// text, as real node runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import fc from 'fast-check';
import { startServer } from './lspClient.mjs';

const DOCUMENTS = 6;
const EDITS = 8;
const SEED = 20261128;
/** The JSON-RPC codes of a request that ended without an answer on purpose. */
const CANCELLED_CODES = new Set([-32800, -32801, -32802]);

/** Version `version` of document `index`: prints a line, then reads a `let` in its TDZ on a line that moves with each edit. */
function textOf(index, version) {
  return `${'// padding\n'.repeat(version % 5)}console.log('doc ${index} version ${version}');\nconsole.log(value${index});\nlet value${index} = ${version};\n`;
}

/** Real node on a text: its stdout lines and the 1-based line of the file where its error was thrown. */
function realNode(file, text) {
  writeFileSync(file, text);
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
  const thrownAt = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(run.stderr);
  return { stdout: run.stdout.split('\n').slice(0, -1), errorLine: thrownAt ? Number(thrownAt[1]) : undefined, stderr: run.stderr };
}

test('concurrent edits of several documents with requests in flight and random cancellations', { timeout: 300_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'looplens-concurrency-'));
  const server = await startServer({ settings: { models: ['node'], budgets: { timeMs: 1000 } }, pullDiagnostics: true });
  const random = fc.sample(fc.integer({ min: 0, max: 999 }), { seed: SEED, numRuns: DOCUMENTS * EDITS * 8 });
  let draw = 0;
  const next = () => random[draw++ % random.length];
  const uris = Array.from({ length: DOCUMENTS }, (_, index) => pathToFileURL(join(folder, `doc${index}.js`)).href);
  const versions = new Array(DOCUMENTS).fill(1);
  const pending = [];
  const outcomes = { answered: 0, cancelled: 0 };
  try {
    uris.forEach((uri, index) => server.open(uri, textOf(index, 1)));
    for (let round = 2; round <= EDITS; round++) {
      for (let index = 0; index < DOCUMENTS; index++) {
        versions[index] = round;
        server.change(uris[index], textOf(index, round));
        const textDocument = { uri: uris[index] };
        const wholeFile = { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } };
        const requests = [
          ['textDocument/diagnostic', { textDocument }],
          ['textDocument/hover', { textDocument, position: { line: round % 5, character: 2 } }],
          ['textDocument/inlayHint', { textDocument, range: wholeFile }],
          ['textDocument/codeAction', { textDocument, range: wholeFile, context: { diagnostics: [] } }],
          ['looplens/predict', { uri: uris[index], models: ['node'] }],
        ];
        for (const [method, params] of requests) {
          const source = new CancellationTokenSource();
          const sentAfterVersion = round;
          const request = server.connection.sendRequest(method, params, source.token).then(
            (answer) => {
              outcomes.answered++;
              if (method === 'looplens/predict' && answer) {
                assert.ok(answer.version >= sentAfterVersion, `${method} on ${params.uri ?? params.textDocument.uri} answered version ${answer.version} after version ${sentAfterVersion} was sent`);
              }
            },
            (error) => {
              assert.ok(CANCELLED_CODES.has(error.code), `${method} failed: ${error.code} ${error.message}`);
              outcomes.cancelled++;
            });
          pending.push(request);
          if (next() < 333) setTimeout(() => source.cancel(), next() % 50);
        }
      }
      // Let some requests overlap the next round's edits, not all of them.
      await new Promise((resolve) => setTimeout(resolve, next() % 40));
    }
    await Promise.all(pending);
    assert.equal(server.child.exitCode, null, `the server is still running (stderr: ${server.stderr.join('')})`);
    console.log(`concurrency: ${pending.length} requests over ${DOCUMENTS} documents x ${EDITS} versions: ${outcomes.answered} answered, ${outcomes.cancelled} cancelled`);

    // Settled: each document's diagnostics and prediction describe its final text, as real node runs it.
    for (let index = 0; index < DOCUMENTS; index++) {
      const finalText = textOf(index, versions[index]);
      const real = realNode(join(folder, `doc${index}.js`), finalText);
      assert.ok(real.errorLine, `real node throws on the final text: ${real.stderr}`);
      const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uris[index] } });
      const errors = report.items.filter((diagnostic) => diagnostic.severity === 1);
      assert.deepEqual(errors.map((diagnostic) => diagnostic.range.start.line + 1), [real.errorLine], `doc ${index}: ${JSON.stringify(report.items)}`);
      const prediction = await server.connection.sendRequest('looplens/predict', { uri: uris[index], models: ['node'] });
      assert.equal(prediction.version, versions[index]);
      assert.deepEqual(prediction.result.models.node.output.filter((line) => line.stream === 'stdout').map((line) => line.text), real.stdout);
    }
  } finally {
    const code = await server.stop();
    rmSync(folder, { recursive: true, force: true });
    assert.equal(code, 0, 'the server shut down cleanly');
  }
});

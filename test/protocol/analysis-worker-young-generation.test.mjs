// Before a document is parsed in full, the analysis worker empties its young generation when the
// check would not fit in what is left of it (analysisWorker.ts, makeRoomForFullParse), so that no
// scavenge copies the half-built tree. An edit of a document whose tree is kept is parsed
// incrementally, allocates little, and must not pay for a collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLargeFile } from '../../scripts/bench/generate-workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { AnalysisWorkerClient } = require(join(root, 'dist/test/analysis-worker.js'));
const { DEFAULT_SETTINGS } = require(join(root, 'dist/test/features.js'));

test('full parses of large documents make room in the young generation; edits do not collect', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'looplens-young-'));
  const client = new AnalysisWorkerClient(join(root, 'dist/server.js'), () => {});
  const text = generateLargeFile({ lines: 5000 });
  const scope = { root: folder, filter: DEFAULT_SETTINGS.cycles, openFiles: {} };
  // No worker runs before the first request (stats are null then): nothing collected yet.
  const collections = async () => (await client.stats(false))?.collectionsBeforeParse.count ?? 0;
  try {
    // Each check of the file allocates ~12 MB of a young generation of ~16 MB, so most new documents
    // find too little room. How much is left also depends on when V8 scavenges on its own (a task it
    // schedules while the worker is idle), so the test asks for at least one collection in four.
    const before = await collections();
    for (const name of ['first.js', 'second.js', 'third.js', 'fourth.js']) await client.analyze(join(folder, name), text, {}, scope);
    const afterFull = await collections();
    assert.ok(afterFull > before, `full parses of new documents collected ${afterFull - before} times`);
    let edited = text;
    for (let edit = 0; edit < 3; edit++) {
      edited = edited.replace('\n', `\nconsole.log(${edit});\n`);
      await client.analyze(join(folder, 'fourth.js'), edited, {}, scope);
    }
    assert.equal(await collections(), afterFull, 'incremental parses of the kept tree collect nothing');
  } finally {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the server, started as the client starts it, gives its analysis worker more young generation than the main thread', async () => {
  // The client starts the server with --max-semi-space-size=2 (SERVER_EXEC_ARGV, which startServer
  // passes too). V8 applied that flag to the analysis worker as well, over its resourceLimits, so its
  // young generation stayed at 4 MB: checks of large files then scavenged in the middle and took up
  // to twice as long as the benchmark measured (session 11). The server clears the flag once started.
  // V8 grows a young generation only while allocation is fast and much survives, which checking a
  // 5,000-line file gives; the limit it grows to is ANALYSIS_WORKER_RESOURCE_LIMITS.
  const { startServer, repoRoot: serverRoot } = await import('./lspClient.mjs');
  const { pathToFileURL } = await import('node:url');
  const server = await startServer({ settings: { debounceMs: 0 }, env: { LOOPLENS_ANALYSIS_WARM_UP_ROUNDS: '0' } });
  try {
    const text = generateLargeFile({ lines: 5000 });
    let youngGenerationMb = 0;
    for (let round = 0; round < 3 && youngGenerationMb <= 4; round++) {
      const uri = pathToFileURL(join(serverRoot, `young-generation-${round}.js`)).href;
      const published = server.waitForDiagnostics(uri, undefined, 60_000);
      server.open(uri, text);
      await published;
      youngGenerationMb = (await server.connection.sendRequest('looplens/debugStats', {})).analysis?.youngGenerationMb ?? 0;
      server.close(uri);
    }
    assert.ok(youngGenerationMb > 4, `the analysis worker's young generation is ${youngGenerationMb} MB after checks of a 5,000-line file`);
  } finally {
    await server.stop();
  }
});

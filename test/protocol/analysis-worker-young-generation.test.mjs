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

test('a full parse of a large document starts with room in the young generation; an edit does not collect', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'looplens-young-'));
  const client = new AnalysisWorkerClient(join(root, 'dist/server.js'), () => {});
  const text = generateLargeFile({ lines: 5000 });
  const scope = { root: folder, filter: DEFAULT_SETTINGS.cycles, openFiles: {} };
  const collections = async () => (await client.stats(false)).collectionsBeforeParse.count;
  try {
    await client.analyze(join(folder, 'first.js'), text, {}, scope);
    const afterFirst = await collections();
    // The first document's check left ~12 MB in a young generation of ~16 MB: a second one does not fit.
    await client.analyze(join(folder, 'second.js'), text, {}, scope);
    const afterSecond = await collections();
    assert.equal(afterSecond, afterFirst + 1, 'the second full parse was preceded by one collection');
    await client.analyze(join(folder, 'second.js'), text.replace('\n', '\nconsole.log(0);\n'), {}, scope);
    assert.equal(await collections(), afterSecond, 'an incremental parse of the kept tree collects nothing');
  } finally {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

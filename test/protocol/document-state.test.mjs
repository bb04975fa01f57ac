// The language server keeps per-document state (debounce timer, prediction, source scan, findings,
// cycle hazards, pulled settings, the analysis worker's unsaved buffers) only while a document is
// open. This test opens and closes 200 documents, some of them closed while their work is still in
// flight, and asks the server through `looplens/debugStats` what it still holds: a leak fails here
// instead of only showing up as memory growth in the benchmark's soak.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './lspClient.mjs';

const DOCUMENTS = 200;
/** Documents that also get a prediction (each prepares an engine context: a few hundred ms of CPU). */
const PREDICTED = 2;

/**
 * A small module over 1 KB (the test sets `maxFileSizeKb` to 1 so that typing does not start 200
 * predictions): it requires its partner (pairs of modules in a cycle, so the module graph has
 * hazards to report while a prediction loads only two modules) and has a TDZ read.
 */
function moduleText(index) {
  const next = index ^ 1;
  return [
    `const neighbour${index} = require('./m${next}.js');`,
    `setTimeout(() => console.log('timeout ${index}'), 0);`,
    `Promise.resolve().then(() => console.log('micro ${index}', value));`,
    `console.log(typeof neighbour${index});`,
    `let value = ${index};`,
    `module.exports = { value };`,
    `// ${'padding '.repeat(140)}`,
    '',
  ].join('\n');
}

/** The server's per-document state and heaps; `collectGarbage` so the heaps count retained objects only. */
async function debugStats(server) {
  return server.connection.sendRequest('looplens/debugStats', { collectGarbage: true });
}

async function statsWhen(server, accept, timeoutMs) {
  const started = Date.now();
  let stats = await debugStats(server);
  while (!accept(stats) && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    stats = await debugStats(server);
  }
  return stats;
}

test('opening and closing 200 documents leaves no per-document state behind', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-document-state-'));
  const documents = [];
  for (let index = 0; index < DOCUMENTS; index++) {
    const file = path.join(dir, `m${index}.js`);
    const text = moduleText(index);
    fs.writeFileSync(file, text);
    documents.push({ uri: pathToFileURL(file).href, text });
  }
  const server = await startServer({ rootDir: dir, settings: { models: ['node'], debounceMs: 20, maxFileSizeKb: 1 } });
  try {
    // The analysis worker starts with the server and practises while idle (analysisWorker.ts): wait
    // until that warm-up is done, so the baseline includes its heap and it cannot resume later and
    // count as growth.
    const baseline = await statsWhen(server, (stats) => stats.analysis?.warmUp?.state === 'done', 30_000);
    for (const { uri, text } of documents) {
      await server.open(uri, text);
      await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    }
    await Promise.all(documents.map(({ uri }) => server.waitForDiagnostics(uri, () => true, 90_000)));
    for (const { uri } of documents.slice(0, PREDICTED)) {
      const prediction = await server.connection.sendRequest('looplens/predict', { uri });
      assert.ok(prediction?.result?.models?.node, `a prediction for ${uri}`);
    }

    // The probe sees the state while the documents are open, so a broken probe cannot pass below.
    const open = await debugStats(server);
    assert.equal(open.openDocuments, DOCUMENTS);
    assert.equal(open.documentStates, DOCUMENTS);
    assert.ok(open.settingsCacheEntries >= DOCUMENTS, `settings are cached per open document (${open.settingsCacheEntries})`);
    assert.equal(open.analysis?.openFilesInGraphs, DOCUMENTS, 'the module graph holds the open buffers');
    // The engine worker's prepared contexts are bounded (worker.ts keeps at most four), each a wasm
    // memory that never shrinks plus the snapshot copied from it.
    assert.ok(open.engine, 'the engine worker reports its memory');
    assert.ok(open.engine.preparedContexts.length >= 1 && open.engine.preparedContexts.length <= 4, `prepared contexts: ${JSON.stringify(open.engine.preparedContexts)}`);
    for (const context of open.engine.preparedContexts) assert.ok(context.snapshotMb > 0 && context.snapshotMb <= context.memoryMb, `a context's snapshot is part of its memory: ${JSON.stringify(context)}`);

    // Half of the documents are edited just before closing, long enough before for their debounce
    // to fire, so their analysis and diagnostics are still in flight when they close: the work must
    // not bring their state back when it finishes.
    documents.forEach(({ uri, text }, index) => {
      if (index % 2 === 0) server.change(uri, text + `console.log(${index});\n`);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const { uri } of documents) server.close(uri);
    const closed = await statsWhen(server, (stats) => stats.documentStates === 0 && stats.analysis?.openFilesInGraphs === 0, 30_000);
    // Work that was in flight at close time settles within the debounce and one analysis.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await debugStats(server);
    for (const stats of [closed, settled]) {
      assert.equal(stats.openDocuments, 0);
      assert.equal(stats.documentStates, 0, 'no document state survives its close');
      assert.ok(stats.settingsCacheEntries <= 1, `only the workspace folder's settings stay cached (${stats.settingsCacheEntries})`);
      assert.equal(stats.analysis?.openFilesInGraphs, 0, 'the module graph went back to the files on disk');
      assert.equal(stats.analysis?.folderGraphs, 1);
    }
    // Retained heap after a full collection, against the same before the documents opened. The
    // module graph keeps each module's facts (bounded by the workspace, not by edits): well under
    // the margin for 200 small modules, where 200 kept syntax trees or predictions would exceed it.
    const MARGIN_MB = 12;
    assert.ok(settled.main.heapUsedMb <= baseline.main.heapUsedMb + MARGIN_MB, `main heap ${baseline.main.heapUsedMb} -> ${settled.main.heapUsedMb} MB`);
    assert.ok(settled.analysis.heapUsedMb <= baseline.analysis.heapUsedMb + MARGIN_MB, `analysis heap ${baseline.analysis.heapUsedMb} -> ${settled.analysis.heapUsedMb} MB`);
    console.log(`retained heap: main ${baseline.main.heapUsedMb} -> ${settled.main.heapUsedMb} MB, analysis ${baseline.analysis.heapUsedMb} -> ${settled.analysis.heapUsedMb} MB, engine ${settled.engine?.heapUsedMb} MB + ${settled.engine?.externalMb} MB external`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

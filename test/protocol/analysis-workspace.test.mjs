// Re-analysis speed of the language server in a generated 2,000-module workspace
// (scripts/bench/generate-workspace.mjs): the first analysis of a module builds the folder's
// module graph; a one-line edit afterwards re-reads only that module. Measured end to end over
// LSP, from didChange to the publishDiagnostics of the new version (debounce 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace } from '../../scripts/bench/generate-workspace.mjs';
import ts from 'typescript';
import * as core from '../../dist/core.js';
import { startServer } from './lspClient.mjs';

test('a one-line edit in a 2,000-module workspace is re-analysed (timings printed), hazards kept', async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-ws2000-')));
  // Seed 5: at 2,000 modules the default seed closes only harmless cycles; this one has load-time hazards.
  const files = generateWorkspace(root, { count: 2000, seed: 5 });
  // The subject: a module with a load-time cycle hazard of its own, found by the analysis core on the whole workspace.
  const host = { readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined), fileExists: (p) => fs.existsSync(p), listFiles: () => files };
  const workspaceFindings = core.checkPaths(ts, files, host);
  const file = workspaceFindings.find((finding) => finding.code === 'circular-import-load-time')?.file;
  assert.ok(file, 'the generated workspace has a load-time hazard');
  // What the whole workspace's graph reads in the subject: the server's graph holds the whole
  // workspace once its background scan has finished, and must then say the same.
  const expectedHazards = workspaceFindings
    .filter((finding) => finding.file === file && finding.kind === 'circular-import' && finding.severity !== 'hint')
    .map((finding) => `${finding.line - 1}`).sort();
  const uri = pathToFileURL(file).href;
  const text = fs.readFileSync(file, 'utf8');
  const server = await startServer({ rootDir: root, settings: { debounceMs: 0, models: ['node'] } });
  try {
    let started = performance.now();
    await server.open(uri, text);
    const cold = await server.waitForDiagnostics(uri, (p) => p.version === 1, 60000);
    const coldMs = performance.now() - started;
    const hazards = (params) => params.diagnostics.filter((d) => /^LL2\d{3}$/.test(d.code)).map((d) => `${d.code}@${d.range.start.line}`);
    assert.ok(hazards(cold).length > 0, JSON.stringify(cold.diagnostics));

    // Meanwhile the workspace scan adds every module to the graph. Until it has, the graph knows only
    // what the subject reaches, so the cycle's entries (the members its outside importers load first)
    // may differ, and so may the hazards: the edits below are measured on the finished graph.
    const scanDone = new RegExp(`^\\[workspace scan\\] ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [\\d,]+ files in`);
    const scanDeadline = performance.now() + 120000;
    while (!server.logs.some((log) => scanDone.test(log.message))) {
      assert.ok(performance.now() < scanDeadline, `the workspace scan finished: ${server.logs.map((log) => log.message).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const timings = [];
    let edited = text;
    let scanned;
    for (let version = 2; version <= 6; version++) {
      edited += `// edit ${version}\n`;
      started = performance.now();
      await server.change(uri, edited);
      const warm = await server.waitForDiagnostics(uri, (p) => p.version === version, 30000);
      timings.push(performance.now() - started);
      if (!scanned) {
        scanned = hazards(warm);
        assert.deepEqual(scanned.map((hazard) => hazard.split('@')[1]).sort(), expectedHazards, 'the scanned graph reads the hazards the whole workspace has');
      }
      // Comments change no import: the hazards stay exactly where they were.
      assert.deepEqual(hazards(warm), scanned);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)];
    console.log(`2,000 modules: first analysis ${coldMs.toFixed(0)} ms (graph build), one-line edit median ${median.toFixed(0)} ms (of ${timings.map((t) => t.toFixed(0)).join(', ')})`);
    // No bound on the time here (speed is the bench's, never a test's): the printed numbers are the measurement.
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

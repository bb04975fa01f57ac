// A workspace scan step of the analysis worker is bounded by time even inside one file's imports:
// ModuleGraph.addReachableFrom, given a `stop` question, ends after the module it just loaded and
// returns what it still had to visit, and passing that back goes on. These cases check, on a
// generated 2,000-module workspace with load-time hazards, that a scan made one module at a time
// ends with the same graph and the same cycle findings as one made all at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { generateWorkspace } from '../../scripts/bench/generate-workspace.mjs';

const require = createRequire(import.meta.url);
const { ModuleGraph } = require('../../dist/core.js');
const ts = require('typescript');

const diskHost = {
  readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
  fileExists: (file) => fs.existsSync(file),
};

test('a scan made one module at a time (the backlog passed back) ends with the graph and findings of one made at once', () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-backlog-')));
  try {
    // Seed 5: at 2,000 modules this workspace has load-time hazards (see analysis-workspace.test.mjs).
    const files = generateWorkspace(root, { count: 2000, seed: 5 });
    const atOnce = new ModuleGraph(ts, diskHost);
    assert.deepEqual(atOnce.addReachableFrom(files), [], 'without stop nothing is left to visit');

    const stepwise = new ModuleGraph(ts, diskHost);
    let backlog = [];
    let calls = 0;
    let longestLoad = 0;
    for (let taken = 0; taken < files.length || backlog.length > 0; calls++) {
      const before = stepwise.size;
      // As the worker does: the backlog first; a file only when it is empty. Stop after every module.
      backlog = stepwise.addReachableFrom(backlog.length > 0 ? backlog : [files[taken++]], () => true);
      longestLoad = Math.max(longestLoad, stepwise.size - before);
      assert.ok(calls < 10 * files.length, 'the stepwise scan ends');
    }
    assert.equal(longestLoad, 1, 'a stopped call loads one module at most');
    assert.ok(calls > files.length, `some files' imports were spread over several calls (${calls} calls for ${files.length} files)`);
    assert.equal(stepwise.size, atOnce.size);
    const findings = (graph) => graph.cycleFindings().map((finding) => `${finding.file}:${finding.line}:${finding.code}`).sort();
    const expected = findings(atOnce);
    assert.ok(expected.some((finding) => finding.endsWith(':circular-import-load-time')), 'the workspace has load-time hazards');
    assert.deepEqual(findings(stepwise), expected);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

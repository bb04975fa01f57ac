// The language server's background scan of each workspace folder for import cycles, over real LSP
// (`node dist/server.js --stdio`): modules that no open document imports join the folder's module
// graph, so a hazard that exists only when the cycle is entered from such a module is reported; the
// scan shows work-done progress, stops when the progress is cancelled, and stops at
// looplens.cycles.maxScanFiles in a huge folder; watched-file events keep the scanned graph current.
// Whether a program throws is measured with real node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, startServer } from './lspClient.mjs';

const zhCn = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));

// a.mjs and c.mjs import each other. Entered through a.mjs (d.mjs's way), c.mjs reads nothing of
// a.mjs while loading, so the cycle is harmless. Entered through c.mjs (b.mjs's way), a.mjs reads c
// while c.mjs is still loading: a ReferenceError. Only b.mjs, which nothing imports, enters that way.
const files = {
  'd.mjs': "import { a } from './a.mjs';\nconsole.log('d sees', a);\n",
  'a.mjs': "import { c } from './c.mjs';\nexport const a = 'A';\nconsole.log('a reads', c);\n",
  'c.mjs': "import { a } from './a.mjs';\nexport const c = 'C';\nexport function later() {\n  return a;\n}\n",
  'b.mjs': "import { later } from './c.mjs';\nconsole.log(later());\n",
};

/** Settings for the fake editor: no prediction noise, diagnostics at once. */
const quiet = { debounceMs: 0, models: ['node'] };
/** No analysis warm-up: the scan starts right after the server does. */
const noWarmUp = { LOOPLENS_ANALYSIS_WARM_UP_ROUNDS: '0' };

/** A fresh workspace folder with the given files; returns its root and each file's path and URI. */
function workspace(entries) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-scan-')));
  const result = { root };
  for (const [name, text] of Object.entries(entries)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    result[name] = { file, uri: pathToFileURL(file).href, text };
  }
  return result;
}

/** A folder of `count` modules without imports, in subfolders of 100. */
function manyModules(count) {
  const entries = {};
  for (let i = 0; i < count; i++) entries[`m${Math.floor(i / 100)}/mod${i}.mjs`] = `export const value${i} = ${i};\n`;
  return workspace(entries);
}

/** Records the server's $/progress notifications (vscode-jsonrpc hands them to the unhandled-progress event, not to notification handlers). */
function recordProgress(server) {
  const events = [];
  const waiters = [];
  server.connection.onUnhandledProgress(({ token, value }) => {
    events.push({ token, ...value });
    for (const waiter of [...waiters]) {
      if (waiter.accept(value)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve({ token, ...value });
      }
    }
  });
  return {
    events,
    /** The first progress event `accept` likes, already received or still to come. */
    next(accept, timeoutMs = 20000) {
      const seen = events.find(accept);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such progress within ${timeoutMs} ms: ${JSON.stringify(events)}`)), timeoutMs);
        waiters.push({ accept, resolve: (value) => { clearTimeout(timer); resolve(value); } });
      });
    },
  };
}

/** The files count of a report message ("1,234 / 5,678 files", or the form `template` gives), as numbers. */
function countsOf(report, template = '{0} / {1} files') {
  const pattern = template.replaceAll('/', '\\/').replace('{0}', '([\\d,]+)').replace('{1}', '([\\d,]+)');
  const match = new RegExp(`^${pattern}$`).exec(report?.message ?? '');
  return match ? [Number(match[1].replaceAll(',', '')), Number(match[2].replaceAll(',', ''))] : undefined;
}

// The rule's descriptive name travels in the diagnostic's data; the code shown is its stable id (LL2xxx).
const hazardsOf = (params) => params.diagnostics.filter((d) => d.data?.code === 'circular-import-load-time');

async function modulesInGraphs(server) {
  const stats = await server.connection.sendRequest('looplens/debugStats', {});
  return stats.analysis?.modulesInGraphs;
}

test('a hazard entered only through an unopened module is found by the scan, with progress', async () => {
  const ws = workspace(files);
  // Real node: entered through b.mjs the cycle throws in a.mjs at the line reading c; through d.mjs it runs.
  const throughB = spawnSync(process.execPath, [ws['b.mjs'].file], { encoding: 'utf8' });
  assert.notEqual(throughB.status, 0);
  assert.match(throughB.stderr, /ReferenceError: Cannot access 'c' before initialization/);
  const thrownAt = new RegExp(`${ws['a.mjs'].file.replaceAll('\\', '\\\\').replaceAll('.', '\\.')}:(\\d+)`).exec(throughB.stderr);
  assert.ok(thrownAt, throughB.stderr);
  const throughD = spawnSync(process.execPath, [ws['d.mjs'].file], { encoding: 'utf8' });
  assert.equal(throughD.status, 0, throughD.stderr);

  const open = async (server) => {
    await server.open(ws['d.mjs'].uri, files['d.mjs']);
    await server.open(ws['a.mjs'].uri, files['a.mjs']);
  };
  try {
    // The scan off: the graph holds the open files and their imports only, where the cycle looks harmless.
    const unscanned = await startServer({ rootDir: ws.root, settings: { ...quiet, cycles: { maxScanFiles: 0 } }, env: noWarmUp });
    try {
      await open(unscanned);
      const diagnostics = await unscanned.waitForDiagnostics(ws['a.mjs'].uri, (p) => p.version === 1);
      assert.deepEqual(hazardsOf(diagnostics), []);
    } finally {
      await unscanned.stop();
    }

    const server = await startServer({ rootDir: ws.root, settings: quiet, env: noWarmUp });
    const progress = recordProgress(server);
    try {
      await open(server);
      const found = await server.waitForDiagnostics(ws['a.mjs'].uri, (p) => hazardsOf(p).length > 0, 20000);
      const [hazard] = hazardsOf(found);
      assert.equal(hazard.range.start.line + 1, Number(thrownAt[1]), 'reported at the line real node throws at');
      assert.match(hazard.message, /c\.mjs/, 'names the entry that breaks');

      const begin = await progress.next((value) => value.kind === 'begin');
      assert.equal(begin.title, 'Scanning for import cycles');
      assert.equal(begin.cancellable, true);
      await progress.next((value) => value.kind === 'end');
      const reports = progress.events.filter((event) => event.kind === 'report');
      assert.deepEqual(countsOf(reports.at(-1)), [4, 4], JSON.stringify(reports));
      assert.equal(reports.at(-1).percentage, 100);
      assert.ok(progress.events.every((event) => event.token === begin.token));

      // After the scan, the file watcher keeps the graph current: with b.mjs deleted, no module enters through c.mjs.
      fs.rmSync(ws['b.mjs'].file);
      await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws['b.mjs'].uri, type: 3 }] });
      await server.waitForDiagnostics(ws['a.mjs'].uri, (p) => hazardsOf(p).length === 0, 20000);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});

test('cancelling the progress stops the scan', async () => {
  const ws = manyModules(3000);
  const server = await startServer({ rootDir: ws.root, settings: quiet, env: noWarmUp });
  const progress = recordProgress(server);
  try {
    const begin = await progress.next((value) => value.kind === 'begin');
    await server.connection.sendNotification('window/workDoneProgress/cancel', { token: begin.token });
    await progress.next((value) => value.kind === 'end');
    const reports = progress.events.filter((event) => event.kind === 'report').map(countsOf);
    const scanned = reports.at(-1)?.[0] ?? 0;
    assert.ok(scanned < 3000, `stopped early: ${JSON.stringify(reports)}`);
    const modules = await modulesInGraphs(server);
    assert.ok(modules !== undefined && modules < 3000, `modules in the graph: ${modules}`);
    // Stopped for good: no step goes on after the end.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await modulesInGraphs(server), modules);
  } finally {
    await server.stop();
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});

test('a huge folder is scanned up to looplens.cycles.maxScanFiles, and a symbolic link loop is not followed (progress in zh-cn)', async () => {
  const ws = manyModules(400);
  fs.symlinkSync(ws.root, path.join(ws.root, 'm0', 'loop'), 'dir');
  const server = await startServer({ rootDir: ws.root, locale: 'zh-cn', settings: { ...quiet, cycles: { maxScanFiles: 50 } }, env: noWarmUp });
  const progress = recordProgress(server);
  try {
    const begin = await progress.next((value) => value.kind === 'begin');
    assert.equal(begin.title, zhCn['Scanning for import cycles']);
    await progress.next((value) => value.kind === 'end');
    const reports = progress.events.filter((event) => event.kind === 'report');
    assert.deepEqual(countsOf(reports.at(-1), zhCn['{0} / {1} files']), [50, 50], JSON.stringify(reports));
    assert.equal(await modulesInGraphs(server), 50);
  } finally {
    await server.stop();
    fs.rmSync(ws.root, { recursive: true, force: true });
  }
});

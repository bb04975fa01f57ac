// The language server's cross-file analysis glue, over real LSP (`node dist/server.js --stdio`):
// one module graph per workspace folder, open buffers over the disk, diagnostics of the other open
// documents re-published when an edit changes their cycle hazards, watched-file events, the
// looplens.cycles.exclude setting, and TDZ errors confirmed by the prediction. Whether a program
// throws is measured with real node on the same texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './lspClient.mjs';

const aText = "import { b } from './b.mjs';\nexport const a = 'A';\nconsole.log(b);\n";
const bText = "import { a } from './a.mjs';\nexport const b = 'B' + a;\n";
const aShifted = '// one\n// two\n' + aText;
const aWithoutCycle = "export const a = 'A';\n";

/** A fresh workspace folder with the given files; returns paths and URIs. */
function workspace(files) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-ws-')));
  const entries = {};
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    entries[name] = { file, uri: pathToFileURL(file).href, text };
  }
  return { root, ...entries };
}

/** Real node on a.mjs (the entry that makes b.mjs's read the hazard): the ReferenceError it prints, or null when it runs cleanly. */
function realNodeError(aSource) {
  const ws = workspace({ 'a.mjs': aSource, 'b.mjs': bText });
  const run = spawnSync(process.execPath, [ws['a.mjs'].file], { encoding: 'utf8' });
  return run.status === 0 ? null : (run.stderr.split('\n').find((line) => line.startsWith('ReferenceError')) ?? run.stderr);
}

const cycleDiagnostics = (params) => params.diagnostics.filter((d) => d.code === 'LL2001');

test('a cross-file cycle hazard appears, follows an edit of the other file, and goes when the cycle is broken', async () => {
  assert.match(realNodeError(aText), /ReferenceError: Cannot access 'a' before initialization/);
  assert.match(realNodeError(aShifted), /ReferenceError: Cannot access 'a' before initialization/);
  assert.equal(realNodeError(aWithoutCycle), null);

  const ws = workspace({ 'a.mjs': aText, 'b.mjs': bText });
  const server = await startServer({ rootDir: ws.root });
  try {
    await server.open(ws['a.mjs'].uri, aText);
    await server.open(ws['b.mjs'].uri, bText);
    const first = await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length > 0);
    const [hazard] = cycleDiagnostics(first);
    assert.equal(hazard.range.start.line, 1, 'reported at the reading line in b.mjs');
    const declaration = hazard.relatedInformation.find((r) => r.location.uri === ws['a.mjs'].uri && r.message.includes("'a'"));
    assert.equal(declaration?.location.range.start.line, 1, JSON.stringify(hazard.relatedInformation));

    // Only a.mjs changes; b.mjs is re-published because its hazard now points two lines lower.
    await server.change(ws['a.mjs'].uri, aShifted);
    const moved = await server.waitForDiagnostics(ws['b.mjs'].uri, (p) =>
      cycleDiagnostics(p).some((d) => d.relatedInformation.some((r) => r.location.uri === ws['a.mjs'].uri && r.location.range.start.line === 3)));
    assert.equal(cycleDiagnostics(moved).length, 1);

    await server.change(ws['a.mjs'].uri, aWithoutCycle);
    const cleared = await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length === 0);
    assert.deepEqual(cycleDiagnostics(cleared), []);
  } finally {
    await server.stop();
  }
});

test('a watched-file event for a module that is not open updates the open document', async () => {
  const ws = workspace({ 'a.mjs': aText, 'b.mjs': bText });
  const server = await startServer({ rootDir: ws.root });
  try {
    await server.open(ws['b.mjs'].uri, bText);
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length > 0);
    fs.writeFileSync(ws['a.mjs'].file, aWithoutCycle);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws['a.mjs'].uri, type: 2 }] });
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length === 0);
    // Deleting a.mjs and creating it again with the cycle brings the hazard back.
    fs.writeFileSync(ws['a.mjs'].file, aText);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ws['a.mjs'].uri, type: 1 }] });
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length > 0);
  } finally {
    await server.stop();
  }
});

test('looplens.cycles.exclude keeps a module out of the graph', async () => {
  const ws = workspace({ 'a.mjs': aText, 'b.mjs': bText, 'ok.js': 'console.log(1);\n' });
  const server = await startServer({ rootDir: ws.root, settings: { cycles: { exclude: ['**/a.mjs'] } } });
  try {
    await server.open(ws['b.mjs'].uri, bText);
    // A file in the same folder is analysed after b.mjs by the same worker: once it has diagnostics, b.mjs's are final.
    await server.open(ws['ok.js'].uri, 'console.log(1);\n');
    await server.waitForDiagnostics(ws['ok.js'].uri);
    const published = await server.waitForDiagnostics(ws['b.mjs'].uri);
    assert.deepEqual(cycleDiagnostics(published), []);
  } finally {
    await server.stop();
  }
});

test('a TDZ error is confirmed by the node model, with the error real node prints', async () => {
  const text = 'function read() {\n  return value;\n}\nconsole.log(read());\nlet value = 1;\n';
  const ws = workspace({ 'tdz.js': text });
  const real = spawnSync(process.execPath, [ws['tdz.js'].file], { encoding: 'utf8' });
  const realError = real.stderr.split('\n').find((line) => line.startsWith('ReferenceError'));
  assert.ok(realError);
  const server = await startServer({ rootDir: ws.root });
  try {
    await server.open(ws['tdz.js'].uri, text);
    const published = await server.waitForDiagnostics(ws['tdz.js'].uri, (p) => p.diagnostics.some((d) => d.message.includes('Confirmed:')), 30000);
    const confirmed = published.diagnostics.find((d) => d.message.includes('Confirmed:'));
    assert.equal(confirmed.severity, 1);
    assert.ok(confirmed.message.endsWith(`Confirmed: the node model throws here (${realError}).`), confirmed.message);
  } finally {
    await server.stop();
  }
});

test('closing an unsaved buffer puts the file on disk back into the graph', async () => {
  const ws = workspace({ 'a.mjs': aText, 'b.mjs': bText });
  const server = await startServer({ rootDir: ws.root });
  try {
    await server.open(ws['a.mjs'].uri, aText);
    await server.open(ws['b.mjs'].uri, bText);
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length > 0);
    // Unsaved: the buffer breaks the cycle, the disk still has it.
    await server.change(ws['a.mjs'].uri, aWithoutCycle);
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length === 0);
    await server.close(ws['a.mjs'].uri);
    await server.waitForDiagnostics(ws['b.mjs'].uri, (p) => cycleDiagnostics(p).length > 0);
  } finally {
    await server.stop();
  }
});

test('a pull client is asked to refresh when an edit changes another document’s hazards', async () => {
  const ws = workspace({ 'a.mjs': aText, 'b.mjs': bText });
  const server = await startServer({ rootDir: ws.root, pullDiagnostics: true });
  let refreshes = 0;
  server.connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    return null;
  });
  const pull = async (uri) => (await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })).items;
  try {
    await server.open(ws['a.mjs'].uri, aText);
    await server.open(ws['b.mjs'].uri, bText);
    assert.equal((await pull(ws['b.mjs'].uri)).filter((d) => d.code === 'LL2001').length, 1);
    const before = refreshes;
    await server.change(ws['a.mjs'].uri, aWithoutCycle);
    // The edit of a.mjs is analysed when a.mjs is pulled (or its debounce fires); b.mjs then needs a refresh.
    await pull(ws['a.mjs'].uri);
    const deadline = Date.now() + 15000;
    while (refreshes === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(refreshes > before, 'workspace/diagnostic/refresh was requested');
    assert.deepEqual((await pull(ws['b.mjs'].uri)).filter((d) => d.code === 'LL2001'), []);
  } finally {
    await server.stop();
  }
});

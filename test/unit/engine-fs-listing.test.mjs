// fs.readdir / fs.stat of workspace directories (EngineHost.listDirectory). The expected output is
// measured: the same program runs with the real node over the same fixture folder. Listings stop
// at the workspace: a path that climbs out with `..`, an absolute path elsewhere and a symbolic
// link pointing outside list nothing of the machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Predictor, listWorkspaceDirectory } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');

const LISTING_PROGRAM = `const fs = require('fs');
const path = require('path');
console.log(fs.readdirSync('.'));
console.log(fs.readdirSync('data'));
console.log(fs.readdirSync('data', { withFileTypes: true }).map((entry) => entry.name + ':' + (entry.isDirectory() ? 'dir' : 'file')));
console.log(fs.statSync('data').isDirectory(), fs.statSync('data/a.txt').isFile(), fs.existsSync('data/nested'), fs.existsSync('data/none'));
fs.writeFileSync('data/written.txt', 'in memory');
console.log(fs.readdirSync('data'));
fs.unlinkSync('data/a.txt');
console.log(fs.readdirSync('data'));
fs.readdir('data/nested', (error, names) => console.log('callback', error, names));
fs.promises.readdir(path.join(__dirname, 'data')).then((names) => console.log('promise', names));
fs.stat('data/nested', (error, stat) => console.log('stat callback', error, stat.isDirectory()));
for (const attempt of ['missing', 'data/b.json']) {
  try {
    fs.readdirSync(attempt);
  } catch (error) {
    console.log(error.code, error.syscall, error.path);
  }
}
console.log('sync end');
`;

const ESCAPE_PROGRAM = `const fs = require('fs');
for (const where of ['..', '../outside', 'link', require('path').resolve(__dirname, '../outside'), __dirname + '/../outside']) {
  try {
    console.log(where, fs.readdirSync(where).filter((name) => name !== 'ws'));
  } catch (error) {
    console.log(where, error.code);
  }
}
`;

let root;
let predictor;

/**
 * A fresh copy of the fixture: <root>/<name>/ws (the workspace) and <root>/<name>/outside, with
 * ws/link pointing there when `withLink` (the listing does not model symbolic links themselves).
 */
function fixture(name, program, withLink = false) {
  const base = join(root, name);
  const workspace = join(base, 'ws');
  mkdirSync(join(workspace, 'data', 'nested'), { recursive: true });
  mkdirSync(join(base, 'outside'), { recursive: true });
  writeFileSync(join(workspace, 'notes.txt'), 'notes');
  writeFileSync(join(workspace, 'data', 'a.txt'), 'a');
  writeFileSync(join(workspace, 'data', 'b.json'), '{}');
  writeFileSync(join(workspace, 'data', 'nested', 'c.txt'), 'c');
  writeFileSync(join(base, 'outside', 'secret-outside.txt'), 'secret');
  if (withLink) symlinkSync(join(base, 'outside'), join(workspace, 'link'));
  writeFileSync(join(workspace, 'main.js'), program);
  return workspace;
}

function runRealNode(workspace) {
  const env = { ...process.env };
  for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'NO_COLOR', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD']) delete env[name];
  const run = spawnSync(process.execPath, [join(workspace, 'main.js')], { cwd: workspace, env, encoding: 'utf8', timeout: 20_000 });
  return { stdout: run.stdout.split('\n').filter((line, index, lines) => index < lines.length - 1 || line !== ''), exitCode: run.status };
}

async function predict(workspace) {
  const fileName = join(workspace, 'main.js');
  const host = {
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    listDirectory: (path) => listWorkspaceDirectory([workspace], path),
  };
  const result = await predictor.predict({ fileName, text: readFileSync(fileName, 'utf8'), models: ['node'] }, host);
  const model = result.models.node;
  return { stdout: model.output.filter((line) => line.stream === 'stdout').flatMap((line) => line.text.replace(/\n$/, '').split('\n')), exitCode: model.exitCode, stopped: model.stopped, notes: model.notes ?? [] };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'looplens-fs-listing-'));
  predictor = new Predictor({ ts });
});

after(async () => {
  await predictor?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('readdir and stat of workspace folders print what real node prints over the same folder', async () => {
  // The prediction first: real node then writes and deletes in its own copy.
  const predicted = await predict(fixture('predicted', LISTING_PROGRAM));
  const real = runRealNode(fixture('real', LISTING_PROGRAM));
  assert.equal(predicted.stopped, null);
  assert.deepEqual(predicted.stdout, real.stdout);
  assert.deepEqual(predicted.notes.filter((note) => String(note).includes('fs.readdir')), []);
  assert.equal(predicted.exitCode, real.exitCode);
});

test('listings stop at the workspace: .., absolute paths and symbolic links list nothing outside it', async () => {
  const workspace = fixture('escape', ESCAPE_PROGRAM, true);
  const predicted = await predict(workspace);
  const real = runRealNode(workspace);
  // Real node does see outside (the fixture is meaningful), the prediction must not.
  assert.ok(real.stdout.some((line) => line.includes('secret-outside.txt')), real.stdout.join('\n'));
  const text = predicted.stdout.join('\n');
  assert.ok(!text.includes('secret-outside.txt'), text);
  assert.equal(predicted.stdout.length, 5, text);
  // The prediction says that it did not list there.
  assert.ok(predicted.notes.some((note) => String(note).includes("fs.readdir('..')")), JSON.stringify(predicted.notes));
});

test('listWorkspaceDirectory answers inside the roots only, by real paths', () => {
  const workspace = fixture('helper', '', true);
  assert.deepEqual(listWorkspaceDirectory([workspace], join(workspace, 'data')).sort(), ['a.txt', 'b.json', 'nested']);
  assert.deepEqual(listWorkspaceDirectory([workspace], `${workspace}/data/nested/..`).sort(), ['a.txt', 'b.json', 'nested']);
  assert.equal(listWorkspaceDirectory([workspace], join(workspace, 'link')), undefined);
  assert.equal(listWorkspaceDirectory([workspace], join(workspace, '..', 'outside')), undefined);
  assert.equal(listWorkspaceDirectory([workspace], join(workspace, 'notes.txt')), undefined);
  assert.equal(listWorkspaceDirectory([workspace], join(workspace, 'missing')), undefined);
  // A root reached through a link is the folder it points at.
  const linkedRoot = join(root, 'linked-root');
  symlinkSync(workspace, linkedRoot);
  assert.deepEqual(listWorkspaceDirectory([linkedRoot], join(workspace, 'data', 'nested')), ['c.txt']);
  cpSync(join(workspace, 'data'), join(root, 'copy'), { recursive: true });
  assert.equal(listWorkspaceDirectory([workspace], join(root, 'copy')), undefined);
});

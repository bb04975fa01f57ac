// fs.readdir / fs.stat of workspace directories (EngineHost.listDirectory and statPath). The
// expected output is measured: the same program runs with the real node over the same fixture
// folder. Listings stop at the workspace: a path that climbs out with `..`, an absolute path
// elsewhere and a symbolic link pointing outside list nothing of the machine. A link inside the
// workspace is listed as a link (lstat, Dirent) and followed by stat; sizes are bytes on disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, readFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { predictedStdoutLines, runNodeIn } from '../helpers/node-in-folder.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Predictor, listWorkspaceDirectory, readWorkspaceFile, statWorkspacePath } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');

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
// One asynchronous operation after another: started together, they race on the thread pool, and
// real node prints them in either order (a CI run printed the stat before the promise).
fs.readdir('data/nested', (error, names) => {
  console.log('callback', error, names);
  fs.promises.readdir(path.join(__dirname, 'data')).then((names) => {
    console.log('promise', names);
    fs.stat('data/nested', (error, stat) => console.log('stat callback', error, stat.isDirectory()));
  });
});
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

const LINKS_PROGRAM = `const fs = require('fs');
console.log(fs.readdirSync('.', { recursive: true }));
console.log(fs.readdirSync('data', { recursive: true, withFileTypes: true }).map((d) => [d.name, d.path, d.isFile(), d.isDirectory(), d.isSymbolicLink()].join(' ')));
console.log(fs.readdirSync('.', { withFileTypes: true }).map((d) => d.name + ':' + d.isSymbolicLink()).join(' '));
console.log(fs.readdirSync('data', { withFileTypes: true })[0], fs.readdirSync('.', { withFileTypes: true })[0] instanceof fs.Dirent);
console.log(fs.statSync('data/bytes.bin').size, fs.statSync('data/text.txt').size);
console.log(fs.lstatSync('note-link').isSymbolicLink(), fs.lstatSync('note-link').size, fs.statSync('note-link').isFile(), fs.statSync('note-link').size);
console.log(fs.statSync('data-link').isDirectory(), fs.lstatSync('data-link').isDirectory(), fs.existsSync('data-link/nested/deep.txt'));
console.log(fs.existsSync('dangling'), fs.lstatSync('dangling').isSymbolicLink());
try {
  fs.statSync('dangling');
} catch (error) {
  console.log(error.code, error.syscall);
}
// Chained, not started together: two thread-pool operations race (see LISTING_PROGRAM).
fs.readdir('data', { recursive: true }, (error, names) => {
  console.log('callback', error, names);
  fs.promises.lstat('note-link').then((stat) => console.log('promise', stat.isSymbolicLink(), stat.isFile()));
});
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

/** Links, bytes that are not UTF-8 and nested folders: <root>/<name>/ws and <root>/<name>/outside. */
function linksFixture(name) {
  const workspace = join(root, name, 'ws');
  mkdirSync(join(workspace, 'data', 'nested'), { recursive: true });
  mkdirSync(join(root, name, 'outside'), { recursive: true });
  writeFileSync(join(workspace, 'note.txt'), 'a note');
  // Bytes that are not UTF-8: their decoded text would be longer (replacement characters).
  writeFileSync(join(workspace, 'data', 'bytes.bin'), Buffer.from([0, 0xff, 0xfe, 0x80, 0x81, 0xc3]));
  writeFileSync(join(workspace, 'data', 'text.txt'), 'héllo ✓');
  writeFileSync(join(workspace, 'data', 'nested', 'deep.txt'), 'deep');
  symlinkSync('note.txt', join(workspace, 'note-link'));
  symlinkSync('data', join(workspace, 'data-link'));
  symlinkSync('missing.txt', join(workspace, 'dangling'));
  symlinkSync('../nested', join(workspace, 'data', 'up-link'));
  writeFileSync(join(root, name, 'outside', 'secret.txt'), 'secret');
  writeFileSync(join(workspace, 'main.js'), LINKS_PROGRAM);
  return workspace;
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
    statPath: (path) => statWorkspacePath([workspace], path),
  };
  const result = await predictor.predict({ fileName, text: readFileSync(fileName, 'utf8'), models: ['node'] }, host);
  const model = result.models.node;
  return { stdout: predictedStdoutLines(model), exitCode: model.exitCode, stopped: model.stopped, notes: model.notes ?? [] };
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
  const real = runNodeIn(fixture('real', LISTING_PROGRAM));
  assert.equal(predicted.stopped, null);
  assert.deepEqual(predicted.stdout, real.stdout);
  assert.deepEqual(predicted.notes.filter((note) => String(note).includes('fs.readdir')), []);
  assert.equal(predicted.exitCode, real.exitCode);
});

test('listings stop at the workspace: .., absolute paths and symbolic links list nothing outside it', async () => {
  const workspace = fixture('escape', ESCAPE_PROGRAM, true);
  const predicted = await predict(workspace);
  const real = runNodeIn(workspace);
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

test('recursive listings, symbolic links and byte sizes print what real node prints over the same folder', async () => {
  const predicted = await predict(linksFixture('links-predicted'));
  const real = runNodeIn(linksFixture('links-real'));
  assert.equal(predicted.stopped, null);
  assert.deepEqual(predicted.stdout, real.stdout);
  assert.equal(predicted.exitCode, real.exitCode);
});

test('statWorkspacePath describes links inside the roots and nothing outside them', () => {
  const workspace = linksFixture('links-helper');
  symlinkSync(join(root, 'links-helper', 'outside', 'secret.txt'), join(workspace, 'out-link'));
  assert.deepEqual(statWorkspacePath([workspace], join(workspace, 'data', 'bytes.bin')), { isFile: true, isDirectory: false, size: 6, symbolicLink: undefined });
  assert.equal(statWorkspacePath([workspace], join(workspace, 'note-link')).symbolicLink.size, 'note.txt'.length);
  // A link leading outside is a link whose target is not described (its size is not the secret's).
  assert.deepEqual(statWorkspacePath([workspace], join(workspace, 'out-link')), { isFile: false, isDirectory: false, size: 0, symbolicLink: { size: join(root, 'links-helper', 'outside', 'secret.txt').length } });
  assert.equal(statWorkspacePath([workspace], join(root, 'links-helper', 'outside', 'secret.txt')), undefined);
  assert.equal(statWorkspacePath([workspace], join(workspace, '..', 'outside')), undefined);
  assert.equal(statWorkspacePath([workspace], join(workspace, 'missing')), undefined);
});

test('readWorkspaceFile reads inside the roots and the module files node finds above them, nothing else', () => {
  const workspace = linksFixture('read-helper');
  const outside = join(root, 'read-helper', 'outside');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(workspace, 'out-link'));
  // A package installed above the root (a hoisted monorepo install) and the package.json there.
  mkdirSync(join(root, 'read-helper', 'node_modules', 'hoisted'), { recursive: true });
  writeFileSync(join(root, 'read-helper', 'node_modules', 'hoisted', 'index.js'), 'hoisted');
  writeFileSync(join(root, 'read-helper', 'package.json'), '{}');
  assert.equal(readWorkspaceFile([workspace], join(workspace, 'note.txt')), 'a note');
  assert.equal(readWorkspaceFile([workspace], join(workspace, 'note-link')), 'a note');
  assert.equal(readWorkspaceFile([workspace], join(workspace, 'data', 'nested', 'deep.txt')), 'deep');
  assert.equal(readWorkspaceFile([workspace], join(root, 'read-helper', 'node_modules', 'hoisted', 'index.js')), 'hoisted');
  assert.equal(readWorkspaceFile([workspace], join(root, 'read-helper', 'package.json')), '{}');
  // Outside: by an absolute path, by .., through a link; and files of the machine.
  assert.equal(readWorkspaceFile([workspace], join(outside, 'secret.txt')), undefined);
  assert.equal(readWorkspaceFile([workspace], `${workspace}/../outside/secret.txt`), undefined);
  assert.equal(readWorkspaceFile([workspace], join(workspace, 'out-link')), undefined);
  assert.equal(readWorkspaceFile([workspace], '/etc/passwd'), undefined);
  assert.equal(readWorkspaceFile([workspace], join(workspace, 'missing.txt')), undefined);
  assert.equal(readWorkspaceFile([], join(workspace, 'note.txt')), undefined);
});

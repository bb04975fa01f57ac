// Recursive listings, symbolic links and byte sizes of workspace files (EngineHost.listDirectory and
// statPath). The expected output is measured: the same program runs with the real node over the
// same fixture folder. A link inside the workspace is listed as a link (lstat, Dirent) and followed
// by stat; a link that leads outside the workspace describes nothing there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { Predictor, listWorkspaceDirectory, statWorkspacePath } = require(process.env.LOOPLENS_DIST ? `${process.env.LOOPLENS_DIST}/core.js` : '../../dist/core.js');

const PROGRAM = `const fs = require('fs');
console.log(fs.readdirSync('.', { recursive: true }));
console.log(fs.readdirSync('data', { recursive: true, withFileTypes: true }).map((d) => [d.name, d.path, d.isFile(), d.isDirectory(), d.isSymbolicLink()].join(' ')));
console.log(fs.readdirSync('.', { withFileTypes: true }).map((d) => d.name + ':' + d.isSymbolicLink()).join(' '));
console.log(fs.statSync('data/bytes.bin').size, fs.statSync('data/text.txt').size);
console.log(fs.lstatSync('note-link').isSymbolicLink(), fs.lstatSync('note-link').size, fs.statSync('note-link').isFile(), fs.statSync('note-link').size);
console.log(fs.statSync('data-link').isDirectory(), fs.lstatSync('data-link').isDirectory(), fs.existsSync('data-link/nested/deep.txt'));
console.log(fs.existsSync('dangling'), fs.lstatSync('dangling').isSymbolicLink());
try {
  fs.statSync('dangling');
} catch (error) {
  console.log(error.code, error.syscall);
}
fs.readdir('data', { recursive: true }, (error, names) => console.log('callback', error, names));
fs.promises.lstat('note-link').then((stat) => console.log('promise', stat.isSymbolicLink(), stat.isFile()));
`;

let root;
let predictor;

function fixture(name) {
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
  writeFileSync(join(workspace, 'main.js'), PROGRAM);
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
    statPath: (path) => statWorkspacePath([workspace], path),
  };
  const result = await predictor.predict({ fileName, text: readFileSync(fileName, 'utf8'), models: ['node'] }, host);
  const model = result.models.node;
  return { stdout: model.output.filter((line) => line.stream === 'stdout').flatMap((line) => line.text.replace(/\n$/, '').split('\n')), exitCode: model.exitCode, stopped: model.stopped };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'looplens-fs-links-'));
  predictor = new Predictor({ ts });
});

after(async () => {
  await predictor?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('recursive listings, symbolic links and byte sizes print what real node prints over the same folder', async () => {
  const predicted = await predict(fixture('predicted'));
  const real = runRealNode(fixture('real'));
  assert.equal(predicted.stopped, null);
  assert.deepEqual(predicted.stdout, real.stdout);
  assert.equal(predicted.exitCode, real.exitCode);
});

test('statWorkspacePath describes links inside the roots and nothing outside them', () => {
  const workspace = fixture('helper');
  symlinkSync(join(root, 'helper', 'outside', 'secret.txt'), join(workspace, 'out-link'));
  assert.deepEqual(statWorkspacePath([workspace], join(workspace, 'data', 'bytes.bin')), { isFile: true, isDirectory: false, size: 6, symbolicLink: undefined });
  assert.equal(statWorkspacePath([workspace], join(workspace, 'note-link')).symbolicLink.size, 'note.txt'.length);
  // A link leading outside is a link whose target is not described (its size is not the secret's).
  assert.deepEqual(statWorkspacePath([workspace], join(workspace, 'out-link')), { isFile: false, isDirectory: false, size: 0, symbolicLink: { size: join(root, 'helper', 'outside', 'secret.txt').length } });
  assert.equal(statWorkspacePath([workspace], join(root, 'helper', 'outside', 'secret.txt')), undefined);
  assert.equal(statWorkspacePath([workspace], join(workspace, '..', 'outside')), undefined);
  assert.equal(statWorkspacePath([workspace], join(workspace, 'missing')), undefined);
});

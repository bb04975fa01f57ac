// Files too large for the sandbox (review rv9 #6): the host checks a file's size before it reads it
// (hostListing.ts readWorkspaceFile and readWorkspaceBytes, WORKSPACE_READ_LIMIT = 64 MB), so a huge
// file is neither read into the language server nor silently replaced by other content: the
// prediction stops as unsupported, naming the file and its line. Real node's answer is measured on
// the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runRealNodeIn } from '../helpers/node-in-folder.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.LOOPLENS_DIST ?? join(import.meta.dirname, '../../dist');
const { readWorkspaceBytes, readWorkspaceFile } = require(join(dist, 'core.js'));

let folder;

before(() => {
  folder = mkdtempSync(join(tmpdir(), 'looplens-fs-large-'));
  writeFileSync(join(folder, 'package.json'), '{"name":"large"}');
});

after(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('readWorkspaceBytes and readWorkspaceFile refuse a file larger than their limit and read one at the limit', () => {
  writeFileSync(join(folder, 'ten.bin'), Buffer.alloc(10, 0xff));
  assert.deepEqual([...readWorkspaceBytes([folder], join(folder, 'ten.bin'), 10)], [...Buffer.alloc(10, 0xff)]);
  assert.ok(readWorkspaceBytes([folder], join(folder, 'ten.bin'), 9) === undefined, 'a 10-byte file over a 9-byte limit is refused');
  writeFileSync(join(folder, 'ten.txt'), 'ten bytes!');
  assert.equal(readWorkspaceFile([folder], join(folder, 'ten.txt'), 10), 'ten bytes!');
  assert.equal(readWorkspaceFile([folder], join(folder, 'ten.txt'), 9), undefined);
});

test('a program reading a file over 64 MB stops as unsupported, naming the file and its line', () => {
  // A sparse file: one byte that is not UTF-8, then zeros up to 65 MB (no disk blocks written).
  const size = 65 * 1024 * 1024;
  const descriptor = openSync(join(folder, 'big.bin'), 'w');
  writeSync(descriptor, Buffer.from([0xff]));
  ftruncateSync(descriptor, size);
  closeSync(descriptor);
  writeFileSync(join(folder, 'main.js'), "const fs = require('fs');\nconst bytes = fs.readFileSync('big.bin');\nconsole.log(bytes.length);\n");
  assert.deepEqual(runRealNodeIn(folder), [String(size)]);
  // No assert.equal on the reads: a failure would print all 65 MB.
  assert.ok(readWorkspaceBytes([folder], join(folder, 'big.bin')) === undefined, 'big.bin is refused as bytes before it is read');
  assert.ok(readWorkspaceFile([folder], join(folder, 'big.bin')) === undefined, 'big.bin is refused as text before it is read');
  const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'predict', '--json', join(folder, 'main.js')], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  const model = JSON.parse(run.stdout).models.node;
  assert.equal(model.stopped, 'unsupported', JSON.stringify(model.notes));
  const note = model.notes.find((text) => text.includes("'big.bin'"));
  assert.ok(note, JSON.stringify(model.notes));
  assert.match(note, /\(line 2\)/);
  assert.match(note, new RegExp(`${size} bytes`));
  // Nothing was printed from content the file does not have.
  assert.deepEqual(model.output.filter((line) => line.stream === 'stdout'), []);
});

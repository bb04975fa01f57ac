// Reading files that are not UTF-8 text (an image) and text with a NUL byte: fs.readFileSync,
// fs.readFile, fs.promises.readFile, descriptors and createReadStream give the file's real bytes
// (EngineHost.readBytes, asked through the file channel only when the text cannot be the bytes),
// Buffer#toString decodes invalid UTF-8 with V8's replacement characters, and the program's own
// binary writes keep their bytes. The expected output is measured: the same program runs in real
// node over a copy of the same folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { predictedStdoutLines, runRealNodeIn } from '../helpers/node-in-folder.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const dist = process.env.LOOPLENS_DIST ?? join(import.meta.dirname, '../../dist');
const { Predictor, listWorkspaceDirectory, readWorkspaceBytes, readWorkspaceFile, statWorkspacePath } = require(join(dist, 'core.js'));

const BINARY_PROGRAM = `const fs = require('fs');
const buf = fs.readFileSync('image.png');
console.log(buf.length, buf[0], buf[buf.length - 1], buf.toString('hex', 0, 8));
console.log(JSON.stringify(buf.toString()));
console.log(JSON.stringify(buf.toString('utf8', 1, 12)), JSON.stringify(buf.toString(undefined, 20, 40)));
console.log(fs.readFileSync('image.png', 'utf8') === buf.toString(), JSON.stringify(fs.readFileSync('image.png', 'utf-8')));
console.log(JSON.stringify(fs.readFileSync('image.png', 'latin1')));
console.log(fs.readFileSync('image.png', 'base64'));
console.log(fs.readFileSync('image.png', { encoding: 'hex' }));
console.log(new TextDecoder().decode(buf).length, buf);
const nul = fs.readFileSync('nul.txt');
console.log(nul.length, nul, JSON.stringify(fs.readFileSync('nul.txt', 'utf8')), fs.statSync('nul.txt').size);
console.log(JSON.stringify(fs.readFileSync('replacement.txt', 'utf8')), fs.readFileSync('replacement.txt'));
console.log(JSON.stringify(fs.readFileSync('text.txt', 'utf8')), fs.readFileSync('text.txt').length);
const fd = fs.openSync('image.png', 'r');
const part = Buffer.alloc(6);
console.log(fs.readSync(fd, part, 0, 6, 10), part);
fs.closeSync(fd);
fs.writeFileSync('copy.bin', buf);
console.log(fs.readFileSync('copy.bin').equals(buf), fs.statSync('copy.bin').size);
fs.copyFileSync('image.png', 'copy2.bin');
console.log(fs.readFileSync('copy2.bin', 'hex') === buf.toString('hex'));
fs.appendFileSync('copy.bin', Buffer.from([0xff, 0x00, 0xc3]));
console.log(fs.readFileSync('copy.bin').subarray(-5));
// One asynchronous operation after another: started together, they race on the thread pool.
fs.readFile('image.png', (error, data) => {
  console.log('callback', error, data.length, data.toString('hex', 0, 4));
  fs.promises.readFile('image.png', 'base64').then((text) => {
    console.log('promise', text.length, text.slice(0, 12));
    const chunks = [];
    fs.createReadStream('image.png', { highWaterMark: 16 })
      .on('data', (chunk) => chunks.push(chunk.toString('hex')))
      .on('end', () => {
        console.log('stream', chunks.length, chunks.join('|'));
        const out = fs.createWriteStream('out.bin');
        out.write(buf.subarray(0, 40));
        out.end(buf.subarray(40), () => {
          const fd = fs.openSync('out.bin', 'r+');
          fs.writeSync(fd, Buffer.from([0xc3, 0x28]), 0, 2, 1);
          fs.closeSync(fd);
          const back = fs.readFileSync('out.bin');
          console.log('written', back.length, back.subarray(0, 4), back.subarray(2).equals(buf.subarray(2)), JSON.stringify(back.toString('utf8', 0, 6)));
        });
      });
  });
});
`;

/** A PNG's signature and IHDR chunk, then bytes of every value (NULs, invalid and truncated UTF-8 sequences). */
function imageBytes() {
  const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
  for (let value = 0; value < 256; value += 7) bytes.push(value, (value * 31) & 0xff);
  bytes.push(0xe2, 0x82, 0x41, 0xf0, 0x9f, 0x98, 0xed, 0xa0, 0x80, 0xc3, 0xa9, 0xe2, 0x9c, 0x93, 0xc3);
  return Buffer.from(bytes);
}

let root;
let predictor;

function folder(name) {
  const workspace = join(root, name);
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'image.png'), imageBytes());
  writeFileSync(join(workspace, 'nul.txt'), 'abc\u0000déf');
  writeFileSync(join(workspace, 'replacement.txt'), 'x\ufffdy');
  writeFileSync(join(workspace, 'text.txt'), 'héllo ✓');
  writeFileSync(join(workspace, 'main.js'), BINARY_PROGRAM);
  return workspace;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'looplens-fs-binary-'));
  predictor = new Predictor({ ts });
});

after(async () => {
  await predictor?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('binary files read through fs give the bytes real node reads, in every form', async () => {
  const workspace = folder('predicted');
  const fileName = join(workspace, 'main.js');
  const roots = [workspace];
  const host = {
    readFile: (path) => readWorkspaceFile(roots, path),
    readBytes: (path) => readWorkspaceBytes(roots, path),
    listDirectory: (path) => listWorkspaceDirectory(roots, path),
    statPath: (path) => statWorkspacePath(roots, path),
  };
  const result = await predictor.predict({ fileName, text: readFileSync(fileName, 'utf8'), models: ['node'] }, host);
  const model = result.models.node;
  const real = runRealNodeIn(folder('real'));
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(predictedStdoutLines(model), real);
  assert.equal(model.exitCode, 0);
});

test('the CLI host hands a binary file\'s bytes to the prediction', () => {
  const workspace = folder('cli');
  const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'predict', '--json', join(workspace, 'main.js')], { cwd: workspace, encoding: 'utf8', timeout: 60_000 });
  const predicted = JSON.parse(run.stdout).models.node.output.filter((line) => line.stream === 'stdout').map((line) => line.text.replace(/\n$/, ''));
  const real = runRealNodeIn(folder('cli-real'));
  assert.deepEqual(predicted.slice(0, 3), real.slice(0, 3));
  assert.equal(predicted.find((line) => line.startsWith('promise')), real.find((line) => line.startsWith('promise')));
});

test('readWorkspaceBytes reads what readWorkspaceFile reads, as bytes, and nothing outside the roots', () => {
  const workspace = folder('helper');
  assert.deepEqual(readWorkspaceBytes([workspace], join(workspace, 'image.png')), imageBytes());
  assert.equal(readWorkspaceBytes([workspace], join(workspace, '..', 'predicted', 'image.png')), undefined);
  assert.equal(readWorkspaceBytes([workspace], '/etc/passwd'), undefined);
  assert.equal(readWorkspaceBytes([workspace], join(workspace, 'missing.png')), undefined);
});

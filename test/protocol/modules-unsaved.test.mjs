// The editor predicts with the unsaved contents of the other open files: the engine reads the
// module graph through the server's documents, so an edited, unsaved imported file counts, and
// closing it brings the file on disk back. Expected outputs come from real node run on a copy of
// the workspace holding the same texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './lspClient.mjs';

function workspace(files) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-unsaved-')));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  return root;
}

/** What real node prints for the entry when the files hold these texts. */
function realStdout(files, entry) {
  const root = workspace(files);
  try {
    const run = spawnSync(process.execPath, [path.join(root, entry)], { encoding: 'utf8' });
    return run.stdout.split('\n').filter(Boolean);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const cases = [
  {
    name: 'CommonJS require',
    entry: 'main.js',
    model: 'node',
    main: "const lib = require('./lib.js');\nconsole.log('lib says', lib.word);\n",
    other: 'lib.js',
    disk: "module.exports = { word: 'disk' };\n",
    buffer: "console.log('lib body (unsaved)');\nmodule.exports = { word: 'buffer' };\n",
  },
  {
    name: 'ES module import',
    entry: 'main.mjs',
    model: 'node-esm',
    main: "import { word } from './lib.mjs';\nconsole.log('lib says', word);\n",
    other: 'lib.mjs',
    disk: "export const word = 'disk';\n",
    buffer: "console.log('lib body (unsaved)');\nexport const word = await Promise.resolve('buffer');\n",
  },
];

test("the prediction uses another open file's unsaved text, and the disk again once it is closed (CommonJS and ES modules)", async () => {
  // One workspace and one server for both cases (a server start costs seconds on a loaded machine).
  const files = Object.fromEntries(cases.flatMap((item) => [[item.entry, item.main], [item.other, item.disk]]));
  const root = workspace(files);
  const server = await startServer({ rootDir: root });
  try {
    for (const item of cases) {
      const mainUri = pathToFileURL(path.join(root, item.entry)).href;
      const otherUri = pathToFileURL(path.join(root, item.other)).href;
      const fromDisk = realStdout({ [item.entry]: item.main, [item.other]: item.disk }, item.entry);
      const fromBuffer = realStdout({ [item.entry]: item.main, [item.other]: item.buffer }, item.entry);
      assert.notDeepEqual(fromDisk, fromBuffer);
      const predicted = async () => {
        const prediction = await server.connection.sendRequest('looplens/predict', { uri: mainUri, models: [item.model] });
        return prediction.result.models[item.model].output.filter((line) => line.stream === 'stdout').map((line) => line.text);
      };
      await server.open(mainUri, item.main);
      assert.deepEqual(await predicted(), fromDisk, `${item.name}: before the other file is opened`);
      await server.open(otherUri, item.disk);
      await server.change(otherUri, item.buffer);
      assert.deepEqual(await predicted(), fromBuffer, `${item.name}: with the unsaved buffer`);
      await server.close(otherUri);
      assert.deepEqual(await predicted(), fromDisk, `${item.name}: after the buffer is closed unsaved`);
    }
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a workspace folder opened through a symbolic link: files run under their real paths, as in real node, and an open file still counts with its unsaved text', async () => {
  const main = "const lib = require('./lib.js');\nconst path = require('path');\nconsole.log('lib says', lib.word, path.basename(__dirname), path.basename(path.dirname(lib.file)));\n";
  const disk = "exports.word = 'disk';\nexports.file = __filename;\n";
  const buffer = "exports.word = 'buffer';\nexports.file = __filename;\n";
  const root = workspace({ 'main.js': main, 'lib.js': disk, 'package.json': '{"name":"linked"}' });
  const linked = `${root}-link`;
  fs.symlinkSync(root, linked);
  // Real node, started through the link, with the unsaved text on disk.
  fs.writeFileSync(path.join(root, 'lib.js'), buffer);
  const real = spawnSync(process.execPath, [path.join(linked, 'main.js')], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  fs.writeFileSync(path.join(root, 'lib.js'), disk);
  // The fixture is meaningful: real node names both files by the folder's real name, not the link's.
  assert.deepEqual(real, [`lib says buffer ${path.basename(root)} ${path.basename(root)}`]);
  const server = await startServer({ rootDir: linked });
  try {
    const mainUri = pathToFileURL(path.join(linked, 'main.js')).href;
    const libUri = pathToFileURL(path.join(linked, 'lib.js')).href;
    await server.open(mainUri, main);
    await server.open(libUri, disk);
    await server.change(libUri, buffer);
    const prediction = await server.connection.sendRequest('looplens/predict', { uri: mainUri, models: ['node'] });
    const output = prediction.result.models.node.output.filter((line) => line.stream === 'stdout');
    assert.deepEqual(output.map((line) => line.text), real);
    // Positions are the entry's lines, for the editor's document.
    assert.deepEqual(output.map((line) => line.line), [3]);
  } finally {
    await server.stop();
    fs.rmSync(linked, { force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});

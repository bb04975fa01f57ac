// Monorepo packages linked into node_modules from outside the folder the prediction may read
// (`apps/web/node_modules/lib -> ../../../packages/lib`) load and read as in real node, through the
// CLI's host (hostListing.ts linkedPackageFolder), and nothing else a link leads to becomes
// readable: a link to /etc, to the home folder or to the file-system root, a link whose target's
// package.json names another package, a link outside node_modules, a node_modules folder outside
// the roots, and a link inside a linked package that leads out of it. Expected output is measured:
// the same program runs in real node over the same folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runRealNodeIn } from '../helpers/node-in-folder.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.LOOPLENS_DIST ?? join(import.meta.dirname, '../../dist');
const { listWorkspaceDirectory, readWorkspaceBytes, readWorkspaceFile, statWorkspacePath } = require(join(dist, 'core.js'));

const MONOREPO_PROGRAM = `const fs = require('fs');
console.log(require('lib'), require('@acme/ui').label);
console.log(fs.readFileSync('node_modules/lib/data.txt', 'utf8'), fs.readFileSync('node_modules/@acme/ui/package.json', 'utf8').length);
console.log(fs.readdirSync('node_modules/lib'), fs.statSync('node_modules/lib').isDirectory(), fs.lstatSync('node_modules/lib').isSymbolicLink());
console.log(fs.existsSync('node_modules/lib/index.js'), fs.statSync('node_modules/lib/data.txt').size);
`;

let base;

/**
 * <base>/repo: packages/lib (package "lib"), packages/ui (package "@acme/ui"), apps/web with its own
 * package.json (the CLI's project root) and node_modules links to both packages.
 */
function monorepo(name) {
  const repo = join(base, name);
  const lib = join(repo, 'packages', 'lib');
  const ui = join(repo, 'packages', 'ui');
  const web = join(repo, 'apps', 'web');
  mkdirSync(lib, { recursive: true });
  mkdirSync(ui, { recursive: true });
  mkdirSync(join(web, 'node_modules', '@acme'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), '{"name":"repo","private":true,"workspaces":["packages/*","apps/*"]}');
  writeFileSync(join(lib, 'package.json'), '{"name":"lib","main":"index.js"}');
  writeFileSync(join(lib, 'index.js'), "module.exports = 'lib says ' + require('./util');");
  writeFileSync(join(lib, 'util.js'), "module.exports = 'hello';");
  writeFileSync(join(lib, 'data.txt'), 'linked data');
  writeFileSync(join(ui, 'package.json'), '{"name":"@acme/ui"}');
  writeFileSync(join(ui, 'index.js'), "exports.label = 'ui label';");
  writeFileSync(join(web, 'package.json'), '{"name":"web"}');
  symlinkSync('../../../packages/lib', join(web, 'node_modules', 'lib'));
  symlinkSync('../../../../packages/ui', join(web, 'node_modules', '@acme', 'ui'));
  writeFileSync(join(web, 'main.js'), MONOREPO_PROGRAM);
  return { repo, web, lib };
}

function predictWithCli(folder) {
  const run = spawnSync(process.execPath, [join(dist, 'cli.js'), 'predict', '--json', join(folder, 'main.js')], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  const model = JSON.parse(run.stdout).models.node;
  return { stdout: model.output.filter((line) => line.stream === 'stdout').flatMap((line) => line.text.replace(/\n$/, '').split('\n')), model };
}

before(() => {
  base = mkdtempSync(join(tmpdir(), 'looplens-fs-escape-'));
});

after(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

test('a monorepo package linked into node_modules from outside the project loads and reads as in real node', () => {
  const { web } = monorepo('monorepo');
  const { stdout, model } = predictWithCli(web);
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(stdout, runRealNodeIn(web));
});

test('links to /etc, the home folder, the root, another package, or from outside node_modules stay unreadable', () => {
  const { repo, web, lib } = monorepo('escapes');
  const roots = [web];
  const outside = join(repo, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'package.json'), '{"name":"other"}');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  const modules = join(web, 'node_modules');
  symlinkSync('/etc', join(modules, 'etc'));
  symlinkSync(homedir(), join(modules, 'home'));
  symlinkSync('/', join(modules, 'root'));
  symlinkSync(outside, join(modules, 'fake'));
  symlinkSync(join(repo, 'packages', 'lib'), join(web, 'lib-link'));
  symlinkSync('/etc/hostname', join(lib, 'host-link'));
  // A folder outside the roots with a node_modules link of its own, reached through a link.
  mkdirSync(join(outside, 'node_modules'));
  symlinkSync(lib, join(outside, 'node_modules', 'lib'));
  symlinkSync(outside, join(web, 'vendor'));
  const refused = [
    join(modules, 'etc', 'hostname'),
    join(modules, 'etc', 'passwd'),
    join(modules, 'home', '.bashrc'),
    join(modules, 'root', 'etc', 'hostname'),
    join(modules, 'fake', 'secret.txt'),
    join(web, 'lib-link', 'data.txt'),
    join(modules, 'lib', 'host-link'),
    `${modules}/lib/../../../../outside/secret.txt`,
    join(web, 'vendor', 'node_modules', 'lib', 'data.txt'),
    join(lib, 'data.txt'),
  ];
  for (const path of refused) {
    assert.equal(readWorkspaceFile(roots, path), undefined, path);
    assert.equal(readWorkspaceBytes(roots, path), undefined, path);
    // Missing, or (a link inside the linked package) a link whose target is not described.
    const stat = statWorkspacePath(roots, path);
    assert.ok(stat === undefined || (!stat.isFile && !stat.isDirectory && stat.size === 0), `${path}: ${JSON.stringify(stat)}`);
  }
  for (const folder of [join(modules, 'etc'), join(modules, 'home'), join(modules, 'root'), join(modules, 'fake'), join(web, 'lib-link'), join(web, 'vendor', 'node_modules', 'lib')]) {
    assert.equal(listWorkspaceDirectory(roots, folder), undefined, folder);
  }
  // The links themselves are described as links whose target is not (lstat), as before.
  assert.deepEqual(statWorkspacePath(roots, join(modules, 'etc')), { isFile: false, isDirectory: false, size: 0, symbolicLink: { size: '/etc'.length } });
  // What the rule allows: the linked package, by the link's path only.
  assert.equal(readWorkspaceFile(roots, join(modules, 'lib', 'data.txt')), 'linked data');
  assert.deepEqual(listWorkspaceDirectory(roots, join(modules, 'lib')).sort(), ['data.txt', 'host-link', 'index.js', 'package.json', 'util.js']);
});

test('a predicted program reading through those links gets ENOENT, where real node reads them', () => {
  const { repo, web } = monorepo('escape-program');
  const outside = join(repo, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'package.json'), '{"name":"other"}');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync('/etc', join(web, 'node_modules', 'etc'));
  symlinkSync(outside, join(web, 'node_modules', 'fake'));
  writeFileSync(join(web, 'main.js'), `const fs = require('fs');
for (const path of ['node_modules/etc/hostname', 'node_modules/fake/secret.txt', 'node_modules/fake/package.json']) {
  try {
    console.log(path, 'READ', fs.readFileSync(path, 'utf8').length > 0);
  } catch (error) {
    console.log(path, error.code);
  }
}
`);
  const real = runRealNodeIn(web);
  // The fixture is meaningful: real node reads all three.
  assert.ok(real.every((line) => line.includes('READ true')), real.join('\n'));
  const { stdout } = predictWithCli(web);
  assert.deepEqual(stdout, ['node_modules/etc/hostname ENOENT', 'node_modules/fake/secret.txt ENOENT', 'node_modules/fake/package.json ENOENT']);
});

// Monorepo packages linked into node_modules from outside the folder the prediction may read
// (`apps/web/node_modules/lib -> ../../../packages/lib`) load and read as in real node, through the
// CLI's host (hostListing.ts linkedPackageFolder), and nothing else a link leads to becomes
// readable: a link to /etc, to the home folder or to the file-system root, a link whose target's
// package.json names another package, a link outside node_modules, a node_modules folder outside
// the roots, and a link inside a linked package that leads out of it. A linked package's modules
// have their real paths, as in real node, and its files read by those paths only while a link
// from the roots reaches them. Expected output is measured:
// the same program runs in real node over the same folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { predictedStdoutLines, runRealNodeIn } from '../helpers/node-in-folder.mjs';

const require = createRequire(import.meta.url);
const dist = process.env.LOOPLENS_DIST ?? join(import.meta.dirname, '../../dist');
const { listWorkspaceDirectory, readWorkspaceBytes, readWorkspaceFile, realWorkspacePath, statWorkspacePath } = require(join(dist, 'core.js'));

const MONOREPO_PROGRAM = `const fs = require('fs');
console.log(require('lib'), require('@acme/ui').label);
console.log(fs.readFileSync('node_modules/lib/data.txt', 'utf8'), fs.readFileSync('node_modules/@acme/ui/package.json', 'utf8').length);
console.log(fs.readdirSync('node_modules/lib'), fs.statSync('node_modules/lib').isDirectory(), fs.lstatSync('node_modules/lib').isSymbolicLink());
console.log(fs.existsSync('node_modules/lib/index.js'), fs.statSync('node_modules/lib/data.txt').size);
`;

let base;

/** Whether real fs reads `path` as a non-empty file. */
function canRead(path) {
  try {
    return readFileSync(path).length > 0;
  } catch {
    return false;
  }
}

/**
 * A non-empty file of /etc that this machine has (CI machines differ: a container may lack
 * /etc/hostname), so a test of a link to /etc never checks the refusal of a file that is missing.
 */
function readableEtcFile() {
  const name = ['hostname', 'passwd', 'os-release', 'hosts'].find((candidate) => canRead(join('/etc', candidate)));
  assert.ok(name, 'no readable file in /etc');
  return name;
}

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
  return { stdout: predictedStdoutLines(model), model };
}

before(() => {
  base = mkdtempSync(join(tmpdir(), 'looplens-fs-escape-'));
  // The workspace search walks up from a link towards the root: a package.json above the fixtures
  // (a /tmp/package.json declaring workspaces) would decide for them. An empty declaration here is
  // the nearest one above every fixture, so nothing above `base` counts.
  writeFileSync(join(base, 'package.json'), '{"workspaces":[]}');
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
  symlinkSync(join('/etc', readableEtcFile()), join(lib, 'host-link'));
  // A folder outside the roots with a node_modules link of its own, reached through a link.
  mkdirSync(join(outside, 'node_modules'));
  symlinkSync(lib, join(outside, 'node_modules', 'lib'));
  symlinkSync(outside, join(web, 'vendor'));
  const etcFile = readableEtcFile();
  // A file of the home folder when it has one (a CI user's home may be empty or missing).
  const homeFile = (existsSync(homedir()) ? readdirSync(homedir(), { withFileTypes: true }) : []).find((entry) => entry.isFile() && canRead(join(homedir(), entry.name)));
  const refused = [
    join(modules, 'etc', etcFile),
    join(modules, 'root', 'etc', etcFile),
    ...(homeFile ? [join(modules, 'home', homeFile.name)] : []),
    join(modules, 'fake', 'secret.txt'),
    join(web, 'lib-link', 'data.txt'),
    join(modules, 'lib', 'host-link'),
    // The kernel follows the link before `..`: packages/lib/../.. is the repository, so this is
    // <repo>/outside/secret.txt, which exists (checked below, so the refusal means something).
    `${modules}/lib/../../outside/secret.txt`,
    join(web, 'vendor', 'node_modules', 'lib', 'data.txt'),
  ];
  for (const path of refused) {
    // Each path leads to a real file: a refusal of a missing file would prove nothing.
    assert.ok(canRead(path), `${path} should be readable by real node`);
    assert.equal(readWorkspaceFile(roots, path), undefined, path);
    assert.equal(readWorkspaceBytes(roots, path), undefined, path);
    assert.equal(realWorkspacePath(roots, path), undefined, path);
    // Missing, or (a link inside the linked package) a link whose target is not described.
    const stat = statWorkspacePath(roots, path);
    assert.ok(stat === undefined || (!stat.isFile && !stat.isDirectory && stat.size === 0), `${path}: ${JSON.stringify(stat)}`);
  }
  for (const folder of [join(modules, 'etc'), join(modules, 'home'), join(modules, 'root'), join(modules, 'fake'), join(web, 'lib-link'), join(web, 'vendor', 'node_modules', 'lib')]) {
    assert.equal(listWorkspaceDirectory(roots, folder), undefined, folder);
  }
  // The links themselves are described as links whose target is not (lstat), as before.
  assert.deepEqual(statWorkspacePath(roots, join(modules, 'etc')), { isFile: false, isDirectory: false, size: 0, symbolicLink: { size: '/etc'.length } });
  // What the rule allows: the linked package, by the link's path (by its real path once a link
  // reached it: the next tests).
  assert.equal(readWorkspaceFile(roots, join(modules, 'lib', 'data.txt')), 'linked data');
  assert.deepEqual(listWorkspaceDirectory(roots, join(modules, 'lib')).sort(), ['data.txt', 'host-link', 'index.js', 'package.json', 'util.js']);
});

test("a linked package's modules have their real paths, and one reached through two links loads once, as in real node", () => {
  const { repo, web, lib } = monorepo('real-paths');
  // lib also required from @acme/ui through a link of its own (packages/ui/node_modules/lib).
  writeFileSync(join(lib, 'index.js'), `global.libLoads = (global.libLoads || 0) + 1;
exports.file = __filename;
exports.dir = __dirname;
exports.id = module.id;
exports.util = require('./util');
exports.where = function where() {
  return new Error('from lib').stack.split('\\n')[1];
};
`);
  writeFileSync(join(lib, 'util.js'), 'module.exports = __filename;');
  const ui = join(repo, 'packages', 'ui');
  mkdirSync(join(ui, 'node_modules'));
  symlinkSync('../../lib', join(ui, 'node_modules', 'lib'));
  writeFileSync(join(ui, 'index.js'), "const lib = require('lib');\nexports.label = 'ui of ' + lib.file;\nexports.sameLib = lib === require('lib');\nexports.resolved = require.resolve('lib');\n");
  writeFileSync(join(web, 'main.js'), `const lib = require('lib');
console.log(lib.file, lib.dir, lib.id, lib.util);
console.log(require.resolve('lib'), require.resolve('@acme/ui'));
const ui = require('@acme/ui');
console.log(ui.label, ui.sameLib, ui.resolved);
const where = lib.where;
console.log(global.libLoads, where());
console.log(Object.keys(require.cache));
console.log(require('./node_modules/lib') === lib, require('../../packages/lib') === lib);
const fs = require('fs');
console.log(fs.realpathSync('node_modules/lib'), fs.realpathSync.native('node_modules/@acme/ui/index.js'), fs.realpathSync('.'));
for (const find of [() => fs.realpathSync('node_modules/lib/missing.js'), () => fs.realpathSync('gone/deeper'), () => fs.realpathSync.native('gone')]) {
  try {
    find();
  } catch (error) {
    console.log(error.code, error.message);
  }
}
fs.promises.realpath('node_modules/lib/util.js').then((real) => console.log('promise', real));
`);
  const real = runRealNodeIn(web);
  // The fixture is meaningful: real node names lib by its real path, not by the link's.
  assert.ok(real[0].startsWith(join(lib, 'index.js')), real[0]);
  const { stdout, model } = predictWithCli(web);
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(stdout, real);

  // An ES module app: import.meta, the module's identity and its stack frames.
  const esm = join(repo, 'packages', 'esm');
  mkdirSync(esm);
  writeFileSync(join(esm, 'package.json'), '{"name":"esm","type":"module","exports":"./index.js"}');
  writeFileSync(join(esm, 'index.js'), `export { helper } from './helper.js';
export const file = import.meta.filename;
export const url = import.meta.url;
export function where() {
  return new Error('from esm').stack.split('\\n')[1];
}
`);
  writeFileSync(join(esm, 'helper.js'), 'export const helper = import.meta.url;\n');
  const app = join(repo, 'apps', 'esm-app');
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  writeFileSync(join(app, 'package.json'), '{"name":"esm-app","type":"module"}');
  symlinkSync('../../../packages/esm', join(app, 'node_modules', 'esm'));
  symlinkSync('../../../packages/lib', join(app, 'node_modules', 'lib'));
  writeFileSync(join(app, 'main.js'), `import { file, url, helper, where } from 'esm';
import * as again from '../../packages/esm/index.js';
import lib from 'lib';
console.log(file, url, helper);
console.log(where());
console.log(again.file === file, lib.file);
const dynamic = await import('esm');
console.log(dynamic.file === file);
`);
  const realEsm = runRealNodeIn(app);
  assert.ok(realEsm[0].startsWith(join(esm, 'index.js')), realEsm[0]);
  const predictedEsm = predictWithCli(app);
  assert.equal(predictedEsm.model.stopped, null, JSON.stringify(predictedEsm.model.notes));
  assert.deepEqual(predictedEsm.stdout, realEsm);
});

test('a project opened through a symbolic link: the entry and its packages have their real paths, as in real node (review rv10, 2cdbb78)', () => {
  const { repo, lib } = monorepo('linked-open');
  const linkedRepo = join(base, 'link-to-linked-open');
  symlinkSync(repo, linkedRepo);
  const web = join(linkedRepo, 'apps', 'web');
  writeFileSync(join(lib, 'index.js'), "exports.file = __filename;\nexports.paths = module.paths.slice(0, 2);\nexports.frame = new Error('x').stack.split('\\n')[1];\n");
  writeFileSync(join(web, 'main.js'), `const lib = require('lib');
console.log(__filename, __dirname, module.id, require.main.filename, module.paths[0]);
console.log(lib.file, lib.paths.join(' '), lib.frame);
console.log(require.resolve('lib'), require.resolve('./main.js'), process.cwd());
console.log(require('../../packages/lib/index.js') === lib, require('./main.js') === module.exports);
console.log(Object.keys(require.cache).join(' '));
console.log(require('fs').realpathSync('.'), new Error('here').stack.split('\\n')[1]);
`);
  const real = runRealNodeIn(web);
  // The fixture is meaningful: real node names the entry by its real path, not by the link's.
  assert.ok(real[0].startsWith(join(repo, 'apps', 'web', 'main.js')), real[0]);
  const { stdout, model } = predictWithCli(web);
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(stdout, real);
  // Positions stay the entry's lines, whatever name it ran under.
  assert.deepEqual(model.output.filter((line) => line.stream === 'stdout').map((line) => line.line), [2, 3, 4, 5, 6, 7]);
  // Reading is confined as before: through the link, the same files and no more.
  const roots = [web];
  assert.equal(realWorkspacePath(roots, join(web, 'main.js')), join(repo, 'apps', 'web', 'main.js'));
  assert.equal(realWorkspacePath(roots, join(web, 'node_modules', 'lib', 'index.js')), join(lib, 'index.js'));
  assert.equal(realWorkspacePath(roots, join(web, '..', '..', 'package.json')), join(repo, 'package.json'));
  assert.equal(readWorkspaceFile(roots, join(repo, 'packages', 'ui', 'index.js')), undefined);
  assert.equal(realWorkspacePath(roots, join(linkedRepo, 'packages', 'ui', 'index.js')), undefined);
});

test("a linked package's real path reads only while a link from the roots reaches it", () => {
  const { repo, web, lib } = monorepo('real-path-rule');
  const roots = [web];
  const realFile = join(lib, 'data.txt');
  const linkFile = join(web, 'node_modules', 'lib', 'data.txt');
  symlinkSync(join('/etc', readableEtcFile()), join(lib, 'host-link'));
  // Never reached through a link: the real path is refused, as before.
  assert.equal(readWorkspaceFile(roots, realFile), undefined);
  assert.equal(realWorkspacePath(roots, realFile), undefined);
  // Through the link: read, and named by its real path.
  assert.equal(readWorkspaceFile(roots, linkFile), 'linked data');
  assert.equal(realWorkspacePath(roots, linkFile), realFile);
  // Then by the real path too: read, listed, described.
  assert.equal(readWorkspaceFile(roots, realFile), 'linked data');
  assert.equal(realWorkspacePath(roots, realFile), realFile);
  assert.deepEqual(listWorkspaceDirectory(roots, lib).sort(), ['data.txt', 'host-link', 'index.js', 'package.json', 'util.js']);
  assert.equal(statWorkspacePath(roots, realFile)?.size, 'linked data'.length);
  // Nothing the link does not reach: a link inside the package leading out, the folders around it.
  mkdirSync(join(repo, 'outside'));
  writeFileSync(join(repo, 'outside', 'secret.txt'), 'secret');
  symlinkSync(join(repo, 'outside'), join(web, 'vendor'));
  mkdirSync(join(repo, 'outside', 'node_modules'));
  symlinkSync(lib, join(repo, 'outside', 'node_modules', 'lib'));
  const refused = [
    join(lib, 'host-link'),
    join(repo, 'packages', 'ui', 'index.js'),
    join(repo, 'outside', 'secret.txt'),
    `${lib}/../../outside/secret.txt`,
    // The package's own files through a link no rule allows (a folder outside the roots): refused by that path.
    join(web, 'vendor', 'node_modules', 'lib', 'data.txt'),
    join(repo, 'outside', 'node_modules', 'lib', 'data.txt'),
  ];
  for (const path of refused) {
    assert.ok(canRead(path), path);
    assert.equal(readWorkspaceFile(roots, path), undefined, path);
    assert.equal(realWorkspacePath(roots, path), undefined, path);
  }
  // Other roots, from which no link reaches the package, do not read it by its real path.
  const elsewhere = join(base, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'package.json'), '{"name":"elsewhere"}');
  assert.equal(readWorkspaceFile([elsewhere], realFile), undefined);
  assert.equal(realWorkspacePath([elsewhere], realFile), undefined);
  // The link is checked again at every read: a package.json that names another package, or the
  // link removed, and the real path is refused again.
  writeFileSync(join(lib, 'package.json'), '{"name":"renamed"}');
  assert.equal(readWorkspaceFile(roots, realFile), undefined);
  writeFileSync(join(lib, 'package.json'), '{"name":"lib","main":"index.js"}');
  assert.equal(readWorkspaceFile(roots, realFile), 'linked data');
  rmSync(join(web, 'node_modules', 'lib'));
  assert.equal(readWorkspaceFile(roots, realFile), undefined);
  assert.equal(listWorkspaceDirectory(roots, lib), undefined);
  assert.equal(statWorkspacePath(roots, realFile), undefined);
});

test('a predicted program reading through those links gets ENOENT, where real node reads them', () => {
  const { repo, web } = monorepo('escape-program');
  const outside = join(repo, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'package.json'), '{"name":"other"}');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync('/etc', join(web, 'node_modules', 'etc'));
  symlinkSync(outside, join(web, 'node_modules', 'fake'));
  const etcFile = readableEtcFile();
  writeFileSync(join(web, 'main.js'), `const fs = require('fs');
for (const path of ['node_modules/etc/${etcFile}', 'node_modules/fake/secret.txt', 'node_modules/fake/package.json']) {
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
  assert.deepEqual(stdout, [`node_modules/etc/${etcFile} ENOENT`, 'node_modules/fake/secret.txt ENOENT', 'node_modules/fake/package.json ENOENT']);
});

test('fs.realpathSync of a link leading out of the workspace is a link to a missing target, as readFileSync sees it (review rv11 #4)', () => {
  const folder = join(base, 'realpath-out');
  const project = join(folder, 'proj');
  const sibling = join(folder, 'sibling');
  mkdirSync(project, { recursive: true });
  mkdirSync(sibling);
  writeFileSync(join(project, 'package.json'), '{"name":"proj"}');
  writeFileSync(join(sibling, 'secret.txt'), 'secret');
  symlinkSync('../sibling', join(project, 'sib'));
  symlinkSync('/etc', join(project, 'etcl'));
  const paths = ['sib', 'etcl', 'sib/secret.txt'];
  writeFileSync(join(project, 'main.js'), `const fs = require('fs');
for (const path of ${JSON.stringify(paths)}) {
  for (const [name, call] of [['realpathSync', fs.realpathSync], ['native', fs.realpathSync.native], ['readFileSync', fs.readFileSync]]) {
    try {
      const found = call(path, 'utf8');
      console.log(path, name, 'FOUND', found === ${JSON.stringify(sibling)} || found === '/etc' || found.endsWith('secret.txt') || found === 'secret');
    } catch (error) {
      console.log(path, name, error.code);
    }
  }
}
`);
  // The fixture is meaningful: real node follows each link out of the project (readFileSync of a
  // folder fails with EISDIR).
  const real = runRealNodeIn(project);
  assert.deepEqual(real.map((line) => line.replace(/ (?:FOUND true|EISDIR)$/, ' ok')), paths.flatMap((path) => ['realpathSync', 'native', 'readFileSync'].map((name) => `${path} ${name} ok`)), real.join('\n'));
  const { stdout, model } = predictWithCli(project);
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(stdout, paths.flatMap((path) => ['realpathSync', 'native', 'readFileSync'].map((name) => `${path} ${name} ENOENT`)));
  // Each refusal says why: LoopLens looks only inside the workspace.
  for (const path of paths) {
    for (const call of ['fs.realpathSync', 'fs.realpathSync.native', 'fs.readFile']) {
      assert.ok(model.notes.some((note) => note.startsWith(`${call}('${path}'): LoopLens looks only inside the workspace`)), `${call} ${path}: ${JSON.stringify(model.notes)}`);
    }
  }
});

/**
 * A checkout next to `victim` (a sibling project with a secret) on the same disk, with a committed
 * link `node_modules/victim -> ../../victim`, and `declare` writing whatever workspace declaration
 * the repository makes about itself. Returns the repository folder.
 */
function siblingCheckout(name, declare = () => {}) {
  const folder = join(base, name);
  const victim = join(folder, 'victim');
  const evil = join(folder, 'evil');
  mkdirSync(victim, { recursive: true });
  mkdirSync(join(evil, 'node_modules'), { recursive: true });
  writeFileSync(join(victim, 'package.json'), '{"name":"victim"}');
  writeFileSync(join(victim, '.env'), 'API_KEY=hunter2');
  writeFileSync(join(evil, 'package.json'), '{"name":"evil"}');
  symlinkSync('../../victim', join(evil, 'node_modules', 'victim'));
  declare(evil);
  return evil;
}

/** Asserts that real fs reaches `path` and that none of the host helpers reads, lists or describes it. */
function assertRefused(roots, path) {
  assert.ok(canRead(join(path, '.env')) || canRead(path), `${path} should be readable by real node`);
  const file = canRead(join(path, '.env')) ? join(path, '.env') : path;
  assert.equal(readWorkspaceFile(roots, file), undefined, file);
  assert.equal(readWorkspaceBytes(roots, file), undefined, file);
  const stat = statWorkspacePath(roots, file);
  assert.ok(stat === undefined || (!stat.isFile && !stat.isDirectory && stat.size === 0), `${file}: ${JSON.stringify(stat)}`);
  if (file !== path) assert.equal(listWorkspaceDirectory(roots, path), undefined, path);
}

test('a sibling checkout linked from node_modules is refused unless a workspace around the link declares it (review rv9 #5)', () => {
  // No workspace anywhere: the repository rv9 reported.
  const plain = siblingCheckout('sibling-plain');
  assertRefused([plain], join(plain, 'node_modules', 'victim'));
  // A repository cannot reach out by declaring workspaces of its own (npm, pnpm, lerna forms).
  const declarations = {
    npm: (folder) => writeFileSync(join(folder, 'package.json'), '{"name":"evil","workspaces":["../victim","../*","**"]}'),
    yarn: (folder) => writeFileSync(join(folder, 'package.json'), '{"name":"evil","workspaces":{"packages":["../*"]}}'),
    pnpm: (folder) => writeFileSync(join(folder, 'pnpm-workspace.yaml'), "packages:\n  - '../*'\n  - '**'\n"),
    lerna: (folder) => writeFileSync(join(folder, 'lerna.json'), '{"packages":["../victim"]}'),
    rush: (folder) => writeFileSync(join(folder, 'rush.json'), '{"projects":[{"packageName":"victim","projectFolder":"../victim"},{"packageName":"all","projectFolder":".."}]}'),
  };
  for (const [kind, declare] of Object.entries(declarations)) {
    const evil = siblingCheckout(`sibling-${kind}`, declare);
    assertRefused([evil], join(evil, 'node_modules', 'victim'));
  }
  // Inside a real monorepo: a folder its globs do not match, and one they exclude, stay refused.
  const { repo, web } = monorepo('undeclared-folders');
  writeFileSync(join(repo, 'package.json'), '{"name":"repo","private":true,"workspaces":["packages/*","apps/*","!packages/private"]}');
  for (const [folder, packageName] of [['tools/helper', 'helper'], ['packages/private', 'private']]) {
    mkdirSync(join(repo, folder), { recursive: true });
    writeFileSync(join(repo, folder, 'package.json'), JSON.stringify({ name: packageName }));
    writeFileSync(join(repo, folder, '.env'), 'TOKEN=1');
    symlinkSync(join('..', '..', '..', folder), join(web, 'node_modules', packageName));
    assertRefused([web], join(web, 'node_modules', packageName));
  }
  // The declared packages of that monorepo still read.
  assert.equal(readWorkspaceFile([web], join(web, 'node_modules', 'lib', 'data.txt')), 'linked data');
});

test('the rv9 repository: real node prints the sibling secret, the prediction gets an error code', () => {
  const evil = siblingCheckout('sibling-program');
  writeFileSync(join(evil, 'main.js'), `const fs = require('fs');
try {
  console.log('env', fs.readFileSync('node_modules/victim/.env', 'utf8'));
} catch (error) {
  console.log('env', error.code);
}
try {
  console.log('list', fs.readdirSync('node_modules/victim').join());
} catch (error) {
  console.log('list', error.code);
}
`);
  // The fixture is meaningful: real node reads and lists the sibling.
  assert.deepEqual(runRealNodeIn(evil), ['env API_KEY=hunter2', 'list .env,package.json']);
  const { stdout } = predictWithCli(evil);
  assert.ok(!stdout.join('\n').includes('hunter2') && !stdout.join('\n').includes('.env,'), stdout.join('\n'));
  assert.deepEqual(stdout, ['env ENOENT', 'list ENOTDIR']);
});

test('pnpm-workspace.yaml and lerna.json monorepos follow their declared package links, as real node', () => {
  for (const [kind, declare] of [
    ['pnpm', (repo) => writeFileSync(join(repo, 'pnpm-workspace.yaml'), "packages:\n  - 'packages/*'\n  - 'apps/*'\n")],
    ['lerna', (repo) => writeFileSync(join(repo, 'lerna.json'), '{"version":"1.0.0"}')],
  ]) {
    const { repo, web } = monorepo(`declared-${kind}`);
    writeFileSync(join(repo, 'package.json'), '{"name":"repo","private":true}');
    const path = join(web, 'node_modules', 'lib', 'data.txt');
    // Before the declaration, no workspace declares packages/lib: refused.
    assert.equal(readWorkspaceFile([web], path), undefined, `${kind}: undeclared`);
    declare(repo);
    assert.equal(readWorkspaceFile([web], path), readFileSync(path, 'utf8'), kind);
    assert.deepEqual(listWorkspaceDirectory([web], join(web, 'node_modules', 'lib')).sort(), readdirSync(join(web, 'node_modules', 'lib')).sort(), kind);
  }
});

test('rush.json monorepos follow the links of their declared project folders, as real node, and only those', () => {
  const { repo, web } = monorepo('declared-rush');
  writeFileSync(join(repo, 'package.json'), '{"name":"repo","private":true}');
  const path = join(web, 'node_modules', 'lib', 'data.txt');
  // Before the declaration, no workspace declares packages/lib: refused.
  assert.equal(readWorkspaceFile([web], path), undefined, 'undeclared');
  // rush.json is JSON with comments and trailing commas; each projectFolder is one folder, not a glob.
  writeFileSync(join(repo, 'rush.json'), `// Rush's own format
{
  "rushVersion": "5.100.0", /* the version */
  "projects": [
    { "packageName": "web", "projectFolder": "apps/web" },
    { "packageName": "lib", "projectFolder": "packages/lib", },
    { "packageName": "star", "projectFolder": "packages/*" // not a glob
    },
  ],
}
`);
  assert.equal(readWorkspaceFile([web], path), 'linked data');
  assert.deepEqual(listWorkspaceDirectory([web], join(web, 'node_modules', 'lib')).sort(), readdirSync(join(web, 'node_modules', 'lib')).sort());
  // The program reads and loads the declared packages as real node does: @acme/ui (packages/ui) is
  // not declared yet, so the program that requires it is checked after it is.
  writeFileSync(join(web, 'main.js'), "console.log(require('lib'), require('fs').readFileSync('node_modules/lib/data.txt', 'utf8'));\n");
  const { stdout, model } = predictWithCli(web);
  assert.equal(model.stopped, null, JSON.stringify(model.notes));
  assert.deepEqual(stdout, runRealNodeIn(web));
  // A folder of the repository no project names stays refused, even where `packages/*` would match it.
  assertRefused([web], join(web, 'node_modules', '@acme', 'ui', 'index.js'));
  // A file that cannot be read as rush.json declares nothing.
  writeFileSync(join(repo, 'rush.json'), '{"projects":[{"packageName":"lib","projectFolder":"packages/lib"}');
  assert.equal(readWorkspaceFile([web], path), undefined, 'malformed');
  writeFileSync(join(repo, 'rush.json'), '{"projects":[{"packageName":"lib","projectFolder":"packages/lib"},{"packageName":"x","projectFolder":7}]}');
  assert.equal(readWorkspaceFile([web], path), undefined, 'a project folder that is not a string');
});

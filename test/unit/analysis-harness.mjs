// Shared helpers for the analysis tests: a real-filesystem host, fixture loading, locating
// expected findings by text, and running fixtures in real `node` as the oracle for runtime claims.
import { readFileSync, readdirSync, existsSync, statSync, realpathSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname, basename, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// LOOPLENS_CORE_BUNDLE lets a developer point the tests at another build of the core (default: dist/core.js).
export const core = require(process.env.LOOPLENS_CORE_BUNDLE ?? join(root, 'dist', 'core.js'));
export const ts = require('typescript');
export const fixturesDir = join(root, 'test', 'fixtures', 'analysis');

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]);
}

export const host = {
  readFile: (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } },
  fileExists: (path) => existsSync(path) && statSync(path).isFile(),
  directoryExists: (path) => existsSync(path) && statSync(path).isDirectory(),
  getDirectories: (path) => readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name),
  realpath: (path) => realpathSync(path),
  listFiles,
};

export function fixtureCases() {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(fixturesDir, entry.name, 'expected.json')))
    .map((entry) => entry.name).sort();
}

/** 1-based line/column of the nth occurrence of `text` in `source`. */
export function locate(source, text, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = source.indexOf(text, index + 1);
    if (index < 0) return undefined;
  }
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export function loadFixture(name) {
  const dir = join(fixturesDir, name);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
  const files = listFiles(dir).filter((file) => basename(file) !== 'expected.json');
  return { dir, expected, files };
}

/** Runs the analysis on a fixture folder (or the listed files) and returns findings with paths relative to it. */
export function analyzeFixture(name) {
  const { dir, expected } = loadFixture(name);
  const paths = expected.check ? expected.check.map((file) => join(dir, file)) : [dir];
  const findings = core.checkPaths(ts, paths, host, expected.options ?? {});
  return findings.map((finding) => ({ ...finding, file: relative(dir, finding.file) }));
}

/** The expected findings with positions resolved from their `at` text. */
export function expectedFindings(name) {
  const { dir, expected } = loadFixture(name);
  return (expected.findings ?? []).map((item) => {
    const file = item.file ?? expected.run ?? 'main.js';
    const source = readFileSync(join(dir, file), 'utf8');
    const position = locate(source, item.at, item.nth ?? 0);
    if (!position) throw new Error(`${name}: text ${JSON.stringify(item.at)} not found in ${file}`);
    return { ...item, file, ...position };
  });
}

/** Runs a fixture's entry file in real node; returns status, stdout, stderr. */
export function runInNode(name) {
  const { dir, expected } = loadFixture(name);
  const result = spawnSync(process.execPath, [expected.run], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Both resolvers of one parse of `text`: the scope resolver (`syntax/scopes.ts`), whose questions for
 * the checker go to the compiler-backed one and are counted (`askedChecker()`), and the compiler-backed
 * resolver itself (`reference`), to compare answers with.
 */
export function resolversFor(text, fileName) {
  const sourceFile = core.parseSource(ts, text, fileName, false);
  let reference;
  let asked = 0;
  const scopes = core.createScopeResolver(ts, sourceFile, () => ({
    sourceFile,
    symbolOf: (node) => reference.symbolOf(node),
    declarationsOf: (node) => { asked++; return reference.declarationsOf(node); },
  }));
  reference = core.createBindingResolver(ts, sourceFile, { bindNow: true });
  return { sourceFile, scopes, reference, askedChecker: () => asked };
}

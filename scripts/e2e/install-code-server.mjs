// Installs code-server (a real VS Code served to a browser) into .e2e-cache/, outside the tracked
// tree, and reuses that install on later runs. VS Code desktop cannot be downloaded where only the
// npm registry and Debian's packages are reachable, so code-server is how the e2e suite gets a
// real workbench. The recipe and its reasons are in the project's e2e notes (code-server.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// 4.100.3 (VS Code 1.100.3) is the newest code-server whose install accepts Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const installDir = join(repoRoot, '.e2e-cache', `code-server-${CODE_SERVER_VERSION}`);
export const entryScript = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function findOnPath(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns the path of code-server's entry script, installing code-server first when the cache
 * does not hold it yet. Throws with an actionable message when a prerequisite is missing.
 */
export function ensureCodeServer({ log = (line) => console.log(line) } = {}) {
  if (existsSync(entryScript)) {
    log(`code-server ${CODE_SERVER_VERSION}: reusing ${installDir}`);
    return entryScript;
  }
  // code-server bundles @vscode/ripgrep, whose postinstall downloads rg from GitHub and fails
  // offline; it looks in this cache folder first, so hand it Debian's rg there.
  const rg = findOnPath('rg');
  if (!rg) {
    throw new Error('ripgrep (rg) is needed to install code-server offline: apt-get install -y ripgrep libkrb5-dev pkg-config');
  }
  const ripgrepCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(ripgrepCache, { recursive: true });
  const archive = join(ripgrepCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (!existsSync(archive)) {
    execFileSync('tar', ['czf', archive, '-C', dirname(rg), 'rg']);
  }
  mkdirSync(installDir, { recursive: true });
  // A package.json of its own keeps npm from walking up into the repository's package.json.
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'looplens-e2e-cache', private: true }) + '\n');
  const started = Date.now();
  log(`code-server ${CODE_SERVER_VERSION}: installing into ${installDir} (about a minute or two)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --unsafe-perm: CI runs as root, and code-server's postinstall refuses to run without it.
  execFileSync(npm, ['install', '--unsafe-perm', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    // node-pty's postinstall runs `npx node-gyp`, which would otherwise wait for a "yes" on stdin.
    env: { ...process.env, npm_config_yes: 'true' },
  });
  if (!existsSync(entryScript)) {
    throw new Error(`code-server installed but ${entryScript} is missing`);
  }
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return entryScript;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCodeServer();
}

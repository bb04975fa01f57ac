// Processes for the code-server end-to-end suite: code-server itself (started in its own process
// group so that it and its extension hosts and language servers stop together) and headless
// Chromium driven by playwright-core. Every process started here is stopped by its id, also when
// the test process dies early.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Process groups still running; killed synchronously if the test process exits without stopping them. */
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * User settings that keep a first start quiet: no Welcome tab holding focus, no trust prompt,
 * no update checks or telemetry, inlay hints always on.
 */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'chat.commandCenter.enabled': false,
    'editor.inlayHints.enabled': 'on',
    'editor.minimap.enabled': false,
    'editor.hover.delay': 150,
    'git.enabled': false,
    ...extra,
  };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Arguments every code-server invocation gets. `configFile` keeps code-server from creating
 * ~/.config/code-server/config.yaml (with a generated password) outside the throwaway folders.
 */
function commonArgs({ userDataDir, extensionsDir, configFile }) {
  const args = ['--auth', 'none', '--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (configFile) args.push('--config', configFile);
  return args;
}

/**
 * code-server keeps logs and a heartbeat file in the XDG data folder (~/.local/share/code-server)
 * whatever --user-data-dir says; pointing XDG at the throwaway folder keeps the home untouched.
 */
function isolatedEnv({ userDataDir }) {
  return { ...process.env, XDG_DATA_HOME: join(userDataDir, 'xdg-data'), XDG_CONFIG_HOME: join(userDataDir, 'xdg-config') };
}

/** Installs a .vsix into the throwaway extensions folder; returns what code-server printed. */
export function installExtension(entryScript, vsixPath, dirs) {
  return execFileSync(process.execPath, [entryScript, ...commonArgs(dirs), '--install-extension', vsixPath], {
    encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(dirs),
  });
}

export function listExtensions(entryScript, dirs) {
  return execFileSync(process.execPath, [entryScript, ...commonArgs(dirs), '--list-extensions', '--show-versions'], {
    encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(dirs),
  });
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it accepts HTTP requests.
 * Returns { url, pid, output(), stop() }; stop() ends the whole process group.
 */
export async function startCodeServer(entryScript, { userDataDir, extensionsDir, configFile, locale, extraArgs = [], timeoutMs = 60_000 }) {
  const port = await freePort();
  const args = [entryScript, ...commonArgs({ userDataDir, extensionsDir, configFile }), '--bind-addr', `127.0.0.1:${port}`];
  if (locale) args.push('--locale', locale);
  args.push(...extraArgs);
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv({ userDataDir }) });
  liveGroups.add(child.pid);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (!liveGroups.has(child.pid)) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    if (child.exitCode === null && child.signalCode === null) await exited;
    clearTimeout(timer);
    // Extension hosts and language servers are in the same group; make sure none outlives us.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    liveGroups.delete(child.pid);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    }
    try {
      const response = await globalThis.fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid, output: () => output, stop };
}

export async function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

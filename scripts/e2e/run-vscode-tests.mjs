// `npm run test:vscode`: the @vscode/test-electron suite (test/e2e/vscode/suite.cjs) inside a real
// VS Code desktop extension host, for machines that can download VS Code. Where the download is
// impossible (only the npm registry reachable), it prints one line saying it skipped and why and
// exits 0: the code-server suite (`npm run test:e2e`) is what proves the extension there.
//
// Environment: LOOPLENS_VSCODE_EXECUTABLE uses an installed VS Code instead of downloading one;
// LOOPLENS_VSCODE_VERSION picks the version to download (default: the oldest one the manifest's
// engines.vscode accepts, so that an API newer than the promise is caught).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const version = process.env.LOOPLENS_VSCODE_VERSION || '1.100.3';

let vscodeExecutablePath = process.env.LOOPLENS_VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  try {
    // The silent reporter keeps a failed download to the single line below.
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version, cachePath: join(repoRoot, '.vscode-test'), timeout: 20_000, reporter: new SilentReporter(),
    });
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
    console.log(`test:vscode skipped: VS Code ${version} could not be downloaded (${reason}); set LOOPLENS_VSCODE_EXECUTABLE to an installed VS Code, or rely on npm run test:e2e (code-server).`);
    process.exit(0);
  }
}

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  // Electron cannot start without a display; failing loudly beats a silent skip on a machine
  // that could run the suite.
  console.error('test:vscode needs a display on Linux: run it under `xvfb-run -a npm run test:vscode`.');
  process.exit(1);
}

// The extension host loads dist/client.js, so build what the manifest points at.
execFileSync(process.execPath, [join(repoRoot, 'esbuild.mjs')], { cwd: repoRoot, stdio: 'inherit' });

// A throwaway workspace with a file that has a TDZ error, and throwaway user data.
const scratch = mkdtempSync(join(tmpdir(), 'looplens-vscode-'));
const workspace = join(scratch, 'workspace');
mkdirSync(workspace);
writeFileSync(join(workspace, 'tdz.js'), 'console.log(total);\nlet total = 1;\n');
execFileSync('cp', ['-r', join(repoRoot, 'examples', 'node-event-loop.js'), workspace]);
let exitCode = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'test', 'e2e', 'vscode', 'suite.cjs'),
    extensionTestsEnv: { LOOPLENS_TEST_WORKSPACE: workspace },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${join(scratch, 'user-data')}`,
    ],
  });
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);

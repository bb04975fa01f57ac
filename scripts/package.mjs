// Packages the extension as looplens-<version>.vsix with @vscode/vsce and prints its size, so
// that growth is noticed (the budget is 3 MB).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { version, name } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const out = `${name}-${version}.vsix`;
const vsce = require.resolve('@vscode/vsce/vsce');
// --no-dependencies: everything the extension runs is bundled into dist/ by esbuild.
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], { stdio: 'inherit' });
const bytes = statSync(out).size;
console.log(`${out}: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes; budget 3 MB)`);
if (bytes > 3 * 1024 * 1024) {
  console.error(`${out} is larger than the 3 MB budget`);
  process.exit(1);
}

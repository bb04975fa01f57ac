// Runs every `test/**/*.test.mjs` with node's test runner. Node 20's `node --test` takes no glob
// patterns (they arrived in Node 21), and its default discovery would also pick up helpers and
// fixtures, so the files are listed here. Extra arguments (e.g. a folder or a file) narrow the run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith('.test.mjs')) found.push(full);
  }
  return found;
}

const filters = process.argv.slice(2).map((arg) => resolve(arg));
const files = findTests(join(root, 'test')).filter((file) => filters.length === 0 || filters.some((filter) => file.startsWith(filter)));
if (files.length === 0) {
  console.error(`no test files found${filters.length ? ` under ${filters.join(', ')}` : ''}`);
  process.exit(1);
}
console.log(`running ${files.length} test files: ${files.map((file) => relative(root, file)).join(' ')}`);
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);

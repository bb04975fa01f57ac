// Benchmark of the static analysis (issue 5 / issue 9 targets):
//  - diagnostics for a generated 5,000-line file (target <= 50 ms),
//  - the cycle-hazard scan of a generated 10,000-module workspace, cold (target <= 3 s) and after a
//    one-file edit (target <= 50 ms),
//  - and, when they are installed, madge and dpdm on the same workspace, with the ratios.
// Usage: node scripts/bench-analysis.mjs [--modules N] [--core path/to/core.js]
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const moduleCount = Number(argument('--modules', '10000'));
const core = require(argument('--core', join(root, 'dist', 'core.js')));
const ts = require('typescript');

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]);
}
const host = {
  readFile: (path) => { try { return readFileSync(path, 'utf8'); } catch { return undefined; } },
  fileExists: (path) => existsSync(path) && statSync(path).isFile(),
  directoryExists: (path) => existsSync(path) && statSync(path).isDirectory(),
  listFiles,
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (action) => {
  const started = performance.now();
  const result = action();
  return { ms: performance.now() - started, result };
};

// 1. One 5,000-line file.
const blocks = [];
for (let i = 0; blocks.join('\n').split('\n').length < 5000; i++) {
  blocks.push(`function compute${i}(items, factor = 2) {\n  const scaled = items.map((item) => item * factor);\n  if (scaled.length > 3) {\n    return helper${i}(scaled);\n  }\n  return limit${i};\n}\nconst limit${i} = { value: ${i} };\nfunction helper${i}(list) {\n  return list.reduce((sum, x) => sum + x, 0);\n}\nconsole.log(compute${i}([1, 2, 3]));`);
}
const bigText = blocks.join('\n').split('\n').slice(0, 5000).join('\n');
const fileRuns = [];
for (let run = 0; run < 7; run++) fileRuns.push(time(() => core.analyzeFile(ts, bigText, '/bench/big.js', host, { families: ['tdz', 'hoisting', 'leak'] })).ms);

// 2. A 10,000-module workspace: 100 folders of 100 ES modules; each imports up to three earlier
// modules, and every 97th module closes a cycle with a top-level read (a hazard), every 89th with a
// use inside a function (benign).
const workspace = mkdtempSync(join(tmpdir(), 'looplens-bench-'));
const pathOf = (i) => join(workspace, `pkg${Math.floor(i / 100)}`, `m${i}.js`);
const relativeSpecifier = (from, to) => {
  const a = Math.floor(from / 100);
  const b = Math.floor(to / 100);
  return a === b ? `./m${to}.js` : `../pkg${b}/m${to}.js`;
};
writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'bench', type: 'module' }));
const sourceOf = (i, edit = '') => {
  const lines = [];
  const deps = [i - 1, i - 7, i - 50].filter((d) => d >= 0);
  for (const d of deps) lines.push(`import { value${d}, fn${d} } from '${relativeSpecifier(i, d)}';`);
  if (i % 97 === 0 && i + 5 < moduleCount) lines.push(`import { value${i + 5} } from '${relativeSpecifier(i, i + 5)}';`, `console.log(value${i + 5});`);
  if (i % 89 === 0 && i + 3 < moduleCount) lines.push(`import { fn${i + 3} } from '${relativeSpecifier(i, i + 3)}';`, `export function late${i}() { return fn${i + 3}(); }`);
  lines.push(`export const value${i} = ${deps.length > 0 ? `value${deps[0]} + 1` : '0'};`);
  lines.push(`export function fn${i}() { return ${deps.map((d) => `fn${d}()`).join(' + ') || '0'}; }`);
  if (edit) lines.push(edit);
  return lines.join('\n') + '\n';
};
for (let i = 0; i < moduleCount; i++) {
  mkdirSync(dirname(pathOf(i)), { recursive: true });
  writeFileSync(pathOf(i), sourceOf(i));
}
const files = listFiles(workspace).filter((file) => file.endsWith('.js'));
const graph = new core.ModuleGraph(ts, host);
const cold = time(() => {
  graph.addReachableFrom(files);
  return graph.cycleFindings();
});
const hazards = cold.result.filter((finding) => finding.code !== 'circular-import-benign');
const editedIndex = Math.floor(moduleCount / 2) + 1;
const incrementalRuns = [];
for (let run = 0; run < 5; run++) {
  const text = sourceOf(editedIndex, `export const edited${run} = ${run};`);
  incrementalRuns.push(time(() => {
    graph.setFileText(pathOf(editedIndex), text);
    graph.addReachableFrom([pathOf(editedIndex)]);
    return graph.cycleFindings();
  }).ms);
}

// 3. madge and dpdm, when installed, on the same workspace.
const others = {};
for (const [name, args] of Object.entries({
  madge: (bin) => [bin, '--circular', '--json', workspace],
  dpdm: (bin) => [bin, '--no-tree', '--no-warning', '-T', '--exit-code', 'circular:0', join(workspace, '**/*.js')],
})) {
  let bin;
  try {
    const manifest = require.resolve(`${name}/package.json`);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const relativeBin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[name];
    bin = join(dirname(manifest), relativeBin);
  } catch {
    others[name] = 'not installed';
    continue;
  }
  const started = performance.now();
  const result = spawnSync(process.execPath, args(bin), { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 600_000 });
  const ms = performance.now() - started;
  others[name] = { ms: Math.round(ms), exit: result.status, ratio: `${(ms / cold.ms).toFixed(1)}x LoopLens cold` };
}
rmSync(workspace, { recursive: true, force: true });

const report = {
  file5000Lines: { medianMs: Math.round(median(fileRuns)), runsMs: fileRuns.map(Math.round), targetMs: 50 },
  workspace: {
    modules: graph.size,
    cycles: graph.cycles().length,
    hazards: hazards.length,
    coldMs: Math.round(cold.ms), targetColdMs: 3000,
    incrementalMedianMs: Math.round(median(incrementalRuns)), incrementalRunsMs: incrementalRuns.map(Math.round), targetIncrementalMs: 50,
  },
  others,
};
console.log(JSON.stringify(report, null, 2));

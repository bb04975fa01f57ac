// Generated ES-module workspaces (fast-check) with real node as the oracle for import-cycle
// hazards: three modules with random imports among them (often cyclic), each exporting one binding
// of a random kind (const, let, var, class, function) and reading what it imports either at load
// time or inside a function; main.mjs imports some of them in a random order. For each workspace:
//  - node throws "Cannot access ... before initialization" => the analysis reports
//    circular-import-load-time on a line of node's stack (no miss),
//  - the analysis reports it as an error (certain for every entry) => node throws (no false alarm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { core, ts, host } from './analysis-harness.mjs';

const MODULES = [0, 1, 2];
const workspaceArbitrary = fc.record({
  kinds: fc.array(fc.constantFrom('const', 'let', 'var', 'class', 'function'), { minLength: 3, maxLength: 3 }),
  edges: fc.array(fc.array(fc.record({ to: fc.constantFrom(...MODULES), eager: fc.constantFrom(true, true, false) }), { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  mainImports: fc.uniqueArray(fc.constantFrom(...MODULES), { minLength: 1, maxLength: 3 }),
});

function render(workspace) {
  const files = {};
  MODULES.forEach((i) => {
    const lines = [];
    const seen = new Set();
    const body = [];
    for (const edge of workspace.edges[i]) {
      if (edge.to === i || seen.has(edge.to)) continue;
      seen.add(edge.to);
      lines.push(`import { x${edge.to} } from './m${edge.to}.mjs';`);
      const read = workspace.kinds[edge.to] === 'class' ? `x${edge.to}.name` : workspace.kinds[edge.to] === 'function' ? `x${edge.to}()` : `x${edge.to}`;
      body.push(edge.eager ? `void ${read};` : `export function use${i}from${edge.to}() { return ${read}; }`);
    }
    const kind = workspace.kinds[i];
    const declaration = kind === 'class' ? `export class x${i} {}` : kind === 'function' ? `export function x${i}() { return ${i}; }` : `export ${kind} x${i} = ${i};`;
    files[`m${i}.mjs`] = [...lines, ...body, declaration].join('\n') + '\n';
  });
  files['main.mjs'] = workspace.mainImports.map((i) => `import './m${i}.mjs';`).join('\n') + '\n';
  return files;
}

function runPrograms(entries) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'analysis-runner.mjs')], { timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (status) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`runner failed (exit ${status}): ${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(entries));
  });
}

test('generated module cycles: load-time hazards agree with real node both ways', async () => {
  const workspaces = fc.sample(workspaceArbitrary, { numRuns: 150, seed: 7 });
  const root = mkdtempSync(join(tmpdir(), 'looplens-cycles-'));
  try {
    const items = workspaces.map((workspace, index) => {
      const dir = join(root, `w${index}`);
      mkdirSync(dir);
      const files = render(workspace);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const findings = core.checkPaths(ts, [dir], host).filter((finding) => finding.code === 'circular-import-load-time');
      return { dir, files, findings };
    });
    const results = await runPrograms(items.map((item) => join(item.dir, 'main.mjs')));
    const failures = [];
    let throwing = 0;
    items.forEach((item, index) => {
      const { error } = results[index];
      const nodeTdz = error && error.name === 'ReferenceError' && /before initialization/.test(error.message);
      if (nodeTdz) throwing++;
      const show = () => `\n${Object.entries(item.files).map(([name, text]) => `--- ${name}\n${text}`).join('')}findings: ${item.findings.map((f) => `${basename(f.file)}:${f.line}/${f.severity}`).join(', ') || 'none'}\nnode: ${error ? error.stack.split('\n').slice(0, 2).join(' | ') : 'ok'}`;
      if (nodeTdz && !item.findings.some((finding) => error.stack.includes(`${basename(finding.file)}:${finding.line}:`))) failures.push(`missed in w${index}${show()}`);
      if (item.findings.some((finding) => finding.severity === 'error') && !nodeTdz) failures.push(`false error in w${index}${show()}`);
    });
    console.log(`${items.length} generated workspaces, ${throwing} throw a TDZ ReferenceError in node`);
    assert.ok(throwing >= 10, 'the generator should produce enough throwing workspaces to be meaningful');
    assert.deepEqual(failures, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

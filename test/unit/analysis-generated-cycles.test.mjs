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

// CommonJS: three modules that assign properties to `exports` before and after requiring each other
// and read each other's properties at load time through a guard that throws when a value is still
// missing. The analysis's partial-exports finding must sit exactly on the reads that throw.
const commonJsArbitrary = fc.record({
  // Per module: which modules it requires (in order), and how many of its two exports come before the requires.
  requires: fc.array(fc.array(fc.constantFrom(...MODULES), { minLength: 1, maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  before: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
  reads: fc.array(fc.array(fc.record({ from: fc.constantFrom(...MODULES), property: fc.constantFrom('p0', 'p1'), destructure: fc.boolean() }), { maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  mainRequires: fc.uniqueArray(fc.constantFrom(...MODULES), { minLength: 1, maxLength: 3 }),
});

function renderCommonJs(workspace) {
  const files = {};
  MODULES.forEach((i) => {
    const lines = ["function present(value) {\n  if (value === undefined) throw new Error('PARTIAL');\n}"];
    const assignments = [`exports.p0 = 'm${i}.p0';`, `exports.p1 = 'm${i}.p1';`];
    lines.push(...assignments.slice(0, workspace.before[i]));
    const required = [...new Set(workspace.requires[i].filter((to) => to !== i))];
    required.forEach((to) => lines.push(`const m${to} = require('./m${to}.js');`));
    for (const read of workspace.reads[i]) {
      if (!required.includes(read.from)) continue;
      lines.push(read.destructure
        ? `present(require('./m${read.from}.js').${read.property});`
        : `present(m${read.from}.${read.property});`);
    }
    lines.push(...assignments.slice(workspace.before[i]));
    files[`m${i}.js`] = lines.join('\n') + '\n';
  });
  files['main.js'] = workspace.mainRequires.map((i) => `require('./m${i}.js');`).join('\n') + '\n';
  return files;
}

test('generated CommonJS cycles: partial-exports findings agree with real node both ways', async () => {
  const workspaces = fc.sample(commonJsArbitrary, { numRuns: 150, seed: 13 });
  const root = mkdtempSync(join(tmpdir(), 'looplens-cjs-cycles-'));
  try {
    const items = workspaces.map((workspace, index) => {
      const dir = join(root, `c${index}`);
      mkdirSync(dir);
      const files = renderCommonJs(workspace);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const findings = core.checkPaths(ts, [dir], host).filter((finding) => finding.code === 'circular-import-partial-exports');
      return { dir, files, findings };
    });
    const results = await runPrograms(items.map((item) => join(item.dir, 'main.js')));
    const failures = [];
    let throwing = 0;
    items.forEach((item, index) => {
      const { error } = results[index];
      const partial = error && error.message === 'PARTIAL';
      if (error && !partial) failures.push(`c${index}: unexpected ${error.stack}`);
      if (partial) throwing++;
      const show = () => `\n${Object.entries(item.files).map(([name, text]) => `--- ${name}\n${text}`).join('')}findings: ${item.findings.map((f) => `${basename(f.file)}:${f.line}/${f.severity}${/entered through/.test(f.message) ? '(entry-dependent)' : ''}`).join(', ') || 'none'}\nnode: ${error ? error.stack.split('\n').slice(0, 3).join(' | ') : 'ok'}`;
      // The guard throws from inside present(); the reading line is the next frame.
      if (partial && !item.findings.some((finding) => error.stack.includes(`${basename(finding.file)}:${finding.line}:`))) failures.push(`missed in c${index}${show()}`);
      if (!partial && item.findings.some((finding) => !/entered through/.test(finding.message))) failures.push(`false alarm in c${index}${show()}`);
    });
    console.log(`${items.length} generated CommonJS workspaces, ${throwing} read a missing export in node`);
    assert.ok(throwing >= 10, 'the generator should produce enough partial reads to be meaningful');
    assert.deepEqual(failures, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

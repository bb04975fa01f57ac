// An import cycle in TypeScript that the project compiles to CommonJS (tsconfig `module: commonjs`)
// reads `exports.name` of a module still loading: undefined, not a binding in its temporal dead zone.
// The finding must say so (a warning), and say ReferenceError only where the modules stay ES modules.
// The oracle is the real compiler's CommonJS output run by real node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { core, ts } from './analysis-harness.mjs';

const A = "import { b } from './b';\nexport const a = 1;\nconsole.log('a sees', b);\n";
const B = "import { a } from './a';\nexport const b = 2;\nconsole.log('b sees', a);\n";

function workspace(module) {
  const dir = mkdtempSync(join(tmpdir(), 'looplens-ts-cjs-'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module } }));
  writeFileSync(join(dir, 'a.ts'), A);
  writeFileSync(join(dir, 'b.ts'), B);
  return dir;
}

function cycleFindingsIn(dir) {
  const files = [join(dir, 'a.ts'), join(dir, 'b.ts')];
  const host = { readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined), fileExists: (p) => existsSync(p), listFiles: () => files };
  return core.checkPaths(ts, files, host).filter((finding) => finding.code === 'circular-import-load-time');
}

test('a cycle compiled to CommonJS reads undefined, as the compiled code run by node does', () => {
  const dir = workspace('commonjs');
  try {
    for (const name of ['a', 'b']) {
      const source = readFileSync(join(dir, `${name}.ts`), 'utf8');
      writeFileSync(join(dir, `${name}.js`), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText);
    }
    const real = spawnSync(process.execPath, [join(dir, 'a.js')], { encoding: 'utf8' });
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /^b sees undefined$/m);
    const findings = cycleFindingsIn(dir);
    const inB = findings.find((finding) => finding.file.endsWith('b.ts'));
    assert.ok(inB, JSON.stringify(findings));
    assert.equal(inB.severity, 'warning');
    assert.match(inB.message, /undefined here: this project compiles TypeScript to CommonJS/);
    for (const finding of findings) assert.doesNotMatch(finding.message, /ReferenceError/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same cycle kept as ES modules still reads a binding in its temporal dead zone', () => {
  const dir = workspace('esnext');
  try {
    const findings = cycleFindingsIn(dir);
    assert.ok(findings.length > 0);
    for (const finding of findings) assert.match(finding.message, /ReferenceError/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Generated programs (fast-check) with real node as the oracle, independent of the hand-written
// corpus: random orders of let/const/var/class declarations, functions that read them and call each
// other, and direct, conditional, synchronous-callback and deferred calls. For each program:
//  - node throws "Cannot access ... before initialization"  => the analysis has an error-severity
//    TDZ finding on a line of node's stack (no miss),
//  - the analysis has an error-severity TDZ finding          => node throws that ReferenceError (no false alarm),
//  - node throws "... is not a function" for a var function  => hoisting-call-before-assignment is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { core, ts, host } from './analysis-harness.mjs';

const VARIABLES = ['alpha', 'beta', 'gamma'];
const FUNCTIONS = ['one', 'two', 'three'];

const programArbitrary = fc.record({
  variableKinds: fc.array(fc.constantFrom('let', 'const', 'var', 'class'), { minLength: 3, maxLength: 3 }),
  functionKinds: fc.array(fc.constantFrom('declaration', 'arrow-const', 'expression-var'), { minLength: 3, maxLength: 3 }),
  // What each function body does: read a variable, call another function, or nothing.
  bodies: fc.array(fc.array(fc.oneof(
    fc.record({ read: fc.constantFrom(...VARIABLES) }),
    fc.record({ call: fc.constantFrom(...FUNCTIONS) }),
  ), { maxLength: 2 }), { minLength: 3, maxLength: 3 }),
  // Top-level statements besides the declarations, and where each declaration goes.
  uses: fc.array(fc.record({
    how: fc.constantFrom('call', 'forEach', 'setTimeout', 'conditional', 'read', 'typeof', 'then'),
    target: fc.integer({ min: 0, max: 2 }),
  }), { minLength: 1, maxLength: 4 }),
  order: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 10, maxLength: 10 }),
});

function render(program) {
  const statements = [];
  VARIABLES.forEach((name, i) => {
    const kind = program.variableKinds[i];
    statements.push(kind === 'class' ? `class ${name} {}` : `${kind} ${name} = ${i + 1};`);
  });
  FUNCTIONS.forEach((name, i) => {
    const body = program.bodies[i].map((step) => (step.read ? `void ${step.read};` : step.call === name ? '' : `${step.call}();`)).join(' ');
    const kind = program.functionKinds[i];
    if (kind === 'declaration') statements.push(`function ${name}() { ${body} }`);
    else if (kind === 'arrow-const') statements.push(`const ${name} = () => { ${body} };`);
    else statements.push(`var ${name} = function () { ${body} };`);
  });
  for (const use of program.uses) {
    const fn = FUNCTIONS[use.target];
    const variable = VARIABLES[use.target];
    statements.push({
      call: `${fn}();`,
      forEach: `[1].forEach(() => ${fn}());`,
      setTimeout: `setTimeout(() => ${fn}(), 0);`,
      conditional: `if (Math.random() > 2) ${fn}();`,
      read: `void ${variable};`,
      typeof: `void typeof ${variable};`,
      then: `Promise.resolve().then(() => ${fn}());`,
    }[use.how]);
  }
  // A deterministic shuffle driven by the generated keys.
  const keyed = statements.map((statement, i) => ({ statement, key: program.order[i % program.order.length] * 100 + i }));
  keyed.sort((a, b) => a.key - b.key);
  return keyed.map(({ statement }) => statement).join('\n') + '\n';
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

test('generated programs: TDZ errors agree with real node both ways', async () => {
  const programs = fc.sample(programArbitrary, { numRuns: 150, seed: 5 });
  const workspace = mkdtempSync(join(tmpdir(), 'looplens-generated-'));
  try {
    const items = programs.map((program, index) => {
      const file = join(workspace, `p${index}.js`);
      const text = render(program);
      writeFileSync(file, text);
      return { file, text, findings: core.analyzeFile(ts, text, file, host) };
    });
    const results = await runPrograms(items.map((item) => item.file));
    const failures = [];
    let throwing = 0;
    items.forEach((item, index) => {
      const { error } = results[index];
      const name = item.file.replace(/^.*[\\/]/, '');
      const tdzErrors = item.findings.filter((finding) => finding.severity === 'error' && finding.kind === 'tdz' && !/whenever the function runs/.test(finding.message));
      const nodeTdz = error && error.name === 'ReferenceError' && /before initialization/.test(error.message);
      if (nodeTdz) throwing++;
      const show = () => `\n${item.text}findings: ${item.findings.map((f) => `${f.line}:${f.code}/${f.severity}`).join(', ') || 'none'}\nnode: ${error ? error.stack.split('\n').slice(0, 3).join(' | ') : 'ok'}`;
      if (nodeTdz && !tdzErrors.some((finding) => error.stack.includes(`${name}:${finding.line}:`))) failures.push(`missed TDZ throw in ${name}${show()}`);
      // A program that dies earlier of a TypeError the analysis also predicted never reaches its TDZ.
      const diedEarlierAsPredicted = error && error.name === 'TypeError' && item.findings.some((finding) =>
        finding.code === 'hoisting-call-before-assignment' && error.stack.includes(`${name}:${finding.line}:`));
      if (tdzErrors.length > 0 && !nodeTdz && !diedEarlierAsPredicted) failures.push(`false TDZ error in ${name}${show()}`);
      if (error && error.name === 'TypeError' && /is not a function/.test(error.message) &&
          !item.findings.some((finding) => finding.code === 'hoisting-call-before-assignment')) failures.push(`missed call-before-assignment in ${name}${show()}`);
    });
    console.log(`${items.length} generated programs, ${throwing} throw a TDZ ReferenceError in node`);
    assert.ok(throwing >= 10, 'the generator should produce enough throwing programs to be meaningful');
    assert.deepEqual(failures, []);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

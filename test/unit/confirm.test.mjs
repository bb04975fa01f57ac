// features/confirm.ts checked with real engine results (dist/core.js) and real node: a TDZ error
// finding that the node model's crash points at is confirmed; one the run went past is downgraded;
// a finding inside a try block, or a run cut short, is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import * as core from '../../dist/core.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'looplens-confirm-'));

/** features/confirm.ts is not part of dist/core.js: bundle it for the test, as the server bundle does. */
async function loadConfirm() {
  const outfile = path.join(tempDir, 'confirm.cjs');
  await esbuild.build({ entryPoints: [path.join(repoRoot, 'server/src/features/confirm.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent' });
  return createRequire(import.meta.url)(outfile);
}

const { confirmFindings } = await loadConfirm();
const predictor = new core.Predictor({ ts });
test.after(() => predictor.dispose());

async function analyse(name, text) {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, text);
  const host = { readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined), fileExists: (p) => fs.existsSync(p) };
  const findings = core.analyzeFile(ts, text, file, host);
  const prediction = await predictor.predict({ fileName: file, text, models: ['node'] }, host);
  const real = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  return { file, findings, prediction, real };
}

test('a TDZ error the node model crashes on is confirmed, with the error node prints', async () => {
  const text = 'function read() {\n  return value;\n}\nconsole.log(read());\nlet value = 1;\n';
  const { file, findings, prediction, real } = await analyse('crash.js', text);
  const realError = real.stderr.split('\n').find((line) => line.startsWith('ReferenceError'));
  assert.ok(realError, 'real node throws a ReferenceError');
  const errors = findings.filter((f) => f.kind === 'tdz' && f.severity === 'error');
  assert.ok(errors.length > 0, JSON.stringify(findings));
  const confirmed = confirmFindings(ts, text, file, findings, prediction);
  for (const finding of confirmed.filter((f) => f.kind === 'tdz')) {
    assert.equal(finding.severity, 'error');
    assert.ok(finding.message.endsWith(`Confirmed: the node model throws here (${realError}).`), finding.message);
  }
  // Without a prediction the findings pass through unchanged.
  assert.deepEqual(confirmFindings(ts, text, file, findings, undefined), findings);
});

test('a TDZ error finding the run went past is downgraded to a warning', async () => {
  // The analysis calls this certain; the run (real and predicted) prints past it, so here a
  // synthetic finding on the top-level call stands in for a wrong static claim.
  const text = "let value = 1;\nfunction read() {\n  return value;\n}\nconsole.log(read());\nconsole.log('after');\n";
  const { file, findings, prediction, real } = await analyse('past.js', text);
  assert.equal(real.status, 0);
  assert.deepEqual(findings.filter((f) => f.kind === 'tdz'), [], 'the analysis itself stays silent here');
  const claim = { file, line: 5, column: 13, endLine: 5, endColumn: 19, code: 'tdz-call-before-init', kind: 'tdz', severity: 'error', message: "This call throws a ReferenceError: 'read' reads 'value'." };
  const [checked] = confirmFindings(ts, text, file, [claim], prediction);
  assert.equal(checked.severity, 'warning');
  assert.match(checked.message, /^Not confirmed by the prediction: the node model ran past this line without a ReferenceError\./);
});

test('a claim inside try, or one the crash does not point at, is left as it is', async () => {
  const text = "try {\n  console.log(read());\n} catch (error) {}\nfunction read() { return value; }\nlet value = 1;\nconsole.log('after');\n";
  const { file, prediction, real } = await analyse('try.js', text);
  assert.equal(real.status, 0);
  const claim = { file, line: 2, column: 15, endLine: 2, endColumn: 21, code: 'tdz-call-before-init', kind: 'tdz', severity: 'error', message: "This call throws: 'read' reads 'value'." };
  assert.deepEqual(confirmFindings(ts, text, file, [claim], prediction), [claim]);

  const crashText = "let early = later;\nlet later = 1;\nconsole.log(early);\n";
  const crash = await analyse('other.js', crashText);
  assert.notEqual(crash.real.status, 0);
  // A claim about a different binding on a line the crash does not touch is neither confirmed nor refuted.
  const unrelated = { file: crash.file, line: 3, column: 13, endLine: 3, endColumn: 18, code: 'tdz-read-before-init', kind: 'tdz', severity: 'error', message: "'early' is read too soon." };
  assert.deepEqual(confirmFindings(ts, crashText, crash.file, [unrelated], crash.prediction), [unrelated]);
});

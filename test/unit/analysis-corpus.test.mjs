// Precision and recall of the analysis on the labelled corpus (analysis-corpus.mjs), per family,
// printed as a table; runtime-observable labels are checked by running each program in real node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases, labelsOf } from './analysis-corpus.mjs';
import { core, ts, host } from './analysis-harness.mjs';

const FAMILY_KINDS = { hoisting: ['tdz', 'hoisting'], imports: ['circular-import'], leaks: ['leak'] };

const workspace = mkdtempSync(join(tmpdir(), 'looplens-corpus-'));
process.on('exit', () => rmSync(workspace, { recursive: true, force: true }));

function materialize(testCase) {
  const dir = join(workspace, testCase.family, testCase.name);
  for (const [file, text] of Object.entries(testCase.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Runs the programs in one node process (analysis-runner.mjs) and returns each one's first uncaught error. */
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

const analysed = cases.map((testCase) => {
  const dir = materialize(testCase);
  const findings = core.checkPaths(ts, [dir], host)
    .filter((finding) => FAMILY_KINDS[testCase.family].includes(finding.kind))
    .map((finding) => ({ ...finding, file: relative(dir, finding.file) }));
  return { testCase, dir, findings, labels: labelsOf(testCase) };
});

test('labelled corpus: precision >= 95% and recall >= 90% per family', () => {
  const rows = [];
  const problems = [];
  const severityErrors = [];
  for (const family of Object.keys(FAMILY_KINDS)) {
    const inFamily = analysed.filter(({ testCase }) => testCase.family === family);
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let labels = 0;
    for (const { testCase, findings, labels: expected } of inFamily) {
      labels += expected.length;
      for (const label of expected) {
        const hit = findings.some((finding) => finding.code === label.code && finding.file === label.file && finding.line === label.line);
        if (hit) truePositives++;
        else {
          falseNegatives++;
          problems.push(`missed   ${testCase.name}: ${label.code} at ${label.file}:${label.line}`);
        }
      }
      for (const finding of findings) {
        const labelled = expected.some((label) => label.code === finding.code && label.file === finding.file && label.line === finding.line);
        if (!labelled) {
          falsePositives++;
          problems.push(`spurious ${testCase.name}: ${finding.code} (${finding.severity}) at ${finding.file}:${finding.line}`);
        }
        // A case that states a severity (whether node stops or runs on there) holds every finding to it.
        if (testCase.severity && finding.severity !== testCase.severity) {
          severityErrors.push(`${testCase.name}: ${finding.code} at ${finding.file}:${finding.line} is ${finding.severity}, the case expects ${testCase.severity}`);
        }
      }
    }
    const negatives = inFamily.filter(({ labels: expected }) => expected.length === 0).length;
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / Math.max(1, truePositives + falseNegatives);
    rows.push({ family, cases: inFamily.length, positives: labels, negatives, truePositives, falsePositives, falseNegatives, precision: `${(precision * 100).toFixed(1)}%`, recall: `${(recall * 100).toFixed(1)}%` });
    assert.ok(labels >= 40, `${family}: only ${labels} labelled positives`);
    assert.ok(negatives >= 20, `${family}: only ${negatives} negative look-alikes`);
  }
  console.log('\nLoopLens analysis on the labelled corpus');
  console.table(rows);
  if (problems.length > 0) console.log(problems.join('\n'));
  for (const row of rows) {
    assert.ok(parseFloat(row.precision) >= 95, `${row.family}: precision ${row.precision}`);
    assert.ok(parseFloat(row.recall) >= 90, `${row.family}: recall ${row.recall}`);
  }
  assert.deepEqual(severityErrors, []);
});

/** A finding that says a try statement catches the ReferenceError (a warning: the program goes on). */
const isCaught = (finding) => /catches this ReferenceError/.test(finding.message);

test('labelled corpus: error findings really throw in node at the reported line; caught ones are caught; negatives run cleanly', async () => {
  // Only programs whose verdict matters: those with an error or a caught finding, and the negative look-alikes.
  const runnable = analysed.filter(({ testCase, findings, labels }) => testCase.entry && testCase.family !== 'leaks' && testCase.exitCode === undefined &&
    (findings.some((finding) => (finding.severity === 'error' && !/whenever the function runs/.test(finding.message)) || isCaught(finding)) || labels.length === 0));
  const results = await runPrograms(runnable.map(({ dir, testCase }) => join(dir, testCase.entry)));
  const failures = [];
  runnable.forEach(({ testCase, findings }, index) => {
    const { error, logged } = results[index];
    const errors = findings.filter((finding) => finding.severity === 'error' && !/whenever the function runs/.test(finding.message));
    const caught = findings.filter(isCaught);
    if (errors.length > 0) {
      const first = errors[0];
      if (!error || error.name !== 'ReferenceError') failures.push(`${testCase.name}: analysis says it throws a ReferenceError, node gave ${error ? error.stack : 'no error'}`);
      else if (!error.stack.includes(`${first.file}:${first.line}:`)) failures.push(`${testCase.name}: node threw elsewhere than ${first.file}:${first.line}\n${error.stack}`);
    } else if (caught.length > 0) {
      // The read throws, a catch receives it (the corpus programs log what they catch), and nothing escapes.
      const first = caught[0];
      if (first.severity === 'error') failures.push(`${testCase.name}: a caught ReferenceError is reported as an error`);
      if (error) failures.push(`${testCase.name}: analysis says the ReferenceError is caught, node gave ${error.stack}`);
      else if (!logged || logged.name !== 'ReferenceError') failures.push(`${testCase.name}: analysis says a ReferenceError is caught, the catch got ${logged ? logged.stack : 'nothing'}`);
      else if (!logged.stack.includes(`${first.file}:${first.line}:`)) failures.push(`${testCase.name}: the caught error was thrown elsewhere than ${first.file}:${first.line}\n${logged.stack}`);
    } else if (error) {
      failures.push(`${testCase.name}: a negative look-alike failed in node: ${error.stack}`);
    }
  });
  console.log(`ran ${runnable.length} corpus programs in node`);
  assert.deepEqual(failures, []);
});

test('labelled corpus: top-level awaits that never settle make node exit with code 13; the look-alikes exit 0', async () => {
  // Each in its own process: an unsettled top-level await ends the process, so the shared runner cannot take them.
  const programs = analysed.filter(({ testCase }) => testCase.exitCode !== undefined);
  // A few at a time: each verdict is an exit code that depends on the order of events inside its own
  // process (timers ordered by due time, rejections checked before timers), never on wall time.
  const exitCodes = new Array(programs.length);
  let next = 0;
  const runNext = async () => {
    while (next < programs.length) {
      const index = next++;
      const { testCase, dir } = programs[index];
      exitCodes[index] = await new Promise((resolve) => {
        const child = spawn(process.execPath, [join(dir, testCase.entry)], { stdio: 'ignore', timeout: 20_000 });
        child.on('close', (code, signal) => resolve(signal ? signal : code));
      });
    }
  };
  await Promise.all([runNext(), runNext(), runNext()]);
  const failures = [];
  programs.forEach(({ testCase, findings }, index) => {
    const exitCode = exitCodes[index];
    const reports = findings.filter((finding) => finding.code === 'circular-import-top-level-await');
    // A warning says the wait may not run: it is right whether node exits 13 or 0; an error says it does.
    const reported = testCase.exitCode === 13 ? reports.length > 0 : reports.some((finding) => finding.severity === 'error');
    if (exitCode !== testCase.exitCode) failures.push(`${testCase.name}: node exited with ${exitCode}, the corpus expects ${testCase.exitCode}`);
    // Node stopped on an uncaught error or an unhandled rejection: no finding may say the program goes on.
    if (exitCode === 1 && findings.some((finding) => /the program goes on/.test(finding.message))) failures.push(`${testCase.name}: node exited with 1 but LoopLens says the program goes on`);
    if (reported !== (testCase.exitCode === 13)) failures.push(`${testCase.name}: node exited with ${exitCode} but LoopLens ${reported ? 'reports' : 'does not report'} an unsettled top-level await${testCase.exitCode === 13 ? '' : ' as an error'}`);
  });
  console.log(`ran ${programs.length} top-level await programs in node`);
  assert.ok(programs.length >= 10);
  assert.deepEqual(failures, []);
});

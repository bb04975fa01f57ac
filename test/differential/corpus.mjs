// The differential corpus: discovery, per-file directives, which models apply, how to run a
// program in the real runtime for a model, and the comparison rules between a real run and a
// LoopLens prediction. Shared by differential.test.mjs, fuzz.test.mjs and
// scripts/oracle/measure-corpus.mjs.
//
// Directives are `//` comment lines at the top of a corpus file:
//   // models: node node-esm node-legacy browser   which real runtimes are oracles for this file
//   // nondeterministic                             the real runtime may print several orders; the
//                                                  prediction must say deterministic: false and list
//                                                  the measured order as its output or an alternative
//   // nondeterministic: node-legacy                the same, for the listed models only
// Without a `models:` line: `node-esm` alone for a `.mjs` file or one with `import`/`export` statements;
// otherwise `node`, plus `node-esm` unless the file uses CommonJS (`require`, `module.exports`,
// `exports.`, `__dirname`, `__filename`), plus `browser` unless it uses Node-only names (`require`,
// `process`, `setImmediate`, `Buffer`, `global`, `__dirname`, `__filename`, `module.exports`).
// `node-legacy` (real Node 10) is only used when a file asks for it, because Node 10 lacks much of
// today's syntax and library.

import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode, runNodeLegacy, splitLines } from '../helpers/oracle.mjs';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
/** The bundled examples a new user runs first; the differential suite checks them too. */
export const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
export const MODEL_ORDER = ['node', 'node-esm', 'node-legacy', 'browser'];

/**
 * Every corpus program, sorted by path: { path, rel, code, models, nondeterministic }, where
 * `nondeterministic` is true (every model), a list of models, or false.
 */
export async function loadCorpus(root = CORPUS_DIR) {
  const files = [];
  async function walk(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.(?:js|mjs)$/.test(entry.name)) files.push(full);
    }
  }
  await walk(root);
  files.sort();
  const programs = [];
  for (const path of files) {
    const code = await readFile(path, 'utf8');
    programs.push({ path, rel: relative(root, path).split(sep).join('/'), code, ...parseDirectives(code, { isModule: path.endsWith('.mjs') }) });
  }
  return programs;
}

/**
 * The single-file programs of examples/ (the folders there are multi-file module examples, which the
 * module tests run), in the same shape as loadCorpus's, with `rel` starting with `examples/`.
 */
export async function loadExamples(root = EXAMPLES_DIR) {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isFile() && /\.(?:js|mjs)$/.test(entry.name)).map((entry) => entry.name).sort();
  const programs = [];
  for (const name of names) {
    const path = join(root, name);
    const code = await readFile(path, 'utf8');
    programs.push({ path, rel: `examples/${name}`, code, ...parseDirectives(code, { isModule: name.endsWith('.mjs') }) });
  }
  return programs;
}

/** Whether the real runtime of `model` may print several orders for this program. */
export function isNondeterministic(program, model) {
  return program.nondeterministic === true || (Array.isArray(program.nondeterministic) && program.nondeterministic.includes(model));
}

/** Reads the directive comments at the top of a program (see the header of this file). */
export function parseDirectives(code, { isModule = false } = {}) {
  let models = null;
  let nondeterministic = false;
  for (const line of code.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('//')) break;
    const body = trimmed.slice(2).trim();
    const modelsMatch = /^models:\s*(.*)$/.exec(body);
    if (modelsMatch) {
      models = modelsMatch[1].split(/[\s,]+/).filter(Boolean);
      const unknown = models.filter((model) => !MODEL_ORDER.includes(model));
      if (unknown.length > 0) throw new Error(`unknown model(s) in directive: ${unknown.join(', ')}`);
    } else if (body === 'nondeterministic') {
      nondeterministic = true;
    } else if (body.startsWith('nondeterministic:')) {
      nondeterministic = body.slice('nondeterministic:'.length).split(/[\s,]+/).filter(Boolean);
      const unknown = nondeterministic.filter((model) => !MODEL_ORDER.includes(model));
      if (unknown.length > 0) throw new Error(`unknown model(s) in directive: ${unknown.join(', ')}`);
    }
  }
  return { models: models ?? (isModule ? ['node-esm'] : defaultModels(code)), nondeterministic };
}

function defaultModels(code) {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/^\s*(?:import\s|import\{|export\s)/m.test(withoutComments)) return ['node-esm'];
  const models = ['node'];
  if (!/\brequire\s*\(|\bmodule\.exports\b|\bexports\.|\b__dirname\b|\b__filename\b/.test(withoutComments)) models.push('node-esm');
  if (!/\brequire\b|\bprocess\b|\bsetImmediate\b|\bclearImmediate\b|\bBuffer\b|\bglobal\b|\b__dirname\b|\b__filename\b|\bmodule\.exports\b/.test(withoutComments)) {
    models.push('browser');
  }
  return models;
}

/**
 * Runs a program in the real runtime of a Node model. The file keeps its base name (with `.mjs`
 * for node-esm) so crash headers look alike; it runs in a fresh temporary directory.
 */
export async function runRealNode(program, model) {
  const base = program.rel.split('/').pop();
  // Corpus programs finish in well under a second; the generous limit only guards against a hang
  // on a machine that is heavily loaded.
  const timeoutMs = 20_000;
  if (model === 'node') return runNode(program.code, { fileName: base.replace(/\.mjs$/, '.js'), timeoutMs });
  if (model === 'node-esm') return runNode(program.code, { esm: true, fileName: base.replace(/\.js$/, '.mjs'), timeoutMs });
  if (model === 'node-legacy') return runNodeLegacy(program.code, { fileName: base.replace(/\.mjs$/, '.js'), timeoutMs });
  throw new Error(`not a Node model: ${model}`);
}

/** A run of the real runtime reduced to what is compared: { stdout: [], stderr: [], exitCode }. */
export function observedFromNode(run) {
  return {
    stdout: splitLines(run.stdout),
    stderr: normalizeNodeStderr(run.stderr, run.filePath),
    exitCode: run.timedOut ? null : run.exitCode,
    timedOut: run.timedOut,
  };
}

/** A Chromium page run reduced to what is compared: every message and uncaught error, in order. */
export function observedFromBrowser(pageRun) {
  return { lines: pageRun.messages.flatMap((message) => splitLines(message.text === '' ? '\n' : message.text)) };
}

/**
 * The stderr comparison rule for the Node models. Both the real stderr and the predicted stderr
 * lines go through it, then must be equal line for line. It keeps what a reader would check
 * (`Error: boom`, `ReferenceError: x is not defined`, `Uncaught`-style warning lines, extra error
 * properties such as `{ code: 'ERR_X' }`, console.error output) and drops what legitimately
 * differs between a real run and a prediction:
 *   - stack frame lines (`    at ...`), `... N lines matching cause stack trace ...` and
 *     `[... lines matching original stack trace ...]`;
 *   - the crash header Node prints before an uncaught error: the `path:line` line, the source
 *     line and the caret line under it;
 *   - the `Node.js v20.20.2` trailer and the `(Use \`node --trace-... \` ...)` hints;
 *   - blank lines;
 * and replaces the process id in `(node:1234)` with `(node:PID)` and the program's path with
 * `<file>`.
 */
export function normalizeNodeStderr(text, filePath) {
  let lines = splitLines(text);
  if (filePath) {
    const fileUrl = `file://${filePath}`;
    lines = lines.map((line) => line.split(fileUrl).join('<file>').split(filePath).join('<file>'));
  }
  const kept = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    // A crash header: "<location>:<line>", the source line, then a line of spaces and carets.
    if (/^(?:<file>|\/|node:|file:|[A-Za-z]:\\).*:\d+$/.test(line) && index + 2 < lines.length && /^\s*\^+\s*$/.test(lines[index + 2])) {
      index += 2;
      continue;
    }
    if (/^\s*\^+\s*$/.test(line)) continue;
    if (/^\s+at\s/.test(line)) continue;
    if (/^\s*\.\.\. \d+ lines? matching cause stack trace \.\.\.$/.test(line)) continue;
    if (/^\s*\[\.\.\. lines matching original stack trace \.\.\.\]$/.test(line)) continue;
    if (/^Node\.js v\d+\.\d+\.\d+$/.test(line)) continue;
    if (/^\(Use `node --trace-/.test(line)) continue;
    if (line.trim() === '') continue;
    kept.push(line.replace(/\(node:\d+\)/g, '(node:PID)'));
  }
  return kept;
}

/** Output texts of a predicted model result, split into lines. */
export function predictedLines(modelResult, stream) {
  return modelResult.output
    .filter((line) => stream === undefined || line.stream === stream)
    .flatMap((line) => splitLines(line.text.endsWith('\n') ? line.text : `${line.text}\n`));
}

/** All stdout orders a prediction allows: its own output first, then its alternatives. */
export function predictedStdoutOrders(modelResult) {
  const orders = [predictedLines(modelResult, 'stdout')];
  for (const alternative of modelResult.alternatives ?? []) {
    orders.push(alternative.flatMap((text) => splitLines(text.endsWith('\n') ? text : `${text}\n`)));
  }
  return orders;
}

/** All orders of every line (stdout and stderr together) a browser prediction allows. */
export function predictedBrowserOrders(modelResult) {
  const orders = [predictedLines(modelResult)];
  for (const alternative of modelResult.alternatives ?? []) {
    orders.push(alternative.flatMap((text) => splitLines(text.endsWith('\n') ? text : `${text}\n`)));
  }
  return orders;
}

/**
 * Compares a prediction with what the real runtime did. Returns a list of human-readable problems
 * (empty when they agree). Rules:
 *   - Node models: stdout lines equal exactly (or, for a `nondeterministic` program, equal to one of
 *     the orders the prediction allows); stderr equal after `normalizeNodeStderr` on both sides;
 *     exit codes equal.
 *   - browser: the sequence of console message texts and `Uncaught ...` lines equal exactly (or one
 *     of the allowed orders for a `nondeterministic` program).
 *   - a `nondeterministic` program must be predicted with `deterministic: false`; any program
 *     predicted with a non-null `stopped` fails, with the reason.
 */
export function comparePrediction({ model, nondeterministic, observed, prediction }) {
  const problems = [];
  if (!prediction) return ['the prediction has no result for this model'];
  if (prediction.stopped) problems.push(`the prediction stopped early: ${prediction.stopped} (${(prediction.notes ?? []).join(' / ')})`);
  if (nondeterministic && prediction.deterministic !== false) {
    problems.push('the real runtime is nondeterministic here, but the prediction claims deterministic: true');
  }
  if (model === 'browser') {
    const orders = nondeterministic ? predictedBrowserOrders(prediction) : [predictedLines(prediction)];
    if (!orders.some((order) => sameLines(order, observed.lines))) {
      problems.push(describeMismatch('console (messages and uncaught errors)', orders, observed.lines));
    }
    return problems;
  }
  const stdoutOrders = nondeterministic ? predictedStdoutOrders(prediction) : [predictedLines(prediction, 'stdout')];
  const matching = stdoutOrders.map((order, index) => (sameLines(order, observed.stdout) ? index : -1)).filter((index) => index >= 0);
  if (matching.length === 0) {
    problems.push(describeMismatch('stdout', stdoutOrders, observed.stdout));
    matching.push(0);
  }
  // An alternative order that ends otherwise (alternativeEndings: a timer that throws runs only in
  // that order) is held to its own ending; every other order to the primary's. Several orders can
  // print the same stdout and differ only in how they end (the timer that throws prints nothing):
  // the real run must end as one of the orders whose stdout it printed.
  const endingProblems = matching.map((matched) => {
    const ending = matched > 0 ? prediction.alternativeEndings?.[matched - 1] : undefined;
    const stderrLines = ending ? ending.stderr.flatMap((text) => splitLines(text.endsWith('\n') ? text : `${text}\n`)) : predictedLines(prediction, 'stderr');
    const exitCode = ending ? ending.exitCode : prediction.exitCode;
    const predictedStderr = normalizeNodeStderr(stderrLines.map((line) => `${line}\n`).join(''), null);
    const found = [];
    if (!sameLines(predictedStderr, observed.stderr)) found.push(describeMismatch('stderr (normalized)', [predictedStderr], observed.stderr));
    if (exitCode !== observed.exitCode) found.push(`exit code: predicted ${exitCode}, real ${observed.exitCode}`);
    return found;
  });
  if (!endingProblems.some((found) => found.length === 0)) problems.push(...endingProblems[0]);
  return problems;
}

function sameLines(a, b) {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}

function describeMismatch(what, predictedOrders, real) {
  const predicted = predictedOrders[0];
  let firstDifference = 0;
  while (firstDifference < Math.max(predicted.length, real.length) && predicted[firstDifference] === real[firstDifference]) firstDifference++;
  const show = (lines) => (lines.length === 0 ? '    (nothing)' : lines.map((line, index) => `    ${index === firstDifference ? '>' : ' '} ${JSON.stringify(line)}`).join('\n'));
  const alternatives = predictedOrders.length > 1 ? `\n  (and ${predictedOrders.length - 1} predicted alternative order(s), none equal)` : '';
  return `${what} differs at line ${firstDifference + 1}:\n  predicted:\n${show(predicted)}\n  real:\n${show(real)}${alternatives}`;
}

/** Runs async tasks with at most `limit` in flight; resolves to their results in input order. */
export async function mapWithConcurrency(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A pool of interchangeable resources (e.g. predictors): `use(fn)` waits for a free one, runs
 * fn(resource) and gives the resource back when fn settles.
 */
export function createPool(resources) {
  const free = [...resources];
  const waiting = [];
  const release = (resource) => {
    const next = waiting.shift();
    if (next) next(resource);
    else free.push(resource);
  };
  return {
    async use(fn) {
      const resource = free.length > 0 ? free.pop() : await new Promise((resolve) => waiting.push(resolve));
      try {
        return await fn(resource);
      } finally {
        release(resource);
      }
    },
  };
}

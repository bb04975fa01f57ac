// The `looplens` command. It is glue: it reads files, calls the same core the language server
// calls (engine for `predict`, analysis for `check`) and prints the results. The JSON shapes it
// prints are a public contract (DESIGN.md, "Interfaces other tools rely on").
import { Command, CommanderError, Option } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
// The default import is TypeScript's own module object; `import * as ts` would be the bundler's
// namespace copy, whose every property read is a getter call (see analysisWorker.ts).
import ts from 'typescript';
import { Predictor, applicableModels, fileSizeNote, listWorkspaceDirectory, projectRootOf, readWorkspaceBytes, readWorkspaceFile, realWorkspacePath, statWorkspacePath } from './engine/index';
import { ALL_MODELS, DEFAULT_BUDGETS, type Budgets, type ModelName, type ModelResult, type PredictResult } from './engine/types';
import { englishText } from './syntax/message';
import { checkPaths, toSarif, type Finding } from './analysis/index';

declare const LOOPLENS_VERSION: string | undefined;
const version = typeof LOOPLENS_VERSION === 'string' ? LOOPLENS_VERSION : '0.0.0-dev';

// `node` runs the file as `node FILE` would load it: a CommonJS script, or an ES module where Node
// loads one (a .mjs name, import/export, top-level await), so its title names no module format.
const MODEL_TITLES: Record<ModelName, string> = {
  node: 'node (Node 20+)',
  'node-esm': 'node-esm (Node 20+, ES module)',
  'node-legacy': 'node-legacy (Node < 11)',
  browser: 'browser (Chromium)',
};

/** A usage or input problem: one clear line on stderr, exit code 2, never a stack trace. */
class UsageError extends Error {}

/**
 * Reads a source file for prediction or checking, turning every way it can be unusable into a
 * UsageError with one readable sentence. A file over `fileSizeKb` KB of text (the engine's
 * `budgets.fileSizeKb`, which the engine would refuse to run) is refused here, measured as the
 * engine measures it: the decoded text without its BOM, in UTF-16 units, and said in the engine's
 * words. Only a file whose bytes alone prove it too long is refused before it is read (UTF-8 takes
 * at most 3 bytes per unit, and a BOM 3 more), and that refusal gives the bytes it measured.
 */
export function readSourceFile(file: string, fileSizeKb = DEFAULT_BUDGETS.fileSizeKb): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error: any) {
    if (error?.code === 'ENOENT') throw new UsageError(`cannot read '${file}': no such file`);
    if (error?.code === 'EACCES') throw new UsageError(`cannot read '${file}': permission denied`);
    throw new UsageError(`cannot read '${file}': ${error?.message ?? String(error)}`);
  }
  if (stat.isDirectory()) throw new UsageError(`'${file}' is a directory; predict takes one file (use 'looplens check' for folders)`);
  if (!stat.isFile()) throw new UsageError(`'${file}' is not a regular file`);
  const raise = 'Raise the limit with --max-file-size <kb>.';
  if (stat.size > 3 * fileSizeKb * 1024 + 3) {
    throw new UsageError(`'${file}' is ${stat.size} bytes, so its text is over the ${fileSizeKb} KB limit for prediction (budgets.fileSizeKb) whatever it holds; it was not read. ${raise}`);
  }
  const bytes = fs.readFileSync(file);
  if (bytes.includes(0)) throw new UsageError(`'${file}' looks like a binary file (it contains NUL bytes), not JavaScript or TypeScript`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`'${file}' is not valid UTF-8 text`);
  }
  if (text.length > fileSizeKb * 1024) throw new UsageError(`'${file}': ${englishText(fileSizeNote(text.length, fileSizeKb))} ${raise}`);
  return text;
}

function parsePositiveInteger(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${name} must be a positive whole number, got '${value}'`);
    return number;
  };
}

interface PredictOptions {
  model: string;
  json?: boolean;
  timeBudget?: number;
  memoryBudget?: number;
  outputLimit?: number;
  virtualTime?: number;
  maxFileSize?: number;
}

function resolveModels(requested: string, text: string, fileName: string): { models: ModelName[]; skipped: Partial<Record<ModelName, string>> } {
  if (requested === 'all') return applicableModels(text, fileName);
  const names = requested.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!(ALL_MODELS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown model '${name}'; choose from ${ALL_MODELS.join(', ')} or all`);
    }
  }
  return { models: names as ModelName[], skipped: {} };
}

async function runPredict(file: string, options: PredictOptions): Promise<number> {
  const fileName = path.resolve(file);
  const text = readSourceFile(file, options.maxFileSize);
  const { models, skipped } = resolveModels(options.model, text, fileName);
  const budgets: Partial<Budgets> = {};
  if (options.timeBudget) budgets.timeMs = options.timeBudget;
  if (options.memoryBudget) budgets.memoryBytes = options.memoryBudget * 1024 * 1024;
  if (options.outputLimit) budgets.outputLines = options.outputLimit;
  if (options.virtualTime) budgets.virtualTimeMs = options.virtualTime;
  if (options.maxFileSize) budgets.fileSizeKb = options.maxFileSize;

  const predictor = new Predictor({ ts });
  let result: PredictResult;
  try {
    // The workspace a predicted program may read, list and stat: the file's project (see
    // projectRootOf), never the folder looplens happens to run in, which may be / or the home folder.
    const workspaceRoots = [projectRootOf(fileName)];
    result = await predictor.predict({ fileName, text, models, budgets }, {
      readFile: (absolutePath) => readWorkspaceFile(workspaceRoots, absolutePath),
      readBytes: (absolutePath) => readWorkspaceBytes(workspaceRoots, absolutePath),
      listDirectory: (absolutePath) => listWorkspaceDirectory(workspaceRoots, absolutePath),
      statPath: (absolutePath) => statWorkspacePath(workspaceRoots, absolutePath),
      realPath: (absolutePath) => realWorkspacePath(workspaceRoots, absolutePath),
    });
  } finally {
    await predictor.dispose();
  }
  if (Object.keys(skipped).length > 0) result.skipped = { ...skipped, ...result.skipped };

  if (options.json) {
    // The public contract: { file, models: { <model>: { output, exitCode, deterministic, alternatives, [alternativeEndings], stopped, notes } } }.
    const models: Record<string, unknown> = {};
    for (const [model, modelResult] of Object.entries(result.models)) {
      if (!modelResult) continue;
      models[model] = {
        output: modelResult.output.map((line) => ({
          stream: line.stream,
          text: line.text,
          line: line.line,
          column: line.column,
          source: line.source,
          why: line.why,
          ...(line.varying ? { varying: true } : {}),
        })),
        exitCode: modelResult.exitCode,
        deterministic: modelResult.deterministic,
        alternatives: modelResult.alternatives,
        // Additive to the documented contract: how each alternative ends, present only when one
        // ends otherwise than `output` (a race that changes only the exit code or stderr).
        ...(modelResult.alternativeEndings ? { alternativeEndings: modelResult.alternativeEndings } : {}),
        stopped: modelResult.stopped,
        notes: modelResult.notes,
      };
    }
    process.stdout.write(JSON.stringify({ file: result.file, models, ...(result.skipped ? { skipped: result.skipped } : {}) }, null, 2) + '\n');
  } else {
    process.stdout.write(renderHumanPrediction(result, file));
  }
  return 0;
}

/** Stdout texts of a model, the unit the "differs between models" mark compares. */
function stdoutTexts(result: ModelResult): string[] {
  return result.output.filter((line) => line.stream === 'stdout').map((line) => line.text);
}

/**
 * The human-readable report: per model, numbered output lines with where they came from; when
 * several models ran, a `*` marks the lines whose position or text differs between them.
 */
export function renderHumanPrediction(result: PredictResult, displayName: string): string {
  const entries = Object.entries(result.models).filter((entry): entry is [ModelName, ModelResult] => Boolean(entry[1]));
  const compare = entries.length > 1;
  const reference = compare ? stdoutTexts(entries[0][1]) : [];
  const differsAt = (model: ModelResult, stdoutIndex: number): boolean => {
    if (!compare) return false;
    return entries.some(([, other]) => stdoutTexts(other)[stdoutIndex] !== stdoutTexts(model)[stdoutIndex]) ||
      reference[stdoutIndex] !== stdoutTexts(model)[stdoutIndex];
  };
  const out: string[] = [`LoopLens prediction for ${displayName}`];
  for (const [model, modelResult] of entries) {
    out.push('', `== ${MODEL_TITLES[model] ?? model} ==`);
    if (modelResult.output.length === 0) out.push('   (prints nothing)');
    let stdoutIndex = 0;
    const width = String(modelResult.output.length).length;
    modelResult.output.forEach((line, index) => {
      const mark = line.stream === 'stdout' ? (differsAt(modelResult, stdoutIndex++) ? '*' : ' ') : ' ';
      const stream = line.stream === 'stderr' ? ' [stderr]' : '';
      const where = line.line > 0 ? `line ${line.line}, ${line.source}` : line.source;
      const textLines = line.text.split('\n');
      out.push(`${mark} ${String(index + 1).padStart(width)}  ${textLines[0]}${stream}    (${where})`);
      for (const more of textLines.slice(1)) out.push(`  ${' '.repeat(width)}  ${more}`);
    });
    if (modelResult.exitCode === null) out.push(`   not run: ${modelResult.stopped}`);
    else {
      out.push(`   exit code ${modelResult.exitCode}`);
      if (modelResult.stopped) out.push(`   stopped early: ${modelResult.stopped}`);
    }
    if (!modelResult.deterministic) {
      out.push('   not deterministic: the real runtime may also print');
      modelResult.alternatives.forEach((alternative, index) => {
        // An order that prints the same but ends otherwise (a crash) says so, or it would read as a repeat.
        const ending = modelResult.alternativeEndings?.[index];
        const endsOtherwise = ending && ending.exitCode !== modelResult.exitCode ? ` (then exit code ${ending.exitCode})` : '';
        out.push(`     ${alternative.length > 0 ? alternative.join(' | ') : '(nothing on stdout)'}${endsOtherwise}`);
      });
    }
    for (const note of modelResult.notes) out.push(`   note: ${note}`);
  }
  for (const [model, reason] of Object.entries(result.skipped ?? {})) out.push('', `== ${model}: skipped — ${reason}`);
  if (compare) out.push('', '* = this line differs between the models shown');
  return out.join('\n') + '\n';
}

interface CheckOptions {
  json?: boolean;
  sarif?: boolean;
}

async function runCheck(paths: string[], options: CheckOptions): Promise<number> {
  if (options.json && options.sarif) throw new UsageError('choose one of --json and --sarif');
  for (const given of paths) {
    if (!fs.existsSync(given)) throw new UsageError(`cannot read '${given}': no such file or directory`);
  }
  const findings = checkPaths(ts, paths.map((given) => path.resolve(given)), {
    readFile(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    fileExists: (file) => {
      try {
        return fs.statSync(file).isFile();
      } catch {
        return false;
      }
    },
    directoryExists: (dir) => {
      try {
        return fs.statSync(dir).isDirectory();
      } catch {
        return false;
      }
    },
    getDirectories: (dir) => {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
      } catch {
        return [];
      }
    },
    realpath: (file) => {
      try {
        return fs.realpathSync(file);
      } catch {
        return file;
      }
    },
    listFiles: (dir) => listSourceFiles(dir),
  });
  if (options.json) {
    // Exactly DESIGN.md's fields; `code` is the rule's stable id (LL1002), as in the editor and SARIF.
    const rows = findings.map(({ file, line, column, endLine, endColumn, code, ruleId, kind, severity, message }: Finding) => ({
      file, line, column, endLine, endColumn, code: ruleId ?? code, kind, severity, message,
    }));
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  } else if (options.sarif) {
    process.stdout.write(JSON.stringify(toSarif(findings, version), null, 2) + '\n');
  } else {
    for (const finding of findings) {
      const relative = path.relative(process.cwd(), finding.file) || finding.file;
      process.stdout.write(`${relative}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  [${finding.ruleId ? `${finding.ruleId} ` : ''}${finding.code}]\n`);
    }
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    process.stdout.write(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'})\n`);
  }
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);

/** Source files below a folder, skipping dependency and build folders. */
function listSourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'dist') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(dir);
  return files.sort();
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('looplens')
    .description('Predict what a JavaScript/TypeScript file prints, in what order and why, under the browser and Node event loops; check it for TDZ, circular-import and leak hazards.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(text.replace(/^error: /, 'looplens: ')),
    });

  program
    .command('predict')
    .description('predict the console output of FILE')
    .argument('<file>', 'the JavaScript or TypeScript file')
    .addOption(new Option('-m, --model <model>', `event-loop model: ${ALL_MODELS.join(', ')}, all, or a comma-separated list`).default('node'))
    .option('--json', 'print one JSON object (the documented contract)')
    .option('--time-budget <ms>', 'CPU time per model run', parsePositiveInteger('--time-budget'))
    .option('--memory-budget <mb>', 'sandbox memory per model run', parsePositiveInteger('--memory-budget'))
    .option('--output-limit <lines>', 'output lines before stopping', parsePositiveInteger('--output-limit'))
    .option('--virtual-time <ms>', 'virtual clock limit', parsePositiveInteger('--virtual-time'))
    .option('--max-file-size <kb>', `largest file predicted, in KB of text (default ${DEFAULT_BUDGETS.fileSizeKb})`, parsePositiveInteger('--max-file-size'))
    .action(async (file: string, options: PredictOptions) => {
      exitCode = await runPredict(file, options);
    });

  program
    .command('check')
    .description('report TDZ/hoisting surprises, load-time circular imports and leak patterns')
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print a JSON array of findings')
    .option('--sarif', 'print a SARIF 2.1.0 log')
    .action(async (paths: string[], options: CheckOptions) => {
      exitCode = await runCheck(paths, options);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 2.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`looplens: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`looplens: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`looplens: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}

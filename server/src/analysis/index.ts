// Static analysis entry points: hoisting/TDZ, circular-import hazards and leak patterns for one
// file (`analyzeFile`) or a set of files and folders (`checkPaths`, behind `looplens check`).
// Pure core: no editor protocol, no engine; the `ts` module is passed in.
import type * as TS from 'typescript';
import { fastTypeScript, parseSource, type IncrementalParser, type TypeScriptModule } from '../syntax/index';
import { createFileContext } from './context';
import { checkDeclarations, checkFunctionUseBeforeDeclaration } from './declarations';
import { checkExecutionOrder } from './hoisting';
import { checkLeaks } from './leaks';
import { ModuleGraph, isAnalyzableFile } from './modules';
import { RULES } from './rules';
import type { AnalysisHost, AnalysisOptions, Finding, FindingSeverity, WorkspaceHost } from './types';

export * from './types';
export { RULES, allRules, type RuleInfo } from './rules';
export { ModuleGraph, clearModuleFactsCache, extractModuleFacts, sketchModuleFacts } from './modules';
export { toSarif } from './sarif';
export { IncrementalParser, createBindingResolver, parseSource } from '../syntax/index';
export { createScopeResolver } from '../syntax/scopes';
// For the tests that drive the quiet-function test in orders the walker never uses.
export { createFileContext } from './context';
export { QuietFunctionTest } from './quietFunctions';

/** Whether any rule that needs only the file itself (hoisting/TDZ, leaks) is switched on. */
function runsSingleFileRules(options: AnalysisOptions): boolean {
  return !options.families || options.families.some((kind) => kind === 'tdz' || kind === 'hoisting' || kind === 'leak');
}

/**
 * Parses a file for `analyzeSingleFile`. When its rules run, the tree is bound right away and the
 * binder links the parents, so the parser's own linking pass is skipped.
 */
function parseForAnalysis(ts: TypeScriptModule, text: string, fileName: string, options: AnalysisOptions): TS.SourceFile {
  return parseSource(ts, text, fileName, !runsSingleFileRules(options));
}

/**
 * Thousands of nested brackets overflow the recursive parser, binder or indexing walk: such a file
 * gets no findings and a log line saying why, rather than a failed analysis.
 */
function logSkipped(fileName: string, error: unknown): void {
  console.error(`[looplens] analysis skipped for ${fileName}: ${error instanceof RangeError ? 'the syntax tree nests too deeply to walk' : ((error as Error).stack ?? error)}`);
}

/** `LOOPLENS_ANALYSIS_TIMING=1` prints each pass's time to stderr. */
function isTiming(): boolean {
  return typeof process !== 'undefined' && !!process.env.LOOPLENS_ANALYSIS_TIMING;
}

/** Findings of one file that need only that file: hoisting/TDZ and leaks. */
function analyzeSingleFile(ts: TypeScriptModule, sourceFile: TS.SourceFile, options: AnalysisOptions): Finding[] {
  if (!runsSingleFileRules(options)) return [];
  const timing = isTiming();
  let context: ReturnType<typeof createFileContext>;
  try {
    const started = timing ? performance.now() : 0;
    // The rules read `ts.isX` tests for most nodes they visit: through the fast facade (see `fastTypeScript`).
    context = createFileContext(fastTypeScript(ts), sourceFile);
    if (timing) console.error(`[looplens] scopes and index: ${(performance.now() - started).toFixed(1)} ms`);
  } catch (error) {
    logSkipped(sourceFile.fileName, error);
    return [];
  }
  const families = options.families;
  const runs = (kind: string): boolean => !families || families.includes(kind as never);
  const guarded = (name: string, action: () => void): void => {
    // Broken or unusual input must never take the analysis down: one failing pass loses only its findings.
    try {
      const started = timing ? performance.now() : 0;
      action();
      if (timing) console.error(`[looplens] ${name}: ${(performance.now() - started).toFixed(1)} ms`);
    } catch (error) {
      console.error(`[looplens] ${name} analysis failed on ${sourceFile.fileName}: ${(error as Error).stack ?? error}`);
    }
  };
  if (runs('tdz') || runs('hoisting')) {
    guarded('execution-order', () => checkExecutionOrder(context));
    guarded('declarations', () => checkDeclarations(context));
    if (options.includeStyle) guarded('style', () => checkFunctionUseBeforeDeclaration(context));
  }
  if (runs('leak')) guarded('leak', () => checkLeaks(context));
  return context.findings;
}

/** Applies severity settings and the style switch, then sorts by position. */
export function applyOptions(findings: Finding[], options: AnalysisOptions = {}): Finding[] {
  const result: Finding[] = [];
  for (const finding of findings) {
    const rule = RULES.get(finding.code);
    if (rule?.styleOnly && !options.includeStyle) continue;
    if (options.families && !options.families.includes(finding.kind)) continue;
    // A rule may be named by its id (LL1002) or its descriptive name; either wins over its family.
    const setting = (finding.ruleId === undefined ? undefined : options.severity?.[finding.ruleId]) ?? options.severity?.[finding.code] ?? options.severity?.[finding.kind];
    if (setting === 'off') continue;
    result.push(setting ? { ...finding, severity: setting as FindingSeverity } : finding);
  }
  return result.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/**
 * Analyses one file: hoisting/TDZ and leak patterns in it, plus the circular-import hazards whose
 * reading line is in it (the module graph is built from the file's imports through `host`).
 */
export interface AnalyzeFileOptions extends AnalysisOptions {
  /**
   * A long-lived graph to reuse across calls (the language server keeps one per workspace and calls
   * `invalidate` on file events): re-checking after an edit then re-reads only the edited file.
   * Without it, a fresh graph is built from the file's imports.
   */
  moduleGraph?: ModuleGraph;
  /**
   * Keeps the last tree of each file, so that re-checking an edited document re-parses only around
   * the edit (the language server keeps one for the open documents).
   */
  parser?: IncrementalParser;
}

export function analyzeFile(ts: TypeScriptModule, text: string, fileName: string, host: AnalysisHost, options: AnalyzeFileOptions = {}): Finding[] {
  let sourceFile: TS.SourceFile;
  try {
    const started = isTiming() ? performance.now() : 0;
    // A document's first version is parsed as `parseForAnalysis` does, without the linking pass the
    // scope walk makes redundant: on the 5,000-line file that pass was ~12 of a ~29 ms parse, paid by
    // every document the analysis worker checks for the first time (measured under load).
    sourceFile = options.parser ? options.parser.parse(fileName, text, !runsSingleFileRules(options)) : parseForAnalysis(ts, text, fileName, options);
    if (started) console.error(`[looplens] parse: ${(performance.now() - started).toFixed(1)} ms`);
  } catch (error) {
    logSkipped(fileName, error);
    return [];
  }
  const findings = analyzeSingleFile(ts, sourceFile, options);
  if (!options.families || options.families.includes('circular-import')) {
    try {
      const graph = options.moduleGraph ?? new ModuleGraph(ts, host);
      graph.setFileText(fileName, text, sourceFile);
      graph.addReachableFrom([fileName]);
      findings.push(...graph.cycleFindings().filter((finding) => finding.file === fileName));
    } catch (error) {
      console.error(`[looplens] module graph failed for ${fileName}: ${(error as Error).stack ?? error}`);
    }
  }
  return applyOptions(findings, options);
}

/** `looplens check PATH...`: every analysable file under the paths, and the cycle hazards among them. */
export function checkPaths(ts: TypeScriptModule, paths: string[], host: WorkspaceHost, options: AnalysisOptions = {}): Finding[] {
  const files: string[] = [];
  for (const path of paths) {
    if (host.directoryExists?.(path) || (!host.fileExists(path) && host.listFiles(path).length > 0)) {
      files.push(...host.listFiles(path).filter((file) => isAnalyzableFile(file) && !/[\\/]node_modules[\\/]/.test(file)));
    } else if (host.fileExists(path)) {
      files.push(path);
    }
  }
  const findings: Finding[] = [];
  const graph = new ModuleGraph(ts, host);
  for (const file of files) {
    const text = host.readFile(file);
    if (text === undefined) continue;
    const sourceFile = parseForAnalysis(ts, text, file, options);
    findings.push(...analyzeSingleFile(ts, sourceFile, options));
    // The module graph reuses this parse instead of reading and parsing the file again.
    graph.setFileText(file, text, sourceFile);
  }
  if (!options.families || options.families.includes('circular-import')) {
    try {
      graph.addReachableFrom(files);
      const checked = new Set(files);
      findings.push(...graph.cycleFindings().filter((finding) => checked.has(finding.file)));
    } catch (error) {
      console.error(`[looplens] module graph failed: ${(error as Error).stack ?? error}`);
    }
  }
  return applyOptions(findings, options);
}

// Static findings checked against the prediction of the same text. The analysis says a TDZ read
// "will throw"; the engine actually ran the file under the node model. Where the model's crash
// report points at the finding (its throw site or a stack frame in this file), the finding is
// confirmed; where the run went on past the finding's top-level statement without that error, the
// finding is contradicted and downgraded to a warning. Everything else is left as it was: no
// prediction, a run that stopped on a budget, or a finding the run could not have reached.
import type * as TS from 'typescript';
import type { ModelName, ModelResult, PredictResult } from '../engine/types';
import { englishText, msg, type LocalizableMessage } from '../syntax/message';
import type { FindingLike } from './diagnostics';

/** The models whose crash reports are Node's: the CommonJS model first, then the ES-module one. */
const NODE_MODELS: readonly ModelName[] = ['node', 'node-esm'];

const TDZ_ERROR = /^ReferenceError: Cannot access '([^']+)' before initialization/;

interface Crash {
  /** The error line as Node prints it, e.g. `ReferenceError: Cannot access 'x' before initialization`. */
  errorText: string;
  /** The binding the error names. */
  name: string;
  /** 1-based lines of this file the crash report points at: the throw site and the stack frames. */
  lines: Set<number>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The uncaught TDZ error in a model's output (Node prints it to stderr as the run ends), if there is one. */
function tdzCrashOf(result: ModelResult, fileName: string): Crash | undefined {
  const errorIndex = result.output.findIndex((line) => line.stream === 'stderr' && TDZ_ERROR.test(line.text));
  if (errorIndex < 0) return undefined;
  const errorLine = result.output[errorIndex];
  const name = TDZ_ERROR.exec(errorLine.text)![1];
  const lines = new Set<number>();
  if (errorLine.line > 0) lines.add(errorLine.line);
  // Stack frames name the file by path (CommonJS) or by file URL (ES modules): `at f (/a/b.js:2:10)`.
  const frame = new RegExp(`(?:${escapeRegExp(fileName)}|${escapeRegExp(encodeURI(fileName))}):(\\d+):\\d+\\)?$`);
  for (const line of result.output.slice(errorIndex + 1)) {
    if (line.stream !== 'stderr' || !/^\s+at /.test(line.text)) continue;
    const match = frame.exec(line.text);
    if (match) lines.add(Number(match[1]));
  }
  return { errorText: errorLine.text.trim(), name, lines };
}

/** Where the finding sits in the source: its top-level statement index, or undefined when that is not a plain top-level statement. */
interface Placement {
  /** Index of the top-level statement that contains the finding. */
  statement: number;
  /** True when the finding is inside a `try` block (a throw there may be caught and the run go on). */
  insideTry: boolean;
}

function placementOf(ts: typeof TS, sourceFile: TS.SourceFile, line: number, column: number): Placement | undefined {
  const lineStarts = sourceFile.getLineStarts();
  if (line < 1 || line > lineStarts.length) return undefined;
  const offset = lineStarts[line - 1] + Math.max(0, column - 1);
  const statement = sourceFile.statements.findIndex((s) => s.getStart(sourceFile) <= offset && offset < s.end);
  if (statement < 0) return undefined;
  let insideTry = false;
  const visit = (node: TS.Node): void => {
    if (insideTry || offset < node.getFullStart() || offset >= node.end) return;
    if (ts.isTryStatement(node) && node.tryBlock.getStart(sourceFile) <= offset && offset < node.tryBlock.end) insideTry = true;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile.statements[statement]);
  return { statement, insideTry };
}

/** The index of the top-level statement on a 1-based line, or -1. */
function statementAtLine(sourceFile: TS.SourceFile, line: number): number {
  const lineStarts = sourceFile.getLineStarts();
  if (line < 1 || line > lineStarts.length) return -1;
  const lineStart = lineStarts[line - 1];
  const lineEnd = line < lineStarts.length ? lineStarts[line] : sourceFile.text.length;
  return sourceFile.statements.findIndex((s) => s.getStart(sourceFile) < lineEnd && lineStart < s.end);
}

/**
 * Confirms or refutes the TDZ error findings of `fileName` with the prediction of the same text.
 * `ts` and `text` place a finding in its top-level statement (only a later top-level statement that
 * printed proves the run went past it). Returns new findings; the input is not changed.
 */
export function confirmFindings(ts: typeof TS, text: string, fileName: string, findings: readonly FindingLike[], prediction: PredictResult | undefined): FindingLike[] {
  const model = NODE_MODELS.find((name) => prediction?.models[name] !== undefined);
  const result = model ? prediction?.models[model] : undefined;
  if (!model || !result) return [...findings];
  const crash = tdzCrashOf(result, fileName);
  // A run cut short by a budget proves nothing about what comes after the cut.
  const finished = result.stopped === null;
  // A TDZ error that some code caught and printed is a throw, not a contradiction.
  const caughtTdzPrinted = result.output.some((line) => line.text.includes('before initialization'));
  let sourceFile: TS.SourceFile | undefined;
  const parsed = (): TS.SourceFile => (sourceFile ??= ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));

  return findings.map((finding) => {
    if (finding.kind !== 'tdz' || finding.severity !== 'error' || finding.file !== fileName) return finding;
    if (crash) {
      const pointsHere = crash.lines.has(finding.line) || (finding.related ?? []).some((r) => r.file === fileName && crash.lines.has(r.line));
      const namesIt = finding.message.includes(`'${crash.name}'`);
      if (pointsHere && namesIt) {
        return { ...finding, ...withMessage(msg('{0} {1}', finding.messageParts ?? finding.message, msg('Confirmed: the {0} model throws here ({1}).', model, crash.errorText))) };
      }
      return finding;
    }
    if (!finished || caughtTdzPrinted) return finding;
    const placement = placementOf(ts, parsed(), finding.line, finding.column);
    if (!placement || placement.insideTry) return finding;
    // A print from a later top-level statement proves the run got there, unless that statement is a
    // function declaration: hoisted, it can be called (and print) before the finding's line runs.
    const ranPast = result.output.some((line) => {
      if (line.source !== 'main' || line.line <= 0) return false;
      const index = statementAtLine(parsed(), line.line);
      return index > placement.statement && !ts.isFunctionDeclaration(parsed().statements[index]);
    });
    if (!ranPast) return finding;
    return {
      ...finding,
      severity: 'warning',
      ...withMessage(msg('{0} {1}', msg('Not confirmed by the prediction: the {0} model ran past this line without a ReferenceError.', model), finding.messageParts ?? finding.message)),
    };
  });
}

/** A finding's message in English plus its localisable form (the diagnostics render the latter). */
function withMessage(message: LocalizableMessage): { message: string; messageParts: LocalizableMessage } {
  return { message: englishText(message), messageParts: message };
}

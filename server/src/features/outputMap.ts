// Connects a prediction's output lines to the console calls in the source that printed them.
// The engine reports each line's 1-based line and column of the console call; this matches them to
// the calls found by `sourceScan`, so that hints and hovers can sit on the call itself.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelName, ModelResult, OutputLine } from '../engine/types';
import type { ConsoleCall } from './sourceScan';

/** One printing of one console call under one model. */
export interface Printing {
  model: ModelName;
  /** 0-based index into the model's `output`. */
  index: number;
  /** 1-based position in the output, as shown to the user (`#3`). */
  position: number;
  /** True when the runtime may print this line at another position (the model is nondeterministic here). */
  unstable: boolean;
  line: OutputLine;
}

/**
 * For each output line of a nondeterministic model, whether some alternative order puts a
 * different text at its place. `alternatives` holds stdout texts only, so stderr lines are
 * compared by their stdout rank and are considered stable.
 */
export function unstableIndexes(result: ModelResult): boolean[] {
  const flags = result.output.map(() => false);
  if (result.deterministic) return flags;
  let stdoutRank = 0;
  result.output.forEach((line, index) => {
    if (line.stream !== 'stdout') return;
    const rank = stdoutRank++;
    // Without alternatives the engine only knows the run is not deterministic: mark every line.
    flags[index] = result.alternatives.length === 0 || result.alternatives.some((alternative) => alternative[rank] !== line.text);
  });
  return flags;
}

/** Finds the console call an output line came from: the innermost call containing the reported position, else the first call starting on that line. */
export function findCallForLine(calls: readonly ConsoleCall[], document: TextDocument, line: OutputLine): number {
  if (line.line <= 0 || line.line > document.lineCount) return -1;
  const offset = document.offsetAt({ line: line.line - 1, character: Math.max(0, line.column - 1) });
  let best = -1;
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i];
    if (call.start <= offset && offset <= call.end && (best < 0 || call.end - call.start < calls[best].end - calls[best].start)) best = i;
  }
  if (best >= 0) return best;
  for (let i = 0; i < calls.length; i++) {
    if (document.positionAt(calls[i].start).line === line.line - 1) return i;
  }
  return -1;
}

/** Groups every printed line of the given models by the console call (index into `calls`) that printed it. */
export function printingsByCall(
  calls: readonly ConsoleCall[],
  document: TextDocument,
  models: readonly ModelName[],
  results: Partial<Record<ModelName, ModelResult>>,
): Map<number, Printing[]> {
  const byCall = new Map<number, Printing[]>();
  for (const model of models) {
    const result = results[model];
    if (!result) continue;
    const unstable = unstableIndexes(result);
    result.output.forEach((line, index) => {
      const call = findCallForLine(calls, document, line);
      if (call < 0) return;
      let list = byCall.get(call);
      if (!list) byCall.set(call, (list = []));
      list.push({ model, index, position: index + 1, unstable: unstable[index], line });
    });
  }
  return byCall;
}

// Inlay hints after each console call: where its line(s) land in the predicted output.
// `#3` when every shown model agrees, `node #3 · browser #4` when they differ, `#3 #7 #11 …` when
// the call prints repeatedly (capped), and a `?` after a position the runtime may change
// (nondeterministic order). Pure: prediction + source scan in, LSP InlayHints out.
import * as l10n from '@vscode/l10n';
import { InlayHint, MarkupKind, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModelName, ModelResult } from '../engine/types';
import { localizedWhy } from './localize';
import { printingsByCall, type Printing } from './outputMap';
import type { InlayHintStyle } from './settings';
import type { ConsoleCall } from './sourceScan';

export interface InlayHintOptions {
  style: InlayHintStyle;
  maxPositions: number;
}

/** The mark after a position whose order the runtime does not guarantee. */
export const UNSTABLE_MARK = '?';

const MAX_TEXT_LENGTH = 40;

function positionsLabel(printings: readonly Printing[], maxPositions: number): string {
  const shown = printings.slice(0, maxPositions).map((p) => `#${p.position}${p.unstable ? UNSTABLE_MARK : ''}`);
  if (printings.length > maxPositions) shown.push('…');
  return shown.join(' ');
}

function shortText(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return oneLine.length > MAX_TEXT_LENGTH ? `${oneLine.slice(0, MAX_TEXT_LENGTH - 1)}…` : oneLine;
}

/** The label for one call, given its printings per model; undefined when no shown model printed it. */
export function hintLabel(models: readonly ModelName[], printings: readonly Printing[], options: InlayHintOptions): string | undefined {
  if (printings.length === 0) return undefined;
  const perModel = models.map((model) => {
    const own = printings.filter((p) => p.model === model);
    return { model, own, label: own.length > 0 ? positionsLabel(own, options.maxPositions) : '–' };
  });
  const distinct = new Set(perModel.map((m) => m.label));
  let label = distinct.size === 1 ? perModel[0].label : perModel.map((m) => `${m.model} ${m.label}`).join(' · ');
  if (options.style === 'positionAndText') {
    const first = printings[0];
    label += ` ${shortText(first.line.text)}`;
  }
  return label;
}

function tooltip(models: readonly ModelName[], printings: readonly Printing[]): string {
  const lines: string[] = [];
  for (const model of models) {
    const own = printings.filter((p) => p.model === model);
    if (own.length === 0) {
      lines.push(l10n.t('**{0}**: not printed', model));
      continue;
    }
    const positions = own.map((p) => `#${p.position}${p.unstable ? UNSTABLE_MARK : ''}`).join(', ');
    lines.push(l10n.t('**{0}**: output line {1}', model, positions));
    lines.push(`- ${localizedWhy(own[0].line)}`);
  }
  if (printings.some((p) => p.unstable)) lines.push('', l10n.t('`?` — the runtime does not guarantee this position; see the prediction notes.'));
  return lines.join('\n');
}

/**
 * Builds the hints for the calls inside `range`. `models` are the shown models in display order;
 * `results` the prediction for the document's current version.
 */
export function buildInlayHints(
  document: TextDocument,
  calls: readonly ConsoleCall[],
  models: readonly ModelName[],
  results: Partial<Record<ModelName, ModelResult>>,
  options: InlayHintOptions,
  range?: Range,
): InlayHint[] {
  if (options.style === 'off') return [];
  const shownModels = models.filter((m) => results[m] !== undefined);
  if (shownModels.length === 0) return [];
  const byCall = printingsByCall(calls, document, shownModels, results);
  const rangeStart = range ? document.offsetAt(range.start) : 0;
  const rangeEnd = range ? document.offsetAt(range.end) : Number.MAX_SAFE_INTEGER;
  const hints: InlayHint[] = [];
  calls.forEach((call, index) => {
    if (call.end < rangeStart || call.start > rangeEnd) return;
    const printings = byCall.get(index) ?? [];
    const label = hintLabel(shownModels, printings, options);
    if (label === undefined) return;
    const hint = InlayHint.create(document.positionAt(call.hintAt), label);
    hint.paddingLeft = true;
    hint.tooltip = { kind: MarkupKind.Markdown, value: tooltip(shownModels, printings) };
    hints.push(hint);
  });
  return hints;
}

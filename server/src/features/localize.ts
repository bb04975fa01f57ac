// Renders the core's localisable messages (syntax/message.ts) in the editor's language. The engine
// and the analysis keep English text in their results for the CLI; next to it they carry the same
// sentence as a template plus arguments, and here each template is looked up in the server's l10n
// bundle (configured from the client's locale at initialize). Templates missing from the bundle, and
// results without a localisable form, stay English.
import * as l10n from '@vscode/l10n';
import type { ModelName, ModelResult, OutputLine, PredictResult } from '../engine/types';
import { fillTemplate, renderMessage, type LocalizableMessage } from '../syntax/message';

/** The message in the configured language. */
export function localize(message: LocalizableMessage): string {
  // The object form with no arguments returns the bundle's template untouched; the placeholders are
  // then filled here, with the same rule as the English text, so both languages format alike.
  return renderMessage(message, (template, values) => fillTemplate(l10n.t({ message: template, comment: [] }), values));
}

/** The localised text when a localisable form exists, otherwise the English text. */
export function localizedText(english: string, parts: LocalizableMessage | undefined): string {
  return parts ? localize(parts) : english;
}

/** An output line's `why` in the configured language. */
export function localizedWhy(line: OutputLine): string {
  return localizedText(line.why, line.whyParts);
}

/** A copy of a model result whose `why` sentences, notes and context-tree `this` reasons are in the configured language. */
export function localizeModelResult(result: ModelResult): ModelResult {
  const localized: ModelResult = {
    ...result,
    output: result.output.map((line) => (line.whyParts ? { ...line, why: localize(line.whyParts) } : line)),
    notes: result.notes.map((note) => localizedText(note, result.noteParts?.[note])),
  };
  if (result.trace) {
    // The trace's `this` reasons are messages without arguments: the English text is the template.
    localized.trace = { ...result.trace, contexts: result.trace.contexts.map((context) => ({ ...context, thisReason: localize({ message: context.thisReason, args: [] }) })) };
  }
  return localized;
}

/** A copy of a prediction with every model result localised (what the Predict Output view shows). */
export function localizePrediction(result: PredictResult): PredictResult {
  const models: PredictResult['models'] = {};
  for (const [model, modelResult] of Object.entries(result.models) as [ModelName, ModelResult][]) {
    models[model] = localizeModelResult(modelResult);
  }
  return { ...result, models, ...(result.skipped ? { skipped: localizeSkipped(result.skipped, result.skippedParts) } : {}) };
}

/** The reasons models were left out, in the configured language. */
export function localizeSkipped(skipped: NonNullable<PredictResult['skipped']>, parts: PredictResult['skippedParts']): NonNullable<PredictResult['skipped']> {
  const localized: NonNullable<PredictResult['skipped']> = {};
  for (const [model, reason] of Object.entries(skipped) as [ModelName, string][]) localized[model] = localizedText(reason, parts?.[model]);
  return localized;
}

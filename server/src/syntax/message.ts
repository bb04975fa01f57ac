// Localisable messages for the pure core. engine/ and analysis/ must not load @vscode/l10n (they run
// in the CLI and in workers that know nothing of the editor's language), yet the editor shows their
// sentences in the user's language. So the core builds each user-facing sentence as data: an
// English template with `{0}`-style placeholders (the template doubles as the l10n bundle key, as
// @vscode/l10n does for `l10n.t`) and its arguments, which may themselves be messages. The core
// renders the English text for the CLI and the JSON contracts; features/ renders the same data with
// the server's l10n bundle. The key-coverage test finds every template by scanning for `msg(` calls.

/** One placeholder value: plain text, a number, or a nested message rendered first. */
export type MessageArg = string | number | LocalizableMessage;

export interface LocalizableMessage {
  /** The English template, e.g. `Stopped after {0} ms of CPU time`; also the translation key. */
  message: string;
  args: MessageArg[];
}

/** Builds a message. The template must be a string literal so the key-coverage test can see it. */
export function msg(message: string, ...args: MessageArg[]): LocalizableMessage {
  return { message, args };
}

/** Looks a template up in some language; returning the template unchanged gives English. */
export type TemplateTranslator = (template: string, renderedArgs: string[]) => string;

const PLACEHOLDER = /\{(\d+)\}/g;

/** Replaces `{n}` with the n-th value; placeholders without a value stay as written. */
export function fillTemplate(template: string, values: readonly string[]): string {
  return template.replace(PLACEHOLDER, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}

/** Renders a message, nested arguments first, with `translate` choosing each template's wording. */
export function renderMessage(message: LocalizableMessage, translate: TemplateTranslator): string {
  const values = message.args.map((arg) => (typeof arg === 'object' ? renderMessage(arg, translate) : String(arg)));
  return translate(message.message, values);
}

/** The English text of a message (what the CLI prints and the JSON contracts carry). */
export function englishText(message: LocalizableMessage): string {
  return renderMessage(message, fillTemplate);
}

/** Accepts either plain English (text that is never translated, such as code) or a message. */
export function asMessage(text: string | LocalizableMessage): LocalizableMessage {
  return typeof text === 'string' ? { message: '{0}', args: [text] } : text;
}

// Static findings (from `analysis/`) -> LSP diagnostics and quick fixes. The analysis speaks in
// 1-based lines and columns and absolute paths; LSP wants 0-based positions and URIs. Findings of
// a family the user switched off (`looplens.diagnostics.*`) are dropped here.
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { LocalizableMessage } from '../syntax/message';
import { localizedText } from './localize';
import type { DiagnosticFamilies } from './settings';

/** The shape `analysis/index.ts` returns; restated here so that features do not depend on analysis internals. */
export interface FindingLike {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  /** The rule's stable id (`LL1002`): what the diagnostic shows as its code. */
  ruleId?: string;
  kind: 'tdz' | 'hoisting' | 'circular-import' | 'leak' | 'nondeterminism' | 'unsupported';
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  /** `message` as a localisable message; shown in the editor's language when present. */
  messageParts?: LocalizableMessage;
  related?: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string; messageParts?: LocalizableMessage }[];
  fixes?: { title: string; titleParts?: LocalizableMessage; edits: { file: string; line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
  /** LSP diagnostic tags (1 = unnecessary, 2 = deprecated). */
  tags?: number[];
}

export const DIAGNOSTIC_SOURCE = 'looplens';

function toRange(item: { line: number; column: number; endLine: number; endColumn: number }): Range {
  const start = { line: Math.max(0, item.line - 1), character: Math.max(0, item.column - 1) };
  const end = { line: Math.max(0, item.endLine - 1), character: Math.max(0, item.endColumn - 1) };
  // A finding whose end precedes its start would be rejected by some clients; collapse it instead.
  const endBeforeStart = end.line < start.line || (end.line === start.line && end.character < start.character);
  return { start, end: endBeforeStart ? start : end };
}

function severityOf(severity: FindingLike['severity']): DiagnosticSeverity {
  switch (severity) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

export function familyEnabled(kind: FindingLike['kind'], families: DiagnosticFamilies): boolean {
  switch (kind) {
    case 'tdz': return families.tdz;
    case 'hoisting': return families.hoisting;
    case 'circular-import': return families.circularImports;
    case 'leak': return families.leaks;
    case 'nondeterminism': return families.nondeterminism;
    default: return true;
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Rule page for a rule id: `<docsBase>/<id>.md`. */
export function ruleHref(docsBaseUri: string, code: string): string {
  return `${docsBaseUri.replace(/\/+$/, '')}/${encodeURIComponent(code)}.md`;
}

/** Diagnostics for the findings in `fileName` (findings about other files are for those files). */
/** The families the analysis should run, from the on/off settings. */
export function enabledKinds(families: DiagnosticFamilies): FindingLike['kind'][] {
  const all: FindingLike['kind'][] = ['tdz', 'hoisting', 'circular-import', 'leak', 'nondeterminism', 'unsupported'];
  return all.filter((kind) => familyEnabled(kind, families));
}

export function findingsToDiagnostics(findings: readonly FindingLike[], fileName: string, families: DiagnosticFamilies, docsBaseUri: string): Diagnostic[] {
  return findings
    .filter((f) => f.file === fileName && familyEnabled(f.kind, families))
    .map((f) => ({
      range: toRange(f),
      severity: severityOf(f.severity),
      // The stable id (LL1xxx, LL2xxx, LL3xxx) the issue and the rule pages name; the descriptive
      // name stays in `data` for the quick fixes and in the message's page title.
      code: f.ruleId ?? f.code,
      codeDescription: { href: ruleHref(docsBaseUri, f.ruleId ?? f.code) },
      source: DIAGNOSTIC_SOURCE,
      message: localizedText(f.message, f.messageParts),
      relatedInformation: f.related?.map((r) => ({ location: { uri: fileUri(r.file), range: toRange(r) }, message: localizedText(r.message, r.messageParts) })),
      tags: f.tags?.filter((tag): tag is DiagnosticTag => tag === DiagnosticTag.Unnecessary || tag === DiagnosticTag.Deprecated),
      data: { code: f.code, line: f.line, column: f.column },
    }));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes carried by the findings that overlap `range`. */
export function findingsToCodeActions(findings: readonly FindingLike[], fileName: string, families: DiagnosticFamilies, docsBaseUri: string, range: Range): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (finding.file !== fileName || !familyEnabled(finding.kind, families) || !finding.fixes?.length) continue;
    const diagnostic = findingsToDiagnostics([finding], fileName, families, docsBaseUri)[0];
    if (!overlaps(diagnostic.range, range)) continue;
    for (const fix of finding.fixes) {
      const changes: Record<string, { range: Range; newText: string }[]> = {};
      for (const edit of fix.edits) (changes[fileUri(edit.file)] ??= []).push({ range: toRange(edit), newText: edit.newText });
      actions.push({ title: localizedText(fix.title, fix.titleParts), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes }, isPreferred: finding.fixes.length === 1 });
    }
  }
  return actions;
}

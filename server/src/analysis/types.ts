// The analysis's public data shapes: plain, serialisable data that crosses the LSP connection and
// the CLI's `check --json` output unchanged.

import type { LocalizableMessage } from '../syntax/message';

export type FindingKind = 'tdz' | 'hoisting' | 'circular-import' | 'leak' | 'nondeterminism' | 'unsupported';
export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface FindingLocation {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation extends FindingLocation {
  message: string;
  /** `message` as a localisable message, for the editor's language. */
  messageParts?: LocalizableMessage;
}

export interface TextEdit extends FindingLocation {
  newText: string;
}

export interface QuickFix {
  title: string;
  /** `title` as a localisable message, for the editor's language. */
  titleParts?: LocalizableMessage;
  edits: TextEdit[];
}

export interface Finding extends FindingLocation {
  /** The rule's descriptive name, e.g. `tdz-call-before-init` (what the analysis and the settings use). */
  code: string;
  /**
   * The rule's stable id (LL1xxx hoisting/TDZ, LL2xxx imports, LL3xxx leaks): the code users see in
   * the editor, the CLI and SARIF; its page is docs/rules/<ruleId>.md.
   */
  ruleId?: string;
  kind: FindingKind;
  severity: FindingSeverity;
  /** English: one sentence, then detail. */
  message: string;
  /** `message` as a localisable message (English template + arguments), for the editor's language. */
  messageParts?: LocalizableMessage;
  related?: RelatedLocation[];
  fixes?: QuickFix[];
  /** LSP diagnostic tags that apply (1 = unnecessary, 2 = deprecated). */
  tags?: number[];
}

/** File access the analysis needs; the LSP server, the CLI and tests each provide one. */
export interface AnalysisHost {
  readFile(path: string): string | undefined;
  fileExists(path: string): boolean;
  directoryExists?(path: string): boolean;
  getDirectories?(path: string): string[];
  realpath?(path: string): string;
  /**
   * The names of the files (not folders) directly in a folder, or undefined when it cannot be read.
   * Optional: with it, module resolution answers its many "does this file exist" probes from one
   * listing per folder instead of one file-system call per probe.
   */
  filesInDirectory?(path: string): string[] | undefined;
}

/** A host that can also list the files of a folder (for `looplens check DIR` and workspace scans). */
export interface WorkspaceHost extends AnalysisHost {
  /** Every file under `dir`, recursively, as absolute paths. */
  listFiles(dir: string): string[];
}

export type SeveritySetting = FindingSeverity | 'off';

export interface AnalysisOptions {
  /**
   * Severity per family (`tdz`, `hoisting`, `circular-import`, `leak`) or per rule code; a rule code
   * wins over its family. `'off'` silences it. Without a setting each rule uses its default.
   */
  severity?: Partial<Record<string, SeveritySetting>>;
  /** Report style-only findings (information) and benign cycles (hints), which are off by default. */
  includeStyle?: boolean;
  /** Which families to run; all by default. */
  families?: FindingKind[];
}

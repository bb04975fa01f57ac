// The `looplens.*` settings as the server uses them. The client (or any LSP editor) hands over
// whatever JSON the user wrote; `normalizeSettings` turns it into a complete, valid object so that
// no handler ever has to guard against a missing or mistyped setting. The defaults here must match
// the defaults declared in package.json's `contributes.configuration`.
import { ALL_MODELS, DEFAULT_BUDGETS, type Budgets, type ModelName } from '../engine/types';

export type InlayHintStyle = 'position' | 'positionAndText' | 'off';

export interface DiagnosticFamilies {
  tdz: boolean;
  hoisting: boolean;
  circularImports: boolean;
  leaks: boolean;
  nondeterminism: boolean;
  /** Severity overrides per family (`tdz`, `hoisting`, `circular-import`, `leak`) or per rule, by id (`LL1001`) or name; `off` silences. */
  severity: Record<string, SeverityOverride>;
  /** Also report style-only findings and benign import cycles (off by default). */
  includeStyle: boolean;
}

export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';
const SEVERITY_OVERRIDES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface LoopLensSettings {
  /** The models shown in hints, hovers and the view (filtered per file by `applicableModels`). */
  models: ModelName[];
  inlayHints: { style: InlayHintStyle; maxPositions: number };
  budgets: Budgets;
  diagnostics: DiagnosticFamilies;
  /** Files larger than this (in KB) get diagnostics, but predictions only on request. */
  maxFileSizeKb: number;
  /** Debounce before re-predicting after an edit, in ms. */
  debounceMs: number;
  /** Glob patterns (relative to the workspace folder) of the files the circular-import scan reads, and skips. */
  cycles: { include: string[]; exclude: string[]; maxScanFiles: number };
}

export const DEFAULT_SETTINGS: LoopLensSettings = {
  models: ['node', 'browser'],
  inlayHints: { style: 'position', maxPositions: 3 },
  budgets: { ...DEFAULT_BUDGETS },
  diagnostics: { tdz: true, hoisting: true, circularImports: true, leaks: true, nondeterminism: true, severity: {}, includeStyle: false },
  maxFileSizeKb: 256,
  debounceMs: 300,
  cycles: { include: ['**/*'], exclude: ['**/node_modules/**', '**/dist/**'], maxScanFiles: 20_000 },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveNumber(value: unknown, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** A list of glob patterns; anything that is not an array of strings keeps the default. */
function globList(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : [...fallback];
}

function severityOverrides(value: unknown): Record<string, SeverityOverride> {
  const overrides: Record<string, SeverityOverride> = {};
  if (!isRecord(value)) return overrides;
  for (const [key, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITY_OVERRIDES.includes(severity)) overrides[key] = severity as SeverityOverride;
  }
  return overrides;
}

/** Turns the raw `looplens` configuration section (any JSON) into complete settings. */
export function normalizeSettings(raw: unknown): LoopLensSettings {
  const section = isRecord(raw) ? raw : {};
  const defaults = DEFAULT_SETTINGS;

  let models = defaults.models;
  if (Array.isArray(section.models)) {
    const valid = section.models.filter((m): m is ModelName => typeof m === 'string' && (ALL_MODELS as readonly string[]).includes(m));
    // An empty or entirely invalid list would hide every prediction; fall back to the default instead.
    if (valid.length > 0) models = [...new Set(valid)];
  }

  const hints = isRecord(section.inlayHints) ? section.inlayHints : {};
  const style: InlayHintStyle = hints.style === 'positionAndText' || hints.style === 'off' || hints.style === 'position' ? hints.style : defaults.inlayHints.style;

  const budgets = isRecord(section.budgets) ? section.budgets : {};
  const diagnostics = isRecord(section.diagnostics) ? section.diagnostics : {};

  return {
    models,
    inlayHints: { style, maxPositions: Math.floor(positiveNumber(hints.maxPositions, defaults.inlayHints.maxPositions, 1, 50)) },
    budgets: {
      timeMs: positiveNumber(budgets.timeMs, defaults.budgets.timeMs, 10, 600_000),
      memoryBytes: Math.floor(positiveNumber(budgets.memoryMb, defaults.budgets.memoryBytes / (1024 * 1024), 1, 4096) * 1024 * 1024),
      outputLines: Math.floor(positiveNumber(budgets.outputLines, defaults.budgets.outputLines, 1, 1_000_000)),
      virtualTimeMs: positiveNumber(budgets.virtualTimeMs, defaults.budgets.virtualTimeMs, 1, 1e12),
      fileSizeKb: positiveNumber(budgets.fileSizeKb, defaults.budgets.fileSizeKb, 1, 1_000_000),
    },
    diagnostics: {
      tdz: bool(diagnostics.tdz, defaults.diagnostics.tdz),
      hoisting: bool(diagnostics.hoisting, defaults.diagnostics.hoisting),
      circularImports: bool(diagnostics.circularImports, defaults.diagnostics.circularImports),
      leaks: bool(diagnostics.leaks, defaults.diagnostics.leaks),
      nondeterminism: bool(diagnostics.nondeterminism, defaults.diagnostics.nondeterminism),
      severity: severityOverrides(diagnostics.severity),
      includeStyle: bool(diagnostics.includeStyle, defaults.diagnostics.includeStyle),
    },
    maxFileSizeKb: positiveNumber(section.maxFileSizeKb, defaults.maxFileSizeKb, 1, 1_000_000),
    debounceMs: positiveNumber(section.debounceMs, defaults.debounceMs, 0, 10_000),
    cycles: {
      include: globList(isRecord(section.cycles) ? section.cycles.include : undefined, defaults.cycles.include),
      exclude: globList(isRecord(section.cycles) ? section.cycles.exclude : undefined, defaults.cycles.exclude),
      maxScanFiles: Math.floor(positiveNumber(isRecord(section.cycles) ? section.cycles.maxScanFiles : undefined, defaults.cycles.maxScanFiles, 0, 1_000_000)),
    },
  };
}

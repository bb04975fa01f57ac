// The messages between the extension host and the "Predict Output" webview: one typed union per
// direction, shared by `predictionPanel.ts` (host) and `media/src/webview.ts` (the page), so that
// both sides agree at compile time. Data always travels by postMessage, never inside the HTML.
import type { ContextTreeResult, DocumentPrediction } from '../../server/src/protocol';

/** UI strings, localised by the host (the page has no access to `vscode.l10n`). */
export interface PanelLabels {
  title: string;
  copy: string;
  rerun: string;
  running: string;
  exitCode: string;
  stopped: string;
  notDeterministic: string;
  alternatives: string;
  skipped: string;
  differs: string;
  noOutput: string;
  notes: string;
  error: string;
  unstable: string;
  varying: string;
}

/** UI strings of the execution-context tree view, localised by the host. */
export interface TreeLabels {
  rerun: string;
  running: string;
  thisValue: string;
  creation: string;
  exit: string;
  outcome: string;
  suspensions: string;
  printed: string;
  goToSource: string;
  capped: string;
  noTrace: string;
  uninitialized: string;
  scopeParent: string;
}

export type HostToPanelMessage =
  | { type: 'prediction'; fileLabel: string; prediction: DocumentPrediction; labels: PanelLabels }
  | { type: 'contextTree'; fileLabel: string; tree: ContextTreeResult; labels: TreeLabels }
  | { type: 'busy'; busy: boolean }
  | { type: 'failure'; message: string };

export type PanelToHostMessage =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; column: number }
  | { type: 'copy'; text: string }
  | { type: 'rerun' };

export function isPanelToHostMessage(value: unknown): value is PanelToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; line?: unknown; column?: unknown; text?: unknown };
  switch (message.type) {
    case 'ready':
    case 'rerun':
      return true;
    case 'reveal':
      return typeof message.line === 'number' && typeof message.column === 'number';
    case 'copy':
      return typeof message.text === 'string';
    default:
      return false;
  }
}

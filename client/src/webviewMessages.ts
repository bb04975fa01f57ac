// The messages between the extension host and the "Predict Output" webview: one typed union per
// direction, shared by `predictionPanel.ts` (host) and `media/src/webview.ts` (the page), so that
// both sides agree at compile time. Data always travels by postMessage, never inside the HTML.
import type { ContextTreeResult, DocumentPrediction } from '../../server/src/protocol';
import { ALL_MODELS, type ModelName, type StopReason } from '../../server/src/engine/types';

/** UI strings, localised by the host (the page has no access to `vscode.l10n`). */
export interface PanelLabels {
  title: string;
  copy: string;
  rerun: string;
  running: string;
  exitCode: string;
  stopped: string;
  /** Instead of the exit code and `stopped`, for a result whose program never ran (exitCode null: a file over the size budget). */
  notRun: string;
  /** Why a run ended early, in words, per `stopped` code. */
  stopReasons: Record<NonNullable<StopReason>, string>;
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
  /** Labels of the tree's second version (issue 7): details pane, timeline, search, queues. */
  caller: string;
  noCaller: string;
  scopeChain: string;
  closures: string;
  noClosures: string;
  tdzSpan: string;
  search: string;
  noMatch: string;
  timeline: string;
  back: string;
  forward: string;
  step: string;
  callStack: string;
  queues: string;
  queuesDerived: string;
  emptyQueue: string;
  model: string;
  resumption: string;
  resumedFrom: string;
  suspendedAt: string;
  enter: string;
  leave: string;
  suspend: string;
  print: string;
  line: string;
  contexts: string;
  details: string;
  /** Labels of the engine's queue snapshots and of resumers (issue 7, second session). */
  runningNow: string;
  runsNext: string;
  dueAt: string;
  more: string;
  queuesRecorded: string;
  queuesNotRecorded: string;
  nothingWaiting: string;
  queuesRecordedNext: string;
  queuesApproximate: string;
  resumedBy: string;
  jobAtStep: string;
  queuedDuring: string;
}

export type HostToPanelMessage =
  | { type: 'prediction'; fileLabel: string; prediction: DocumentPrediction; labels: PanelLabels }
  | { type: 'contextTree'; fileLabel: string; tree: ContextTreeResult; labels: TreeLabels; models?: ModelName[] }
  | { type: 'busy'; busy: boolean }
  | { type: 'failure'; message: string };

export type PanelToHostMessage =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; column: number }
  | { type: 'copy'; text: string }
  | { type: 'rerun' }
  /** The context tree's timeline moved: highlight this line in the editor (0 clears it). */
  | { type: 'highlight'; line: number; column: number }
  /** The context tree's model selector changed. */
  | { type: 'chooseModel'; model: ModelName };

export function isPanelToHostMessage(value: unknown): value is PanelToHostMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; line?: unknown; column?: unknown; text?: unknown };
  switch (message.type) {
    case 'ready':
    case 'rerun':
      return true;
    case 'reveal':
    case 'highlight':
      return typeof message.line === 'number' && typeof message.column === 'number' && Number.isInteger(message.line) && Number.isInteger(message.column);
    case 'chooseModel':
      return ALL_MODELS.some((model) => model === (value as { model?: unknown }).model);
    case 'copy':
      return typeof message.text === 'string';
    default:
      return false;
  }
}

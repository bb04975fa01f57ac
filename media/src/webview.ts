// The page script of both webviews ("Predict Output" and the execution-context tree, see
// contextTree.ts), running inside the VS Code webview (a browser context, no Node).
// It receives predictions by postMessage and builds the DOM with textContent only, so no text
// from the user's program can ever become markup. State (the last prediction) survives the panel
// being hidden via the webview's getState/setState.
import type { DocumentPrediction } from '../../server/src/protocol';
import type { ModelName, ModelResult, OutputLine } from '../../server/src/engine/types';
import type { HostToPanelMessage, PanelLabels, PanelToHostMessage } from '../../client/src/webviewMessages';
import { renderContextTree, type TreeMessage, type TreeUiState } from './contextTree';

interface VsCodeApi {
  postMessage(message: PanelToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  last?: Extract<HostToPanelMessage, { type: 'prediction' | 'contextTree' }>;
  /** The context tree's selection, expansion, timeline step, search and scroll position. */
  tree?: TreeUiState;
}

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const toolbar = document.getElementById('toolbar') as HTMLElement;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Indexes of stdout lines whose text an alternative order would put elsewhere. */
function unstable(result: ModelResult): Set<number> {
  const flagged = new Set<number>();
  if (result.deterministic) return flagged;
  let rank = 0;
  result.output.forEach((line, index) => {
    if (line.stream !== 'stdout') return;
    const r = rank++;
    if (result.alternatives.length === 0 || result.alternatives.some((alt) => alt[r] !== line.text)) flagged.add(index);
  });
  return flagged;
}

/** Row i differs when the models that ran do not all print the same text (and stream) at i. */
function differingRows(models: ModelName[], results: Partial<Record<ModelName, ModelResult>>): Set<number> {
  const ran = models.map((m) => results[m]).filter((r): r is ModelResult => r !== undefined);
  const rows = Math.max(0, ...ran.map((r) => r.output.length));
  const differing = new Set<number>();
  if (ran.length < 2) return differing;
  for (let i = 0; i < rows; i++) {
    const keys = new Set(ran.map((r) => (r.output[i] ? `${r.output[i].stream}\u0000${r.output[i].text}` : '\u0001')));
    if (keys.size > 1) differing.add(i);
  }
  return differing;
}

function asText(fileLabel: string, prediction: DocumentPrediction, labels: PanelLabels): string {
  const parts: string[] = [];
  for (const model of prediction.models) {
    const result = prediction.result.models[model];
    if (!result) continue;
    parts.push(`== ${fileLabel} — ${model} (${outcomeText(result, labels)}) ==`);
    result.output.forEach((line, index) => parts.push(`${String(index + 1).padStart(3)} ${line.stream === 'stderr' ? '!' : ' '} ${line.text}`));
    if (!result.deterministic) parts.push(labels.notDeterministic);
    parts.push('');
  }
  return parts.join('\n');
}

/** How the run ended: its exit code and why it stopped early, or that it never ran (no exit code). */
function outcomeText(result: ModelResult, labels: PanelLabels): string {
  if (result.exitCode === null) return labels.notRun;
  return `${labels.exitCode} ${result.exitCode}${result.stopped ? `, ${stoppedText(result.stopped, labels)}` : ''}`;
}

function stoppedText(reason: NonNullable<ModelResult['stopped']>, labels: PanelLabels): string {
  return `${labels.stopped}: ${labels.stopReasons[reason] ?? reason}`;
}

function renderLine(line: OutputLine, index: number, isDifferent: boolean, isUnstable: boolean, labels: PanelLabels): HTMLElement {
  const row = element('div', `line ${line.stream}${isDifferent ? ' differs' : ''}${isUnstable ? ' unstable' : ''}`);
  row.appendChild(element('span', 'position', `#${index + 1}`));
  row.appendChild(element('span', 'text', line.text));
  const hints: string[] = [line.why];
  if (isDifferent) hints.push(labels.differs);
  if (isUnstable) hints.push(labels.unstable);
  if (line.varying) hints.push(labels.varying);
  row.title = hints.filter(Boolean).join('\n');
  if (line.line > 0) {
    row.classList.add('clickable');
    row.tabIndex = 0;
    const reveal = () => vscode.postMessage({ type: 'reveal', line: line.line, column: line.column });
    row.addEventListener('click', reveal);
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') reveal();
    });
  }
  return row;
}

function renderModel(model: ModelName, result: ModelResult, differing: Set<number>, labels: PanelLabels): HTMLElement {
  const column = element('section', 'model');
  const header = element('h2', undefined, model);
  if (result.exitCode !== null) header.appendChild(element('span', 'exit', ` ${labels.exitCode} ${result.exitCode}`));
  column.appendChild(header);
  if (result.exitCode === null) column.appendChild(element('div', 'banner stopped', labels.notRun));
  else if (result.stopped) column.appendChild(element('div', 'banner stopped', stoppedText(result.stopped, labels)));
  if (!result.deterministic) column.appendChild(element('div', 'banner nondeterministic', labels.notDeterministic));
  const flagged = unstable(result);
  const lines = element('div', 'lines');
  if (result.output.length === 0) lines.appendChild(element('div', 'empty', labels.noOutput));
  result.output.forEach((line, index) => lines.appendChild(renderLine(line, index, differing.has(index), flagged.has(index), labels)));
  column.appendChild(lines);
  if (result.alternatives.length > 0) {
    const details = element('details', 'alternatives');
    details.appendChild(element('summary', undefined, `${labels.alternatives} (${result.alternatives.length})`));
    for (const alternative of result.alternatives) details.appendChild(element('pre', undefined, alternative.join('\n')));
    column.appendChild(details);
  }
  if (result.notes.length > 0) {
    const notes = element('details', 'notes');
    notes.open = true;
    notes.appendChild(element('summary', undefined, labels.notes));
    const list = element('ul');
    for (const note of result.notes) list.appendChild(element('li', undefined, note));
    notes.appendChild(list);
    column.appendChild(notes);
  }
  return column;
}

function render(message: Extract<HostToPanelMessage, { type: 'prediction' }>): void {
  const { prediction, labels, fileLabel } = message;
  toolbar.replaceChildren();
  toolbar.appendChild(element('span', 'file', fileLabel));
  const rerun = element('button', undefined, labels.rerun);
  rerun.addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
  const copy = element('button', undefined, labels.copy);
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copy', text: asText(fileLabel, prediction, labels) }));
  toolbar.append(rerun, copy);
  toolbar.appendChild(element('span', 'busy', labels.running));

  root.replaceChildren();
  if (prediction.error) root.appendChild(element('div', 'banner error', `${labels.error}: ${prediction.error}`));
  const columns = element('div', 'columns');
  const differing = differingRows(prediction.models, prediction.result.models);
  for (const model of prediction.models) {
    const result = prediction.result.models[model];
    if (result) columns.appendChild(renderModel(model, result, differing, labels));
  }
  for (const [model, reason] of Object.entries(prediction.result.skipped ?? {})) {
    const column = element('section', 'model skipped');
    column.appendChild(element('h2', undefined, model));
    column.appendChild(element('div', 'banner', `${labels.skipped}: ${reason}`));
    columns.appendChild(column);
  }
  root.appendChild(columns);
}

function renderTree(message: TreeMessage, ui: TreeUiState | undefined): void {
  renderContextTree(message, toolbar, root, { post: (m) => vscode.postMessage(m), persist: (state) => vscode.setState({ last: message, tree: state } satisfies SavedState) }, ui);
}

function setBusy(busy: boolean): void {
  document.body.classList.toggle('is-busy', busy);
}

window.addEventListener('message', (event: MessageEvent<HostToPanelMessage>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'prediction':
      vscode.setState({ last: message } satisfies SavedState);
      render(message);
      break;
    case 'contextTree': {
      // A re-run of the same file (on save, or under another model) keeps the reader's place.
      const previous = vscode.getState() as SavedState | undefined;
      const ui = previous?.last?.type === 'contextTree' && previous.last.fileLabel === message.fileLabel ? previous.tree : undefined;
      // The tree saves its state itself, a moment after drawing: serialising a large trace first
      // would delay the first paint.
      renderTree(message, ui);
      break;
    }
    case 'busy':
      setBusy(message.busy);
      break;
    case 'failure':
      root.replaceChildren(element('div', 'banner error', message.message));
      break;
  }
});

const saved = vscode.getState() as SavedState | undefined;
if (saved?.last?.type === 'prediction') render(saved.last);
else if (saved?.last?.type === 'contextTree') renderTree(saved.last, saved.tree);
vscode.postMessage({ type: 'ready' });

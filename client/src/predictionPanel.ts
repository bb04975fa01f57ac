// Hosts the "Predict Output" webview: all applicable models side by side for one document,
// re-run (debounced) when the document changes, lines clickable to their source. The page itself
// is `media/webview.js` (built from `media/src/webview.ts`); data goes to it only by postMessage.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PredictRequest, type DocumentPrediction } from '../../server/src/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { isPanelToHostMessage, type HostToPanelMessage, type PanelLabels } from './webviewMessages';

const RERUN_DELAY_MS = 400;

function labels(): PanelLabels {
  return {
    title: vscode.l10n.t('Predicted output'),
    copy: vscode.l10n.t('Copy as text'),
    rerun: vscode.l10n.t('Run again'),
    running: vscode.l10n.t('Predicting…'),
    exitCode: vscode.l10n.t('exit code'),
    stopped: vscode.l10n.t('stopped early'),
    notRun: vscode.l10n.t('not run: the file is larger than the file-size budget'),
    stopReasons: {
      'time-budget': vscode.l10n.t('the time budget ran out'),
      memory: vscode.l10n.t('the memory budget ran out'),
      'output-limit': vscode.l10n.t('the output budget ran out'),
      'virtual-time': vscode.l10n.t('the virtual-time budget ran out'),
      unsupported: vscode.l10n.t('the program uses something LoopLens does not model'),
      // A run that began and stopped at a module (a file never run has `notRun` instead).
      'file-size': vscode.l10n.t('a module the program loads is larger than the file-size budget'),
    },
    notDeterministic: vscode.l10n.t('Not deterministic: the real runtime may print another order.'),
    alternatives: vscode.l10n.t('Other possible orders'),
    skipped: vscode.l10n.t('not applicable'),
    differs: vscode.l10n.t('differs between models'),
    noOutput: vscode.l10n.t('(no output)'),
    notes: vscode.l10n.t('Notes'),
    error: vscode.l10n.t('The prediction failed'),
    unstable: vscode.l10n.t('position not guaranteed'),
    varying: vscode.l10n.t('value depends on the clock or randomness'),
  };
}

export class PredictionPanel implements vscode.Disposable {
  private static current: PredictionPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: vscode.CancellationTokenSource | undefined;
  private rerunTimer: NodeJS.Timeout | undefined;
  private lastMessage: HostToPanelMessage | undefined;
  private ready = false;

  /** Opens (or focuses) the panel and shows `document` in it. */
  static show(context: vscode.ExtensionContext, client: LanguageClient, document: vscode.TextDocument): void {
    if (PredictionPanel.current) {
      PredictionPanel.current.setDocument(document);
      PredictionPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('looplens.prediction', vscode.l10n.t('LoopLens: Predicted output'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
    PredictionPanel.current = new PredictionPanel(context, client, panel, document);
  }

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument,
  ) {
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'prediction');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.scheduleRerun();
      }),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (saved === this.document) this.scheduleRerun();
      }),
    );
    this.run();
  }

  private setDocument(document: vscode.TextDocument): void {
    this.document = document;
    this.run();
  }

  private post(message: HostToPanelMessage): void {
    if (message.type !== 'busy') this.lastMessage = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isPanelToHostMessage(raw)) return;
    switch (raw.type) {
      case 'ready':
        this.ready = true;
        if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
        break;
      case 'rerun':
        this.run();
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(raw.text).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('LoopLens: prediction copied'), 2000));
        break;
      case 'reveal':
        void this.reveal(raw.line, raw.column);
        break;
    }
  }

  private async reveal(line: number, column: number): Promise<void> {
    if (line <= 0) return;
    const position = new vscode.Position(line - 1, Math.max(0, column - 1));
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private scheduleRerun(): void {
    if (this.rerunTimer) clearTimeout(this.rerunTimer);
    this.rerunTimer = setTimeout(() => this.run(), RERUN_DELAY_MS);
  }

  private run(): void {
    this.pending?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const document = this.document;
    const version = document.version;
    this.panel.title = vscode.l10n.t('LoopLens: {0}', vscode.workspace.asRelativePath(document.uri));
    this.post({ type: 'busy', busy: true });
    this.client.sendRequest(PredictRequest, { uri: document.uri.toString(), models: 'all' }, source.token).then(
      (prediction: DocumentPrediction | null) => {
        // A result for text that has changed since is dropped: another run is already scheduled.
        if (source.token.isCancellationRequested || document.version !== version || this.document !== document) return;
        this.post({ type: 'busy', busy: false });
        if (!prediction) {
          this.post({ type: 'failure', message: vscode.l10n.t('No prediction: the language server does not know this document.') });
          return;
        }
        this.post({ type: 'prediction', fileLabel: vscode.workspace.asRelativePath(document.uri), prediction, labels: labels() });
      },
      (error: unknown) => {
        if (source.token.isCancellationRequested) return;
        this.post({ type: 'busy', busy: false });
        this.post({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  dispose(): void {
    if (PredictionPanel.current === this) PredictionPanel.current = undefined;
    this.pending?.cancel();
    if (this.rerunTimer) clearTimeout(this.rerunTimer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

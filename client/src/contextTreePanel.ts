// Hosts the execution-context tree webview: one traced run of the file under one model, drawn as
// the tree of contexts (who called whom), each with its creation-phase and end-of-execution
// bindings, `this` and why, suspensions and printed lines. Re-runs on save; a click on a context
// reveals its source.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ContextTreeRequest, type ContextTreeResult } from '../../server/src/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { isPanelToHostMessage, type HostToPanelMessage, type TreeLabels } from './webviewMessages';

function labels(): TreeLabels {
  return {
    rerun: vscode.l10n.t('Run again'),
    running: vscode.l10n.t('Tracing…'),
    thisValue: vscode.l10n.t('this'),
    creation: vscode.l10n.t('Creation phase'),
    exit: vscode.l10n.t('End of execution'),
    outcome: vscode.l10n.t('Outcome'),
    suspensions: vscode.l10n.t('Suspended and resumed'),
    printed: vscode.l10n.t('Printed'),
    goToSource: vscode.l10n.t('Go to source'),
    capped: vscode.l10n.t('The trace reached its limit; later contexts are not shown.'),
    noTrace: vscode.l10n.t('No execution-context trace'),
    uninitialized: vscode.l10n.t('in the temporal dead zone (not initialised yet)'),
    scopeParent: vscode.l10n.t('scope parent'),
  };
}

export class ContextTreePanel implements vscode.Disposable {
  private static current: ContextTreePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: vscode.CancellationTokenSource | undefined;
  private lastMessage: HostToPanelMessage | undefined;
  private ready = false;

  static show(context: vscode.ExtensionContext, client: LanguageClient, document: vscode.TextDocument): void {
    if (ContextTreePanel.current) {
      ContextTreePanel.current.document = document;
      ContextTreePanel.current.run();
      ContextTreePanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('looplens.contextTree', vscode.l10n.t('LoopLens: Execution contexts'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
    ContextTreePanel.current = new ContextTreePanel(client, panel, document, context.extensionUri);
  }

  private constructor(
    private readonly client: LanguageClient,
    readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'contextTree');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      vscode.workspace.onDidSaveTextDocument((saved) => {
        if (saved === this.document) this.run();
      }),
    );
    this.run();
  }

  private post(message: HostToPanelMessage): void {
    if (message.type !== 'busy') this.lastMessage = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isPanelToHostMessage(raw)) return;
    if (raw.type === 'ready') {
      this.ready = true;
      if (this.lastMessage) void this.panel.webview.postMessage(this.lastMessage);
    } else if (raw.type === 'rerun') {
      this.run();
    } else if (raw.type === 'reveal' && raw.line > 0) {
      const position = new vscode.Position(raw.line - 1, Math.max(0, raw.column - 1));
      void vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    }
  }

  private run(): void {
    this.pending?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const document = this.document;
    const version = document.version;
    this.panel.title = vscode.l10n.t('LoopLens contexts: {0}', vscode.workspace.asRelativePath(document.uri));
    this.post({ type: 'busy', busy: true });
    this.client.sendRequest(ContextTreeRequest, { uri: document.uri.toString() }, source.token).then(
      (tree: ContextTreeResult | null) => {
        if (source.token.isCancellationRequested || this.document !== document || document.version !== version) return;
        this.post({ type: 'busy', busy: false });
        if (!tree) {
          this.post({ type: 'failure', message: vscode.l10n.t('No prediction: the language server does not know this document.') });
          return;
        }
        this.post({ type: 'contextTree', fileLabel: vscode.workspace.asRelativePath(document.uri), tree, labels: labels() });
      },
      (error: unknown) => {
        if (source.token.isCancellationRequested) return;
        this.post({ type: 'busy', busy: false });
        this.post({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  dispose(): void {
    if (ContextTreePanel.current === this) ContextTreePanel.current = undefined;
    this.pending?.cancel();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

// Hosts the execution-context tree webview: one traced run of the file under one model, drawn as
// the tree of contexts (who called whom), each with its creation-phase and end-of-execution
// bindings, `this` and why, suspensions and printed lines. Re-runs on save; a click on a context
// reveals its source, the timeline highlights its current line in the editor, and the model
// selector re-runs the trace under another model that applies to the file.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplicableModelsRequest, ContextTreeRequest, type ContextTreeResult } from '../../server/src/protocol';
import type { ModelName } from '../../server/src/engine/types';
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
    caller: vscode.l10n.t('Called by'),
    noCaller: vscode.l10n.t('started by the event loop, no caller'),
    scopeChain: vscode.l10n.t('Scope chain'),
    closures: vscode.l10n.t('Closures that kept this environment alive'),
    noClosures: vscode.l10n.t('None: nothing created here ran after it returned.'),
    tdzSpan: vscode.l10n.t('temporal dead zone: lines'),
    search: vscode.l10n.t('Search by name'),
    noMatch: vscode.l10n.t('No match'),
    timeline: vscode.l10n.t('Timeline'),
    back: vscode.l10n.t('Back'),
    forward: vscode.l10n.t('Forward'),
    step: vscode.l10n.t('Step'),
    callStack: vscode.l10n.t('Call stack'),
    queues: vscode.l10n.t('Waiting in queues'),
    queuesDerived: vscode.l10n.t('Derived from the printed lines: callbacks that printed nothing are not listed.'),
    emptyQueue: vscode.l10n.t('(nothing known to be waiting)'),
    model: vscode.l10n.t('Model'),
    resumption: vscode.l10n.t('resumed'),
    resumedFrom: vscode.l10n.t('Resumption of'),
    suspendedAt: vscode.l10n.t('suspended at'),
    enter: vscode.l10n.t('enter'),
    leave: vscode.l10n.t('leave'),
    suspend: vscode.l10n.t('suspend'),
    print: vscode.l10n.t('print'),
    line: vscode.l10n.t('line'),
    contexts: vscode.l10n.t('Execution contexts'),
    details: vscode.l10n.t('Details'),
    runningNow: vscode.l10n.t('Running'),
    runsNext: vscode.l10n.t('Runs next'),
    dueAt: vscode.l10n.t('due at'),
    more: vscode.l10n.t('more'),
    queuesRecorded: vscode.l10n.t('Recorded by the engine when this step began (at most 16 callbacks per queue).'),
    queuesRecordedNext: vscode.l10n.t('This step has ended: recorded by the engine when the next step began (at most 16 callbacks per queue).'),
    nothingWaiting: vscode.l10n.t('(nothing waiting)'),
    queuesNotRecorded: vscode.l10n.t('Not recorded: the run has more steps than the queue snapshots keep (10,000).'),
    queuesApproximate: vscode.l10n.t('Many promises were pending at once: a promise job may be listed a few steps late.'),
    resumedBy: vscode.l10n.t('Resumed by'),
    jobAtStep: vscode.l10n.t('job at engine step'),
    queuedDuring: vscode.l10n.t('queued during step'),
  };
}

export class ContextTreePanel implements vscode.Disposable {
  private static current: ContextTreePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: vscode.CancellationTokenSource | undefined;
  private lastMessage: HostToPanelMessage | undefined;
  private ready = false;
  /** The model chosen in the panel's selector; undefined = the first model that applies. */
  private model: ModelName | undefined;
  /** The timeline's current line, drawn in the editor like a debugger's current line. */
  private readonly currentLine = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    borderStyle: 'solid',
    borderWidth: '1px 0',
  });

  static show(context: vscode.ExtensionContext, client: LanguageClient, document: vscode.TextDocument): void {
    if (ContextTreePanel.current) {
      if (ContextTreePanel.current.document !== document) ContextTreePanel.current.model = undefined;
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
      this.currentLine,
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
    } else if (raw.type === 'highlight') {
      this.highlight(raw.line);
    } else if (raw.type === 'chooseModel') {
      this.model = raw.model;
      this.run();
    }
  }

  private highlight(line: number): void {
    const ranges = line > 0 && line <= this.document.lineCount ? [this.document.lineAt(line - 1).range] : [];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      editor.setDecorations(this.currentLine, ranges);
      if (ranges.length > 0) editor.revealRange(ranges[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
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
    const uri = document.uri.toString();
    const applicable = this.client.sendRequest(ApplicableModelsRequest, { uri }, source.token).then(
      (answer) => answer?.models ?? [],
      () => [] as ModelName[],
    );
    Promise.all([this.client.sendRequest(ContextTreeRequest, { uri, model: this.model }, source.token), applicable]).then(
      ([tree, models]: [ContextTreeResult | null, ModelName[]]) => {
        if (source.token.isCancellationRequested || this.document !== document || document.version !== version) return;
        this.post({ type: 'busy', busy: false });
        if (!tree) {
          this.post({ type: 'failure', message: vscode.l10n.t('No prediction: the language server does not know this document.') });
          return;
        }
        this.post({ type: 'contextTree', fileLabel: vscode.workspace.asRelativePath(document.uri), tree, labels: labels(), models });
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
    this.highlight(0);
    this.pending?.cancel();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}

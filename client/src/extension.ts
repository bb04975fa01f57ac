// The VS Code side of LoopLens: starts the language server (dist/server.js) over IPC, restarts it
// with backoff if it dies (telling the user, never looping silently), and contributes the commands,
// the status bar item and the "Predict Output" view. Everything that computes lives in the server.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ApplicableModelsRequest, Commands, StatusNotification, type StatusParams } from '../../server/src/protocol';
import type { ModelName } from '../../server/src/engine/types';
import { SERVER_EXEC_ARGV, serverProcessEnvironment } from '../../server/src/serverProcess';
import { ContextTreePanel } from './contextTreePanel';
import { PredictionPanel } from './predictionPanel';
import { ServerSupervisor, type RestartDecision } from './restartPolicy';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
const ALL_MODELS: ModelName[] = ['node', 'node-esm', 'node-legacy', 'browser'];

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
const modelsByUri = new Map<string, ModelName[]>();
const busyUris = new Set<string>();

function isJsOrTs(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && LANGUAGES.includes(document.languageId);
}

function configuredModels(uri?: vscode.Uri): ModelName[] {
  const models = vscode.workspace.getConfiguration('looplens', uri).get<string[]>('models', ['node', 'browser']);
  return models.filter((m): m is ModelName => (ALL_MODELS as string[]).includes(m));
}

function updateStatus(): void {
  if (!statusItem) return;
  const document = vscode.window.activeTextEditor?.document;
  if (!isJsOrTs(document)) {
    statusItem.hide();
    return;
  }
  const key = document.uri.toString();
  const models = modelsByUri.get(key) ?? configuredModels(document.uri);
  const icon = busyUris.has(key) ? '$(sync~spin)' : '$(pulse)';
  statusItem.text = `${icon} LoopLens: ${models.join(', ')}`;
  statusItem.tooltip = vscode.l10n.t('Event-loop models used for this file. Click to choose.');
  statusItem.show();
}

/** Document to act on: the command argument (from a code lens) or the active editor. */
async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (typeof arg === 'string' || arg instanceof vscode.Uri) {
    const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg;
    return vscode.workspace.openTextDocument(uri);
  }
  const document = vscode.window.activeTextEditor?.document;
  if (isJsOrTs(document)) return document;
  void vscode.window.showInformationMessage(vscode.l10n.t('LoopLens works on JavaScript and TypeScript files. Open one first.'));
  return undefined;
}

async function chooseModels(arg: unknown): Promise<void> {
  const document = await targetDocument(arg);
  const current = configuredModels(document?.uri);
  let skipped: Partial<Record<ModelName, string>> = {};
  if (document && client?.state === State.Running) {
    const answer = await client.sendRequest(ApplicableModelsRequest, { uri: document.uri.toString() }).catch(() => null);
    skipped = answer?.skipped ?? {};
  }
  const descriptions: Record<ModelName, string> = {
    node: vscode.l10n.t('Node.js 20+, CommonJS'),
    'node-esm': vscode.l10n.t('Node.js 20+, ES module'),
    'node-legacy': vscode.l10n.t('Node.js before 11 (the drain runs between phases)'),
    browser: vscode.l10n.t('Chromium, classic script'),
  };
  const items = ALL_MODELS.map((model) => ({
    label: model,
    description: descriptions[model],
    detail: skipped[model] ? vscode.l10n.t('Not applicable to this file: {0}', skipped[model] as string) : undefined,
    picked: current.includes(model),
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('LoopLens: models to show') });
  if (!picked || picked.length === 0) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('looplens', document?.uri).update('models', picked.map((p) => p.label), target);
  modelsByUri.clear();
  updateStatus();
}

/** The walkthrough steps that carry a runnable example (the first ```js block of their page). */
const WALKTHROUGH_EXAMPLES = ['execution-contexts', 'browser-vs-node', 'nexttick-vs-promises', 'leaks'];

async function openExample(context: vscode.ExtensionContext, name: unknown): Promise<void> {
  if (typeof name !== 'string' || !WALKTHROUGH_EXAMPLES.includes(name)) return;
  // The page is the single source of the example, so the text shown and the text run cannot drift apart.
  const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', `${name}.md`)));
  const code = /```js\n([\s\S]*?)```/.exec(page)?.[1];
  if (!code) return;
  const document = await vscode.workspace.openTextDocument({ language: 'javascript', content: code });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
}

function createClient(context: vscode.ExtensionContext, onClosed: () => void): LanguageClient {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // The client merges `env` over its own environment (only the malloc tuning is added) and starts Node with the server's options (serverProcess.ts).
  const env = serverProcessEnvironment(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: {
      docsBaseUri: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(),
      l10nBundlePath: vscode.l10n.uri?.fsPath,
    },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        // We restart ourselves, with backoff and a message, instead of the client's immediate retry.
        onClosed();
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  // The id `looplens` makes the client honour the `looplens.trace.server` setting.
  return new LanguageClient('looplens', 'LoopLens', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // Restarts with backoff live in restartPolicy.ts (tested without VS Code); here they meet the UI.
  const supervisor: ServerSupervisor = new ServerSupervisor({
    start: async () => {
      await client?.start();
    },
    notify: (decision: RestartDecision) => {
      if (decision.action === 'restart') {
        void vscode.window.showWarningMessage(vscode.l10n.t('The LoopLens server stopped unexpectedly; restarting in {0} s.', decision.delayMs / 1000));
        return;
      }
      const restart = vscode.l10n.t('Restart');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('The LoopLens server stopped {0} times in a row and will not be restarted automatically.', decision.crashes), restart)
        .then((choice) => {
          if (choice === restart) void supervisor.restartByUser();
        });
    },
    onStartError: (error: unknown) => client?.error('LoopLens: restart failed', error),
  });

  client = createClient(context, () => supervisor.serverClosed());
  statusItem = vscode.window.createStatusBarItem('looplens.models', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'LoopLens';
  statusItem.command = Commands.chooseModels;

  context.subscriptions.push(
    statusItem,
    { dispose: () => supervisor.dispose() },
    client.onNotification(StatusNotification, (status: StatusParams) => {
      modelsByUri.set(status.uri, status.models);
      if (status.busy) busyUris.add(status.uri);
      else busyUris.delete(status.uri);
      updateStatus();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('looplens.models')) {
        modelsByUri.clear();
        updateStatus();
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => modelsByUri.delete(document.uri.toString())),
    vscode.commands.registerCommand(Commands.predictOutput, async (arg?: unknown) => {
      const document = await targetDocument(arg);
      if (document && client) PredictionPanel.show(context, client, document);
    }),
    vscode.commands.registerCommand(Commands.chooseModels, (arg?: unknown) => chooseModels(arg)),
    vscode.commands.registerCommand(Commands.openExample, (name?: unknown) => openExample(context, name)),
    vscode.commands.registerCommand(Commands.explainAtCursor, async () => {
      if (!isJsOrTs(vscode.window.activeTextEditor?.document)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('LoopLens works on JavaScript and TypeScript files. Open one first.'));
        return;
      }
      // The explanation is the server's hover at the cursor; showing it is the most direct way to read it.
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand(Commands.showContextTree, async (arg?: unknown) => {
      const document = await targetDocument(arg);
      if (document && client) ContextTreePanel.show(context, client, document);
    }),
  );
  updateStatus();
  await supervisor.start();
}

export async function deactivate(): Promise<void> {
  const current = client;
  client = undefined;
  if (current && current.state !== State.Stopped) await current.stop();
}

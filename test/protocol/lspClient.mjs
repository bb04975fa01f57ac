// A minimal LSP client for the protocol tests: starts the built server with `--stdio` and speaks
// JSON-RPC to it through vscode-jsonrpc, answering the server's own requests the way an editor
// does (configuration pull, capability registration, refresh requests).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');
// The Node options and environment the VS Code client starts the server with (serverProcess.ts), so
// that these tests run the server as users get it: a server started without them once hid that its
// --max-semi-space-size also capped the analysis worker's young generation.
const { SERVER_EXEC_ARGV, serverProcessEnvironment } = createRequire(import.meta.url)(path.join(repoRoot, 'dist', 'core.js'));

/** Client capabilities as VS Code 1.100 sends them (the parts LoopLens looks at). */
export function editorCapabilities({ pullDiagnostics = false } = {}) {
  const textDocument = {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
    codeLens: { dynamicRegistration: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
  };
  if (pullDiagnostics) textDocument.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceFolders: true,
      inlayHint: { refreshSupport: true },
      codeLens: { refreshSupport: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument,
    window: { workDoneProgress: true, showMessage: {}, showDocument: { support: true } },
    general: { positionEncodings: ['utf-16'] },
  };
}

/**
 * Starts a server. `settings` is what the fake editor answers to `workspace/configuration` for the
 * `looplens` section; `env` adds variables to the server's environment. Returns the connection
 * plus recorders for diagnostics and notifications.
 */
export async function startServer({ settings = {}, locale = 'en', pullDiagnostics = false, rootDir = repoRoot, env = {} } = {}) {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverPath, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...serverProcessEnvironment(process.env), ...env } });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  const diagnosticWaiters = [];
  const notifications = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    diagnostics.set(params.uri, params);
    for (const waiter of [...diagnosticWaiters]) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.onNotification('window/logMessage', (params) => logs.push(params));
  connection.onNotification((method, params) => notifications.push({ method, params }));
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'looplens' ? settings : null)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();

  const initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.100.0' },
    locale,
    rootUri: pathToFileURL(rootDir).href,
    workspaceFolders: [{ uri: pathToFileURL(rootDir).href, name: path.basename(rootDir) }],
    capabilities: editorCapabilities({ pullDiagnostics }),
    initializationOptions: {},
  });
  await connection.sendNotification('initialized', {});

  const versions = new Map();
  return {
    child,
    connection,
    initializeResult,
    diagnostics,
    notifications,
    logs,
    stderr,
    /** Resolves with the next publishDiagnostics for `uri` that `accept` likes. */
    waitForDiagnostics(uri, accept = () => true, timeoutMs = 15000) {
      const existing = diagnostics.get(uri);
      if (existing && accept(existing)) return Promise.resolve(existing);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        diagnosticWaiters.push({ uri, accept, resolve: (value) => { clearTimeout(timer); resolve(value); } });
      });
    },
    open(uri, text, languageId = 'javascript') {
      versions.set(uri, 1);
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    /** Graceful shutdown; resolves with the process exit code. */
    async stop() {
      const exited = once(child, 'exit');
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        child.kill();
      }
      const timer = setTimeout(() => child.kill(), 5000);
      const [code] = await exited;
      clearTimeout(timer);
      connection.dispose();
      return code;
    },
  };
}

/** LSP position (0-based) of the first occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text, needle, delta = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`text not found: ${needle}`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

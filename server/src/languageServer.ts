// The LoopLens language server: LSP glue only. It owns the connection, the open documents, the
// per-document prediction scheduling (debounce, one run in flight, stale results dropped) and
// hands everything else to the pure core (`engine/`, `analysis/`) and to the pure converters in
// `features/`. Runs over IPC from the VS Code client and standalone with `--stdio` for other
// editors and the protocol tests. Every handler catches, logs to the client's output channel and
// answers a harmless fallback: a bug in one feature must never take the server down.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The default import is TypeScript's own module object; `import * as ts` would be the bundler's
// namespace copy, whose every property read is a getter call (see analysisWorker.ts).
import ts from 'typescript';
import * as l10n from '@vscode/l10n';
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  NotificationType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applicableModels, givenWorkspacePath, isInWorkspaceFolder, listWorkspaceDirectory, Predictor, projectRootOf, readWorkspaceBytes, readWorkspaceFile, realWorkspacePath, statWorkspacePath } from './engine';
import type { EngineHost, ModelName, PredictResult } from './engine/types';
import { AnalysisWorkerClient, collectGarbage, createScanMatcher, type AnalysisAnswer, type FileChange, type GraphScope } from './analysisWorker';
import { applyOptions, type AnalysisOptions, type Finding } from './analysis';
import {
  ApplicableModelsRequest,
  ContextTreeRequest,
  DebugStatsRequest,
  PredictionUpdatedNotification,
  PredictRequest,
  StatusNotification,
  type DebugStatsResult,
  type DocumentPrediction,
  type LoopLensInitializationOptions,
} from './protocol';
import { buildCodeLenses } from './features/codeLens';
import { confirmFindings } from './features/confirm';
import { enabledKinds, findingsToCodeActions, findingsToDiagnostics, type FindingLike } from './features/diagnostics';
import { buildHover, declarationHover } from './features/hover';
import { buildInlayHints } from './features/inlayHints';
import { localizeModelResult, localizePrediction, localizeSkipped } from './features/localize';
import { DEFAULT_SETTINGS, normalizeSettings, type LoopLensSettings } from './features/settings';
import { scanSource, type SourceScan } from './features/sourceScan';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

/** What the client said it can do; the server only offers and uses what is listed here. */
interface NegotiatedCapabilities {
  configurationPull: boolean;
  dynamicConfigurationRegistration: boolean;
  inlayHints: boolean;
  inlayHintRefresh: boolean;
  hover: boolean;
  codeLens: boolean;
  codeLensRefresh: boolean;
  codeActions: boolean;
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  watchedFilesRegistration: boolean;
}

let capabilities: NegotiatedCapabilities = {
  configurationPull: false,
  dynamicConfigurationRegistration: false,
  inlayHints: false,
  inlayHintRefresh: false,
  hover: false,
  codeLens: false,
  codeLensRefresh: false,
  codeActions: false,
  pullDiagnostics: false,
  diagnosticRefresh: false,
  watchedFilesRegistration: false,
};

let docsBaseUri = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).href;
let shuttingDown = false;
let initialized = false;

function negotiate(client: ClientCapabilities): NegotiatedCapabilities {
  const text = client.textDocument;
  return {
    configurationPull: client.workspace?.configuration === true,
    dynamicConfigurationRegistration: client.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    inlayHints: text?.inlayHint !== undefined,
    inlayHintRefresh: client.workspace?.inlayHint?.refreshSupport === true,
    hover: text?.hover !== undefined,
    codeLens: text?.codeLens !== undefined,
    codeLensRefresh: client.workspace?.codeLens?.refreshSupport === true,
    codeActions: text?.codeAction !== undefined,
    pullDiagnostics: text?.diagnostic !== undefined,
    diagnosticRefresh: client.workspace?.diagnostics?.refreshSupport === true,
    watchedFilesRegistration: client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
}

// ---- Logging and handler wrapping ----

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function logError(where: string, error: unknown): void {
  try {
    connection.console.error(`[${where}] ${describeError(error)}`);
  } catch {
    // The connection itself may be gone (the client died); there is nowhere left to log to.
  }
}

/** Sends a notification; a failure (the client went away) is logged, never an unhandled rejection. */
function notify<P>(type: NotificationType<P>, params: P): void {
  connection.sendNotification(type.method, params).catch((error: unknown) => logError(`notify ${type.method}`, error));
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Wraps a request handler: a cancelled request answers RequestCancelled, any other failure is
 * logged and answered with `fallback`, so the client never sees a crash.
 */
function guarded<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    // LSP forbids requests before `initialize`; answer them with the error the protocol defines.
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
    try {
      const result = await handler(params, token);
      if (token.isCancellationRequested) throw cancelled();
      return result;
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logError(name, error);
      return fallback;
    }
  };
}

/** Resolves to the promise's value, or to undefined as soon as the token is cancelled. */
function untilCancelled<T>(promise: Promise<T>, token: CancellationToken): Promise<T | undefined> {
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const subscription = token.onCancellationRequested(() => {
      subscription.dispose();
      resolve(undefined);
    });
    promise.then(
      (value) => {
        subscription.dispose();
        resolve(value);
      },
      (error) => {
        subscription.dispose();
        reject(error);
      },
    );
  });
}

/** How long a new prediction waits for the diagnostics of the same version to be out before starting anyway. */
const PREDICTION_WAITS_FOR_ANALYSIS_MS = 2000;

/** How long a hover waits for a running prediction before answering without it. */
const HOVER_PREDICTION_WAIT_MS = 1500;

/** Resolves to the promise's value, or to undefined after `ms`. The promise itself keeps running. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

// ---- Files: open documents first, then the disk ----

function toFsPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** The file name the core sees: the real path for `file:` documents, a stable fake path otherwise (untitled buffers). */
function fileNameOf(document: TextDocument): string {
  const fsPath = toFsPath(document.uri);
  if (fsPath) return fsPath;
  const extension = { javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx' }[document.languageId] ?? '.js';
  return path.join(process.cwd(), `untitled-${encodeURIComponent(document.uri).slice(-40)}${extension}`);
}

function openDocumentByPath(fsPath: string): TextDocument | undefined {
  return documents.get(pathToFileURL(fsPath).href);
}

/**
 * What a prediction of `fileName` may read, list and stat: the workspace folders, and the file's
 * project (projectRootOf) when it lies outside them (a file opened alone), nothing else. Open
 * documents count with their unsaved text, inside those folders only, as files on disk do.
 */
function engineHostFor(fileName: string): EngineHost {
  const inWorkspace = workspaceFolders.some((folder) => {
    const relative = path.relative(folder, fileName);
    return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  });
  const roots = inWorkspace ? workspaceFolders : [...workspaceFolders, projectRootOf(fileName)];
  // An open document counts, saved or not, when its folder is inside the roots, or when the file
  // on disk may be read (a linked package's module, by its link or its real path).
  const mayRead = (fsPath: string) => isInWorkspaceFolder(roots, fsPath) || realWorkspacePath(roots, fsPath) !== undefined;
  // The run names files by their real paths (realPath below, as node does, the entry too); the
  // editor knows them by the workspace folder's name, which may be a link (givenWorkspacePath).
  const openDocument = (fsPath: string) => openDocumentByPath(fsPath) ?? openDocumentByPath(givenWorkspacePath(roots, fsPath));
  return {
    readFile(fsPath) {
      const open = openDocument(fsPath);
      if (open) return mayRead(fsPath) ? open.getText() : undefined;
      return readWorkspaceFile(roots, fsPath);
    },
    readBytes(fsPath) {
      // An open document's bytes are its text's: the editor holds text, as readFile above reads it.
      const open = openDocument(fsPath);
      if (open) return mayRead(fsPath) ? Buffer.from(open.getText(), 'utf8') : undefined;
      return readWorkspaceBytes(roots, fsPath);
    },
    listDirectory: (fsPath) => listWorkspaceDirectory(roots, fsPath),
    statPath: (fsPath) => statWorkspacePath(roots, fsPath),
    // The path real node names a module by (its real path: a linked package's, the entry's).
    realPath: (fsPath) => realWorkspacePath(roots, fsPath),
  };
}

// ---- Settings (pulled from the client, per resource) ----

let pushedSettings: LoopLensSettings = DEFAULT_SETTINGS;
/**
 * Settings pulled per resource. Bounded by what is open: only open documents and workspace folders
 * are cached (a closed document's entry goes in `forget`), so a handler that finishes after its
 * document closed asks the client again instead of leaving an entry behind for good.
 */
const settingsCache = new Map<string, Promise<LoopLensSettings>>();

function isCachedResource(uri: string): boolean {
  if (documents.get(uri)) return true;
  const fsPath = toFsPath(uri);
  return fsPath !== undefined && workspaceFolders.includes(fsPath);
}

function settingsFor(uri: string): Promise<LoopLensSettings> {
  if (!capabilities.configurationPull) return Promise.resolve(pushedSettings);
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'looplens' })
      .then(normalizeSettings, (error) => {
        logError('configuration', error);
        return DEFAULT_SETTINGS;
      });
    if (isCachedResource(uri)) settingsCache.set(uri, cached);
  }
  return cached;
}

/** The models shown for a document: the configured ones that apply to it, else the first applicable one. */
function modelsFor(document: TextDocument, wanted: readonly ModelName[] | 'all'): Pick<PredictOptions, 'skipped' | 'skippedParts'> & { models: ModelName[] } {
  const applicable = applicableOf(document);
  if (wanted === 'all') return applicable;
  const models = wanted.filter((m) => applicable.models.includes(m));
  const skipped: Partial<Record<ModelName, string>> = {};
  const skippedParts: PredictOptions['skippedParts'] = {};
  for (const m of wanted) {
    if (models.includes(m) || !applicable.skipped[m]) continue;
    skipped[m] = applicable.skipped[m];
    skippedParts[m] = applicable.skippedParts[m];
  }
  if (models.length === 0 && applicable.models.length > 0) models.push(applicable.models[0]);
  return { models, skipped, skippedParts };
}

// ---- Predictions: one in flight per document, debounced, stale results dropped ----

let predictor: Predictor | undefined;

function getPredictor(): Predictor {
  predictor ??= new Predictor({ ts });
  return predictor;
}

interface PredictionRun {
  version: number;
  controller: AbortController;
  promise: Promise<DocumentPrediction | undefined>;
}

interface DocumentState {
  debounce?: NodeJS.Timeout;
  run?: PredictionRun;
  latest?: DocumentPrediction;
  /** The source scan of a version: computed here for small documents, in the analysis worker for large ones. */
  scan?: { version: number; scan: Promise<SourceScan> };
  /** Which models apply to a version (a lexical pass over the whole text, asked by several handlers). */
  applicable?: { version: number; value: ReturnType<typeof applicableModels> };
  findings?: { version: number; findings: Promise<FindingLike[]> };
  /** The debounced diagnostics of a version, settled once they are published (push) or computed (pull). */
  diagnostics?: { version: number; done: Promise<void> };
  /**
   * The latest cycle-hazard findings whose reading line is in this document (raw, before settings),
   * from whichever analysis last looked at the module graph: an edit in another module updates them.
   */
  cycles?: Finding[];
}

/**
 * Per-document state, at most one per OPEN document: `forget` drops it on close. A handler that
 * resumes after its document closed gets a throwaway state, so nothing is kept for a closed
 * document (the `looplens/debugStats` protocol test holds this to account).
 */
const states = new Map<string, DocumentState>();

function stateOf(uri: string): DocumentState {
  let state = states.get(uri);
  if (!state) {
    state = {};
    if (documents.get(uri)) states.set(uri, state);
  }
  return state;
}

interface PredictOptions {
  trace?: boolean;
  budgets?: Partial<LoopLensSettings['budgets']>;
  /** Models left out because they do not apply to the file, with the reason (shown in the view). */
  skipped?: Partial<Record<ModelName, string>>;
  /** The same reasons as localisable messages. */
  skippedParts?: PredictResult['skippedParts'];
}

async function predictOnce(document: TextDocument, models: ModelName[], settings: LoopLensSettings, signal: AbortSignal, options: PredictOptions = {}): Promise<DocumentPrediction> {
  const fileName = fileNameOf(document);
  try {
    const result = await getPredictor().predict(
      { fileName, text: document.getText(), models, budgets: { ...settings.budgets, ...options.budgets }, trace: options.trace === true },
      engineHostFor(fileName),
      signal,
    );
    if (options.skipped && Object.keys(options.skipped).length > 0) result.skipped = { ...options.skipped, ...result.skipped };
    if (options.skippedParts && Object.keys(options.skippedParts).length > 0) result.skippedParts = { ...options.skippedParts, ...result.skippedParts };
    return { uri: document.uri, version: document.version, models, result };
  } catch (error) {
    if (signal.aborted) throw error;
    logError('predict', error);
    const empty: PredictResult = { file: fileName, models: {} };
    return { uri: document.uri, version: document.version, models, result: empty, error: error instanceof Error ? error.message : String(error) };
  }
}

function isLarge(document: TextDocument, settings: LoopLensSettings): boolean {
  return document.getText().length > settings.maxFileSizeKb * 1024;
}

/**
 * The prediction for the document's current version with the configured models: the cached one,
 * the one in flight, or a new run (which aborts a run for an older version).
 */
async function currentPrediction(uri: string): Promise<DocumentPrediction | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const state = stateOf(uri);
  // The document object is updated in place by each edit: its version, read now, is what this call is for.
  const version = document.version;
  if (state.latest?.version === version) return state.latest;
  if (state.run?.version === version) return state.run.promise;
  state.run?.controller.abort();
  // The analysis of this version goes first: the prediction's preparation parses and rewrites the
  // file on this thread, and while it runs the analysis worker's answer and the diagnostics' write
  // wait (the 5,000-line bench file: didOpen -> diagnostics median about 920 ms with both at once,
  // 490 ms with the diagnostics first, nearly idle machine). Bounded, so slow diagnostics never
  // hold the prediction back for long.
  const diagnosing = state.diagnostics?.version === version ? state.diagnostics.done : undefined;
  if (diagnosing) await withTimeout(diagnosing, PREDICTION_WAITS_FOR_ANALYSIS_MS);
  const settings = await settingsFor(uri);
  // The user may have typed (or closed the file) while this waited: a newer call predicts the newer
  // text after its own diagnostics. Re-check the run too, so two callers share one.
  if (documents.get(uri)?.version !== version) return undefined;
  if (state.run?.version === version) return state.run.promise;
  const { models, skipped, skippedParts } = modelsFor(document, settings.models);
  const controller = new AbortController();
  notify(StatusNotification, { uri, models, busy: true });
  const promise = predictOnce(document, models, settings, controller.signal, { skipped, skippedParts }).then(
    (prediction) => {
      const now = documents.get(uri);
      if (state.run?.promise === promise) state.run = undefined;
      // A result for text the user has already changed is dropped, never shown.
      if (!now || now.version !== version) return undefined;
      state.latest = prediction;
      notify(StatusNotification, { uri, models, busy: false });
      // The prediction confirms or refutes the static TDZ findings: show the diagnostics again with it.
      if (!capabilities.pullDiagnostics) publishDiagnostics(uri).catch((error) => logError('diagnostics', error));
      else if (capabilities.diagnosticRefresh) {
        // A pull client re-requests every open document on refresh: ask only when a TDZ error can change.
        void state.findings?.findings.then((findings) => {
          if (findings.some((finding) => finding.kind === 'tdz' && finding.severity === 'error')) {
            connection.languages.diagnostics.refresh().catch((error) => logError('diagnostics.refresh', error));
          }
        });
      }
      notify(PredictionUpdatedNotification, prediction);
      refreshEditorViews();
      return prediction;
    },
    (error) => {
      if (state.run?.promise === promise) state.run = undefined;
      if (!controller.signal.aborted) logError('predict', error);
      return undefined;
    },
  );
  state.run = { version, controller, promise };
  return promise;
}

let refreshPending = false;

/** Asks the client to re-request inlay hints and code lenses (coalesced: one request per turn). */
function refreshEditorViews(): void {
  if (refreshPending) return;
  refreshPending = true;
  setImmediate(() => {
    refreshPending = false;
    if (capabilities.inlayHintRefresh) connection.languages.inlayHint.refresh().catch((error) => logError('inlayHint.refresh', error));
    if (capabilities.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch((error) => logError('codeLens.refresh', error));
  });
}

/**
 * Above this many characters the source scan (a full parse) runs in the analysis worker: parsing a
 * 5 MB document takes seconds, and on this thread it would hold up every other document's hovers,
 * hints and typing. Below it the scan is quicker here than a round trip to a worker that may be busy.
 */
const MAIN_THREAD_SCAN_LIMIT = 256 * 1024;

const EMPTY_SCAN: SourceScan = { consoleCalls: [], schedulingSites: [], declarations: [] };

/** The document's source scan for its current version, computed once per version. */
function scanOf(document: TextDocument): Promise<SourceScan> {
  const state = stateOf(document.uri);
  if (state.scan?.version === document.version) return state.scan.scan;
  const text = document.getText();
  const fileName = fileNameOf(document);
  const scan = text.length <= MAIN_THREAD_SCAN_LIMIT
    ? Promise.resolve(scanSource(ts, text, fileName))
    : getAnalysisWorker().scan(fileName, text).catch((error: unknown) => {
      logError('scan', error);
      // Not cached: the next request for this version tries again.
      if (state.scan?.scan === scan) state.scan = undefined;
      return EMPTY_SCAN;
    });
  state.scan = { version: document.version, scan };
  return scan;
}

/** Which models apply to the document's current version, computed once per version. */
function applicableOf(document: TextDocument): ReturnType<typeof applicableModels> {
  const state = stateOf(document.uri);
  if (state.applicable?.version !== document.version) state.applicable = { version: document.version, value: applicableModels(document.getText(), fileNameOf(document)) };
  return state.applicable.value;
}

let analysisWorker: AnalysisWorkerClient | undefined;

function getAnalysisWorker(): AnalysisWorkerClient {
  analysisWorker ??= new AnalysisWorkerClient(__filename, (message) => logError('analysis', message), rescanAfterLostWorker);
  return analysisWorker;
}

// ---- Static analysis: one long-lived module graph per workspace folder, in the analysis worker ----

let workspaceFolders: string[] = [];

/** The workspace folder a file belongs to (the innermost one), or '' when it is in none. */
function folderOf(fsPath: string): string {
  let best = '';
  for (const folder of workspaceFolders) {
    if ((fsPath === folder || fsPath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep)) && folder.length > best.length) best = folder;
  }
  return best;
}

/** The folder's graph scope: its include/exclude settings and the unsaved texts of its other open documents. */
async function graphScopeOf(root: string, except?: string): Promise<GraphScope> {
  // Resource-scoped settings: the folder's own, or the analysed document's outside every folder.
  const settings = await settingsFor(root ? pathToFileURL(root).href : (except ?? ''));
  const openFiles: Record<string, string> = {};
  for (const open of documents.all()) {
    const openPath = toFsPath(open.uri);
    if (openPath && open.uri !== except && folderOf(openPath) === root) openFiles[openPath] = open.getText();
  }
  return { root, filter: { include: settings.cycles.include, exclude: settings.cycles.exclude }, openFiles };
}

function analysisOptionsOf(settings: LoopLensSettings): AnalysisOptions {
  return { families: enabledKinds(settings.diagnostics), severity: settings.diagnostics.severity, includeStyle: settings.diagnostics.includeStyle };
}

/**
 * Takes the cycle findings of an analysis answer: each open document whose hazards changed gets them
 * and, unless it is `analysed` (which publishes on its own), its diagnostics are published again.
 */
function applyCycleAnswer(answer: AnalysisAnswer, analysed?: string): void {
  if (!answer.cycles) return;
  let changedElsewhere = false;
  for (const document of documents.all()) {
    const fsPath = toFsPath(document.uri);
    if (!fsPath || !Object.prototype.hasOwnProperty.call(answer.cycles, fsPath)) continue;
    const state = stateOf(document.uri);
    const cycles = answer.cycles[fsPath];
    if (JSON.stringify(state.cycles ?? []) === JSON.stringify(cycles)) continue;
    state.cycles = cycles;
    if (document.uri === analysed) continue;
    changedElsewhere = true;
    if (!capabilities.pullDiagnostics) publishDiagnostics(document.uri).catch((error) => logError('diagnostics', error));
  }
  if (changedElsewhere && capabilities.pullDiagnostics && capabilities.diagnosticRefresh) {
    connection.languages.diagnostics.refresh().catch((error) => logError('diagnostics.refresh', error));
  }
}

/** The document's own static findings (no cycle hazards) for its current version, computed once per version in the analysis worker. */
function fileFindingsOf(document: TextDocument, settings: LoopLensSettings): Promise<FindingLike[]> {
  const state = stateOf(document.uri);
  if (state.findings?.version !== document.version) {
    const fileName = fileNameOf(document);
    const options = analysisOptionsOf(settings);
    const findings = graphScopeOf(toFsPath(document.uri) ? folderOf(fileName) : '', document.uri)
      .then((scope) => getAnalysisWorker().analyze(fileName, document.getText(), options, scope))
      .then((answer) => {
        applyCycleAnswer(answer, document.uri);
        // An excluded file, or circular imports switched off: no hazards of its own to show.
        if (!answer.cycles) state.cycles = [];
        return answer.findings as FindingLike[];
      })
      .catch((error: unknown) => {
        logError('analysis', error);
        // A failed run is not cached: the next request for this version tries again.
        if (state.findings?.findings === findings) state.findings = undefined;
        return [] as FindingLike[];
      });
    state.findings = { version: document.version, findings };
  }
  return state.findings.findings;
}

/**
 * All static findings of the document: its own, plus the cycle hazards read in it as the module
 * graph last saw them, with the settings applied and TDZ errors checked against the prediction.
 */
async function findingsOf(document: TextDocument, settings: LoopLensSettings): Promise<FindingLike[]> {
  const own = await fileFindingsOf(document, settings);
  const state = stateOf(document.uri);
  const cycles = applyOptions(state.cycles ?? [], analysisOptionsOf(settings)) as FindingLike[];
  // Confirming parses the text here, on the thread that answers the editor: not for large documents.
  const prediction = state.latest?.version === document.version && !isLarge(document, settings) ? state.latest.result : undefined;
  return confirmFindings(ts, document.getText(), fileNameOf(document), [...own, ...cycles], prediction);
}

async function diagnosticsOf(document: TextDocument): Promise<Diagnostic[]> {
  const settings = await settingsFor(document.uri);
  return findingsToDiagnostics(await findingsOf(document, settings), fileNameOf(document), settings.diagnostics, docsBaseUri);
}

async function publishDiagnostics(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document || capabilities.pullDiagnostics) return;
  const version = document.version;
  const diagnostics = await diagnosticsOf(document);
  if (documents.get(uri)?.version !== version) return;
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

/** Disk changes reported by the client's file watcher, handed to the graphs of the folders they are in. */
async function filesChangedOnDisk(changes: FileChange[]): Promise<void> {
  const byFolder = new Map<string, FileChange[]>();
  for (const change of changes) {
    const root = folderOf(change.file);
    byFolder.set(root, [...(byFolder.get(root) ?? []), change]);
  }
  for (const [root, folderChanges] of byFolder) {
    const answer = await getAnalysisWorker().filesChanged(folderChanges, await graphScopeOf(root));
    applyCycleAnswer(answer);
  }
}

// ---- Workspace scan: every module of each folder joins its graph once, in the background ----

/**
 * The most files one scan step is offered. Each step is one request to the analysis worker, which
 * stops adding files after a 20 ms budget (SCAN_STEP_BUDGET_MS there); the server sends the next step
 * only after the previous one is answered, so a user's check waits behind at most one step.
 */
const SCAN_STEP_FILES = 256;
/** Directory entries the listing looks at, per file it may admit: bounds the walk of a huge folder of other files. */
const SCAN_ENTRIES_PER_FILE = 20;
/** How often the scan asks whether the analysis warm-up has finished before it starts. */
const SCAN_WARM_UP_POLL_MS = 200;
/** Folders never walked: dependencies and version control (the include/exclude globs cannot bring them back, by design). */
const SCAN_SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const SCAN_SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/i;
const SCAN_DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/** The running scans' cancellation: a new round of scans (settings changed) or the shutdown stops them. */
let scanGeneration = 0;
/** The scan settings each folder was last completely scanned with: a configuration change that keeps them needs no new scan. */
const completedScans = new Map<string, string>();

interface ScanListing {
  files: string[];
  /** The listing stopped at the file limit (or the entry limit) before the folder was fully walked. */
  truncated: boolean;
}

/**
 * The source files of a folder the cycles include/exclude globs admit, breadth first, at most
 * `maxFiles`. Symbolic links are not followed: a linked folder could loop back, and module resolution
 * names linked modules by their real path anyway, which a walk of the link would duplicate.
 */
async function listScanFiles(root: string, inScan: (file: string) => boolean, maxFiles: number, stopped: () => boolean): Promise<ScanListing> {
  const files: string[] = [];
  const folders = [root];
  let entriesLeft = maxFiles * SCAN_ENTRIES_PER_FILE;
  while (folders.length > 0) {
    if (stopped()) return { files, truncated: true };
    const folder = folders.shift()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(folder, { withFileTypes: true });
    } catch {
      // An unreadable folder (permissions, deleted meanwhile) is skipped; the rest of the scan goes on.
      continue;
    }
    for (const entry of entries) {
      if (--entriesLeft < 0 || files.length >= maxFiles) return { files, truncated: true };
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        // A nested workspace folder has a graph (and a scan) of its own, where its files' documents are analysed.
        if (!SCAN_SKIPPED_FOLDERS.has(entry.name) && !workspaceFolders.includes(full)) folders.push(full);
      } else if (entry.isFile() && SCAN_SOURCE_FILE.test(entry.name) && !SCAN_DECLARATION_FILE.test(entry.name) && inScan(full)) {
        files.push(full);
      }
    }
  }
  return { files, truncated: false };
}

/** Resolves once the analysis worker's warm-up is no longer running, so the scan never competes with it. */
async function afterAnalysisWarmUp(stopped: () => boolean): Promise<void> {
  for (;;) {
    if (stopped()) return;
    const stats = await getAnalysisWorker().stats(false).catch(() => null);
    if (!stats || stats.warmUp.state !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, SCAN_WARM_UP_POLL_MS));
  }
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/**
 * Scans one workspace folder into its module graph, with work-done progress when the client supports
 * it (the library sends nothing otherwise). Cancelling the progress, new settings or the shutdown
 * stop it between two steps. Afterwards the open documents' cycle findings are refreshed.
 */
async function scanWorkspaceFolder(root: string, generation: number): Promise<void> {
  const settings = await settingsFor(pathToFileURL(root).href);
  if (!settings.diagnostics.circularImports || settings.cycles.maxScanFiles === 0) return;
  const scanKey = JSON.stringify(settings.cycles);
  if (completedScans.get(root) === scanKey) return;
  const progress = await connection.window.createWorkDoneProgress();
  const stopped = (): boolean => shuttingDown || generation !== scanGeneration || progress.token.isCancellationRequested;
  progress.begin(l10n.t('Scanning for import cycles'), 0, l10n.t('Listing the files of {0}', path.basename(root)), true);
  try {
    const maxFiles = settings.cycles.maxScanFiles;
    const listing = await listScanFiles(root, createScanMatcher(root, settings.cycles), maxFiles, stopped);
    if (listing.truncated && !stopped()) {
      connection.console.info(`[workspace scan] ${root}: stopped listing at ${formatCount(listing.files.length)} files; looplens.cycles.maxScanFiles is ${formatCount(maxFiles)}`);
    }
    const total = listing.files.length;
    const started = performance.now();
    let longestStepMs = 0;
    // The steps need the folder's globs only; the open buffers travel with the last step.
    const stepScope: GraphScope = { root, filter: { include: settings.cycles.include, exclude: settings.cycles.exclude }, openFiles: {} };
    let scanned = 0;
    // Modules the files taken so far import that the worker has not visited yet: the scan goes on until none are left.
    let backlog = 0;
    let steps = 0;
    while (scanned < total || backlog > 0) {
      if (stopped()) return;
      const step = listing.files.slice(scanned, scanned + SCAN_STEP_FILES);
      const stepStarted = performance.now();
      const answer = await getAnalysisWorker().addFiles(step, maxFiles, false, stepScope);
      longestStepMs = Math.max(longestStepMs, performance.now() - stepStarted);
      steps++;
      // A step that spent its time on the backlog takes no file; every step visits a module or takes a file.
      scanned += answer.filesTaken ?? step.length;
      backlog = answer.scanBacklog ?? 0;
      progress.report(Math.floor((scanned / total) * 100), l10n.t('{0} / {1} files', formatCount(scanned), formatCount(total)));
      // Lets the editor's requests that arrived meanwhile go first on this thread.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stopped()) return;
    const findingsStarted = performance.now();
    applyCycleAnswer(await getAnalysisWorker().addFiles([], maxFiles, true, await graphScopeOf(root)));
    completedScans.set(root, scanKey);
    const now = performance.now();
    connection.console.info(`[workspace scan] ${root}: ${formatCount(total)} files in ${Math.round(now - started)} ms, ${formatCount(steps)} steps, longest step ${Math.round(longestStepMs)} ms, cycle findings ${Math.round(now - findingsStarted)} ms`);
  } finally {
    progress.done();
  }
}

/** How many times the scans start again after the analysis worker was lost (a file that crashes it must not loop). */
const MAX_RESCANS_AFTER_LOST_WORKER = 2;
let rescansAfterLostWorker = 0;

/**
 * The analysis worker crashed, exited or timed out, and its module graphs went with it: the scanned
 * modules that no open document imports would silently drop out of the cycle findings. The scans
 * start again (a bounded number of times), after the replacement worker's warm-up.
 */
function rescanAfterLostWorker(reason: Error): void {
  completedScans.clear();
  if (shuttingDown || workspaceFolders.length === 0) return;
  if (rescansAfterLostWorker >= MAX_RESCANS_AFTER_LOST_WORKER) {
    connection.console.warn(`[workspace scan] the analysis worker was lost again (${reason.message}); import cycles through unopened files are found only as files are opened.`);
    return;
  }
  rescansAfterLostWorker++;
  startWorkspaceScans();
}

/** Starts a new round of workspace scans, one folder after the other; a round still running stops at its next step. */
function startWorkspaceScans(): void {
  const generation = ++scanGeneration;
  void (async () => {
    await afterAnalysisWarmUp(() => shuttingDown || generation !== scanGeneration);
    for (const root of workspaceFolders) {
      if (shuttingDown || generation !== scanGeneration) return;
      await scanWorkspaceFolder(root, generation).catch((error) => logError('workspace scan', error));
    }
  })();
}

function scheduleWork(uri: string): void {
  const state = stateOf(uri);
  if (state.debounce) clearTimeout(state.debounce);
  const document = documents.get(uri);
  // The text changed: a run for the old text is superseded now, not after the debounce.
  if (state.run && state.run.version !== document?.version) {
    state.run.controller.abort();
    state.run = undefined;
  }
  void settingsFor(uri).then((settings) => {
    if (state.debounce) clearTimeout(state.debounce);
    state.debounce = setTimeout(() => {
      state.debounce = undefined;
      if (shuttingDown) return;
      const current = documents.get(uri);
      // The diagnostics go first (for a pull client: the findings its next request reads), and the
      // prediction started next waits until they are out instead of holding up this thread meanwhile.
      const diagnosed = capabilities.pullDiagnostics
        ? current ? fileFindingsOf(current, settings).then(() => undefined) : Promise.resolve()
        : publishDiagnostics(uri).catch((error) => logError('diagnostics', error));
      if (current) state.diagnostics = { version: current.version, done: diagnosed };
      if (current && !isLarge(current, settings)) currentPrediction(uri).catch((error) => logError('predict', error));
    }, settings.debounceMs);
  });
}

function forget(uri: string): void {
  const state = states.get(uri);
  if (state?.debounce) clearTimeout(state.debounce);
  state?.run?.controller.abort();
  states.delete(uri);
  settingsCache.delete(uri);
}

// ---- Localisation of runtime strings (hovers, hints, lenses) ----

function configureL10n(params: InitializeParams): void {
  const options = (params.initializationOptions ?? {}) as LoopLensInitializationOptions & { l10nBundlePath?: string };
  const candidates: string[] = [];
  if (typeof options.l10nBundlePath === 'string') candidates.push(options.l10nBundlePath);
  const locale = (params.locale ?? '').toLowerCase();
  if (locale && locale !== 'en' && !locale.startsWith('en-')) {
    const bundleDir = path.join(__dirname, '..', 'l10n');
    candidates.push(path.join(bundleDir, `bundle.l10n.${locale}.json`), path.join(bundleDir, `bundle.l10n.${locale.split('-')[0]}.json`));
  }
  for (const candidate of candidates) {
    if (fs.existsSync(candidate)) {
      l10n.config({ fsPath: candidate });
      return;
    }
  }
}

// ---- Lifecycle ----

connection.onInitialize((params: InitializeParams): InitializeResult => {
  initialized = true;
  capabilities = negotiate(params.capabilities);
  const options = (params.initializationOptions ?? {}) as LoopLensInitializationOptions;
  const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folderUris.map(toFsPath).filter((folder): folder is string => folder !== undefined);
  if (typeof options.docsBaseUri === 'string' && options.docsBaseUri.length > 0) docsBaseUri = options.docsBaseUri;
  try {
    configureL10n(params);
  } catch (error) {
    logError('l10n', error);
  }
  const result: InitializeResult = {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'LoopLens', version: '0.1.0' },
  };
  if (capabilities.hover) result.capabilities.hoverProvider = true;
  if (capabilities.inlayHints) result.capabilities.inlayHintProvider = { resolveProvider: false };
  if (capabilities.codeLens) result.capabilities.codeLensProvider = { resolveProvider: false };
  if (capabilities.codeActions) result.capabilities.codeActionProvider = { codeActionKinds: ['quickfix'] };
  if (capabilities.pullDiagnostics) result.capabilities.diagnosticProvider = { identifier: 'looplens', interFileDependencies: true, workspaceDiagnostics: false };
  return result;
});

connection.onInitialized(() => {
  // Start the analysis worker now: loading it takes a moment, better spent before the first file opens.
  getAnalysisWorker().warmUp();
  // The engine worker too: starting it and instantiating QuickJS is most of the first prediction's wait.
  getPredictor().warmUp().catch((error) => logError('engine warm-up', error));
  startWorkspaceScans();
  if (capabilities.dynamicConfigurationRegistration) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'looplens' }).catch((error) => logError('register', error));
  }
  if (capabilities.watchedFilesRegistration) {
    // Disk changes to modules and to the files that steer resolution keep the module graphs current.
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,json}' }] })
      .catch((error) => logError('register', error));
  }
});

connection.onDidChangeWatchedFiles((params) => {
  try {
    const changes: FileChange[] = [];
    for (const change of params.changes) {
      const file = toFsPath(change.uri);
      if (!file) continue;
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      changes.push({ file, kind });
    }
    if (changes.length > 0 && !shuttingDown) filesChangedOnDisk(changes).catch((error) => logError('didChangeWatchedFiles', error));
  } catch (error) {
    logError('didChangeWatchedFiles', error);
  }
});

connection.onDidChangeConfiguration((change) => {
  try {
    settingsCache.clear();
    const raw = (change.settings as { looplens?: unknown } | null)?.looplens;
    if (!capabilities.configurationPull) pushedSettings = normalizeSettings(raw);
    for (const state of states.values()) {
      state.latest = undefined;
      state.findings = undefined;
    }
    for (const document of documents.all()) scheduleWork(document.uri);
    // New include/exclude globs rebuild the folders' graphs, which then hold only the open documents' imports.
    startWorkspaceScans();
    if (capabilities.pullDiagnostics && capabilities.diagnosticRefresh) connection.languages.diagnostics.refresh().catch((error) => logError('diagnostics.refresh', error));
  } catch (error) {
    logError('didChangeConfiguration', error);
  }
});

connection.onShutdown(async () => {
  shuttingDown = true;
  for (const uri of [...states.keys()]) forget(uri);
  const current = predictor;
  predictor = undefined;
  const analysis = analysisWorker;
  analysisWorker = undefined;
  await Promise.all([current?.dispose(), analysis?.dispose()]).catch((error) => logError('shutdown', error));
});

// ---- Documents ----

documents.onDidChangeContent((change) => {
  try {
    scheduleWork(change.document.uri);
  } catch (error) {
    logError('didChange', error);
  }
});

documents.onDidClose((event) => {
  try {
    forget(event.document.uri);
    if (!capabilities.pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // The module graph goes back to the file on disk; hazards in other open documents may change with it.
    const closedPath = toFsPath(event.document.uri);
    if (closedPath && !shuttingDown) filesChangedOnDisk([{ file: closedPath, kind: 'changed' }]).catch((error) => logError('didClose', error));
  } catch (error) {
    logError('didClose', error);
  }
});

// ---- Standard features ----

connection.languages.inlayHint.on(
  guarded('inlayHint', null, async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    if (settings.inlayHints.style === 'off') return [];
    const state = stateOf(document.uri);
    // Large files are predicted only on request: show the last requested prediction, never start one.
    const prediction = isLarge(document, settings) ? state.latest : await untilCancelled(currentPrediction(document.uri), token);
    if (token.isCancellationRequested) throw cancelled();
    if (!prediction || prediction.version !== documents.get(document.uri)?.version) return [];
    const scan = await scanOf(document);
    if (token.isCancellationRequested) throw cancelled();
    return buildInlayHints(document, scan.consoleCalls, prediction.models, prediction.result.models, settings.inlayHints, params.range);
  }),
);

connection.onHover(
  guarded('hover', null, async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    const scan = await scanOf(document);
    if (token.isCancellationRequested) throw cancelled();
    const offset = document.offsetAt(params.position);
    const onPredictedThing = scan.consoleCalls.some((c) => c.start <= offset && offset <= c.end) || scan.schedulingSites.some((s) => s.start <= offset && offset <= s.end);
    // Declarations are explained from the source alone: no need to wait for a prediction.
    if (!onPredictedThing) return declarationHover(document, scan, offset) ?? null;
    const state = stateOf(document.uri);
    // A hover must come quickly: wait a little for the prediction, then explain without it.
    const prediction = isLarge(document, settings) ? state.latest : await untilCancelled(withTimeout(currentPrediction(document.uri), HOVER_PREDICTION_WAIT_MS), token);
    if (token.isCancellationRequested) throw cancelled();
    const fresh = prediction && prediction.version === documents.get(document.uri)?.version ? prediction : undefined;
    const models = fresh?.models ?? modelsFor(document, settings.models).models;
    return buildHover(document, scan, offset, models, fresh?.result.models ?? {});
  }),
);

connection.onCodeLens(
  guarded('codeLens', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    return buildCodeLenses(document.uri, modelsFor(document, settings.models).models);
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const settings = await settingsFor(document.uri);
    return findingsToCodeActions(await findingsOf(document, settings), fileNameOf(document), settings.diagnostics, docsBaseUri, params.range);
  }),
);

connection.languages.diagnostics.on(
  guarded('diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: await diagnosticsOf(document) };
  }),
);

// ---- LoopLens requests ----

connection.onRequest(
  PredictRequest,
  guarded('looplens/predict', null, async (params, token) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    if (params.models === undefined && params.budgets === undefined) {
      // The configured models: share the document's own run (and its cache).
      const prediction = await untilCancelled(currentPrediction(document.uri), token);
      if (token.isCancellationRequested) throw cancelled();
      return prediction ? { ...prediction, result: localizePrediction(prediction.result) } : null;
    }
    // Other models or budgets: a dedicated run, stopped when the request is cancelled.
    const { models, skipped, skippedParts } = modelsFor(document, params.models ?? settings.models);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const prediction = await untilCancelled(predictOnce(document, models, settings, controller.signal, { budgets: params.budgets, skipped, skippedParts }), token);
      if (token.isCancellationRequested) throw cancelled();
      if (prediction && prediction.version !== documents.get(document.uri)?.version) return null;
      return prediction ? { ...prediction, result: localizePrediction(prediction.result) } : null;
    } finally {
      subscription.dispose();
    }
  }),
);

connection.onRequest(
  ContextTreeRequest,
  guarded('looplens/contextTree', null, async (params, token) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const settings = await settingsFor(document.uri);
    const model = params.model ?? modelsFor(document, settings.models).models[0] ?? 'node';
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const prediction = await untilCancelled(predictOnce(document, [model], settings, controller.signal, { trace: true }), token);
      if (token.isCancellationRequested || !prediction) throw cancelled();
      const result = prediction.result.models[model] && localizeModelResult(prediction.result.models[model]);
      return {
        uri: document.uri,
        version: prediction.version,
        model,
        trace: result?.trace ?? null,
        output: result,
        reason: result?.trace ? undefined : (prediction.error ?? l10n.t('The engine did not record an execution-context trace for this file.')),
      };
    } finally {
      subscription.dispose();
    }
  }),
);

connection.onRequest(
  ApplicableModelsRequest,
  guarded('looplens/applicableModels', null, (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    const applicable = applicableModels(document.getText(), fileNameOf(document));
    return { models: applicable.models, skipped: localizeSkipped(applicable.skipped, applicable.skippedParts) };
  }),
);

connection.onRequest(DebugStatsRequest, async (params): Promise<DebugStatsResult> => {
  const collect = params?.collectGarbage === true;
  // The workers first: their answers are what the main thread waits for, so this thread collects last.
  const analysis = await (analysisWorker?.stats(collect) ?? Promise.resolve(null)).catch((error: unknown) => {
    logError('debugStats', error);
    return null;
  });
  const engine = await (predictor?.workerStats(collect) ?? Promise.resolve(null)).catch((error: unknown) => {
    logError('debugStats', error);
    return null;
  });
  if (collect) collectGarbage();
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return {
    openDocuments: documents.all().length,
    documentStates: states.size,
    settingsCacheEntries: settingsCache.size,
    main: { rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal), externalMb: mb(memory.external), arrayBuffersMb: mb(memory.arrayBuffers) },
    analysis,
    engine,
  };
});

documents.listen(connection);
connection.listen();

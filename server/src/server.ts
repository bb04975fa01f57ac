// Entry point of dist/server.js. The same bundle plays two roles: the language server (the main
// thread, started by the client over IPC or with --stdio) and the static-analysis worker thread
// it spawns from this very file, so that the analysis never blocks the editor's requests.
import { isAnalysisWorker, runAnalysisWorker } from './analysisWorker';

if (isAnalysisWorker()) {
  runAnalysisWorker();
} else {
  // Loaded lazily so that the worker thread never creates an LSP connection of its own.
  void import('./languageServer.js');
}

// Entry point of dist/server.js. The same bundle plays two roles: the language server (the main
// thread, started by the client over IPC or with --stdio) and the static-analysis worker thread
// it spawns from this very file, so that the analysis never blocks the editor's requests.
import { setFlagsFromString } from 'node:v8';
import { isAnalysisWorker, runAnalysisWorker } from './analysisWorker';

if (isAnalysisWorker()) {
  runAnalysisWorker();
} else {
  // The client starts the server with --max-semi-space-size=2 (SERVER_EXEC_ARGV) to keep the main
  // thread's young generation small. V8 applies that flag to every isolate created after it too,
  // over the young generation their resourceLimits ask for: measured (session 11), the analysis
  // worker got 4 MB instead of its 32 MB (ANALYSIS_WORKER_RESOURCE_LIMITS), and its checks of the
  // benchmark's 5,000-line file took 50-100 ms instead of 35-50. This thread's heap is configured by
  // now and keeps its 2 MB semispaces; with the flag cleared, each worker sizes its own.
  setFlagsFromString('--max-semi-space-size=0');
  // Loaded lazily so that the worker thread never creates an LSP connection of its own.
  void import('./languageServer.js');
}
